"""Demo data of the public site: two municipalities, each with its own Wagtail Site and theme.

Idempotent: every object is looked up by a stable key (hostname, slug, title, e-mail) and only
created when missing, so running load_demo twice changes nothing.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from accounts.models import Municipality as MunicipalityRecord
from accounts.models import MunicipalitySite
from cms import staff
from cms.models import ContentPage, HomePage, NewsIndexPage, NewsPage, OpeningHours, SiteSettings
from cms.services import ensure_page_tree_root, ensure_staff_groups
from themes.models import Theme

DEMO_PASSWORD = "dorpsplein"  # noqa: S105 - published demo password, printed by load_demo
PORT = 8000

DEMO_LOGINS = [
    ("admin@dorpsveld.be", DEMO_PASSWORD, "Beheerder (superuser), Wagtail-admin op /admin/"),
    ("zalen@dorpsveld.be", DEMO_PASSWORD, "Personeel zaalverhuur (groep Zaalverhuur)"),
    ("uitleen@dorpsveld.be", DEMO_PASSWORD, "Personeel uitleendienst (groep Uitleendienst)"),
    ("financien@dorpsveld.be", DEMO_PASSWORD, "Personeel financiën (groep Financiën)"),
    ("balie@heuvelrode.be", DEMO_PASSWORD, "Personeel financiën van Heuvelrode (ziet enkel Heuvelrode)"),
]

STAFF_USERS = [
    # e-mail, first name, last name, group (None = superuser), municipality the staff member serves
    ("admin@dorpsveld.be", "Ann", "Beheerder", None, "dorpsveld"),
    ("zalen@dorpsveld.be", "Zeger", "Zaal", staff.ROOM_HIRE, "dorpsveld"),
    ("uitleen@dorpsveld.be", "Ulrike", "Uitleen", staff.LOANS, "dorpsveld"),
    ("financien@dorpsveld.be", "Frank", "Financiën", staff.FINANCE, "dorpsveld"),
    ("balie@heuvelrode.be", "Hilde", "Balie", staff.FINANCE, "heuvelrode"),
]

# Monday-Friday 9-12; Monday and Wednesday afternoons too; Thursday evening; weekend closed.
TOWN_HALL_HOURS = [
    (0, "09:00", "12:00"),
    (0, "13:30", "16:00"),
    (1, "09:00", "12:00"),
    (2, "09:00", "12:00"),
    (2, "13:30", "16:00"),
    (3, "09:00", "12:00"),
    (3, "17:00", "19:30"),
    (4, "09:00", "12:00"),
]


@dataclass(frozen=True)
class Municipality:
    slug: str
    name: str
    hostname: str
    is_default: bool
    baseline: str
    primary: str
    secondary: str
    address: str
    phone: str
    email: str
    hours: list = field(default_factory=lambda: TOWN_HALL_HOURS)


MUNICIPALITIES = [
    Municipality(
        slug="dorpsveld",
        name="Dorpsveld",
        hostname="localhost",
        is_default=True,
        baseline="Samen maken we het dorp",
        primary="#1d5e8c",
        secondary="#2f5d3a",
        address="Gemeentehuis Dorpsveld\nDorpsplein 1\n9999 Dorpsveld",
        phone="09 123 45 67",
        email="info@dorpsveld.be",
    ),
    Municipality(
        slug="heuvelrode",
        name="Heuvelrode",
        hostname="heuvelrode.localhost",
        is_default=False,
        baseline="Groen, gastvrij en dichtbij",
        primary="#8a1c3c",
        secondary="#4a3b7a",
        address="Administratief centrum Heuvelrode\nKerkstraat 12\n9990 Heuvelrode",
        phone="09 765 43 21",
        email="onthaal@heuvelrode.be",
        hours=[
            (0, "08:30", "12:00"),
            (1, "08:30", "12:00"),
            (1, "14:00", "18:00"),
            (2, "08:30", "12:00"),
            (3, "08:30", "12:00"),
            (4, "08:30", "12:00"),
            (5, "09:00", "11:30"),
        ],
    ),
]


def _paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def _practical(title: str, rows: list[tuple[str, str]]) -> dict:
    return {
        "type": "practical_info",
        "value": {
            "title": title,
            "rows": [{"label": label, "value": f"<p>{value}</p>"} for label, value in rows],
        },
    }


def _cta(title: str, text: str, url: str, button: str) -> dict:
    return {
        "type": "call_to_action",
        "value": {"title": title, "text": text, "page": None, "url": url, "button_text": button},
    }


def content_pages(m: Municipality) -> list[dict]:
    """The information pages every municipality has, in plain Dutch."""
    return [
        {
            "slug": "vrije-tijd",
            "title": "Vrije tijd",
            "intro": f"Sporten, spelen, cultuur en ontmoeten in {m.name}: hier vind je wat er te doen is.",
            "body": [
                _paragraph(
                    "<p>Kinderen kunnen in de vakanties mee op speelpleinwerking en sportkampen. "
                    "Volwassenen vinden cursussen, voorstellingen en wandelingen.</p>"
                ),
                {"type": "heading", "value": {"text": "Inschrijven voor activiteiten", "level": "h2"}},
                _paragraph(
                    "<p>Je schrijft je kinderen in met je Dorpsplein-account. Heb je recht op het "
                    "sociaal tarief? Dan betaal je automatisch minder.</p>"
                ),
                _cta(
                    "Verenigingen in de gemeente",
                    "Zoek een club, jeugdbeweging of koor in de verenigingsgids.",
                    "/verenigingen/",
                    "Naar de verenigingsgids",
                ),
            ],
        },
        {
            "slug": "zalen-huren",
            "title": "Zalen huren",
            "intro": (
                "Verenigingen en inwoners huren een zaal van de gemeente "
                "voor een vergadering, feest of training."
            ),
            "body": [
                _paragraph(
                    "<p>Kies een zaal, bekijk wanneer ze vrij is en vraag ze online aan. De dienst "
                    "zaalverhuur bevestigt je aanvraag binnen drie werkdagen.</p>"
                ),
                _practical(
                    "Praktisch",
                    [
                        ("Wie", "Inwoners, verenigingen, scholen en bedrijven"),
                        ("Hoe lang vooraf", "Minstens 7 dagen, hoogstens 1 jaar"),
                        ("Betalen", "Online, met overschrijving of aan het loket"),
                        ("Sleutel", "Af te halen aan het onthaal van het gemeentehuis"),
                    ],
                ),
                _cta(
                    "Een zaal aanvragen",
                    "Bekijk de vrije momenten en vraag meteen aan.",
                    "/reserveren/zalen/",
                    "Zaal zoeken",
                ),
            ],
        },
        {
            "slug": "materiaal-lenen",
            "title": "Materiaal lenen",
            "intro": (
                "De uitleendienst leent tafels, stoelen, tenten, podiumelementen en geluidsinstallaties uit."
            ),
            "body": [
                _paragraph(
                    "<p>Erkende verenigingen lenen aan een voordelig tarief. Je haalt het materiaal "
                    "af in de gemeentelijke loods en brengt het proper terug.</p>"
                ),
                _practical(
                    "Praktisch",
                    [
                        ("Afhalen", "Dinsdag en vrijdag van 8 tot 12 uur, gemeentelijke loods"),
                        ("Waarborg", "Je krijgt de waarborg terug als alles compleet en onbeschadigd is"),
                    ],
                ),
                _cta(
                    "Materiaal aanvragen",
                    "Bekijk hoeveel er vrij is op jouw datum en stel je mandje samen.",
                    "/reserveren/uitlenen/",
                    "Naar de catalogus",
                ),
            ],
        },
        {
            "slug": "evenement-melden",
            "title": "Evenement melden",
            "intro": (
                "Organiseer je een feest, fuif, markt of sportwedstrijd? "
                "Meld het minstens 8 weken op voorhand."
            ),
            "body": [
                _paragraph(
                    "<p>Met één melding vraag je alles tegelijk aan: het gebruik van het openbaar "
                    "domein, een tijdelijke drankvergunning, een wegafsluiting en materiaal.</p>"
                ),
                {
                    "type": "quote",
                    "value": {
                        "text": "Door de melding online te doen, hadden we op twee weken al onze toelating.",
                        "attribution": "Organisator van de buurtbarbecue",
                    },
                },
            ],
        },
        {
            "slug": "contact",
            "title": "Contact",
            "intro": (
                f"Je kan bij het gemeentehuis van {m.name} terecht aan het loket, per telefoon of per e-mail."
            ),
            "body": [
                _practical(
                    "Contactgegevens",
                    [
                        ("Adres", m.address.replace("\n", ", ")),
                        ("Telefoon", m.phone),
                        ("E-mail", m.email),
                    ],
                ),
                {"type": "opening_hours", "value": None},
            ],
        },
    ]


def news_items(m: Municipality) -> list[dict]:
    return [
        {
            "slug": "nieuwe-website",
            "title": f"{m.name} heeft een nieuwe website",
            "date": datetime.date(2026, 9, 1),
            "intro": "Zalen huren, materiaal lenen en je evenement melden kan nu allemaal online.",
            "body": [
                _paragraph(
                    "<p>Met één account regel je alles. Lukt het niet online? "
                    "Het loket helpt je graag verder.</p>"
                )
            ],
        },
        {
            "slug": "sportkampen-herfstvakantie",
            "title": "Inschrijvingen sportkampen herfstvakantie",
            "date": datetime.date(2026, 10, 5),
            "intro": (
                "De inschrijvingen voor de sportkampen in de herfstvakantie openen op maandag om 19 uur."
            ),
            "body": [
                _paragraph(
                    "<p>Er zijn kampen voor kleuters en voor lagere schoolkinderen. "
                    "Broers en zussen krijgen korting.</p>"
                )
            ],
        },
        {
            "slug": "kerstmarkt",
            "title": "Kerstmarkt op het dorpsplein",
            "date": datetime.date(2026, 11, 15),
            "intro": "Verenigingen die een kraampje willen op de kerstmarkt, melden zich voor 1 december.",
            "body": [_paragraph("<p>De gemeente zorgt voor de kramen, verlichting en elektriciteit.</p>")],
        },
    ]


def _logo_png(m: Municipality, size: tuple[int, int] = (256, 256), *, square: bool = True) -> bytes:
    """A simple generated logo: the municipality's initial on its primary colour."""
    image = PillowImage.new("RGB", size, m.primary)
    draw = ImageDraw.Draw(image)
    draw.ellipse((16, 16, size[0] - 16, size[1] - 16), outline=m.secondary, width=14, fill=m.primary)
    font = ImageFont.load_default(size=int(size[1] * 0.55))
    draw.text((size[0] / 2, size[1] / 2), m.name[0], fill="#ffffff", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _image(title: str, filename: str, data: bytes):
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is None:
        image = image_model(title=title)
        image.file = ImageFile(io.BytesIO(data), name=filename)
        image.save()
    return image


def _child(parent: Page, model, slug: str, **fields):
    """The child page with this slug, created (live) when missing; existing pages are left alone."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return page


def _home_page(m: Municipality) -> HomePage:
    home = _child(
        ensure_page_tree_root(),
        HomePage,
        m.slug,
        title=f"Welkom in {m.name}",
        hero_title=f"Dorpsplein {m.name}",
        hero_text="Zalen huren, materiaal lenen, je evenement melden en tickets kopen: alles op één plek.",
        intro="<p>Op Dorpsplein regelen inwoners en verenigingen hun zaken met de gemeente, "
        "wanneer het hen past.</p>",
    )
    return home


def _site(m: Municipality, home: HomePage) -> Site:
    site = Site.objects.filter(hostname=m.hostname, port=PORT).first()
    if site is None and m.is_default:
        # Wagtail's own migration made a default site (localhost:80) for its 'Welcome' page: reuse it.
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname=m.hostname, port=PORT)
    wanted = {
        "hostname": m.hostname,
        "port": PORT,
        "site_name": m.name,
        "root_page_id": home.pk,
        "is_default_site": m.is_default,
    }
    if site.pk is None or any(getattr(site, key) != value for key, value in wanted.items()):
        for key, value in wanted.items():
            setattr(site, key, value)
        site.save()
    return site


def _remove_wagtail_welcome_page() -> None:
    """Wagtail's migration creates a plain 'Welcome to your new Wagtail site!' page; drop it once unused."""
    for page in Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ):
        if not Site.objects.filter(root_page=page).exists():
            page.delete()


