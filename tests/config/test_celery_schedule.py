"""Every periodic task in the beat schedule exists, so a worker never receives an unknown task."""
import pytest

from config.celery import app


@pytest.mark.parametrize("entry", sorted(app.conf.beat_schedule))
def test_beat_schedule_names_a_registered_task(entry):
    app.loader.import_default_modules()
    task_name = app.conf.beat_schedule[entry]["task"]
    assert task_name in app.tasks, f"beat entry {entry!r} names unknown task {task_name!r}"


def test_mail_and_document_tasks_go_to_their_own_queues():
    router = app.amqp.router
    assert router.route({}, "payments.tasks.send_invoice")["queue"].name == "mail"
    assert router.route({}, "rooms.tasks.render_day_sheet")["queue"].name == "documents"
    assert router.route({}, "calendars.tasks.release_expired_holds")["queue"].name == "default"
