"""Issue 12: the 普法 plans, the responsibility list and the activities belong to an agency."""

import django.db.models.deletion
from django.db import migrations, models


def _agency_id(organization, first):
    if organization is None:
        return first.pk
    if organization.kind == "division" and organization.parent_id:
        return organization.parent_id
    return organization.pk


def fill_agency(apps, schema_editor):
    """A list item or an activity belongs to its division's agency, a plan to its author's
    (else the installation's first agency)."""
    Organization = apps.get_model("core", "Organization")
    first = (
        Organization.objects.filter(kind="agency", parent__isnull=True).order_by("sort_order", "id").first()
    )
    if first is None:
        return
    Plan = apps.get_model("legal_publicity", "PublicityPlan")
    for plan in Plan.objects.filter(agency__isnull=True).select_related("created_by__organization"):
        Plan.objects.filter(pk=plan.pk).update(agency_id=_agency_id(plan.created_by.organization, first))
    for name in ("ResponsibilityItem", "Activity"):
        model = apps.get_model("legal_publicity", name)
        for row in model.objects.filter(agency__isnull=True).select_related("division"):
            model.objects.filter(pk=row.pk).update(agency_id=_agency_id(row.division, first))


def fill_then_check(apps, schema_editor):
    fill_agency(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        # The filled foreign keys are checked now, not at commit: the column is made NOT NULL
        # next, which PostgreSQL refuses while deferred checks are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_agency_settings"),
        ("legal_publicity", "0003_plan_drafting_started"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AddField(
            model_name="publicityplan",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AddField(
            model_name="responsibilityitem",
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
            model_name="activity",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AlterField(
            model_name="publicityplan",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AlterField(
            model_name="responsibilityitem",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
    ]
