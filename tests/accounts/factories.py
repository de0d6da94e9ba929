import datetime

import factory
from allauth.account.models import EmailAddress

from accounts.models import HouseholdMember, Municipality, MunicipalitySite, User

PASSWORD = "s3cret-Pass-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.be")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Persoon{n}")
    postal_code = "9999"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(user=self, email=self.email, verified=True, primary=True)


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    user = factory.SubFactory(UserFactory)
    first_name = factory.Sequence(lambda n: f"Kind{n}")
    last_name = "Peeters"
    birth_date = datetime.date(2016, 4, 12)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """Gemeente Dorpsveld by default; ``heuvelrode()`` gives the second demo municipality."""

    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = "Gemeente Dorpsveld"
    slug = "dorpsveld"
    address_line_1 = "Dorpsplein 1"
    postal_code = "9999"
    city = "Dorpsveld"
    vat_number = "BE0207500123"
    iban = "BE71096123456769"
    bic = "GKCCBEBB"
    resident_postal_codes = "9999, 9998"
    email = "info@dorpsveld.be"

    @classmethod
    def heuvelrode(cls, **kwargs):
        return cls(
            name="Gemeente Heuvelrode",
            slug="heuvelrode",
            address_line_1="Markt 1",
            postal_code="9990",
            city="Heuvelrode",
            vat_number="BE0207600091",
            iban="BE32091000123402",
            bic="GKCCBEBB",
            resident_postal_codes="9990",
            email="info@heuvelrode.be",
            **kwargs,
        )


def map_site(site, municipality):
    MunicipalitySite.objects.update_or_create(site=site, defaults={"municipality": municipality})
    return site
