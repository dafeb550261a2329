"""Seed the official working-day calendar (every year the chinesecalendar package covers) and
version 1 of the default rule book (DOMAIN.md §2–3), so that every database — production,
demo and test — can compute deadlines from its first day. Idempotent; reversing keeps the data
(it may already carry administrators' corrections and computed deadlines refer to it)."""

from django.db import migrations


def seed(apps, schema_editor):
    from fazhi.core.calendar import seed_calendar_years
    from fazhi.core.rulebook import seed_rulebook

    seed_calendar_years(
        year_model=apps.get_model("core", "CalendarYear"), day_model=apps.get_model("core", "CalendarDay")
    )
    seed_rulebook(rule_model=apps.get_model("core", "DeadlineRule"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
