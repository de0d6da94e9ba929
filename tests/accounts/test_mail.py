"""The one mail helper: the recipient's language, attachments, an HTML part, and sending after commit."""

import copy

import pytest
from django.core import mail
from django.db import transaction
from django.utils.translation import gettext_lazy

from accounts.mail import language_of, send_templated_mail


@pytest.fixture
def templates(settings, tmp_path):
    """Write e-mail templates to a temporary template folder."""
    engines = copy.deepcopy(settings.TEMPLATES)
    engines[0]["DIRS"] = [tmp_path, *engines[0].get("DIRS", [])]
    settings.TEMPLATES = engines

    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return name

    return write


@pytest.mark.django_db
def test_subject_and_body_are_rendered_in_the_language_asked_for(templates, dorpsveld):
    body = templates("t/body.txt", '{% load i18n %}{% translate "Mijn gegevens" %} – {{ municipality }}')

    sent = send_templated_mail(
        to="alice@example.be",
        subject=gettext_lazy("[Dorpsplein] Uw verzoek om uw gegevens te wissen"),
        template=body,
        context={},
        language="en",
        municipality=dorpsveld,
    )

    assert sent == 1
    message = mail.outbox[0]
    assert message.subject == "[Dorpsplein] Your request to delete your data"
    assert message.body == f"My details – {dorpsveld.name}"


def test_attachments_html_part_reply_to_and_duplicate_recipients(templates):
    body = templates("t/body.txt", "Dag {{ name }}")
    html = templates("t/body.html", "<p>Dag {{ name }}</p>")
    subject = templates("t/subject.txt", "Over\n  {{ name }}\n")

    send_templated_mail(
        to=["alice@example.be", "", "alice@example.be", "club@example.be"],
        subject_template=subject,
        template=body,
        html_template=html,
        context={"name": "Alice"},
        attachments=[
            ("a.pdf", b"%PDF-1.4", "application/pdf"),
            ("a.ics", b"BEGIN:VCALENDAR", "text/calendar"),
        ],
        reply_to=["balie@dorpsveld.be"],
    )

    message = mail.outbox[0]
    assert message.to == ["alice@example.be", "club@example.be"]
    assert message.subject == "Over Alice"
    assert message.body == "Dag Alice"
    assert message.alternatives[0][0] == "<p>Dag Alice</p>"
    assert [(name, mimetype) for name, _content, mimetype in message.attachments] == [
        ("a.pdf", "application/pdf"),
        ("a.ics", "text/calendar"),
    ]
    assert message.reply_to == ["balie@dorpsveld.be"]


def test_no_recipient_sends_nothing():
    assert send_templated_mail(to=["", None], subject="Niets", body="Niets") == 0  # type: ignore[list-item]
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_on_commit_waits_for_the_commit_and_a_rollback_sends_nothing():
    with transaction.atomic():
        send_templated_mail(to="alice@example.be", subject="Bevestiging", body="Goed", on_commit=True)
        assert mail.outbox == []
    assert [message.subject for message in mail.outbox] == ["Bevestiging"]

    with pytest.raises(RuntimeError), transaction.atomic():
        send_templated_mail(to="bob@example.be", subject="Nooit", body="Nooit", on_commit=True)
        raise RuntimeError("rolled back")
    assert [message.subject for message in mail.outbox] == ["Bevestiging"]


def test_language_of_a_person_falls_back_to_the_site_language(alice):
    alice.preferred_language = "en"
    assert language_of(alice) == "en"
    alice.preferred_language = "xx"
    assert language_of(alice) == "nl-be"
    assert language_of(None) == "nl-be"
