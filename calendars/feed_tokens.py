"""Calendar bookkeeping that claims no capacity: Belgian public holidays and iCal feed tokens."""

import holidays as holidays_lib
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from calendars.models import FeedToken, PublicHoliday


def load_public_holidays(*, year: int) -> int:
    """Store the Belgian public holidays of a year (idempotent); returns how many there are."""
    with transaction.atomic():
        belgian = holidays_lib.country_holidays("BE", years=year, language="nl")
        for day, name in sorted(belgian.items()):
            PublicHoliday.objects.update_or_create(date=day, defaults={"name": name})
        return len(belgian)


def create_feed_token(*, target: models.Model, label: str = "") -> FeedToken:
    """A new unguessable iCal feed address for a resource, a person or an association."""
    with transaction.atomic():
        return FeedToken.objects.create(
            target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk), label=label
        )


def rotate_feed_token(*, feed_token: FeedToken) -> FeedToken:
    """Replace the token: the old address stops working, the new one shows the same feed."""
    with transaction.atomic():
        from calendars.models import new_feed_token

        feed_token.token = new_feed_token()
        feed_token.save(update_fields=["token"])
        return feed_token


def revoke_feed_token(*, feed_token: FeedToken) -> None:
    with transaction.atomic():
        feed_token.delete()
