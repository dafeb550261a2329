"""Seed the agency-set exam rules (pass mark, retake allowance, validity of a pre-appointment
exam) with their basis and 待确认 tag (DOMAIN.md §13)."""

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from fazhi.learning.rules import seed_rules

    seed_rules(apps.get_model("learning", "ExamRule"))


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
