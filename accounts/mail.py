"""The one way Dorpsplein sends e-mail: rendered in the recipient's language, with attachments.

Every app's ``emails.py`` builds its context and attachments and calls :func:`send_templated_mail`::

    send_templated_mail(
        to=order.customer_email,
        subject=gettext_lazy("Factuur %(number)s"),
        params={"number": invoice.number},
        template="payments/email/invoice.txt",
        context={"invoice": invoice},
        attachments=[(f"{invoice.number}.pdf", pdf_bytes, "application/pdf")],
        language=order.language,
    )

Subject and body are rendered inside ``translation.override(language)``: pass the subject as a lazy
string (``gettext_lazy``) or a subject template so it is translated there, not in the caller's
language. Mail is sent after commit, never inside a transaction: call this from a Celery task that
runs after commit, or pass ``on_commit=True`` to queue the send (and its rendering) with
``transaction.on_commit`` (a failing send is then logged and does not undo the committed work).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

Attachment = tuple[str, bytes, str]
"""(filename, content, mimetype), e.g. ("F2026-0001.pdf", pdf_bytes, "application/pdf")."""


def language_of(person: object | None) -> str:
    """The language to write to this person in: their preferred language, else the site default."""
    preferred = getattr(person, "preferred_language", "") or ""
    try:
        return translation.get_supported_language_variant(preferred) if preferred else settings.LANGUAGE_CODE
    except LookupError:
        return settings.LANGUAGE_CODE


def send_templated_mail(
    *,
    to: str | Iterable[str],
    template: str | None = None,
    subject: str | Promise | None = None,
    subject_template: str | None = None,
    body: str | Promise | None = None,
    html_template: str | None = None,
    params: Mapping[str, object] | None = None,
    context: Mapping[str, Any] | None = None,
    attachments: Iterable[Attachment] = (),
    language: str | None = None,
    reply_to: Iterable[str] | None = None,
    from_email: str | None = None,
    municipality: Any = None,
    on_commit: bool = False,
) -> int:
    """Render and send one message to ``to`` (empty and duplicate addresses are dropped).

    - Subject: ``subject`` (str or lazy, ``%``-formatted with ``params`` when given) or
      ``subject_template`` (rendered with the context, whitespace collapsed to one line).
    - Body: ``template`` (text template rendered with the context) or ``body`` (str or lazy text,
      ``%``-formatted with ``params``); ``html_template`` adds an HTML alternative.
    - ``municipality``: who writes (an ``accounts.Municipality``); its name is ``{{ municipality }}`` in
      the templates. The context always holds ``base_url`` unless the caller sets it.
    - ``language`` defaults to ``settings.LANGUAGE_CODE``; use :func:`language_of` for a person.

    Returns the number of messages sent (0 when there is no recipient; 0 when queued with
    ``on_commit=True``: the count is not known until the transaction commits).
    """
    if (subject is None) == (subject_template is None):
        raise TypeError("give exactly one of subject and subject_template")
    if (template is None) == (body is None):
        raise TypeError("give exactly one of template and body")
    recipients = _recipients(to)
    if not recipients:
        return 0
    message = _Message(
        recipients=recipients,
        template=template,
        subject=subject,
        subject_template=subject_template,
        body=body,
        html_template=html_template,
        params=dict(params) if params is not None else None,
        context={
            **({"municipality": municipality.name} if municipality is not None else {}),
            **(context or {}),
        },
        attachments=list(attachments),
        language=language or settings.LANGUAGE_CODE,
        reply_to=list(reply_to) if reply_to else None,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
    )
    if on_commit:
        transaction.on_commit(message.send, robust=True)
        return 0
    return message.send()


def _recipients(to: str | Iterable[str]) -> list[str]:
    addresses = [to] if isinstance(to, str) else list(to)
    unique: list[str] = []
    for address in addresses:
        address = (address or "").strip()
        if address and address not in unique:
            unique.append(address)
    return unique


def _text(text: str | Promise, params: Mapping[str, object] | None) -> str:
    return str(text) % params if params is not None else str(text)


@dataclass(frozen=True)
class _Message:
    recipients: list[str]
    template: str | None
    subject: str | Promise | None
    subject_template: str | None
    body: str | Promise | None
    html_template: str | None
    params: dict[str, object] | None
    context: dict[str, Any]
    attachments: list[Attachment]
    language: str
    reply_to: list[str] | None
    from_email: str

    def send(self) -> int:
        context = {
            "base_url": getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/"),
            **self.context,
        }
        subject: str
        text: str
        with translation.override(self.language):
            if self.subject_template is not None:
                subject = render_to_string(self.subject_template, context)
            else:
                subject = _text(self.subject or "", self.params)
            if self.template is not None:
                text = render_to_string(self.template, context)
            else:
                text = _text(self.body or "", self.params)
            html = render_to_string(self.html_template, context) if self.html_template else None
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=text,
            from_email=self.from_email,
            to=self.recipients,
            reply_to=self.reply_to,
        )
        if html is not None:
            message.attach_alternative(html, "text/html")
        for filename, content, mimetype in self.attachments:
            message.attach(filename, content, mimetype)
        return message.send()
