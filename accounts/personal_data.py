"""Personal-data export (GDPR art. 15/20): each app adds what it stores about a person.

Feature apps call `register_personal_data(key, provider)` at AppConfig.ready(); accounts never
imports them. A provider takes the user and returns JSON-serialisable data.
"""

from collections.abc import Callable

from accounts.models import Municipality, User
from accounts.selectors import customer_category_of, household_members_of

_providers: dict[str, Callable[[User], object]] = {}


def register_personal_data(key: str, provider: Callable[[User], object]) -> None:
    _providers[key] = provider


def _account_data(user: User) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "street": user.street,
        "postal_code": user.postal_code,
        "city": user.city,
        "preferred_language": user.preferred_language,
        "social_tariff": user.social_tariff,
        "date_joined": user.date_joined.isoformat(),
        "customer_category": {
            municipality.name: customer_category_of(user, municipality=municipality).value
            for municipality in Municipality.objects.all()
        },
    }


def _household_data(user: User) -> list[dict]:
    return [
        {
            "first_name": member.first_name,
            "last_name": member.last_name,
            "birth_date": member.birth_date.isoformat(),
            "notes": member.notes,
        }
        for member in household_members_of(user)
    ]


def personal_data_of(user: User) -> dict:
    """Everything the registered apps store about this person, keyed by app."""
    data: dict[str, object] = {"account": _account_data(user), "household_members": _household_data(user)}
    for key, provider in sorted(_providers.items()):
        data[key] = provider(user)
    return data


_erasure_handlers: dict[str, Callable[[User], None]] = {}


def register_erasure_handler(key: str, handler: Callable[[User], None]) -> None:
    """A feature app forgets (or anonymises) what it holds about a person being erased."""
    _erasure_handlers[key] = handler


def run_erasure_handlers(user: User) -> None:
    for _key, handler in sorted(_erasure_handlers.items()):
        handler(user)