def _highlights(home: HomePage, pages: dict[str, Page]) -> None:
    if home.highlights:
        return
    tiles = [
        ("zalen-huren", "Een zaal voor je vergadering of feest."),
        ("materiaal-lenen", "Tafels, tenten, podium en geluid."),
        ("evenement-melden", "Vraag alles in één keer aan."),
        ("vrije-tijd", "Kampen, cursussen en voorstellingen."),
    ]
    home.highlights = [
        {
            "type": "link",
            "value": {"title": pages[slug].title, "description": text, "page": pages[slug].pk, "url": ""},
        }
        for slug, text in tiles
    ]
    home.save_revision().publish()


def _site_settings(m: Municipality, site: Site) -> None:
    site_settings = SiteSettings.for_site(site)
    if site_settings.site_name != m.name or not site_settings.address:
        site_settings.site_name = m.name
        site_settings.address = m.address
        site_settings.phone = m.phone
        site_settings.email = m.email
        site_settings.opening_hours_note = "Op wettelijke feestdagen is het loket gesloten."
        site_settings.save()
    if not OpeningHours.objects.filter(settings=site_settings).exists():
        for order, (weekday, opens, closes) in enumerate(m.hours):
            OpeningHours.objects.create(
                settings=site_settings,
                sort_order=order,
                weekday=weekday,
                opens=datetime.time.fromisoformat(opens),
                closes=datetime.time.fromisoformat(closes),
            )


