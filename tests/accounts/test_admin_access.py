"""Only staff get into the Wagtail admin."""

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_resident_without_staff_rights_gets_no_admin(client, alice):
    client.force_login(alice)

    response = client.get("/admin/")

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]
    assert client.get("/admin/association_registry/").status_code in (302, 403)
