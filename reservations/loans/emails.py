"""E-mails to borrowers about their loan. Sent from a Celery task after commit, never in a transaction."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.mail import Attachment, language_of, send_templated_mail
from calendars import ical
from calendars import selectors as calendar_selectors
from reservations.loans.models import Loan

SUBJECTS = {
    "requested": _("Uw aanvraag %(number)s is ontvangen"),
    "approved": _("Uw ontlening %(number)s is goedgekeurd"),
    "rejected": _("Uw aanvraag %(number)s werd niet goedgekeurd"),
    "ready": _("Uw materiaal %(number)s staat klaar"),
    "settled": _("Afrekening van uw ontlening %(number)s"),
}


def send_loan_mail(*, loan_id: int, kind: str) -> None:
    loan = (
        Loan.objects.select_related("user", "association", "depot__municipality", "order")
        .filter(pk=loan_id)
        .first()
    )
    if loan is None or kind not in SUBJECTS or not loan.user.email:
        return
    attachments: list[Attachment] = []
    if kind == "approved":
        allocation = calendar_selectors.allocations_for_reference(reference=loan).first()
        if allocation is not None:
            attachments.append(
                (f"ontlening-{loan.number}.ics", ical.event_ics(allocation=allocation), "text/calendar")
            )
    send_templated_mail(
        to=loan.user.email,
        subject=SUBJECTS[kind],
        params={"number": loan.number},
        template="loans/email/loan.txt",
        context={
            "loan": loan,
            "kind": kind,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("loans:loan_detail", args=[loan.pk]),
        },
        attachments=attachments,
        language=language_of(loan.user),
        municipality=loan.municipality,
    )
