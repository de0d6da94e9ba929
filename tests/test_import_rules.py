"""The layers of docs/architecture.md hold: engines import no feature app, no app imports one above it."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# For each app (a dotted package), the packages of ours it must never import.
FEATURES = ("associations", "reservations", "ticketing", "cms", "themes")
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "accounts": ("calendars", "payments", *FEATURES),
    "calendars": ("payments", *FEATURES),
    "payments": FEATURES,
    "associations": ("reservations", "ticketing", "cms"),
    "associations.events": ("reservations", "ticketing", "cms"),
    "reservations.rooms": ("reservations.loans", "ticketing", "cms"),
    "reservations.loans": ("ticketing", "cms"),
    "ticketing.tickets": ("ticketing.activities", "reservations.loans", "cms"),
    "ticketing.activities": ("ticketing.tickets", "reservations.loans", "cms"),
    "themes": (*FEATURES[:3], "cms"),
}


ENGINES = ("accounts", "calendars", "payments")
# Engines must not name a feature app's URLs or models in strings either ("rooms:my_bookings",
# "rooms.Booking"): that is an import by another name.
FEATURE_LABELS = (
    "associations", "events", "rooms", "loans", "tickets", "activities", "reservations", "ticketing",
)
NAMED_IN_STRING = re.compile(r"^(?:" + "|".join(FEATURE_LABELS) + r")[.:][A-Za-z_]\w*$")


def named_feature_strings(source: str) -> list[str]:
    """String constants in a source that name a feature URL or model ("loans:my_loans")."""
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and NAMED_IN_STRING.match(node.value)
    ]


def owner_of(module: str) -> str | None:
    """The most specific app in FORBIDDEN that a module belongs to."""
    candidates = [app for app in FORBIDDEN if module == app or module.startswith(app + ".")]
    return max(candidates, key=len) if candidates else None


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in a source file, relative imports resolved."""
    found = []
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def violations(source: str, module: str) -> list[str]:
    app = owner_of(module)
    if app is None:
        return []
    wrong = []
    reported_lines = set()
    for line, name in imported_modules(source, module):
        if line in reported_lines:
            continue
        for forbidden in FORBIDDEN[app]:
            if name == forbidden or name.startswith(forbidden + "."):
                wrong.append(f"{module}:{line} imports {name} ({app} may not import {forbidden})")
                reported_lines.add(line)
                break
    return wrong


def our_modules() -> list[tuple[str, Path]]:
    tops = {app.split(".")[0] for app in FORBIDDEN}
    modules = []
    for top in sorted(tops):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules.append((dotted, path))  # "x.__init__" keeps relative imports right
    return modules


def test_no_app_imports_a_layer_above_it():
    modules = our_modules()
    assert len(modules) > 100, "the walk found too few modules to mean anything"
    found = [v for module, path in modules for v in violations(path.read_text(), module)]
    assert found == []


def test_no_engine_names_a_feature_url_or_model():
    named = {
        module: named_feature_strings(path.read_text())
        for module, path in our_modules()
        if module.split(".")[0] in ENGINES
    }
    assert {module: found for module, found in named.items() if found} == {}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('register(url_name="rooms:my_bookings")\n', ["rooms:my_bookings"]),
        ('apps.get_model("loans.Loan")\n', ["loans.Loan"]),
        ('reverse("accounts:profile")\n', []),
        ('text = "rooms: kies een zaal"\n', []),
    ],
)
def test_named_feature_strings_are_found(source, expected):
    assert named_feature_strings(source) == expected


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("payments.services.orders", "from reservations.rooms.models import Booking\n", 1),
        ("calendars.selectors", "import ticketing.tickets.models\n", 1),
        ("accounts.views", "from payments import services\n", 1),
        ("associations.services", "from reservations.loans import services\n", 1),
        ("associations.events.models", "from reservations.rooms.models import Room\n", 1),
        ("reservations.rooms.views.public", "from cms.models import HomePage\n", 1),
        ("reservations.rooms.services.bookings", "from ..loans.models import Loan\n", 0),
        ("reservations.rooms.services.bookings", "from ...loans.models import Loan\n", 1),
        ("reservations.loans.models.loans", "from reservations.rooms.models import Booking\n", 0),
        ("reservations.loans.services", "from associations.selectors import user_can_book_for\n", 0),
        ("cms.demo", "from reservations.rooms import demo\nfrom ticketing.tickets import models\n", 0),
    ],
)
def test_the_rule_reports_what_breaks_it(module, source, expected):
    assert len(violations(source, module)) == expected
