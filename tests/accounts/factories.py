import datetime

import factory
from allauth.account.models import EmailAddress

from accounts.models import HouseholdMember, User

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
