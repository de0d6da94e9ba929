"""`load_demo` data: realistic, valid, and loading it twice changes nothing."""

import pytest
from allauth.account.models import EmailAddress
from stdnum import iban
from stdnum.be import vat

from accounts import demo as accounts_demo
from accounts.models import HouseholdMember, Municipality, User
from associations import demo as associations_demo
from associations.models import Association, Membership, Role
from associations.selectors import user_can_book_for

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(User.objects.values_list("email", "password", "first_name", "postal_code").order_by("email")),
        list(HouseholdMember.objects.values_list("first_name", "birth_date").order_by("first_name")),
        list(Association.objects.values().order_by("slug")),
        list(Membership.objects.values_list("association__slug", "user__email", "role").order_by("pk")),
    )


def test_demo_data_is_valid_and_idempotent():
    accounts_demo.load()
    associations_demo.load()
    first = snapshot()
    accounts_demo.load()
    associations_demo.load()

    assert snapshot() == first
    alice = User.objects.get(email="alice@dorpsveld.be")
    assert alice.check_password("dorpsplein")
    assert alice.is_resident_of(Municipality.objects.get(slug="dorpsveld"))
    carla = User.objects.get(email="carla@heuvelrode.be")
    assert carla.is_resident_of(Municipality.objects.get(slug="heuvelrode"))
    assert not carla.is_resident_of(Municipality.objects.get(slug="dorpsveld"))
    assert alice.household_members.count() == 2
    assert EmailAddress.objects.filter(email="bob@dorpsveld.be", verified=True).exists()
    ksa = Association.objects.get(name="KSA Dorpsveld")
    assert Membership.objects.get(association=ksa).user.email == "bob@dorpsveld.be"
    assert Membership.objects.get(association=ksa).role == Role.ADMIN
    assert user_can_book_for(User.objects.get(email="bob@dorpsveld.be"), ksa)
    assert Association.objects.filter(recognised=False).exists()
    for association in Association.objects.all():
        assert not association.enterprise_number or vat.is_valid(association.enterprise_number)
        assert iban.is_valid(association.iban)
    assert all(email for email, _password, _who in accounts_demo.DEMO_LOGINS)
