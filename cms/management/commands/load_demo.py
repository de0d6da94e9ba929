"""Load the demo data of every app, in dependency order, and print the demo logins.

Each app with demo data has `<app>/demo.py` with an idempotent `load()` and optionally a
`DEMO_LOGINS` list of (email, password, description) tuples. Running this twice changes nothing.
"""

import importlib
import logging
from importlib.util import find_spec

from django.core.management.base import BaseCommand

# Per-object INFO lines of background tasks and page publishing would bury the logins table.
QUIET_LOGGERS = ["django_tasks", "wagtail"]

DEMO_APPS = [
    "accounts", "calendars", "payments", "associations", "associations.events",
    "reservations.rooms", "reservations.loans", "ticketing.tickets", "ticketing.activities", "cms",
]


def demo_modules() -> list:
    """The `<app>.demo` modules that exist, in load order (an error inside one is not hidden)."""
    modules = []
    for app in DEMO_APPS:
        if find_spec(app) is None or find_spec(f"{app}.demo") is None:
            continue
        modules.append(importlib.import_module(f"{app}.demo"))
    return modules


class Command(BaseCommand):
    help = "Laadt de demogegevens (twee gemeenten, pagina's, personeel, ...) en toont de demo-logins."

    def handle(self, *args, **options):
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
        modules = demo_modules()
        for module in modules:
            self.stdout.write(f"Demogegevens laden: {module.__name__} ...")
            module.load()
        logins = [login for module in modules for login in getattr(module, "DEMO_LOGINS", [])]
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        self.print_logins(logins)

    def print_logins(self, logins: list[tuple[str, str, str]]) -> None:
        if not logins:
            return
        headers = ("E-mail", "Wachtwoord", "Wie")
        widths = [max(len(str(row[i])) for row in [headers, *logins]) for i in range(3)]
        line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        self.stdout.write("")
        self.stdout.write("Demo-logins (http://127.0.0.1:8000/account/login/, beheer op /admin/):")
        self.stdout.write(line)
        for row in [headers, None, *logins]:
            if row is None:
                self.stdout.write(line)
                continue
            self.stdout.write(
                "| " + " | ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)) + " |"
            )
        self.stdout.write(line)
        self.stdout.write("Heuvelrode, de tweede gemeente: http://heuvelrode.localhost:8000/")
