import django.db.models.deletion
from django.db import migrations, models


def fill_agency(apps, schema_editor):
    """An officer belongs to their account's agency, else to the installation's first agency."""
    Inspector = apps.get_model("core", "Inspector")
    Organization = apps.get_model("core", "Organization")
    first = (
        Organization.objects.filter(kind="agency", parent__isnull=True).order_by("sort_order", "id").first()
    )
    for inspector in Inspector.objects.filter(agency__isnull=True).select_related("user__organization"):
        organization = inspector.user.organization if inspector.user_id else None
        agency_id = None
        if organization is not None:
            agency_id = (
                organization.parent_id
                if organization.kind == "division" and organization.parent_id
                else organization.pk
            )
        if agency_id is None and first is not None:
            agency_id = first.pk
        if agency_id is not None:
            Inspector.objects.filter(pk=inspector.pk).update(agency_id=agency_id)


def fill_then_check(apps, schema_editor):
    fill_agency(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        # The filled foreign keys are checked now, not at commit: the column is made NOT NULL
        # next, which PostgreSQL refuses while deferred checks are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_agency_settings"),
        # The roster's table is still the one the inspections app created (core/0007 moved
        # the model only): it must exist before a column is added to it.
        ("inspections", "0004_inspector_to_core"),
    ]

    operations = [
        migrations.AddField(
            model_name="inspector",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.RunPython(fill_then_check, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="inspector",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
    ]
