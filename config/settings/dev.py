"""Embedded default: SQLite, Celery eager, mail to the console. What `make run` serves."""
from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "dorpsveld.localhost",
                                           "heuvelrode.localhost"])
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
