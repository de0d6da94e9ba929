"""E-mails of the associations app, rendered in Dutch (the invitee has no language chosen yet)."""

from django.conf import settings

from accounts.mail import send_templated_mail
from associations.models import Invitation


def send_invitation_email(invitation_id: int) -> None:
    invitation = (
        Invitation.objects.select_related("association", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or not invitation.is_open:
        return
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    send_templated_mail(
        to=invitation.email,
        subject_template="associations/email/invitation_subject.txt",
        template="associations/email/invitation_body.txt",
        context={
            "invitation": invitation,
            "association": invitation.association,
            "accept_url": f"{base_url}{invitation.get_absolute_url()}",
        },
        language=settings.LANGUAGE_CODE,
        municipality=invitation.association.municipality,
    )
