"""Exams and their people belong to an agency (issue 12): the roster (from the employee's
division or account), exams and study sessions (from whoever set them), promotions (from the
employee) and the list of laws each post must know; else the installation's first agency. The
question bank stays the city's, shared by every agency; each agency may set its own version of
an exam rule (the rows there are stay the defaults)."""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("employee", "exam", "promotion", "requiredlaw", "studysession")


def _field(null: bool, blank: bool = False) -> models.ForeignKey:
    return models.ForeignKey(
        null=null,
        blank=blank,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="core.organization",
        verbose_name="所属机关",
    )


def fill(apps, schema_editor):
    Organization = apps.get_model("core", "Organization")
    first = (
        Organization.objects.filter(kind="agency", parent__isnull=True).order_by("sort_order", "id").first()
    )
    fallback = first.pk if first else None

    def agency_of(organization):
        if organization is None:
            return None
        return organization.parent_id or (organization.pk if organization.kind == "agency" else None)

    Employee = apps.get_model("learning", "Employee")
    for row in Employee.objects.filter(agency__isnull=True).select_related("division", "user__organization"):
        agency_id = agency_of(row.division) or agency_of(row.user.organization if row.user_id else None)
        if agency_id or fallback:
            Employee.objects.filter(pk=row.pk).update(agency_id=agency_id or fallback)
    for name in ("Exam", "StudySession"):
        model = apps.get_model("learning", name)
        for row in model.objects.filter(agency__isnull=True).select_related("created_by__organization"):
            agency_id = agency_of(row.created_by.organization) or fallback
            if agency_id:
                model.objects.filter(pk=row.pk).update(agency_id=agency_id)
    Promotion = apps.get_model("learning", "Promotion")
    for row in Promotion.objects.filter(agency__isnull=True).select_related("employee"):
        if row.employee.agency_id or fallback:
            Promotion.objects.filter(pk=row.pk).update(agency_id=row.employee.agency_id or fallback)
    if fallback:
        apps.get_model("learning", "RequiredLaw").objects.filter(agency__isnull=True).update(
            agency_id=fallback
        )


def check_constraints_now(apps, schema_editor):
    """The filled foreign keys are checked now, not at commit: the column is made NOT NULL next,
    which PostgreSQL refuses while deferred checks are pending ("pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_agency_settings"),
        ("learning", "0002_seed_exam_rules"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="requiredlaw", name="learning_required_law_once"),
        # An agency's own version of an exam rule; none: the installation's default row.
        migrations.AddField(model_name="examrule", name="agency", field=_field(True, blank=True)),
        *[migrations.AddField(model_name=m, name="agency", field=_field(True)) for m in MODELS],
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(check_constraints_now, migrations.RunPython.noop),
        *[migrations.AlterField(model_name=m, name="agency", field=_field(False)) for m in MODELS],
        migrations.AddConstraint(
            model_name="requiredlaw",
            constraint=models.UniqueConstraint(
                fields=("agency", "post", "law"), name="learning_required_law_once"
            ),
        ),
    ]
