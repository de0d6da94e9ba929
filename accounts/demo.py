"""Demo residents for `load_demo` (idempotent). Staff users are made by the cms demo."""

import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import HouseholdMember, Municipality, User

DEMO_PASSWORD = "dorpsplein"  # noqa: S105 - demo logins are printed on purpose

DEMO_MUNICIPALITIES = [
    {
        "slug": "dorpsveld",
        "name": "Gemeente Dorpsveld",
        "address_line_1": "Dorpsplein 1",
        "postal_code": "9999",
        "city": "Dorpsveld",
        "vat_number": "BE0207500123",
        "iban": "BE71096123456769",
        "bic": "GKCCBEBB",
        "resident_postal_codes": "9999, 9998",
        "email": "info@dorpsveld.be",
        "phone": "09 123 45 67",
    },
    {
        "slug": "heuvelrode",
        "name": "Gemeente Heuvelrode",
        "address_line_1": "Kerkstraat 12",
        "postal_code": "9990",
        "city": "Heuvelrode",
        "vat_number": "BE0207600091",
        "iban": "BE32091000123402",
        "bic": "GKCCBEBB",
        "resident_postal_codes": "9990",
        "email": "onthaal@heuvelrode.be",
        "phone": "09 765 43 21",
    },
]

DEMO_USERS = [
    {
        "email": "alice@dorpsveld.be",
        "first_name": "Alice",
        "last_name": "Peeters",
        "phone": "0470 12 34 56",
        "street": "Kerkstraat 12",
        "postal_code": "9999",
        "city": "Dorpsveld",
    },
    {
        "email": "bob@dorpsveld.be",
        "first_name": "Bob",
        "last_name": "Janssens",
        "phone": "0471 23 45 67",
        "street": "Molenweg 3",
        "postal_code": "9998",
        "city": "Dorpsveld",
    },
    {
        "email": "carla@heuvelrode.be",
        "first_name": "Carla",
        "last_name": "Maes",
        "phone": "0472 34 56 78",
        "street": "Heuvelstraat 45",
        "postal_code": "9990",
        "city": "Heuvelrode",
    },
]

DEMO_CHILDREN: dict[str, list[dict[str, Any]]] = {
    "alice@dorpsveld.be": [
        {
            "first_name": "Lotte",
            "last_name": "Peeters",
            "birth_date": datetime.date(2016, 4, 12),
            "notes": "",
        },
        {
            "first_name": "Wout",
            "last_name": "Peeters",
            "birth_date": datetime.date(2019, 9, 3),
            "notes": "Allergisch voor noten. Mag opgehaald worden door oma Lea Peeters.",
        },
    ],
}

DEMO_LOGINS = [
    (
        "alice@dorpsveld.be",
        DEMO_PASSWORD,
        "inwoner met twee kinderen; beheerder Buurtcomité Kerkwijk, lid Koor Cantabile",
    ),
    ("bob@dorpsveld.be", DEMO_PASSWORD, "inwoner; beheerder KSA Dorpsveld (erkend), boeker SK Dorpsveld"),
    ("carla@heuvelrode.be", DEMO_PASSWORD, "inwoner van Heuvelrode; beheerder Fuifcollectief Nachtuil"),
]


@transaction.atomic
def load() -> None:
    for data in DEMO_MUNICIPALITIES:
        Municipality.objects.update_or_create(
            slug=data["slug"], defaults={key: value for key, value in data.items() if key != "slug"}
        )
    for data in DEMO_USERS:
        email = data["email"]
        user, created = User.objects.get_or_create(
            email=email, defaults={key: value for key, value in data.items() if key != "email"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        elif user.postal_code != data["postal_code"]:  # an older demo had Carla outside both
            user.postal_code, user.city = data["postal_code"], data["city"]
            user.save(update_fields=["postal_code", "city"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for child in DEMO_CHILDREN.get(email, []):
            HouseholdMember.objects.get_or_create(
                user=user,
                first_name=child["first_name"],
                last_name=child["last_name"],
                defaults={"birth_date": child["birth_date"], "notes": child["notes"]},
            )
