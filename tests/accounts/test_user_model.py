import pytest

from accounts.models import User
from tests.accounts.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_user_logs_in_with_email_and_is_resident_by_postal_code(settings):
    dorpsveld = MunicipalityFactory()
    alice = User.objects.create_user(email="Alice@Example.be", password="s3cret-pass", postal_code="9999")
    bob = User.objects.create_user(email="bob@example.be", password="s3cret-pass", postal_code="2000")

    assert alice.email == "alice@example.be"
    assert alice.check_password("s3cret-pass")
    assert alice.is_resident_of(dorpsveld)
    assert not bob.is_resident_of(dorpsveld)
