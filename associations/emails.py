"""E-mails of the associations app, rendered in Dutch (the invitee has no language chosen yet)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from associations.models import Invitation


def send_invitation_email(invitation_id: int) -> None:
    invitation = (
        Invitation.objects.select_related("association", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or not invitation.is_open:
        return
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    context = {
        "invitation": invitation,
        "association": invitation.association,
        "accept_url": f"{base_url}{invitation.get_absolute_url()}",
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("associations/email/invitation_subject.txt", context).strip()
        body = render_to_string("associations/email/invitation_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
