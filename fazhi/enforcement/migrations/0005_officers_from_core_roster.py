"""A case's officers come from the roster in core (core/0007). State only: the table and its
columns stay as they are."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_inspector_roster"),
        ("enforcement", "0004_limitation_start_extension_basis_reversal_effect"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="enforcementcase",
                    name="officers",
                    field=models.ManyToManyField(
                        related_name="enforcement_cases", to="core.inspector", verbose_name="执法人员"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
