"""Each desk's staff reach their own back-office screens and not another desk's money tools."""
import pytest
from django.contrib.auth.models import Group

from cms import staff
from cms.services import ensure_staff_groups
from tests.cms.factories import UserFactory

pytestmark = pytest.mark.django_db


def member_of(group_name: str, email: str):
    ensure_staff_groups()
    user = UserFactory(email=email, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_room_hire_staff_handle_bookings_and_resources_but_not_bank_statements(client):
    zoe = member_of(staff.ROOM_HIRE, "zoe@dorpsveld.be")

    assert zoe.has_perm("rooms.change_booking")
    assert zoe.has_perm("calendars.change_resource")
    assert not zoe.has_perm("payments.add_statementimport")
    client.force_login(zoe)
    assert client.get("/admin/kalender/week/").status_code == 200
    assert client.get("/admin/betalingen/uittreksel/").status_code in (302, 403)


def test_finance_staff_import_statements_but_do_not_approve_room_bookings(client):
    frank = member_of(staff.FINANCE, "frank@dorpsveld.be")

    assert frank.has_perm("payments.add_statementimport")
    assert not frank.has_perm("rooms.change_booking")
    client.force_login(frank)
    assert client.get("/admin/betalingen/uittreksel/").status_code == 200


def test_loans_staff_manage_the_catalogue_and_deposits():
    lena = member_of(staff.LOANS, "lena@dorpsveld.be")

    assert lena.has_perm("loans.change_loan")
    assert lena.has_perm("loans.add_loanitem")
    assert lena.has_perm("payments.change_deposit")
    assert not lena.has_perm("rooms.change_booking")


def test_regranting_never_removes_a_permission_an_administrator_added():
    ensure_staff_groups()
    events = Group.objects.get(name=staff.EVENTS_DESK)
    extra = Group.objects.get(name=staff.FINANCE).permissions.get(codename="view_invoice")
    events.permissions.add(extra)

    ensure_staff_groups()

    assert events.permissions.filter(pk=extra.pk).exists()


def test_loans_and_room_hire_staff_may_upload_photos():
    lena = member_of(staff.LOANS, "lena@dorpsveld.be")
    zoe = member_of(staff.ROOM_HIRE, "zoe@dorpsveld.be")

    assert lena.has_perm("wagtailimages.add_image")
    assert zoe.has_perm("wagtaildocs.add_document")
