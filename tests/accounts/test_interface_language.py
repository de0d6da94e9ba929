"""Dutch first: the browser's language never switches the site; an explicit choice does."""
import pytest

from tests.cms.factories import build_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site():
    return build_site()


def test_english_browser_still_gets_the_dutch_interface(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.headers["Content-Language"] == "nl-be"
    assert "Naar de inhoud" in response.content.decode()


def test_language_switcher_choice_gives_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    response = client.get("/")

    assert response.headers["Content-Language"] == "en"
    assert "Skip to content" in response.content.decode()


def test_profile_language_applies_after_login(client, django_user_model):
    erik = django_user_model.objects.create_user(
        email="erik@example.be", password="pw", preferred_language="en"
    )
    client.force_login(erik)

    assert client.get("/").headers["Content-Language"] == "en"
