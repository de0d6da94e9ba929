import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Venue.municipality: added nullable, then made required (a fresh install has no venues yet)."""

    dependencies = [
        ("accounts", "0003_municipality_user_staff_municipalities_and_more"),
        ("rooms", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="venue",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="venues",
                to="accounts.municipality",
                verbose_name="gemeente (beheerder)",
            ),
        ),
        migrations.AlterField(
            model_name="venue",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="venues",
                to="accounts.municipality",
                verbose_name="gemeente (beheerder)",
            ),
        ),
    ]
