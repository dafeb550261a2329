"""Every evaluation or inspection belongs to the agency inspected (issue 12): the agency of the
division of its first finding's task, else the installation's first."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    Organization = apps.get_model("core", "Organization")
    Oversight = apps.get_model("oversight", "Oversight")
    Finding = apps.get_model("oversight", "Finding")
    first = (
        Organization.objects.filter(kind="agency", parent__isnull=True).order_by("sort_order", "id").first()
    )
    for oversight in Oversight.objects.filter(agency__isnull=True):
        finding = (
            Finding.objects.filter(oversight=oversight)
            .select_related("task__division")
            .order_by("pk")
            .first()
        )
        agency_id = finding.task.division.parent_id if finding is not None else None
        agency_id = agency_id or (first.pk if first else None)
        if agency_id is not None:
            Oversight.objects.filter(pk=oversight.pk).update(agency_id=agency_id)


def check_constraints_now(apps, schema_editor):
    """The filled foreign keys are checked now, not at commit: the column is made NOT NULL next,
    which PostgreSQL refuses while deferred checks are pending ("pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_agency_settings"),
        ("ledger", "0001_initial"),
        ("oversight", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="oversight",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AlterField(
            model_name="headpart",
            name="leader",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="机关领导",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(check_constraints_now, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="oversight",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
    ]
