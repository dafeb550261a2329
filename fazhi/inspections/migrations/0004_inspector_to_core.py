"""The roster of enforcement officers now lives in core (core/0007): the conflicts and tasks
point there, and the model leaves this app's state. State only: the table
`inspections_inspector` and its rows stay where they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_inspector_roster"),
        ("enforcement", "0005_officers_from_core_roster"),
        ("inspections", "0003_expert_domains"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="conflict",
                    name="inspector",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="conflicts",
                        to="core.inspector",
                        verbose_name="执法检查人员",
                    ),
                ),
                migrations.AlterField(
                    model_name="inspectiontask",
                    name="inspectors",
                    field=models.ManyToManyField(
                        related_name="tasks", to="core.inspector", verbose_name="执法检查人员"
                    ),
                ),
                migrations.DeleteModel(name="Inspector"),
            ],
            database_operations=[],
        ),
    ]