def _theme(m: Municipality, site: Site) -> None:
    theme = Theme.for_site(site)
    if theme.logo_id and theme.primary_color == m.primary:
        return
    theme.logo = _image(f"Logo {m.name}", f"logo-{m.slug}.png", _logo_png(m))
    theme.favicon = _image(f"Favicon {m.name}", f"favicon-{m.slug}.png", _logo_png(m, (64, 64)))
    theme.baseline = m.baseline
    theme.primary_color = m.primary
    theme.secondary_color = m.secondary
    theme.full_clean()
    theme.save()


def _staff_users() -> None:
    user_model = get_user_model()
    for email, first_name, last_name, group_name, municipality_slug in STAFF_USERS:
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            make = (
                user_model.objects.create_superuser if group_name is None else user_model.objects.create_user
            )
            user = make(
                email=email,
                password=DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
                is_staff=True,
                postal_code="9999",
                city="Dorpsveld",
            )
        if group_name is not None:
            user.groups.add(Group.objects.get(name=group_name))
        user.staff_municipalities.add(MunicipalityRecord.objects.get(slug=municipality_slug))
        _confirm_email(user)


def _confirm_email(user) -> None:
    """allauth requires a verified address (ACCOUNT_EMAIL_VERIFICATION=mandatory) to log in."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


@transaction.atomic
def load() -> None:
    ensure_staff_groups()
    _staff_users()
    for m in MUNICIPALITIES:
        home = _home_page(m)
        site = _site(m, home)
        MunicipalitySite.objects.update_or_create(
            site=site, defaults={"municipality": MunicipalityRecord.objects.get(slug=m.slug)}
        )
        pages = {}
        for spec in content_pages(m):
            pages[spec["slug"]] = _child(
                home,
                ContentPage,
                spec["slug"],
                title=spec["title"],
                intro=spec["intro"],
                body=spec["body"],
                show_in_menus=True,
            )
        news_index = _child(
            home,
            NewsIndexPage,
            "nieuws",
            title="Nieuws",
            show_in_menus=True,
            intro=f"Het laatste nieuws van de gemeente {m.name}.",
        )
        for spec in news_items(m):
            _child(
                news_index,
                NewsPage,
                spec["slug"],
                title=spec["title"],
                date=spec["date"],
                intro=spec["intro"],
                body=spec["body"],
            )
        _highlights(home, pages)
        _site_settings(m, site)
        _theme(m, site)
    _remove_wagtail_welcome_page()
