"""Thin Celery tasks of material loans (schedule wanted: see docs/loans.md)."""

from celery import shared_task

from reservations.loans import emails as emails_loans
from reservations.loans import services as loans

__all__ = ["expire_stale_loan_requests", "send_loan_mail"]


@shared_task(name="loans.tasks.expire_stale_loan_requests")
def expire_stale_loan_requests() -> int:
    """Requests nobody decided on before their pickup moment expire and free their stock (hourly)."""
    return loans.expire_stale_loan_requests()


@shared_task(name="loans.tasks.send_loan_mail")
def send_loan_mail(loan_id: int, kind: str) -> None:
    emails_loans.send_loan_mail(loan_id=loan_id, kind=kind)
