"""Celery autodiscovery imports this module; each part keeps its tasks in its own file."""

from .tasks_loans import *  # noqa: F403
from .tasks_rooms import *  # noqa: F403
