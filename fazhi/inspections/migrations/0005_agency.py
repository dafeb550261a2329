"""Issue 12: the item list, the registries and the plans belong to an agency (the plan's agency is its inspecting body); a USCC and an expert code are unique per agency; the domains are the agency's, so the fields have no fixed choices."""

import django.db.models.deletion
from django.db import migrations, models

import fazhi.core.uscc


def fill_agency(apps, schema_editor):
    """Every row of an installation from before issue 12 is its one agency's; a plan is the
    agency of the person who made it (else of its item's)."""
    Organization = apps.get_model("core", "Organization")
    first = (
        Organization.objects.filter(kind="agency", parent__isnull=True).order_by("sort_order", "id").first()
    )
    if first is None:
        return
    for name in ("InspectionItem", "Entity", "Expert"):
        apps.get_model("inspections", name).objects.filter(agency__isnull=True).update(agency=first)
    Plan = apps.get_model("inspections", "InspectionPlan")
    for plan in Plan.objects.filter(agency__isnull=True).select_related("created_by__organization", "item"):
        organization = plan.created_by.organization
        agency_id = plan.item.agency_id
        if organization is not None and organization.kind in ("agency", "division"):
            agency_id = organization.parent_id if organization.kind == "division" else organization.pk
        Plan.objects.filter(pk=plan.pk).update(agency_id=agency_id or first.pk)


def fill_then_check(apps, schema_editor):
    fill_agency(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        # The filled foreign keys are checked now, not at commit: the column is made NOT NULL
        # next, which PostgreSQL refuses while deferred checks are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_inspector_agency"),
        ("inspections", "0004_inspector_to_core"),
    ]

    operations = [
        migrations.AddField(
            model_name="entity",
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
            model_name="expert",
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
            model_name="inspectionitem",
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
            model_name="inspectionplan",
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
            model_name="entity",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AlterField(
            model_name="expert",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AlterField(
            model_name="inspectionitem",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AlterField(
            model_name="inspectionplan",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AlterField(
            model_name="entity",
            name="domain",
            field=models.CharField(max_length=30, verbose_name="领域"),
        ),
        migrations.AlterField(
            model_name="entity",
            name="uscc",
            field=models.CharField(
                max_length=18, validators=[fazhi.core.uscc.uscc_validator], verbose_name="统一社会信用代码"
            ),
        ),
        migrations.AlterField(
            model_name="expert",
            name="code",
            field=models.CharField(max_length=40, verbose_name="专家库编号"),
        ),
        migrations.AlterField(
            model_name="inspectionitem",
            name="domain",
            field=models.CharField(max_length=30, verbose_name="领域"),
        ),
        migrations.AlterField(
            model_name="stratum",
            name="domain",
            field=models.CharField(max_length=30, verbose_name="领域"),
        ),
        migrations.AddConstraint(
            model_name="entity",
            constraint=models.UniqueConstraint(
                fields=("agency", "uscc"),
                name="entity_uscc_per_agency",
                violation_error_message="该统一社会信用代码已在名录库中",
            ),
        ),
        migrations.AddConstraint(
            model_name="expert",
            constraint=models.UniqueConstraint(
                fields=("agency", "code"),
                name="expert_code_per_agency",
                violation_error_message="该专家库编号已登记",
            ),
        ),
    ]
