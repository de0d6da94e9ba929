"""Demo venues and rooms of Dorpsveld (3 venues, 8 rooms) and Heuvelrode (Zaal De Eik, 2 rooms), with A/B/C
tariffs as Flemish municipalities publish them.

A = recognised local associations (and schools), B = residents, other associations and social tariff,
C = non-residents and companies. Prices are VAT-inclusive (0 % VAT: municipal room rent is exempt).
Idempotent: update_or_create everywhere, so running it twice changes nothing.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from accounts.categories import CustomerCategory as C
from accounts.municipality_models import Municipality
from calendars.models import OpeningHours, Resource
from payments.models import Tariff
from reservations.rooms.models import Room, RoomExtra, RoomMode, Venue

A = (C.RECOGNISED_ASSOCIATION, C.SCHOOL)
B = (C.RESIDENT, C.OTHER_ASSOCIATION, C.SOCIAL)
CC = (C.NON_RESIDENT, C.COMPANY)

VENUES = [
    {
        "slug": "oc-de-linde",
        "municipality": "dorpsveld",
        "name": "Ontmoetingscentrum De Linde",
        "street": "Kerkstraat 12",
        "postal_code": "9999",
        "city": "Dorpsveld",
        "route": "Bus 42, halte Dorpsveld Kerk (2 minuten te voet). Fietsenstalling aan de ingang.",
        "parking": "Gratis parking achter het centrum (40 plaatsen, 2 voor personen met een handicap).",
        "step_free_access": True,
        "adapted_toilet": True,
        "hearing_loop": True,
        "access_arrangements": "Sleutel afhalen aan het onthaal van het gemeentehuis (ma–vr 9–12 u) "
        "of deurcode per sms de dag voordien.",
    },
    {
        "slug": "sportcentrum-dorpsveld",
        "municipality": "dorpsveld",
        "name": "Sportcentrum Dorpsveld",
        "street": "Sportlaan 3",
        "postal_code": "9999",
        "city": "Dorpsveld",
        "route": "Langs het fietspad van de Molenbeek; bus 42, halte Sportlaan.",
        "parking": "Grote parking aan het zwembad.",
        "step_free_access": True,
        "adapted_toilet": True,
        "hearing_loop": False,
        "access_arrangements": "De sporthalbeheerder is aanwezig; meld u aan de cafetaria.",
    },
    {
        "slug": "pastorij-kapelle",
        "municipality": "dorpsveld",
        "name": "Oude Pastorij Kapelle",
        "street": "Kapelleplein 1",
        "postal_code": "9998",
        "city": "Dorpsveld-Kapelle",
        "route": "Aan het dorpsplein van Kapelle.",
        "parking": "Beperkt: parkeer op het plein.",
        "step_free_access": False,
        "adapted_toilet": False,
        "hearing_loop": False,
        "access_arrangements": "Sleutelkastje naast de voordeur; code op uw bevestiging.",
    },
    {
        "slug": "zaal-de-eik-heuvelrode",
        "municipality": "heuvelrode",
        "name": "Zaal De Eik",
        "street": "Markt 5",
        "postal_code": "9990",
        "city": "Heuvelrode",
        "route": "Aan de Markt, naast het gemeentehuis; bus 17, halte Heuvelrode Markt.",
        "parking": "Parking Markt (gratis, blauwe zone overdag).",
        "step_free_access": True,
        "adapted_toilet": True,
        "hearing_loop": False,
        "access_arrangements": "Sleutel afhalen aan de balie van het gemeentehuis van Heuvelrode.",
    },
]

# slug, venue, name, mode, capacity, theatre, tables, reception, equipment, hourly A/B/C, day A/B/C, deposit
ROOMS = [
    (
        "de-linde-feestzaal",
        "oc-de-linde",
        "Feestzaal",
        RoomMode.ON_APPROVAL,
        250,
        300,
        200,
        350,
        {"has_kitchen": True, "has_sound_system": True, "has_stage": True, "has_wifi": True},
        ("12.00", "25.00", "60.00"),
        ("90.00", "190.00", "450.00"),
        "250.00",
    ),
    (
        "de-linde-vergaderzaal",
        "oc-de-linde",
        "Vergaderzaal De Beuk",
        RoomMode.INSTANT,
        20,
        None,
        20,
        None,
        {"has_projector": True, "has_wifi": True},
        ("4.00", "8.00", "20.00"),
        None,
        "0",
    ),
    (
        "de-linde-polyvalente-zaal",
        "oc-de-linde",
        "Polyvalente zaal",
        RoomMode.INSTANT,
        60,
        80,
        50,
        80,
        {"has_projector": True, "has_kitchen": True, "has_wifi": True},
        ("7.50", "15.00", "35.00"),
        ("50.00", "110.00", "250.00"),
        "100.00",
    ),
    (
        "pastorij-salon",
        "pastorij-kapelle",
        "Salon",
        RoomMode.ON_APPROVAL,
        30,
        35,
        24,
        40,
        {},
        ("5.00", "10.00", "25.00"),
        None,
        "0",
    ),
    (
        "de-eik-grote-zaal",
        "zaal-de-eik-heuvelrode",
        "Grote zaal",
        RoomMode.ON_APPROVAL,
        150,
        180,
        120,
        200,
        {"has_kitchen": True, "has_sound_system": True, "has_wifi": True},
        ("10.00", "20.00", "50.00"),
        ("75.00", "150.00", "375.00"),
        "150.00",
    ),
    (
        "de-eik-vergaderzaal",
        "zaal-de-eik-heuvelrode",
        "Vergaderzaal",
        RoomMode.INSTANT,
        16,
        None,
        16,
        None,
        {"has_projector": True, "has_wifi": True},
        ("3.00", "6.00", "15.00"),
        None,
        "0",
    ),
]

SPORTS_HALL = ("sporthal", "Sporthal (volledig)", ("18.00", "36.00", "90.00"))
SPORTS_PARTS = [
    ("sporthal-deel-a", "Sporthal deel A", ("6.00", "12.00", "30.00")),
    ("sporthal-deel-b", "Sporthal deel B", ("6.00", "12.00", "30.00")),
    ("sporthal-deel-c", "Sporthal deel C", ("6.00", "12.00", "30.00")),
]

EXTRAS = [
    ("de-linde-feestzaal", "kitchen", "Gebruik professionele keuken", "60.00"),
    ("de-linde-feestzaal", "cleaning", "Eindschoonmaak", "120.00"),
    ("de-linde-feestzaal", "bar", "Toog met koelcel", "40.00"),
    ("de-linde-polyvalente-zaal", "cleaning", "Eindschoonmaak", "45.00"),
    ("de-linde-polyvalente-zaal", "projector", "Beamer en scherm", "15.00"),
    ("de-linde-vergaderzaal", "projector", "Beamer en scherm", "10.00"),
]


def _resource(name: str, *, parent: Resource | None = None, opens=dt.time(8), closes=dt.time(23)) -> Resource:
    resource, _created = Resource.objects.update_or_create(
        name=name,
        defaults={
            "capacity": 1,
            "parent": parent,
            "slot_granularity": dt.timedelta(minutes=30),
            "min_duration": dt.timedelta(hours=1),
            "lead_time": dt.timedelta(days=2),
            "booking_horizon": dt.timedelta(days=548),
        },
    )
    for weekday in range(7):
        OpeningHours.objects.get_or_create(resource=resource, weekday=weekday, opens=opens, closes=closes)
    return resource


def _tariffs(room: Room, unit: str, prices: tuple[str, str, str] | None, deposit: str = "0") -> None:
    if prices is None:
        return
    room_type = ContentType.objects.get_for_model(Room)
    for categories, price in zip((A, B, CC), prices, strict=True):
        for category in categories:
            Tariff.objects.update_or_create(
                target_content_type=room_type,
                target_object_id=room.pk,
                category=category,
                unit=unit,
                defaults={"price": Decimal(price), "vat_rate": Decimal("0"), "deposit": Decimal(deposit)},
            )


def _room(slug, venue, name, mode, capacity, resource, **extra) -> Room:
    room, _created = Room.objects.update_or_create(
        slug=slug,
        defaults={
            "venue": venue,
            "name": name,
            "mode": mode,
            "capacity": capacity,
            "resource": resource,
            **extra,
        },
    )
    return room


def load() -> None:
    """Idempotent."""
    venues = {}
    for data in VENUES:
        fields = {key: value for key, value in data.items() if key != "slug"}
        fields["municipality"] = Municipality.objects.get(slug=data["municipality"])
        venues[data["slug"]], _created = Venue.objects.update_or_create(slug=data["slug"], defaults=fields)
    for (
        slug,
        venue,
        name,
        mode,
        capacity,
        theatre,
        tables,
        reception,
        equipment,
        hourly,
        daily,
        deposit,
    ) in ROOMS:
        room = _room(
            slug,
            venues[venue],
            name,
            mode,
            capacity,
            _resource(f"{venues[venue].name} – {name}"),
            capacity_theatre=theatre,
            capacity_tables=tables,
            capacity_reception=reception,
            **equipment,
        )
        _tariffs(room, "hour", hourly, deposit)
        _tariffs(room, "day", daily, deposit)
    sport = venues["sportcentrum-dorpsveld"]
    slug, name, hourly = SPORTS_HALL
    whole_resource = _resource(f"{sport.name} – {name}", opens=dt.time(7), closes=dt.time(23))
    whole = _room(
        slug,
        sport,
        name,
        RoomMode.ON_APPROVAL,
        300,
        whole_resource,
        is_sports_hall=True,
        has_sound_system=True,
    )
    _tariffs(whole, "hour", hourly)
    for slug, name, hourly in SPORTS_PARTS:
        part = _room(
            slug,
            sport,
            name,
            RoomMode.ON_APPROVAL,
            100,
            _resource(f"{sport.name} – {name}", parent=whole_resource, opens=dt.time(7), closes=dt.time(23)),
            is_sports_hall=True,
        )
        _tariffs(part, "hour", hourly)
    for room_slug, kind, name, price in EXTRAS:
        RoomExtra.objects.update_or_create(
            room=Room.objects.get(slug=room_slug),
            kind=kind,
            name=name,
            defaults={"price": Decimal(price), "vat_rate": Decimal("21")},
        )
