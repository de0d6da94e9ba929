"""localstripe on loopback, plus a small fake of the two Checkout Session endpoints it lacks.

localstripe implements PaymentIntents, charges and refunds; Stripe Checkout (hosted page, Bancontact)
does not exist there. The fake keeps sessions in memory and backs each one with a real localstripe
PaymentIntent, so paying and refunding go through localstripe's own code.
"""

import asyncio
import socket
import threading
import time
import warnings

from aiohttp import web

CHECKOUT_SESSIONS: dict[str, dict] = {}
# Called with the posted form while a session is being created, i.e. while our code waits on Stripe:
# tests use it to look at the database from outside at exactly that moment.
ON_SESSION_CREATE: list = []


WEBHOOK_SECRET = "whsec_test_dorpsplein"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _session_view(session: dict) -> dict:
    from localstripe.resources import PaymentIntent

    intent = PaymentIntent._api_retrieve(session["payment_intent"])
    paid = intent.status == "succeeded"
    status = "complete" if paid else ("expired" if session.get("expired") else "open")
    return {
        **session,
        "payment_status": "paid" if paid else "unpaid",
        "status": status,
        "url": None if status != "open" else session["url"],
    }


def _add_checkout_routes(app: web.Application, base_url: str) -> None:
    from localstripe.resources import PaymentIntent
    from localstripe.server import get_post_data, json_response

    async def create_session(request):
        data = await get_post_data(request)
        for hook in list(ON_SESSION_CREATE):
            await asyncio.get_running_loop().run_in_executor(None, hook, data)
        amount = sum(
            int(i["price_data"]["unit_amount"]) * int(i.get("quantity", 1)) for i in data["line_items"]
        )
        intent = PaymentIntent(
            amount=amount,
            currency="eur",
            payment_method="pm_card_visa",  # the card the customer will type on the hosted page
            metadata=(data.get("payment_intent_data") or {}).get("metadata") or {},
        )
        session_id = f"cs_test_{len(CHECKOUT_SESSIONS) + 1:06d}{int(time.time())}"
        CHECKOUT_SESSIONS[session_id] = {
            "id": session_id,
            "object": "checkout.session",
            "url": f"{base_url}/pay/{session_id}",
            "mode": data["mode"],
            "payment_intent": intent.id,
            "amount_total": amount,
            "currency": "eur",
            "locale": data.get("locale"),
            "payment_method_types": data.get("payment_method_types"),
            "metadata": data.get("metadata") or {},
            "client_reference_id": data.get("client_reference_id"),
            "customer_email": data.get("customer_email"),
            "success_url": data["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id),
            "cancel_url": data["cancel_url"],
            "expires_at": int(data["expires_at"]) if data.get("expires_at") else None,
        }
        return json_response(_session_view(CHECKOUT_SESSIONS[session_id]))

    async def retrieve_session(request):
        session = CHECKOUT_SESSIONS.get(request.match_info["id"])
        if session is None:
            return json_response(
                {"error": {"type": "invalid_request_error", "message": "No such session"}}, status=404
            )
        return json_response(_session_view(session))

    async def expire_session(request):
        session = CHECKOUT_SESSIONS.get(request.match_info["id"])
        if session is None or _session_view(session)["status"] != "open":
            return json_response(
                {"error": {"type": "invalid_request_error", "message": "Session is not open"}}, status=400
            )
        session["expired"] = True
        return json_response(_session_view(session))

    app.router.add_post("/v1/checkout/sessions", create_session)
    app.router.add_get("/v1/checkout/sessions/{id}", retrieve_session)
    app.router.add_post("/v1/checkout/sessions/{id}/expire", expire_session)


class LoopbackStripe:
    def __init__(self) -> None:
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._loop = asyncio.new_event_loop()
        self._runner = None

    def start(self) -> None:
        with warnings.catch_warnings():
            # localstripe registers plain (non-async) handlers, which aiohttp deprecates
            warnings.simplefilter("ignore", DeprecationWarning)
            from localstripe import resources, server

        # --from-scratch: a fresh store that never touches the pickle file in /tmp
        resources.store.clear()
        resources.Store.dump_to_disk = lambda self: None
        _add_checkout_routes(server.app, self.base_url)
        self._runner = web.AppRunner(server.app, access_log=None)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        self._loop.run_until_complete(site.start())
        threading.Thread(target=self._loop.run_forever, daemon=True).start()

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
