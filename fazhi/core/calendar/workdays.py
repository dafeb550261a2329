"""The working calendar (民法典 Art 201–203): working days, calendar days, months and fixed
dates, read from the calendar tables, with a cache for a page or a batch."""

from __future__ import annotations

import calendar as _stdlib_calendar
import contextvars
import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from fazhi.core.calendar.basics import CalendarNotCovered
from fazhi.core.models import CalendarYear, DeadlineRule

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
