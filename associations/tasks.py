"""Thin Celery tasks of the associations app."""

from celery import shared_task


@shared_task(name="associations.tasks.send_invitation")
def send_invitation(invitation_id: int) -> None:
    from associations.emails import send_invitation_email

    send_invitation_email(invitation_id)
