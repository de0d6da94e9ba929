"""E-mails of the accounts app."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.mail import send_templated_mail
from accounts.models import ErasureRequest


def _default_site_municipality_name() -> str:
    """Sent from a task (no request): the municipality of the default site, as the person's account is
    one for the whole install."""
    from wagtail.models import Site

    from accounts.municipalities import municipality_for_site

    municipality = municipality_for_site(Site.objects.filter(is_default_site=True).first())
    return municipality.name if municipality is not None else str(_("de gemeente"))


def send_erasure_request_notice(erasure_request_id: int) -> None:
    """Confirm receipt to the person and tell the superusers there is something to handle."""
    erasure = ErasureRequest.objects.filter(pk=erasure_request_id, handled_at__isnull=True).first()
    if erasure is None:
        return
    send_templated_mail(
        to=erasure.email,
        subject=_("[Dorpsplein] Uw verzoek om uw gegevens te wissen"),
        body=_(
            "Dag,\n\nWe hebben uw verzoek ontvangen om uw account en persoonsgegevens te wissen. "
            "Een medewerker van %(municipality)s kijkt na of er nog lopende reservaties, betalingen of "
            "facturen zijn die we wettelijk moeten bewaren, en wist daarna uw gegevens. U krijgt geen "
            "bericht meer van ons over dit account zodra het gewist is.\n"
        ),
        params={"municipality": str(_default_site_municipality_name())},
        language=settings.LANGUAGE_CODE,
    )
    staff_emails = list(
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    send_templated_mail(
        to=staff_emails,
        subject=_("[Dorpsplein] Nieuw verzoek tot verwijdering van een account"),
        body=_(
            "Er is een nieuw verzoek tot verwijdering. "
            "U vindt het in het beheer onder Verzoeken tot verwijdering."
        ),
    )
