"""A superuser assigns staff to municipalities in the Wagtail users admin (what accounts.scoping reads)."""

import pytest
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser(email="admin@dorpsveld.be", password="x" * 12)
    client.force_login(admin)
    return client


def test_the_user_edit_form_assigns_the_municipalities_a_staff_member_serves(admin_client, dorpsveld):
    heuvelrode = MunicipalityFactory.heuvelrode()
    hilde = User.objects.create_user(email="hilde@heuvelrode.be", password="x" * 12, first_name="Hilde")
    url = reverse("wagtailusers_users:edit", args=[hilde.pk])

    page = admin_client.get(url).content.decode()
    assert "Gemeenten (personeel)" in page and "Gemeente Heuvelrode" in page

    response = admin_client.post(url, {
        "email": hilde.email, "first_name": "Hilde", "last_name": "Balie", "is_active": "on",
        "staff_municipalities": [heuvelrode.pk],
    })

    assert response.status_code == 302
    assert list(hilde.staff_municipalities.all()) == [heuvelrode]


def test_a_new_staff_member_can_be_created_with_a_municipality(admin_client, dorpsveld):
    response = admin_client.post(reverse("wagtailusers_users:add"), {
        "email": "zaal@dorpsveld.be", "first_name": "Zeger", "last_name": "Zaal",
        "password1": "Zomerkamp-2026!", "password2": "Zomerkamp-2026!", "is_active": "on",
        "staff_municipalities": [dorpsveld.pk],
    })

    assert response.status_code == 302
    assert list(User.objects.get(email="zaal@dorpsveld.be").staff_municipalities.all()) == [dorpsveld]
