"""Room hire (rooms.py) and material loans (loans.py) share this app and its migrations."""

from .loans import *  # noqa: F403
from .rooms import *  # noqa: F403
