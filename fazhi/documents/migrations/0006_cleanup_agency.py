"""Issue 12: a cleanup campaign belongs to an agency (its creator's; else the first agency)."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    Organization = apps.get_model("core", "Organization")
    CleanupCampaign = apps.get_model("documents", "CleanupCampaign")
    User = apps.get_model("core", "User")
    default = (
        Organization.objects.filter(kind="agency", parent__isnull=True)
        .order_by("sort_order", "id")
        .values_list("pk", flat=True)
        .first()
    )
    orgs = {
        pk: (kind, parent) for pk, kind, parent in Organization.objects.values_list("pk", "kind", "parent_id")
    }
    user_orgs = dict(User.objects.values_list("pk", "organization_id"))
    for campaign in CleanupCampaign.objects.only("pk", "created_by_id"):
        org = user_orgs.get(campaign.created_by_id)
        kind, parent = orgs.get(org, (None, None))
        agency_id = (parent if kind == "division" else org) or default
        CleanupCampaign.objects.filter(pk=campaign.pk).update(agency_id=agency_id)


def check_constraints_now(apps, schema_editor):
    """The filled foreign keys are checked now, not at commit: the column is made NOT NULL next,
    which PostgreSQL refuses while deferred checks are pending ("pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_agency_settings"),
        ("documents", "0005_single_character_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="cleanupcampaign",
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
            model_name="cleanupcampaign",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
    ]
