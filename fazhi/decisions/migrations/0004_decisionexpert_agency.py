"""Each decision organ keeps its own expert pool (issue 12): the pool's experts belong to an
agency — the installation's first, for the experts entered before."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    Organization = apps.get_model("core", "Organization")
    DecisionExpert = apps.get_model("decisions", "DecisionExpert")
    if not DecisionExpert.objects.filter(agency__isnull=True).exists():
        return
    first = (
        Organization.objects.filter(kind="agency", parent__isnull=True).order_by("sort_order", "id").first()
    )
    if first is None:
        return
    DecisionExpert.objects.filter(agency__isnull=True).update(agency=first)


def check_constraints_now(apps, schema_editor):
    """The filled foreign keys are checked now, not at commit: the column is made NOT NULL next,
    which PostgreSQL refuses while deferred checks are pending ("pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_agency_settings"),
        ("decisions", "0003_merge_text_hash"),
    ]

    operations = [
        migrations.AddField(
            model_name="decisionexpert",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(check_constraints_now, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="decisionexpert",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
    ]
