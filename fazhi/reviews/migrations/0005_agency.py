"""Issue 12: every review request and counsel entry belongs to an agency; review codes (HF-)
and counsel certificate numbers are unique per agency."""

import django.db.models.deletion
from django.db import migrations, models


def first_agency_id(Organization):
    first = (
        Organization.objects.filter(kind="agency", parent__isnull=True)
        .order_by("sort_order", "id")
        .values_list("pk", flat=True)
        .first()
    )
    return first


def fill(apps, schema_editor):
    Organization = apps.get_model("core", "Organization")
    ReviewRequest = apps.get_model("reviews", "ReviewRequest")
    LegalCounsel = apps.get_model("reviews", "LegalCounsel")
    User = apps.get_model("core", "User")
    default = first_agency_id(Organization)
    parents = dict(Organization.objects.values_list("pk", "parent_id"))
    kinds = dict(Organization.objects.values_list("pk", "kind"))

    def agency_of(org_id):
        if org_id is None:
            return None
        return org_id if kinds.get(org_id) != "division" else parents.get(org_id)

    counters = {}
    for review in ReviewRequest.objects.order_by("pk").only("pk", "division_id"):
        agency_id = agency_of(review.division_id) or default
        counters[agency_id] = counters.get(agency_id, 0) + 1
        ReviewRequest.objects.filter(pk=review.pk).update(agency_id=agency_id, seq=counters[agency_id])
    user_orgs = dict(User.objects.values_list("pk", "organization_id"))
    for counsel in LegalCounsel.objects.only("pk", "user_id"):
        agency_id = agency_of(user_orgs.get(counsel.user_id)) or default
        LegalCounsel.objects.filter(pk=counsel.pk).update(agency_id=agency_id)


def check_constraints_now(apps, schema_editor):
    """The filled foreign keys are checked now, not at commit: the column is made NOT NULL next,
    which PostgreSQL refuses while deferred checks are pending ("pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_agency_settings"),
        ("reviews", "0004_merge_text_hash"),
    ]

    operations = [
        migrations.AddField(
            model_name="legalcounsel",
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
            model_name="reviewrequest",
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
            model_name="reviewrequest",
            name="seq",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="审核编号"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(check_constraints_now, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="legalcounsel",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AlterField(
            model_name="reviewrequest",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="所属机关",
            ),
        ),
        migrations.AlterField(
            model_name="reviewrequest",
            name="seq",
            field=models.PositiveIntegerField(editable=False, verbose_name="审核编号"),
        ),
        migrations.AlterField(
            model_name="legalcounsel",
            name="certificate_number",
            field=models.CharField(max_length=40, verbose_name="执业证/公职律师证号"),
        ),
        migrations.AddConstraint(
            model_name="legalcounsel",
            constraint=models.UniqueConstraint(
                fields=("agency", "certificate_number"), name="counsel_certificate_per_agency"
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewrequest",
            constraint=models.UniqueConstraint(fields=("agency", "seq"), name="review_code_per_agency"),
        ),
    ]
