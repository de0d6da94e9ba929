"""Periodic housekeeping for accounts."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="accounts.tasks.clear_expired_sessions")
def clear_expired_sessions() -> None:
    call_command("clearsessions")


@shared_task(name="accounts.tasks.send_erasure_request_notice")
def send_erasure_request_notice(erasure_request_id: int) -> None:
    from accounts.emails import send_erasure_request_notice as send

    send(erasure_request_id)
