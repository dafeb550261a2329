"""Issue 12: the leading group and the ledger belong to an agency; one group head per agency and year."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _agency_id(organization, first):
    if organization is None:
        return first.pk
    if organization.kind == "division" and organization.parent_id:
        return organization.parent_id
    return organization.pk


def fill_agency(apps, schema_editor):
    """A group member belongs to their unit's agency, a task to its division's (else the
    installation's first agency)."""
    Organization = apps.get_model("core", "Organization")
    first = (
        Organization.objects.filter(kind="agency", parent__isnull=True).order_by("sort_order", "id").first()
    )
    if first is None:
        return
    Member = apps.get_model("ledger", "LeadingGroupMember")
    for member in Member.objects.filter(agency__isnull=True).select_related("organization"):
        Member.objects.filter(pk=member.pk).update(agency_id=_agency_id(member.organization, first))
    Item = apps.get_model("ledger", "LedgerItem")
    for item in Item.objects.filter(agency__isnull=True).select_related("division"):
        Item.objects.filter(pk=item.pk).update(agency_id=_agency_id(item.division, first))


def fill_then_check(apps, schema_editor):
    fill_agency(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        # The filled foreign keys are checked now, not at commit: the column is made NOT NULL
        # next, which PostgreSQL refuses while deferred checks are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_agency_settings"),
        ("ledger", "0002_group_order"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="leadinggroupmember",
            name="ledger_one_head_per_year",
        ),
        migrations.AddField(
            model_name="leadinggroupmember",
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
            model_name="ledgeritem",
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
            model_name="leadinggroupmember",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AlterField(
            model_name="ledgeritem",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AlterField(
            model_name="ledgeritem",
            name="source",
            field=models.CharField(
                blank=True, help_text="如：党委（党组）年度工作要点", max_length=100, verbose_name="任务来源"
            ),
        ),
        migrations.AddConstraint(
            model_name="leadinggroupmember",
            constraint=models.UniqueConstraint(
                condition=models.Q(("position", "head")),
                fields=("agency", "year"),
                name="ledger_one_head_per_agency_year",
            ),
        ),
    ]
