"""The rule book's versions and the deadlines computed from them."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fazhi.core.calendar.basics import (
    MAX_DAYS,
    MAX_MONTHS,
    PERIOD_BASIS,
    RULE_CODE_RE,
    UNIT_WORDS,
    Deadline,
    InvalidPeriod,
    UnknownRule,
)
from fazhi.core.calendar.workdays import WorkCalendar, _active_cache, _work_calendar, annual_date
from fazhi.core.models import DeadlineRule

# --- rules and deadlines -----------------------------------------------------------------


def _versions(code: str) -> list[DeadlineRule]:
    """Every version of `code`, highest first (cached inside `deadline_cache()`)."""
    if not RULE_CODE_RE.fullmatch(code):
        return []
    cache = _active_cache.get()
    if cache is not None and code in cache.rules:
        return cache.rules[code]
    versions = list(DeadlineRule.objects.filter(code=code).order_by("-version"))
    if cache is not None:
        cache.rules[code] = versions
    return versions


def current_rule(code: str, on: datetime.date | None = None) -> DeadlineRule:
    """The highest version of `code` whose applies_from is on or before `on` (default today)."""
    on = on or timezone.localdate()
    versions = _versions(code)
    if not versions:
        raise UnknownRule(code)
    for rule in versions:
        if rule.applies_from <= on:
            return rule
    raise UnknownRule(code, on)


def current_rules(on: datetime.date | None = None) -> list[DeadlineRule]:
    """The version of every code that applies on `on` (default today), by code; one query."""
    on = on or timezone.localdate()
    chosen: dict[str, DeadlineRule] = {}
    for rule in DeadlineRule.objects.filter(applies_from__lte=on).order_by("code", "-version"):
        chosen.setdefault(rule.code, rule)
    return list(chosen.values())


def rule_period_label(rule: DeadlineRule) -> str:
    """“收到起诉状副本之日后15日”, “有效期届满之日前6个月”, “次年3月1日”."""
    if rule.unit == DeadlineRule.Unit.ANNUAL_DATE:
        return f"次年{rule.amount // 100}月{rule.amount % 100}日"
    side = "前" if rule.direction == DeadlineRule.Direction.BEFORE else "后"
    return f"{rule.starts_from}{side}{rule.amount}{UNIT_WORDS.get(rule.unit, rule.unit)}"


def _due(
    cal: WorkCalendar, start: datetime.date, amount: int, unit: str, *, before: bool, extend: bool
) -> datetime.date:
    try:
        if unit == DeadlineRule.Unit.WORKING_DAYS:
            return cal.add_working_days(start, amount, before=before)
        if unit == DeadlineRule.Unit.CALENDAR_DAYS:
            return cal.add_calendar_days(start, amount, extend=extend, before=before)
        if unit == DeadlineRule.Unit.MONTHS:
            return cal.add_months(start, amount, extend=extend, before=before)
        if unit == DeadlineRule.Unit.ANNUAL_DATE:
            due = annual_date(start, amount)
            return cal.next_working_day(due) if extend else due
    except (OverflowError, ValueError) as exc:
        raise InvalidPeriod("日期超出可计算范围，请检查起算日期和期限") from exc
    raise InvalidPeriod(f"未知的期限单位：{unit}")


def stored_deadline(
    start: datetime.date | None, due: datetime.date | None, rule: DeadlineRule | None
) -> Deadline | None:
    """A deadline as it was computed when the step was taken, from the stored due date and the
    rule version that produced it: pages show it with its basis without computing it again
    (and without needing the calendar of the years it spans)."""
    if start is None or due is None or rule is None:
        return None
    return Deadline(
        start=start,
        due=due,
        rule_code=rule.code,
        rule_version=rule.version,
        rule_id=rule.pk,
        basis=rule.basis,
        period_label=rule_period_label(rule),
        unit=rule.unit,
        amount=rule.amount,
        direction=rule.direction,
    )


def deadline_for_rule(
    start: datetime.date, rule: DeadlineRule, *, calendar: WorkCalendar | None = None
) -> Deadline:
    """The deadline `rule` (one given version) sets for an event on `start`."""
    before = rule.direction == DeadlineRule.Direction.BEFORE
    due = _due(
        _work_calendar(calendar), start, rule.amount, rule.unit, before=before, extend=rule.extend_on_rest_day
    )
    return Deadline(
        start=start,
        due=due,
        rule_code=rule.code,
        rule_version=rule.version,
        rule_id=rule.pk,
        basis=rule.basis,
        period_label=rule_period_label(rule),
        unit=rule.unit,
        amount=rule.amount,
        direction=rule.direction,
    )


def compute_deadline(
    start: datetime.date,
    rule_code: str,
    *,
    on: datetime.date | None = None,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """The deadline rule `rule_code` sets for an event on `start`.

    The version used is the one that applies on `on`, by default on `start` itself: a time
    limit is governed by the rule in force when the event that starts it happened.
    """
    return deadline_for_rule(start, current_rule(rule_code, on or start), calendar=calendar)


def compute_period(
    start: datetime.date,
    *,
    working_days: int | None = None,
    days: int | None = None,
    months: int | None = None,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """A period without a rule: exactly one of working days, calendar days or months after `start`."""
    given = [
        (unit, amount)
        for unit, amount in (
            (DeadlineRule.Unit.WORKING_DAYS, working_days),
            (DeadlineRule.Unit.CALENDAR_DAYS, days),
            (DeadlineRule.Unit.MONTHS, months),
        )
        if amount is not None
    ]
    if len(given) != 1:
        raise InvalidPeriod("请只指定一种期限：工作日数、自然日数或月数")
    unit, amount = given[0]
    limit = MAX_MONTHS if unit == DeadlineRule.Unit.MONTHS else MAX_DAYS
    if amount < 0 or amount > limit:
        raise InvalidPeriod(f"期限须在 0 到 {limit} 之间")
    due = _due(_work_calendar(calendar), start, amount, unit, before=False, extend=True)
    return Deadline(
        start=start,
        due=due,
        rule_code=None,
        rule_version=None,
        rule_id=None,
        basis=PERIOD_BASIS[unit],
        period_label=f"起算后{amount}{UNIT_WORDS[unit]}",
        unit=str(unit),
        amount=amount,
    )
