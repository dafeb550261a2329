"""The official working-day calendar and deadline computation (DOMAIN.md §3).

The law of counting, as implemented here:

- the day a period starts is not counted (民法典第二百零一条);
- a period in months ends on the corresponding day of the last month, or on that month's last
  day when it has none (民法典第二百零二条);
- a calendar-day or month period whose last day is a rest day ends on the next working day
  (民法典第二百零三条), unless the rule says otherwise (a validity period, a fixed date);
- working days exclude weekends and statutory holidays and include the make-up working days
  (调休上班日) on weekends;
- a count that needs a year the calendar does not cover raises `CalendarNotCovered`, naming
  the year — never a weekend-only guess.

The calendar lives in the database (`CalendarYear`, `CalendarDay`: only the days that depart
from the Monday–Friday rule). A `WorkCalendar` loads a year's exception days with one query
the first time it needs that year. Each call builds its own, so a change by an administrator
is seen at once; to compute many deadlines, share one through `deadline_cache()`:

    with deadline_cache():
        rows = [(doc, compute_deadline(doc.published_on, "document.filing")) for doc in docs]"""

from __future__ import annotations

from fazhi.core.calendar.basics import (
    HOLIDAY_NAMES,
    MAX_DAYS,
    MAX_MONTHS,
    PERIOD_BASIS,
    RULE_CODE_RE,
    UNIT_WORDS,
    CalendarNotCovered,
    Deadline,
    InvalidPeriod,
    UnknownRule,
)
from fazhi.core.calendar.corrections import (
    MAX_YEAR,
    MIN_YEAR,
    create_calendar_year,
    delete_calendar_day,
    set_calendar_day,
)
from fazhi.core.calendar.rules import (
    _versions,
    compute_deadline,
    compute_period,
    current_rule,
    current_rules,
    deadline_for_rule,
    rule_period_label,
    stored_deadline,
)
from fazhi.core.calendar.seeding import (
    holiday_name,
    package_days,
    package_source,
    package_years,
    seed_calendar_years,
)
from fazhi.core.calendar.workdays import (
    WorkCalendar,
    add_calendar_days,
    add_months,
    add_working_days,
    annual_date,
    deadline_cache,
    is_working_day,
    shift_months,
)

__all__ = [
    "HOLIDAY_NAMES",
    "MAX_DAYS",
    "MAX_MONTHS",
    "MAX_YEAR",
    "MIN_YEAR",
    "PERIOD_BASIS",
    "RULE_CODE_RE",
    "UNIT_WORDS",
    "CalendarNotCovered",
    "Deadline",
    "InvalidPeriod",
    "UnknownRule",
    "WorkCalendar",
    "_versions",
    "add_calendar_days",
    "add_months",
    "add_working_days",
    "annual_date",
    "compute_deadline",
    "compute_period",
    "create_calendar_year",
    "current_rule",
    "current_rules",
    "deadline_cache",
    "deadline_for_rule",
    "delete_calendar_day",
    "holiday_name",
    "is_working_day",
    "package_days",
    "package_source",
    "package_years",
    "rule_period_label",
    "seed_calendar_years",
    "set_calendar_day",
    "shift_months",
    "stored_deadline",
]
