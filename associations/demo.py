"""Demo associations for `load_demo` (idempotent): KBO numbers and IBANs pass python-stdnum."""

from django.db import transaction

from accounts.models import Municipality, User
from associations.models import Association, AssociationCategory, Membership, Role

DEMO_ASSOCIATIONS = [
    {
        "slug": "chiro-heuvelrode",
        "municipality": "heuvelrode",
        "name": "Chiro Heuvelrode",
        "category": AssociationCategory.YOUTH,
        "recognised": True,
        "enterprise_number": "0412900096",
        "iban": "BE95735000123458",
        "street": "Chirolokaal, Bosweg 3",
        "postal_code": "9990",
        "city": "Heuvelrode",
        "email": "leiding@chiroheuvelrode.be",
        "description": "Jeugdbeweging in Heuvelrode: elke zaterdagnamiddag spel, in augustus op kamp.",
    },
    {
        "slug": "ksa-dorpsveld",
        "name": "KSA Dorpsveld",
        "category": AssociationCategory.YOUTH,
        "recognised": True,
        "enterprise_number": "0412345614",
        "iban": "BE48001123456727",
        "street": "Jeugdlokaal De Linde, Lindelaan 2",
        "postal_code": "9999",
        "city": "Dorpsveld",
        "email": "leiding@ksadorpsveld.be",
        "website": "https://ksadorpsveld.be",
        "description": "Jeugdbeweging voor jongens en meisjes van 6 tot 18 jaar. Elke zondag activiteit, "
        "in juli op kamp.",
    },
    {
        "slug": "sk-dorpsveld",
        "name": "SK Dorpsveld",
        "category": AssociationCategory.SPORT,
        "recognised": True,
        "enterprise_number": "0445678970",
        "iban": "BE75068234567851",
        "street": "Sportlaan 10",
        "postal_code": "9999",
        "city": "Dorpsveld",
        "email": "secretariaat@skdorpsveld.be",
        "phone": "09 123 45 67",
        "description": "Voetbalclub met jeugdwerking vanaf U6 en twee seniorenploegen.",
    },
    {
        "slug": "koor-cantabile",
        "name": "Koor Cantabile",
        "category": AssociationCategory.CULTURE,
        "recognised": True,
        "enterprise_number": "0812312345",
        "iban": "BE89735345678985",
        "postal_code": "9998",
        "city": "Dorpsveld",
        "email": "info@cantabile-dorpsveld.be",
        "description": "Gemengd koor van veertig zangers. Repetitie op donderdagavond in het "
        "parochiecentrum; nieuwe stemmen welkom.",
    },
    {
        "slug": "buurtcomite-kerkwijk",
        "name": "Buurtcomité Kerkwijk",
        "category": AssociationCategory.NEIGHBOURHOOD,
        "recognised": True,
        "enterprise_number": "",
        "iban": "BE93143456789067",
        "street": "Kerkstraat 12",
        "postal_code": "9999",
        "city": "Dorpsveld",
        "email": "kerkwijk@dorpsveld.be",
        "description": "Organiseert het jaarlijkse straatfeest, de kerstdrink en de zwerfvuilactie.",
    },
    {
        "slug": "okra-dorpsveld",
        "name": "Okra Dorpsveld",
        "category": AssociationCategory.SENIORS,
        "recognised": True,
        "enterprise_number": "0765432146",
        "iban": "BE49063567890171",
        "postal_code": "9999",
        "city": "Dorpsveld",
        "email": "okra@dorpsveld.be",
        "description": "Trefpunt 55+: kaartnamiddagen, fietstochten en voordrachten.",
    },
    {
        "slug": "fuifcollectief-nachtuil",
        "name": "Fuifcollectief Nachtuil",
        "category": AssociationCategory.OTHER,
        "recognised": False,
        "enterprise_number": "0698765432",
        "iban": "BE30091678901211",
        "postal_code": "3211",
        "city": "Heuvelrode",
        "email": "boekingen@nachtuil.be",
        "description": "Privé-organisator van fuiven en themafeesten in de regio.",
        "public": False,
    },
]

DEMO_MEMBERSHIPS = [
    ("ksa-dorpsveld", "bob@dorpsveld.be", Role.ADMIN),
    ("koor-cantabile", "alice@dorpsveld.be", Role.MEMBER),
    ("buurtcomite-kerkwijk", "alice@dorpsveld.be", Role.ADMIN),
    ("sk-dorpsveld", "bob@dorpsveld.be", Role.BOOKER),
    ("fuifcollectief-nachtuil", "carla@heuvelrode.be", Role.ADMIN),
    ("chiro-heuvelrode", "carla@heuvelrode.be", Role.MEMBER),
]

# The demo people log in with the accounts demo logins (accounts.demo.DEMO_LOGINS describes their
# roles here); listing them again would print every login twice.
DEMO_LOGINS: list[tuple[str, str, str]] = []


@transaction.atomic
def load() -> None:
    for data in DEMO_ASSOCIATIONS:
        fields = {key: value for key, value in data.items() if key not in ("slug", "municipality")}
        fields.setdefault("public", True)
        municipality = Municipality.objects.get(slug=data.get("municipality", "dorpsveld"))
        association, _created = Association.objects.get_or_create(
            slug=data["slug"], defaults={**fields, "municipality": municipality}
        )
        if association.municipality_id != municipality.pk:
            association.municipality = municipality
            association.save(update_fields=["municipality"])
    for slug, email, role in DEMO_MEMBERSHIPS:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        Membership.objects.update_or_create(
            association=Association.objects.get(slug=slug), user=user, defaults={"role": role}
        )
