"""Pending deadlines: one rule for every app when a limit needs a year the calendar lacks.

The State Council publishes next year's holidays late in the year, so in December a limit that
runs into January often cannot be computed yet. The rule, for every system:

- a step is never refused because a *later* limit cannot be computed: its due date is stored
  empty ("pending"), shown as `pending_label(...)`, never guessed;
- whether something was done "in time" is never decided against a pending date: it is `None`
  (`in_time`) until the date is known, and decided (and counted by the figures) then;
- only a gate that needs the date itself waits, and says so (`PendingGate`); a gate that only
  needs a bound (the comment window is at least start + N days) uses `earliest_due`;
- each app registers a *filler* (`register`) that stores its pending due dates once the year is
  in and records, for a step already taken, whether it was in time. `fill_all()` runs them all:
  `fazhi deadlines fill` (daily) and the holiday-notice import call it.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from fazhi.core.calendar import (
    CalendarNotCovered,
    Deadline,
    compute_deadline,
    compute_period,
    current_rule,
    deadline_cache,
    shift_months,
)
from fazhi.core.models import DeadlineRule
from fazhi.core.workflow import DomainError

logger = logging.getLogger(__name__)

PENDING_TEXT = "待录入 {year} 年工作日历后计算"


def deadline_or_pending(
    start: datetime.date, rule: str, *, on: datetime.date | None = None
) -> Deadline | None:
    """The deadline `rule` sets from `start`, or None while a year it needs is not entered."""
    try:
        return compute_deadline(start, rule, on=on)
    except CalendarNotCovered:
        return None


def period_or_pending(
    start: datetime.date, *, working_days: int | None = None, days: int | None = None
) -> Deadline | None:
    """A period without a rule (a matter's own verification days), or None while pending."""
    try:
        return compute_period(start, working_days=working_days, days=days)
    except CalendarNotCovered:
        return None


def missing_year(start: datetime.date) -> int:
    """The year a pending limit starting on `start` waits for (the one after `start`'s, unless
    `start`'s own year is missing)."""
    from fazhi.core.models import CalendarYear

    if not CalendarYear.objects.filter(year=start.year).exists():
        return start.year
    return start.year + 1


def pending_label(start: datetime.date | None) -> str:
    """“待录入 2027 年工作日历后计算”, for a page or an API field beside a pending due date."""
    if start is None:
        return ""
    return PENDING_TEXT.format(year=missing_year(start))


def in_time(done_on: datetime.date | None, due_on: datetime.date | None) -> bool | None:
    """True or False once both dates are known; None while the due date is pending."""
    if done_on is None or due_on is None:
        return None
    return done_on <= due_on


def earliest_due(start: datetime.date, rule: str) -> datetime.date:
    """A bound that needs no calendar: the due date of an after-rule is never earlier than this
    (N working days are at least N days; a rest day only moves the last day later)."""
    version = current_rule(rule, start)
    if version.unit in (DeadlineRule.Unit.WORKING_DAYS, DeadlineRule.Unit.CALENDAR_DAYS):
        return start + datetime.timedelta(days=version.amount)
    if version.unit == DeadlineRule.Unit.MONTHS:
        return shift_months(start, version.amount)
    return compute_deadline(start, rule).due  # an annual date: not used for windows


def notice_in_time_without_calendar(notified_on: datetime.date, event_on: datetime.date, rule: str) -> bool:
    """Whether a notice on `notified_on` is surely early enough for an event on `event_on` under
    a before-rule in working days (the hearing notice), counting only the working days of the
    years the calendar covers: a day of a missing year might be a holiday, so it is not counted."""
    from fazhi.core.calendar import WorkCalendar

    version = current_rule(rule, notified_on)
    if version.unit != DeadlineRule.Unit.WORKING_DAYS:
        return False
    cal = WorkCalendar()
    sure, day = 0, notified_on
    while day < event_on and sure < version.amount:
        if cal.covers(day.year) and cal.is_working_day(day):
            sure += 1
        day += datetime.timedelta(days=1)
    return sure >= version.amount


def within(day: datetime.date, start: datetime.date, rule: str) -> bool | None:
    """Whether `day` is on or before the due date `rule` sets from `start`: decided without the
    missing year when `day` is before the bound no calendar can move (`earliest_due`), else None
    while the due date is pending."""
    due = deadline_or_pending(start, rule)
    if due is not None:
        return day <= due.due
    return True if day <= earliest_due(start, rule) else None


class PendingGate(DomainError):
    """A gate that needs a date the calendar cannot give yet: the step waits, and says why."""

    status_code = 409

    def __init__(self, start: datetime.date, what: str) -> None:
        self.year = missing_year(start)
        super().__init__(
            f"{what}需要 {self.year} 年的工作日历（国务院办公厅节假日安排通知），"
            f"请系统管理员录入该年度工作日历后再办理"
        )


# --- the registry of fillers --------------------------------------------------------------


@dataclass(frozen=True)
class Filler:
    name: str  # "enforcement", "documents.filing"…
    fill: Callable[[], int]  # stores what it can; returns the number of records filled


_fillers: dict[str, Filler] = {}


def register(name: str, fill: Callable[[], int]) -> None:
    """An app registers the function that fills its pending due dates (in `AppConfig.ready`)."""
    _fillers[name] = Filler(name, fill)


def fillers() -> list[Filler]:
    return [_fillers[name] for name in sorted(_fillers)]


def fill_all() -> dict[str, int]:
    """Run every registered filler (safe to repeat: a filled date is not filled again).
    Returns the number of records filled per filler."""
    counts: dict[str, int] = {}
    with deadline_cache():
        for filler in fillers():
            counts[filler.name] = filler.fill()
    return counts
