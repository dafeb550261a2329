"""Issue 12: every case belongs to an agency (its division's); the case number's serial is per agency (existing cases keep their numbers: serial = id)."""

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
    _fill(apps, "EnforcementCase", app_label="enforcement")
    EnforcementCase = apps.get_model("enforcement", "EnforcementCase")
    EnforcementCase.objects.filter(serial=0).update(serial=models.F("id"))


def check_constraints_now(apps, schema_editor):
    """The filled foreign keys are checked now, not at commit: the column is made NOT NULL next,
    which PostgreSQL refuses while deferred checks are pending ("pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_agency_settings"),
        ("enforcement", "0006_public_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="enforcementcase",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="enforcementcase",
            name="serial",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="立案序号"),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
        migrations.RunPython(check_constraints_now, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="enforcementcase",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AddConstraint(
            model_name="enforcementcase",
            constraint=models.UniqueConstraint(
                fields=("agency", "serial"), name="enforcement_case_code_per_agency"
            ),
        ),
        migrations.AddIndex(
            model_name="enforcementcase",
            index=models.Index(
                condition=models.Q(("published_on__isnull", False)),
                fields=["agency", "-published_on", "-id"],
                name="enforcement_case_pub_agency",
            ),
        ),
    ]
