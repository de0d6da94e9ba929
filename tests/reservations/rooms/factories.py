import datetime as dt
from decimal import Decimal

import factory
from django.contrib.contenttypes.models import ContentType

from accounts.categories import CustomerCategory
from calendars.models import OpeningHours, Resource
from payments.models import Tariff
from reservations.rooms.models import Room, RoomExtra, RoomMode, Venue
from tests.accounts.factories import MunicipalityFactory


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Ontmoetingscentrum {n}")
    slug = factory.Sequence(lambda n: f"oc-{n}")
    street = "Dorpsstraat 1"
    postal_code = "9999"
    city = "Dorpsveld"
    step_free_access = True
    access_arrangements = "Sleutel af te halen aan het onthaal van het gemeentehuis."


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    name = factory.Sequence(lambda n: f"Zaal {n}")
    capacity = 1
    closed_on_public_holidays = False


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Zaal {n}")
    slug = factory.Sequence(lambda n: f"zaal-{n}")
    resource = factory.SubFactory(ResourceFactory, name=factory.SelfAttribute("..name"))
    capacity = 80
    capacity_theatre = 100
    capacity_tables = 60
    mode = RoomMode.INSTANT
    has_projector = True


class RoomExtraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoomExtra

    room = factory.SubFactory(RoomFactory)
    kind = "cleaning"
    name = "Schoonmaak achteraf"
    price = Decimal("45.00")
    vat_rate = Decimal("21")


HOURLY = {
    CustomerCategory.RECOGNISED_ASSOCIATION: "5.00",
    CustomerCategory.OTHER_ASSOCIATION: "10.00",
    CustomerCategory.RESIDENT: "15.00",
    CustomerCategory.SOCIAL: "7.50",
    CustomerCategory.NON_RESIDENT: "30.00",
    CustomerCategory.COMPANY: "40.00",
    CustomerCategory.SCHOOL: "5.00",
}


def give_tariffs(room: Room, *, hourly: dict | None = None, deposit: str = "0") -> None:
    room_type = ContentType.objects.get_for_model(Room)
    for category, price in (hourly or HOURLY).items():
        Tariff.objects.update_or_create(
            target_content_type=room_type,
            target_object_id=room.pk,
            category=category,
            unit="hour",
            defaults={"price": Decimal(price), "vat_rate": Decimal("0"), "deposit": Decimal(deposit)},
        )


def open_every_day(resource: Resource, opens=dt.time(8), closes=dt.time(23)) -> None:
    for weekday in range(7):
        OpeningHours.objects.get_or_create(resource=resource, weekday=weekday, opens=opens, closes=closes)
