"""The municipal staff groups of the back-office, as cms uses them.

The desks and what each may do are defined in `accounts.desks`: every app registers its own
model permissions in its `AppConfig.ready()`. cms creates the groups after every migrate
(post_migrate, see CmsConfig.ready) and in load_demo, so a fresh install always has them.
"""

from accounts.desks import (
    CULTURE_TICKETS,
    EVENTS_DESK,
    FINANCE,
    LEISURE_ACTIVITIES,
    LOANS,
    ROOM_HIRE,
    STAFF_DESKS,
)

STAFF_GROUPS = STAFF_DESKS

__all__ = [
    "CULTURE_TICKETS", "EVENTS_DESK", "FINANCE", "LEISURE_ACTIVITIES", "LOANS", "ROOM_HIRE", "STAFF_GROUPS",
]
