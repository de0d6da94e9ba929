"""Give the benchmarks their own PostgreSQL database, created and migrated if missing."""

import os

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/dorpsplein_bench"


def configure() -> None:
    """Point Django at the bench database (DATABASE_URL or the default), create it, migrate it."""
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    _create_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from django.db import connection

    with connection.cursor() as cursor:  # every run starts from the same empty calendar
        cursor.execute(
            "TRUNCATE calendars_allocation, calendars_series, calendars_openinghours, calendars_closure,"
            " calendars_feedtoken, calendars_resource RESTART IDENTITY CASCADE"
        )


def _create_database(url: str) -> None:
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        raise SystemExit("The benchmarks need PostgreSQL: set DATABASE_URL=postgres://...")
    params = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
    }
    with psycopg.connect(
        dbname="postgres", autocommit=True, **{k: v for k, v in params.items() if v}
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
