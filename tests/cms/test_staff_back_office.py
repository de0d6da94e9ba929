import pytest
from django.contrib.auth.models import Group

from cms.services import ensure_staff_groups
from cms.staff import STAFF_GROUPS
from tests.cms.factories import UserFactory
from themes.dashboard import DashboardItem, register_dashboard_provider, unregister_dashboard_provider

pytestmark = pytest.mark.django_db

DUTCH_GROUP_NAMES = {
    "Zaalverhuur",
    "Uitleendienst",
    "Evenementenloket",
    "Cultuur en tickets",
    "Vrije tijd en activiteiten",
    "Financiën",
}


def test_staff_groups_exist_after_migrate_with_admin_access():
    groups = Group.objects.filter(name__in=DUTCH_GROUP_NAMES)

    assert set(groups.values_list("name", flat=True)) == DUTCH_GROUP_NAMES == set(STAFF_GROUPS)
    for group in groups:
        assert group.permissions.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ).exists()


def test_ensuring_staff_groups_twice_creates_nothing_new():
    before = Group.objects.count()

    ensure_staff_groups()
    ensure_staff_groups()

    assert Group.objects.count() == before


def test_staff_member_of_a_group_reaches_the_admin(client):
    zeger = UserFactory(email="zalen@dorpsveld.be", is_staff=True)
    zeger.groups.add(Group.objects.get(name="Zaalverhuur"))
    client.force_login(zeger)

    response = client.get("/admin/")

    assert response.status_code == 200


def test_non_staff_user_gets_no_admin(client, alice):
    client.force_login(alice)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_dashboard_panel_shows_registered_items_to_staff(client, sam):
    register_dashboard_provider(
        key="tests.zalen",
        title="Zaalverhuur",
        provider=lambda request: [
            DashboardItem(count=3, text="3 aanvragen wachten op goedkeuring", url="/x/")
        ],
    )
    register_dashboard_provider(key="tests.leeg", title="Niets te zien", provider=lambda request: [])
    client.force_login(sam)
    try:
        html = client.get("/admin/").content.decode()
    finally:
        unregister_dashboard_provider("tests.zalen")
        unregister_dashboard_provider("tests.leeg")

    assert "Wat wacht op jou" in html
    assert '<a href="/x/">3 aanvragen wachten op goedkeuring</a>' in html
    assert "Niets te zien" not in html


def test_dashboard_counts_associations_awaiting_recognition(client, sam, dorpsveld):
    from associations.models import Association

    town = {"municipality": dorpsveld}
    Association.objects.create(
        name="KSA Dorpsveld", slug="ksa", email="ksa@example.be", recognised=True, **town
    )
    Association.objects.create(name="Fuifcollectief", slug="fuif", email="fuif@example.be", **town)
    Association.objects.create(name="Buurtcomité", slug="buurt", email="buurt@example.be", **town)
    client.force_login(sam)

    html = client.get("/admin/").content.decode()

    assert "2 verenigingen wachten op erkenning" in html
