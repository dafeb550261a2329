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
        rows = [(doc, compute_deadline(doc.published_on, "document.filing")) for doc in docs]
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import contextvars
import datetime
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.audit import record_event
from fazhi.core.models import CalendarDay, CalendarYear, DeadlineRule
from fazhi.core.permissions import can_manage_rulebook
from fazhi.core.workflow import DomainError

# What a rule code may look like ("document.comment_min"); anything else is unknown without
# asking the database (PostgreSQL rejects a NUL byte in a query parameter with an error).
RULE_CODE_RE = re.compile(r"[A-Za-z0-9_.\-]{1,60}")

# Caps on a single period: far beyond any legal time limit, and they keep every computation
# inside the dates Python can represent.
MAX_DAYS = 3650
MAX_MONTHS = 120

UNIT_WORDS: dict[str, str] = {
    DeadlineRule.Unit.WORKING_DAYS.value: "个工作日",
    DeadlineRule.Unit.CALENDAR_DAYS.value: "日",
    DeadlineRule.Unit.MONTHS.value: "个月",
}

PERIOD_BASIS = {
    DeadlineRule.Unit.WORKING_DAYS: (
        "按工作日计算：开始当日不计入，不含周末和法定节假日，含调休上班日（民法典第二百零一条）"
    ),
    DeadlineRule.Unit.CALENDAR_DAYS: (
        "按自然日计算：开始当日不计入，期间最后一日是法定休假日的，以休假日结束的次日为最后一日"
        "（民法典第二百零一条、第二百零三条）"
    ),
    DeadlineRule.Unit.MONTHS: (
        "按月计算：到期月的对应日为最后一日，没有对应日的为月末日；最后一日是法定休假日的顺延"
        "（民法典第二百零一条至第二百零三条）"
    ),
}

# The package's English holiday names, in the words of the State Council's notices.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class CalendarNotCovered(DomainError):
    """A deadline needs a year whose official calendar has not been entered."""

    status_code = 422

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"{year} 年的工作日历尚未录入（国务院办公厅节假日安排通知），无法计算该期限")


class UnknownRule(DomainError):
    """No rule with this code, or none that applies on the given date."""

    status_code = 404

    def __init__(self, code: str, on: datetime.date | None = None) -> None:
        self.code = code
        if on is None:
            message = f"未找到期限规则“{code}”"
        else:
            message = f"期限规则“{code}”在 {on.isoformat()} 尚无适用的版本"
        super().__init__(message)


class InvalidPeriod(DomainError):
    """A period that cannot be computed: none or several given, negative, too long, out of range."""

    status_code = 422


@dataclass(frozen=True)
class Deadline:
    """A computed due date and what produced it (shown on hover by `{% deadline d %}`)."""

    start: datetime.date
    due: datetime.date
    rule_code: str | None
    rule_version: int | None
    rule_id: int | None
    basis: str
    period_label: str
    unit: str = ""
    amount: int = 0
    direction: str = DeadlineRule.Direction.AFTER

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "rule": self.rule_code,
            "rule_version": self.rule_version,
            "basis": self.basis,
            "period": self.period_label,
            "unit": self.unit,
            "amount": self.amount,
        }


# --- the calendar ------------------------------------------------------------------------


class WorkCalendar:
    """The exception days of the covered years, loaded one query per year (or per batch)."""

    def __init__(self) -> None:
        # year → {date: is_working_day}, or None when the year is not covered.
        self._years: dict[int, dict[datetime.date, bool] | None] = {}

    def preload(self, years: Iterable[int]) -> None:
        """Load several years with one query (a LEFT JOIN of years to their days)."""
        missing = sorted({y for y in years if y not in self._years})
        if not missing:
            return
        loaded: dict[int, dict[datetime.date, bool] | None] = dict.fromkeys(missing)
        rows = (
            CalendarYear.objects.filter(year__in=missing)
            .order_by()
            .values_list("year", "days__date", "days__is_working_day")
        )
        for year, day, working in rows:
            days = loaded[year]
            if days is None:
                days = loaded[year] = {}
            if day is not None:
                days[day] = working
        self._years.update(loaded)

    def exceptions(self, year: int) -> dict[datetime.date, bool]:
        if year not in self._years:
            self.preload([year])
        days = self._years[year]
        if days is None:
            raise CalendarNotCovered(year)
        return days

    def covers(self, year: int) -> bool:
        if year not in self._years:
            self.preload([year])
        return self._years[year] is not None

    def is_working_day(self, day: datetime.date) -> bool:
        working = self.exceptions(day.year).get(day)
        return day.weekday() < 5 if working is None else working

    def add_working_days(self, start: datetime.date, n: int, *, before: bool = False) -> datetime.date:
        """The n-th working day after (or before) `start`; `start` itself is not counted."""
        step = datetime.timedelta(days=-1 if before else 1)
        day, counted = start, 0
        year, exceptions = -1, {}
        while counted < n:
            day = day + step
            if day.year != year:
                year, exceptions = day.year, self.exceptions(day.year)
            working = exceptions.get(day)
            if (day.weekday() < 5) if working is None else working:
                counted += 1
        return day

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day = day + datetime.timedelta(days=1)
        return day

    def add_calendar_days(
        self, start: datetime.date, n: int, *, extend: bool = True, before: bool = False
    ) -> datetime.date:
        """`start` ± n days; going forward, a last day that is a rest day moves to the next
        working day when `extend` (民法典第二百零三条). Going backward nothing moves."""
        if before:
            return start - datetime.timedelta(days=n)
        due = start + datetime.timedelta(days=n)
        return self.next_working_day(due) if extend else due

    def add_months(
        self, start: datetime.date, n: int, *, extend: bool = True, before: bool = False
    ) -> datetime.date:
        due = shift_months(start, -n if before else n)
        return self.next_working_day(due) if extend and not before else due


