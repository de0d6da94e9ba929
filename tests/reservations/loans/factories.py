import datetime as dt
from decimal import Decimal

import factory
from django.contrib.contenttypes.models import ContentType

from calendars.models import OpeningHours
from payments.models import Tariff
from reservations.loans.models import Depot, ItemCategory, Kit, KitComponent, LoanItem
from tests.accounts.factories import MunicipalityFactory


class DepotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Depot
        django_get_or_create = ("slug",)

    municipality = factory.SubFactory(MunicipalityFactory)
    name = "Uitleendienst Dorpsveld"
    slug = "uitleendienst-dorpsveld"
    street = "Depotstraat 3"
    postal_code = "9999"
    city = "Dorpsveld"
    offers_delivery = True
    delivery_fee = Decimal("35.00")


def open_depot(depot: Depot, *, weekdays=range(7), opens=dt.time(8), closes=dt.time(18)) -> Depot:
    for weekday in weekdays:
        OpeningHours.objects.create(resource=depot.resource, weekday=weekday, opens=opens, closes=closes)
    return depot


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemCategory
        django_get_or_create = ("slug",)

    name = "Tafels en stoelen"
    slug = "tafels-en-stoelen"


class LoanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LoanItem

    name = factory.Sequence(lambda n: f"Klapstoel {n}")
    slug = factory.Sequence(lambda n: f"klapstoel-{n}")
    category = factory.SubFactory(CategoryFactory)
    depot = factory.SubFactory(DepotFactory)
    stock = 100


def add_tariffs(item: LoanItem, *, price="1.00", categories=None) -> None:
    from accounts.categories import CustomerCategory

    for category in categories or CustomerCategory.values:
        Tariff.objects.update_or_create(
            target_content_type=ContentType.objects.get_for_model(LoanItem),
            target_object_id=item.pk,
            category=category,
            unit=item.price_unit,
            defaults={"price": Decimal(price)},
        )


def make_kit(name: str, slug: str, components: list[tuple[LoanItem, int]]) -> Kit:
    kit = Kit.objects.create(name=name, slug=slug)
    for item, quantity in components:
        KitComponent.objects.create(kit=kit, item=item, quantity=quantity)
    return kit
