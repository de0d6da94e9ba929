"""Staff manage associations in the Wagtail admin; recognising one lands in the audit log."""

import pytest
from wagtail.models import ModelLogEntry

from associations.models import Association, Membership
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(email="dirk@dorpsveld.be", first_name="Dirk", is_staff=True, is_superuser=True)


def admin_form(association, membership, **changes):
    data = {
        "name": association.name,
        "slug": association.slug,
        "category": association.category,
        "public": "on",
        "enterprise_number": association.enterprise_number,
        "iban": association.iban,
        "email": association.email,
        "phone": "",
        "website": "",
        "street": "",
        "postal_code": "",
        "city": "",
        "description": "",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": str(membership.pk),
        "memberships-0-user": str(membership.user_id),
        "memberships-0-role": membership.role,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_staff_list_filters_and_searches_associations(client, staff, ksa, choir):
    client.force_login(staff)

    listing = client.get("/admin/association_registry/", {"recognised": "true"})
    search = client.get("/admin/association_registry/", {"q": "koor"})

    assert listing.status_code == 200
    assert "KSA Dorpsveld" in listing.content.decode()
    assert "Koor Cantabile" not in listing.content.decode()
    assert "Koor Cantabile" in search.content.decode()


def test_recognising_an_association_is_written_to_the_audit_log(client, staff, choir, alice):
    client.force_login(staff)
    membership = Membership.objects.get(association=choir, user=alice)

    response = client.post(
        f"/admin/association_registry/edit/{choir.pk}/", admin_form(choir, membership, recognised="on")
    )

    assert response.status_code == 302
    choir.refresh_from_db()
    assert choir.recognised
    entry = ModelLogEntry.objects.filter(action="associations.recognise").get()
    assert entry.user == staff
    assert entry.object_id == str(choir.pk)


def test_an_invalid_kbo_number_in_the_admin_is_refused(client, staff, choir, alice):
    client.force_login(staff)
    membership = Membership.objects.get(association=choir, user=alice)

    response = client.post(
        f"/admin/association_registry/edit/{choir.pk}/",
        admin_form(choir, membership, enterprise_number="0412.345.615", name="Gewijzigd"),
    )

    assert response.status_code == 200
    assert "Dit is geen geldig ondernemingsnummer (KBO)." in response.content.decode()
    assert Association.objects.get(pk=choir.pk).name == "Koor Cantabile"
    assert not ModelLogEntry.objects.filter(action="associations.recognise").exists()
