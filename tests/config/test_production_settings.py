"""config.settings.production refuses to start with an insecure setting (checked in a fresh process)."""
import os
import subprocess
import sys

import pytest

from config.settings.base import BASE_DIR

GOOD_ENV = {
    "SECRET_KEY": "x" * 64,
    "ALLOWED_HOSTS": "dorpsveld.example.be",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DEBUG": "false",
}


def start_production(**overrides: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in GOOD_ENV}
    env.update(GOOD_ENV)
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True)


def test_production_starts_with_secure_settings():
    result = start_production()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"SECRET_KEY": None}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "dev-only-insecure-key-never-use-in-production"}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "Set SECRET_KEY"),
        ({"ALLOWED_HOSTS": None}, "Set ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": ""}, "Set ALLOWED_HOSTS"),
        ({"REDIS_URL": None}, "Set REDIS_URL"),
        ({"DEBUG": "maybe"}, "DEBUG must be a boolean"),
    ],
)
def test_production_refuses_insecure_settings(overrides, message):
    result = start_production(**overrides)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
