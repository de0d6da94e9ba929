import datetime

import factory
from django.utils import timezone

from associations.models import Association, AssociationCategory, Invitation, Membership, Role
from tests.accounts.factories import MunicipalityFactory, UserFactory


def valid_enterprise_number(n: int) -> str:
    """A KBO number that passes python-stdnum: 8 digits, then 97 minus their remainder mod 97."""
    base = f"0{4000000 + n:07d}"
    return f"{base}{97 - int(base) % 97:02d}"


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Vereniging {n}")
    slug = factory.Sequence(lambda n: f"vereniging-{n}")
    enterprise_number = factory.Sequence(valid_enterprise_number)
    iban = "BE71096123456769"
    category = AssociationCategory.SPORT
    email = factory.Sequence(lambda n: f"info{n}@vereniging.be")
    public = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    association = factory.SubFactory(AssociationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    association = factory.SubFactory(AssociationFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.be")
    role = Role.MEMBER
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
