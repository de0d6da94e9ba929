import factory
from django.contrib.auth.models import Group

from accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.be")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker{n}")
    password = factory.django.Password("s3cret-pass")


class BookableFactory(factory.django.DjangoModelFactory):
    """Stand-in for what a feature app sells (a room, an item): any model works as a generic target."""

    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Zaal {n}")


def check_out(target):
    """Check out the open basket that holds ``target`` (a booking, a loan), as the customer's
    "Afrekenen" does; returns the one order and refreshes the target."""
    from payments.selectors import open_basket_holding
    from payments.services import checkout_basket

    basket = open_basket_holding(target)
    assert basket is not None, f"{target} is not in an open basket"
    order = checkout_basket(basket=basket)
    target.refresh_from_db()
    return order
