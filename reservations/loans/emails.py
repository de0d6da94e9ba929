"""E-mails to borrowers about their loan. Sent from a Celery task after commit, never in a transaction."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.municipalities import default_municipality
from calendars import ical
from calendars import selectors as calendar_selectors
from reservations.loans.models import Loan

SUBJECTS = {
    "requested": "Uw aanvraag %(number)s is ontvangen",
    "approved": "Uw ontlening %(number)s is goedgekeurd",
    "rejected": "Uw aanvraag %(number)s werd niet goedgekeurd",
    "ready": "Uw materiaal %(number)s staat klaar",
    "settled": "Afrekening van uw ontlening %(number)s",
}


def send_loan_mail(*, loan_id: int, kind: str) -> None:
    loan = Loan.objects.select_related("user", "association", "depot", "order").filter(pk=loan_id).first()
    if loan is None or kind not in SUBJECTS or not loan.user.email:
        return
    language = getattr(loan.user, "preferred_language", "") or settings.LANGUAGE_CODE
    municipality = loan.order.municipality if loan.order_id else default_municipality()  # TEMPORARY
    with translation.override(language):
        body = render_to_string(
            "loans/email/loan.txt",
            {
                "loan": loan,
                "kind": kind,
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + reverse("loans:loan_detail", args=[loan.pk]),
                "municipality": municipality.name,
            },
        )
        message = EmailMessage(
            subject=_(SUBJECTS[kind]) % {"number": loan.number}, body=body, to=[loan.user.email]
        )
    if kind == "approved":
        allocation = calendar_selectors.allocations_for_reference(reference=loan).first()
        if allocation is not None:
            message.attach(
                f"ontlening-{loan.number}.ics", ical.event_ics(allocation=allocation), "text/calendar"
            )
    message.send()
