"""Demo loan catalogue of Dorpsveld: the depot "Uitleendienst Dorpsveld" with its opening hours, a
realistic Flemish catalogue with per-category tariffs (VAT-inclusive, 0 % VAT), and the party pack;
and Heuvelrode's own small depot "Uitleendienst Heuvelrode" (tables, chairs, a tent).

Prices per piece per loan unless noted; categories in the order of CustomerCategory:
recognised association, other association, resident, non-resident, company, school, social.
Idempotent: update_or_create everywhere, so running it twice changes nothing.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from accounts.categories import CustomerCategory as C
from accounts.municipality_models import Municipality
from calendars.models import OpeningHours
from payments.models import Tariff
from reservations.loans.models import Depot, ItemCategory, Kit, KitComponent, LoanItem, PriceUnit

ORDER = (
    C.RECOGNISED_ASSOCIATION,
    C.OTHER_ASSOCIATION,
    C.RESIDENT,
    C.NON_RESIDENT,
    C.COMPANY,
    C.SCHOOL,
    C.SOCIAL,
)

CATEGORIES = [
    ("tenten", "Tenten", 10),
    ("tafels-en-stoelen", "Tafels en stoelen", 20),
    ("podium", "Podium", 30),
    ("afsluiting", "Afsluiting en signalisatie", 40),
    ("geluid", "Geluid", 50),
    ("koken", "Koken en barbecue", 60),
]

# slug, name, category, stock, unit, deposit, associations_only, needs_trailer, max, auto up to, prices, text
ITEMS = [
    (
        "partytent-3x6",
        "Partytent 3 x 6 m",
        "tenten",
        8,
        PriceUnit.PIECE,
        "100",
        False,
        False,
        4,
        0,
        ("15", "25", "30", "45", "60", "15", "10"),
        "Witte partytent van 18 m² met zijwanden en grondpinnen; opbouw met 4 personen in een half uur.",
    ),
    (
        "partytent-6x12",
        "Feesttent 6 x 12 m",
        "tenten",
        2,
        PriceUnit.PIECE,
        "250",
        True,
        True,
        1,
        0,
        ("60", "90", "90", "150", "200", "60", "60"),
        "Grote feesttent van 72 m² voor buurtfeesten en evenementen; "
        "boven 60 m² is een veiligheidsplan nodig.",
    ),
    (
        "feesttafel",
        "Feesttafel 220 x 70 cm",
        "tafels-en-stoelen",
        120,
        PriceUnit.PIECE,
        "0",
        False,
        False,
        None,
        10,
        ("1.50", "2.50", "3", "5", "6", "1.50", "1"),
        "Inklapbare houten tafel voor 8 personen.",
    ),
    (
        "klapstoel",
        "Klapstoel",
        "tafels-en-stoelen",
        600,
        PriceUnit.PIECE,
        "0",
        False,
        False,
        None,
        20,
        ("0.30", "0.50", "0.50", "1", "1.50", "0.30", "0.20"),
        "Grijze kunststof klapstoel, per 10 gestapeld op een kar.",
    ),
    (
        "podiumelement",
        "Podiumelement 2 x 1 m",
        "podium",
        48,
        PriceUnit.PIECE,
        "0",
        True,
        False,
        None,
        0,
        ("4", "6", "6", "10", "12", "4", "4"),
        "Podiumelement met verstelbare poten (40–100 cm); 24 elementen vormen een podium van 48 m². "
        "Bezorg het podiumplan twee weken vooraf.",
    ),
    (
        "nadarhek",
        "Nadarhek 2,5 m",
        "afsluiting",
        150,
        PriceUnit.PIECE,
        "0",
        False,
        True,
        None,
        0,
        ("0.50", "1", "1", "2", "2.50", "0.50", "0.50"),
        "Verzinkt dranghek. Per 30 stuks op een aanhangwagen: "
        "kom met een bestelwagen of tractor met trekhaak.",
    ),
    (
        "geluidsinstallatie",
        "Geluidsinstallatie (2 boxen, mengtafel, 2 microfoons)",
        "geluid",
        2,
        PriceUnit.DAY,
        "50",
        False,
        False,
        1,
        0,
        ("10", "15", "20", "30", "40", "10", "5"),
        "Draagbare installatie tot 200 personen. Prijs per dag; waarborg € 50.",
    ),
    (
        "barbecue",
        "Gasbarbecue",
        "koken",
        6,
        PriceUnit.PIECE,
        "25",
        False,
        False,
        2,
        2,
        ("5", "8", "10", "15", "20", "5", "4"),
        "Gasbarbecue met 3 branders; gasfles niet inbegrepen. Gereinigd terugbrengen.",
    ),
]


HEUVELRODE_ITEMS = [
    (
        "heuvelrode-partytent",
        "Partytent 4 x 8 m",
        "tenten",
        2,
        PriceUnit.PIECE,
        "150",
        False,
        False,
        2,
        0,
        ("20", "30", "35", "50", "65", "20", "15"),
        "Witte partytent van 32 m² met zijwanden; opbouw met 4 personen.",
    ),
    (
        "heuvelrode-tafel",
        "Tafel 180 x 80 cm",
        "tafels-en-stoelen",
        20,
        PriceUnit.PIECE,
        "0",
        False,
        False,
        20,
        10,
        ("1", "2", "2", "3", "4", "1", "1"),
        "Inklapbare tafel voor 6 personen.",
    ),
    (
        "heuvelrode-stoel",
        "Stoel",
        "tafels-en-stoelen",
        100,
        PriceUnit.PIECE,
        "0",
        False,
        False,
        100,
        50,
        ("0.25", "0.50", "0.50", "1", "1", "0.25", "0.25"),
        "Stapelbare stoel, per 10 op een kar.",
    ),
]

DEPOTS = [
    (
        "uitleendienst-dorpsveld",
        "dorpsveld",
        {
            "name": "Uitleendienst Dorpsveld",
            "street": "Loodsstraat 12",
            "postal_code": "9999",
            "city": "Dorpsveld",
            "phone": "09 123 45 80",
            "email": "uitleendienst@dorpsveld.be",
            "instructions": "Afhalen en terugbrengen aan de achterpoort van de gemeenteloods. "
            "Breng uw identiteitskaart mee.",
            "offers_delivery": True,
            "delivery_fee": Decimal("35.00"),
        },
        ITEMS,
    ),
    (
        "uitleendienst-heuvelrode",
        "heuvelrode",
        {
            "name": "Uitleendienst Heuvelrode",
            "street": "Industrieweg 4",
            "postal_code": "9990",
            "city": "Heuvelrode",
            "phone": "09 765 43 21",
            "email": "uitleendienst@heuvelrode.be",
            "instructions": "Afhalen en terugbrengen aan de technische dienst.",
            "offers_delivery": False,
            "delivery_fee": Decimal("0.00"),
        },
        HEUVELRODE_ITEMS,
    ),
]


def _depot(slug: str, municipality_slug: str, fields: dict) -> Depot:
    depot, _created = Depot.objects.update_or_create(
        slug=slug, defaults={**fields, "municipality": Municipality.objects.get(slug=municipality_slug)}
    )
    hours = [(weekday, dt.time(8), dt.time(12)) for weekday in range(5)]
    hours += [(weekday, dt.time(13), dt.time(16, 30)) for weekday in range(5)]
    hours += [(5, dt.time(9), dt.time(12))]
    for weekday, opens, closes in hours:
        OpeningHours.objects.get_or_create(
            resource=depot.resource, weekday=weekday, opens=opens, closes=closes
        )
    return depot


def _items(depot: Depot, rows: list, categories: dict) -> dict[str, LoanItem]:
    item_type = ContentType.objects.get_for_model(LoanItem)
    items = {}
    for slug, name, category, stock, unit, deposit, assoc_only, trailer, maximum, auto, prices, text in rows:
        item = LoanItem.objects.filter(slug=slug).first() or LoanItem(slug=slug)
        item.name, item.category, item.depot, item.stock, item.price_unit = (
            name,
            categories[category],
            depot,
            stock,
            unit,
        )
        item.deposit, item.associations_only, item.needs_trailer = Decimal(deposit), assoc_only, trailer
        item.max_per_loan, item.auto_approve_up_to, item.description = maximum, auto, text
        item.save()
        items[slug] = item
        for customer_category, price in zip(ORDER, prices, strict=True):
            Tariff.objects.update_or_create(
                target_content_type=item_type,
                target_object_id=item.pk,
                category=customer_category,
                unit=unit,
                defaults={"price": Decimal(price), "vat_rate": Decimal("0")},
            )
    return items


def load() -> None:
    categories = {}
    for slug, name, order in CATEGORIES:
        categories[slug], _created = ItemCategory.objects.update_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )
    items = {}
    for slug, municipality_slug, fields, rows in DEPOTS:
        items.update(_items(_depot(slug, municipality_slug, fields), rows, categories))
    kit, _created = Kit.objects.update_or_create(
        slug="feestpakket",
        defaults={
            "name": "Feestpakket",
            "description": "Alles voor een feest voor 40 personen: 2 partytenten, 10 tafels en 40 stoelen.",
        },
    )
    for order, (slug, quantity) in enumerate([("partytent-3x6", 2), ("feesttafel", 10), ("klapstoel", 40)]):
        KitComponent.objects.update_or_create(
            kit=kit, item=items[slug], defaults={"quantity": quantity, "sort_order": order}
        )