def shift_months(day: datetime.date, n: int) -> datetime.date:
    """The corresponding day n months later (or earlier), or that month's last day when it has
    none (民法典第二百零二条): 31 January + 1 month = 28 or 29 February."""
    index = day.year * 12 + (day.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise OverflowError("date value out of range")
    return datetime.date(year, month, min(day.day, _stdlib_calendar.monthrange(year, month)[1]))


@dataclass
class _Cache:
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    rules: dict[str, list[DeadlineRule]] = field(default_factory=dict)


_active_cache: contextvars.ContextVar[_Cache | None] = contextvars.ContextVar(
    "fazhi_deadline_cache", default=None
)


@contextmanager
def deadline_cache() -> Iterator[WorkCalendar]:
    """Share one calendar and the rule versions across the computations inside the block.

    For a list page or a batch job: each year and each rule code is read once. Changes made
    by others during the block are not seen, so keep the block as short as the work.
    """
    current = _active_cache.get()
    if current is not None:
        yield current.calendar
        return
    cache = _Cache()
    token = _active_cache.set(cache)
    try:
        yield cache.calendar
    finally:
        _active_cache.reset(token)


def _work_calendar(calendar: WorkCalendar | None = None) -> WorkCalendar:
    if calendar is not None:
        return calendar
    cache = _active_cache.get()
    return cache.calendar if cache is not None else WorkCalendar()


def is_working_day(day: datetime.date, *, calendar: WorkCalendar | None = None) -> bool:
    return _work_calendar(calendar).is_working_day(day)


def add_working_days(
    start: datetime.date, n: int, *, before: bool = False, calendar: WorkCalendar | None = None
) -> datetime.date:
    """The n-th working day after `start` (before it, with `before`); `start` is not counted."""
    return _work_calendar(calendar).add_working_days(start, n, before=before)


def add_calendar_days(
    start: datetime.date,
    n: int,
    *,
    extend: bool = True,
    before: bool = False,
    calendar: WorkCalendar | None = None,
) -> datetime.date:
    """`start` + n days, moved to the next working day when that is a rest day (民法典第二百零三条)."""
    return _work_calendar(calendar).add_calendar_days(start, n, extend=extend, before=before)


def add_months(
    start: datetime.date,
    n: int,
    *,
    extend: bool = True,
    before: bool = False,
    calendar: WorkCalendar | None = None,
) -> datetime.date:
    """`start` + n months (民法典第二百零二条), moved to the next working day when that is a rest day."""
    return _work_calendar(calendar).add_months(start, n, extend=extend, before=before)


def annual_date(start: datetime.date, mmdd: int) -> datetime.date:
    """The day `mmdd` (e.g. 301 = 1 March) of the year after `start`'s year; 229 is 28 February
    in a common year (the month's last day, as in 民法典第二百零二条)."""
    month, day = divmod(mmdd, 100)
    year = start.year + 1
    if year > datetime.MAXYEAR:
        raise OverflowError("date value out of range")
    return datetime.date(year, month, min(day, _stdlib_calendar.monthrange(year, month)[1]))


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


# --- seeding from the chinesecalendar package --------------------------------------------


def package_source() -> str:
    from importlib.metadata import version

    return f"chinesecalendar {version('chinesecalendar')}（据国务院办公厅节假日安排通知）"


def package_years() -> list[int]:
    from chinese_calendar.constants import holidays

    return sorted({d.year for d in holidays})


def holiday_name(english: str) -> str:
    if english in HOLIDAY_NAMES:
        return HOLIDAY_NAMES[english]
    from chinese_calendar.constants import Holiday

    try:
        return str(Holiday(english).chinese)
    except ValueError:
        return english


def package_days(year: int) -> list[tuple[datetime.date, bool, str]]:
    """(date, is_working_day, name) of every exception day the package lists for `year`:
    holidays (weekend ones too, for their name) as rest days, make-up days as working days."""
    from chinese_calendar.constants import holidays, workdays

    days = [(d, False, holiday_name(name)) for d, name in holidays.items() if d.year == year]
    days += [(d, True, holiday_name(name)) for d, name in workdays.items() if d.year == year]
    return sorted(days)


def seed_calendar_years(
    years: Iterable[int] | None = None,
    *,
    overwrite: bool = False,
    year_model: Any = None,
    day_model: Any = None,
) -> tuple[int, int]:
    """Fill the calendar from the package for `years` (default: all it covers). Idempotent.

    Adds missing years and days; a day already stored (perhaps corrected by an administrator)
    is rewritten only with `overwrite`. Returns (years created, days written). The model
    arguments let a data migration pass its historical models.
    """
    year_model = year_model or CalendarYear
    day_model = day_model or CalendarDay
    wanted = sorted(set(package_years() if years is None else years) & set(package_years()))
    source = package_source()
    existing_years = set(year_model.objects.filter(year__in=wanted).values_list("year", flat=True))
    year_model.objects.bulk_create(
        [year_model(year=y, source=source) for y in wanted if y not in existing_years]
    )
    stored = {
        d: (working, name)
        for d, working, name in day_model.objects.filter(year_id__in=wanted).values_list(
            "date", "is_working_day", "name"
        )
    }
    new_days, changed_days = [], []
    for year in wanted:
        for d, working, name in package_days(year):
            row = day_model(date=d, year_id=year, is_working_day=working, name=name)
            if d not in stored:
                new_days.append(row)
            elif overwrite and stored[d] != (working, name):
                changed_days.append(row)
    day_model.objects.bulk_create(new_days)
    if changed_days:
        day_model.objects.bulk_update(changed_days, ["is_working_day", "name"])
    return len(wanted) - len(existing_years), len(new_days) + len(changed_days)


# --- administrators' corrections ---------------------------------------------------------

MIN_YEAR, MAX_YEAR = 1990, 2100


def create_calendar_year(year: int, *, source: str, actor: Any) -> CalendarYear:
    """Register a year whose official calendar (the State Council's notice) is now known."""
    if not can_manage_rulebook(actor):
        raise PermissionDenied
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": f"年份须在 {MIN_YEAR} 至 {MAX_YEAR} 之间。"})
    source = source.strip()
    if not source:
        raise ValidationError({"source": "请注明来源，如国务院办公厅关于该年部分节假日安排的通知。"})
    with transaction.atomic():
        if CalendarYear.objects.filter(year=year).exists():
            raise DomainError(f"{year} 年的工作日历已经录入。")
        entry = CalendarYear.objects.create(year=year, source=source, updated_by=actor)
        record_event("calendar.year_created", actor=actor, obj=entry, data={"year": year, "source": source})
    return entry


def set_calendar_day(day: datetime.date, *, is_working_day: bool, name: str, actor: Any) -> CalendarDay:
    """Add or correct one exception day: a holiday (rest) or a make-up working day on a weekend."""
    if not can_manage_rulebook(actor):
        raise PermissionDenied
    name = name.strip()
    if is_working_day and day.weekday() < 5:
        raise ValidationError(
            {
                "is_working_day": (
                    "周一至周五本来就是工作日，无需登记为调休上班日；若要取消某日的假期，请删除该日。"
                )
            }
        )
    if not is_working_day and day.weekday() < 5 and not name:
        raise ValidationError({"name": "工作日放假须注明节日名称。"})
    with transaction.atomic():
        year = CalendarYear.objects.filter(year=day.year).first()
        if year is None:
            raise DomainError(f"{day.year} 年的工作日历尚未登记，请先登记该年度及其来源。")
        previous = CalendarDay.objects.filter(date=day).first()
        entry, _created = CalendarDay.objects.update_or_create(
            date=day, defaults={"year": year, "is_working_day": is_working_day, "name": name}
        )
        year.updated_by = actor
        year.save(update_fields=["updated_by", "updated_at"])
        record_event(
            "calendar.day_set",
            actor=actor,
            obj=entry,
            data={
                "date": day.isoformat(),
                "is_working_day": is_working_day,
                "name": name,
                "previous": None
                if previous is None
                else {
                    "is_working_day": previous.is_working_day,
                    "name": previous.name,
                },
            },
        )
    return entry


def delete_calendar_day(day: datetime.date, *, actor: Any) -> None:
    """Remove an exception day: the date follows the Monday–Friday rule again."""
    if not can_manage_rulebook(actor):
        raise PermissionDenied
    with transaction.atomic():
        entry = CalendarDay.objects.select_related("year").filter(date=day).first()
        if entry is None:
            raise DomainError(f"{day.isoformat()} 不是已登记的节假日或调休日。")
        data = {"date": day.isoformat(), "is_working_day": entry.is_working_day, "name": entry.name}
        record_event("calendar.day_deleted", actor=actor, obj=entry, data=data)
        entry.delete()
        entry.year.updated_by = actor
        entry.year.save(update_fields=["updated_by", "updated_at"])
