import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Depot.municipality: added nullable, then made required (a fresh install has no depots yet)."""

    dependencies = [
        ("accounts", "0003_municipality_user_staff_municipalities_and_more"),
        ("loans", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="depot",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="loan_depots",
                to="accounts.municipality",
                verbose_name="gemeente (beheerder)",
            ),
        ),
        migrations.AlterField(
            model_name="depot",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="loan_depots",
                to="accounts.municipality",
                verbose_name="gemeente (beheerder)",
            ),
        ),
    ]
