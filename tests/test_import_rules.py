"""Who may import whom (docs/architecture.md), checked on the source of every module.

Engines never import a feature app; among the feature apps, associations is the lower one and cms
sits on top. A rule on a package covers its subpackages ("associations" covers
"associations.events"); a forbidden target covers its subpackages too ("reservations" covers
"reservations.rooms"). Add a row when a new app appears.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ENGINES = ("accounts", "calendars", "payments")
FEATURE_APPS = ("reservations", "ticketing", "associations", "cms", "themes")

# importing package -> packages it must not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(ENGINES, FEATURE_APPS),
    "associations": ("reservations", "ticketing", "cms"),
    "associations.events": ("reservations", "ticketing", "cms"),
    "reservations": ("cms",),
    "reservations.rooms": ("cms",),
    "reservations.loans": ("cms",),
    "ticketing": ("cms",),
    "ticketing.tickets": ("cms",),
    "ticketing.activities": ("cms",),
}

# Engines must not name feature apps' URLs or models in strings either ("reservations:my_bookings",
# "reservations.Booking"): that is an import by another name.
NAMED_IN_STRING = re.compile("(?:" + "|".join(FEATURE_APPS) + r")[.:][A-Za-z_][\w.:-]*")


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported_modules(module: str, tree: ast.AST, *, is_package: bool) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from reservations import rooms` imports reservations.rooms
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names if alias.name != "*"]
    return found


def violations(module: str, source: str, *, is_package: bool = False) -> list[str]:
    """The broken rules in one module's source, as "module:line imports target (rule)"."""
    rules = {
        target
        for package, targets in FORBIDDEN.items()
        if _within(module, package)
        for target in targets
        if not _within(module, target)
    }
    if not rules:
        return []
    tree = ast.parse(source)
    problems = []
    for lineno, imported in _imported_modules(module, tree, is_package=is_package):
        for target in sorted(rules):
            if _within(imported, target):
                problems.append(f"{module}:{lineno} imports {imported} (may not import {target})")
    if any(_within(module, engine) for engine in ENGINES):
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and NAMED_IN_STRING.fullmatch(node.value)
            ):
                problems.append(f"{module}:{node.lineno} names {node.value!r} (a feature app)")
    return sorted(set(problems))


def _source_files() -> list[Path]:
    packages = {package.split(".")[0] for package in FORBIDDEN}
    return sorted(path for package in packages for path in (ROOT / package).rglob("*.py"))


def test_every_module_keeps_to_the_import_rules():
    files = _source_files()
    assert len(files) > 50, "the source tree was not found"
    problems = []
    for path in files:
        problems += violations(
            _module_name(path), path.read_text(encoding="utf-8"), is_package=path.name == "__init__.py"
        )
    assert problems == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("payments.fake", "from reservations.models import Booking\n", ["reservations"]),
        ("calendars.fake", "import ticketing.tickets.models as t\n", ["ticketing"]),
        ("accounts.fake", "def f():\n    from cms import selectors\n", ["cms"]),
        ("accounts.fake", "if TYPE_CHECKING:\n    from themes.models import Theme\n", ["themes"]),
        ("accounts.fake", 'URL = "reservations:my_bookings"\n', ["reservations:my_bookings"]),
        ("associations.events.fake", "from reservations.rooms.models import Booking\n", ["reservations"]),
        ("associations.fake", "from ticketing import tickets\n", ["ticketing"]),
        ("reservations.loans.fake", "from cms.models import HomePage\n", ["cms"]),
        ("ticketing.activities.fake", "from cms import models\n", ["cms"]),
        ("reservations.loans.fake", "import importlib, cms.models\n", ["cms"]),
    ],
)
def test_a_broken_rule_is_reported(module, source, expected):
    problems = violations(module, source)

    assert len(problems) >= 1
    assert all(module in problem for problem in problems)
    assert all(any(word in problem for word in expected) for problem in problems)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("reservations.rooms.fake", "from associations.models import Association\n"),
        ("ticketing.tickets.fake", "from associations.events.models import Notification\n"),
        ("reservations.loans.fake", "from reservations.rooms import selectors\nfrom . import models\n"),
        ("associations.events.fake", "from associations.models import Association\n"),
        ("cms.fake", "from reservations.models import Booking\nfrom ticketing import tickets\n"),
        ("payments.fake", "from accounts import localtime\nfrom calendars import ical\n"),
        ("payments.fake", '"""Feature apps call register_handler("reservations.booking", ...)."""\n'),
    ],
)
def test_allowed_imports_are_not_reported(module, source):
    assert violations(module, source) == []
