import datetime as dt

import factory

from accounts.models import User
from calendars.models import Closure, OpeningHours, Resource, ResourceKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.be")
    first_name = "Alice"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    name = factory.Sequence(lambda n: f"Zaal {n}")
    kind = ResourceKind.SPACE
    capacity = 1
    closed_on_public_holidays = True
    lead_time = dt.timedelta(0)


class StockFactory(ResourceFactory):
    name = factory.Sequence(lambda n: f"Klapstoelen {n}")
    kind = ResourceKind.EQUIPMENT
    capacity = 100


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    resource = factory.SubFactory(ResourceFactory)
    weekday = 0
    opens = dt.time(8)
    closes = dt.time(22)


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    resource = factory.SubFactory(ResourceFactory)
    start_date = dt.date(2030, 7, 1)
    end_date = dt.date(2030, 7, 31)
    reason = "Onderhoudswerken"
