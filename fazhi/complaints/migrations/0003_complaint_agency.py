"""Issue 12: every complaint is addressed to an agency (its handling division's, or the entering user's, else the installation's first)."""

import django.db.models.deletion
from django.db import migrations, models


def _agency_of_org(org):
    if org is None:
        return None
    if org.kind == "division" and org.parent_id is not None:
        return org.parent_id
    return org.pk


def _first_agency(apps):
    Organization = apps.get_model("core", "Organization")
    first = (
        Organization.objects.filter(kind="agency", parent__isnull=True).order_by("sort_order", "id").first()
    )
    return first.pk if first is not None else None


def _fill(apps, model_name, *, app_label, via=("division",), created_by=False):
    """Give every row of `model_name` the agency of its division (or of whoever entered it),
    else the installation's first agency."""
    Model = apps.get_model(app_label, model_name)
    first = None
    for row in Model.objects.filter(agency__isnull=True):
        agency_id = None
        for field in via:
            org = getattr(row, field, None)
            agency_id = _agency_of_org(org)
            if agency_id is not None:
                break
        if agency_id is None and created_by and row.created_by_id is not None:
            agency_id = _agency_of_org(row.created_by.organization)
        if agency_id is None:
            first = first or _first_agency(apps)
            agency_id = first
        if agency_id is not None:
            Model.objects.filter(pk=row.pk).update(agency_id=agency_id)


def forward(apps, schema_editor):
    _fill(apps, "Complaint", app_label="complaints", created_by=True)


def check_constraints_now(apps, schema_editor):
    """The filled foreign keys are checked now, not at commit: the column is made NOT NULL next,
    which PostgreSQL refuses while deferred checks are pending ("pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_agency_settings"),
        ("complaints", "0002_complaint_rules"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
                null=True,
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
        migrations.RunPython(check_constraints_now, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="complaint",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="complaint",
            name="complaints_one_row_per_hotline_ticket",
        ),
        migrations.AddConstraint(
            model_name="complaint",
            constraint=models.UniqueConstraint(
                condition=models.Q(("hotline_ticket", ""), _negated=True),
                fields=("agency", "hotline_ticket"),
                name="complaints_one_row_per_hotline_ticket",
            ),
        ),
    ]
