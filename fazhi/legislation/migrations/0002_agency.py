"""Every legislative project belongs to an agency (issue 12): the agency of its division, else
the installation's first; a citation flag on a document, to the document's agency."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    Organization = apps.get_model("core", "Organization")
    Project = apps.get_model("legislation", "LegislativeProject")
    Flag = apps.get_model("legislation", "CitationFlag")
    first = (
        Organization.objects.filter(kind="agency", parent__isnull=True).order_by("sort_order", "id").first()
    )
    for project in Project.objects.filter(agency__isnull=True).select_related("division"):
        division = project.division
        agency_id = (
            division.parent_id if division.parent_id else (division.pk if division.kind == "agency" else None)
        )
        agency_id = agency_id or (first.pk if first else None)
        if agency_id is not None:
            Project.objects.filter(pk=project.pk).update(agency_id=agency_id)
    for flag in Flag.objects.filter(agency__isnull=True, subject="document").select_related("division"):
        agency_id = flag.division.parent_id if flag.division_id else None
        agency_id = agency_id or (first.pk if first else None)
        if agency_id is not None:
            Flag.objects.filter(pk=flag.pk).update(agency_id=agency_id)


def check_constraints_now(apps, schema_editor):
    """The filled foreign keys are checked now, not at commit: the column is made NOT NULL next,
    which PostgreSQL refuses while deferred checks are pending ("pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_agency_settings"),
        ("legislation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="citationflag",
            name="agency",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AddField(
            model_name="legislativeproject",
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
            model_name="legislativeproject",
            name="part",
            field=models.CharField(
                choices=[("lead", "牵头起草"), ("join", "配合参与")], max_length=10, verbose_name="本机关职责"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(check_constraints_now, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="legislativeproject",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
    ]
