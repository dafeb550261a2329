"""A year's holidays in one step: the State Council General Office's notice (国务院办公厅关于
N 年部分节假日安排的通知), pasted as text, or a .xlsx/.csv of dates, parsed, checked, shown as a
calendar to confirm and saved with an audit event naming its source.

The notice's layout is stable: one numbered line per festival (two festivals may share one),
each with its holiday run and its make-up working days, e.g.

    二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。

A line the parser cannot read completely refuses the whole text, naming the line: nothing is
saved from a notice half understood.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from fazhi.core.audit import record_event
from fazhi.core.formats import cn_date
from fazhi.core.models import CalendarDay, CalendarYear
from fazhi.core.permissions import can_manage_rulebook
from fazhi.core.workflow import DomainError

NUMERALS = "一二三四五六七八九十"
FESTIVAL_LINE = re.compile(rf"^\s*[{NUMERALS}]+\s*[、.．]\s*(?P<names>[^：:]+?)\s*[：:]\s*(?P<body>.+?)\s*$")
YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年\s*(?:部分)?\s*(?:节假日|元旦)")
PARENTHESES = re.compile(r"[（(][^）)]*[）)]")
DATE = r"(?:(?P<{p}y>\d{{4}})年)?(?P<{p}m>\d{{1,2}})月(?P<{p}d>\d{{1,2}})日"
END = r"(?:(?:(?P<ey>\d{4})年)?(?P<em>\d{1,2})月)?(?P<ed>\d{1,2})日"
RUN = re.compile(DATE.format(p="s") + r"\s*(?:至|—|－|-|~|～)\s*" + END + r"\s*放假")
SINGLE = re.compile(DATE.format(p="s") + r"\s*放假")
ANY_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
TOTAL = re.compile(r"共\s*(\d+)\s*天")

WORK_WORDS = {"上班", "workday", "work", "调休上班", "工作日", "1", "true"}
REST_WORDS = {"放假", "holiday", "rest", "休息", "节假日", "0", "false"}


class NoticeError(DomainError):
    """The text (or file) cannot be read completely; `line` is the one that failed."""

    status_code = 422

    def __init__(self, message: str, line: str = "") -> None:
        self.line = line
        super().__init__(f"{message}：“{line}”" if line else message)


@dataclass
class ParsedYear:
    year: int
    holidays: dict[datetime.date, str] = field(default_factory=dict)  # every day of every run
    workdays: dict[datetime.date, str] = field(default_factory=dict)  # the make-up working days

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "holidays": [d.isoformat() for d in sorted(self.holidays)],
            "workdays": [d.isoformat() for d in sorted(self.workdays)],
        }

    def runs(self) -> list[tuple[datetime.date, datetime.date, str]]:
        """The holiday runs (first day, last day, name), in order."""
        found: list[tuple[datetime.date, datetime.date, str]] = []
        for day in sorted(self.holidays):
            name = self.holidays[day]
            if found and found[-1][1] + datetime.timedelta(days=1) == day and found[-1][2] == name:
                found[-1] = (found[-1][0], day, name)
            else:
                found.append((day, day, name))
        return found


def _date(year: int, month: int, day: int, line: str) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise NoticeError("日期不存在", line) from exc


def notice_year(text: str) -> int | None:
    match = YEAR_IN_TITLE.search(text)
    return int(match.group(1)) if match else None


def _festival(names: str) -> str:
    return "、".join(part.strip() for part in re.split(r"[、和及]", names) if part.strip())


def parse_notice(text: str, *, year: int | None = None) -> ParsedYear:
    """The holidays and make-up days of the notice. The year comes from the title ("关于2027年
    部分节假日安排的通知") unless given. Raises `NoticeError` naming the line it cannot read."""
    year = year or notice_year(text)
    if year is None:
        raise NoticeError(
            "未找到通知所属年份（如“国务院办公厅关于2027年部分节假日安排的通知”），请在标题中保留年份"
        )
    parsed = ParsedYear(year)
    festival_lines = 0
    for raw in text.splitlines():
        line = raw.strip().replace("\u3000", " ")
        match = FESTIVAL_LINE.match(line)
        if match is None:
            # The greeting, the preamble, the closing paragraph, the signature and its date.
            continue
        festival_lines += 1
        _parse_festival(parsed, _festival(match.group("names")), match.group("body"), line)
    if festival_lines == 0:
        raise NoticeError("未找到节日安排（应为“一、元旦：1月1日放假……”这样逐条编号的行）")
    check(parsed)
    return parsed


def _parse_festival(parsed: ParsedYear, name: str, body: str, line: str) -> None:
    year = parsed.year
    run_days = 0
    found_rest = False
    for sentence in re.split(r"[。；;]", PARENTHESES.sub("", body)):
        sentence = sentence.strip()
        if not sentence:
            continue
        has_date = ANY_DATE.search(sentence) is not None
        if "放假" in sentence:
            match = RUN.search(sentence) or SINGLE.search(sentence)
            if match is None:
                raise NoticeError("无法识别放假日期", line)
            groups = match.groupdict()
            start = _date(int(groups["sy"] or year), int(groups["sm"]), int(groups["sd"]), line)
            if groups.get("ed"):
                end = _date(
                    int(groups["ey"] or start.year),
                    int(groups["em"] or start.month),
                    int(groups["ed"]),
                    line,
                )
            else:
                end = start
            if end < start:
                raise NoticeError("放假的结束日期早于开始日期", line)
            count = (end - start).days + 1
            total = TOTAL.search(sentence)
            if total and int(total.group(1)) != count:
                raise NoticeError(f"放假天数与日期不符（{start:%m月%d日}至{end:%m月%d日}为{count}天）", line)
            for offset in range(count):
                parsed.holidays[start + datetime.timedelta(days=offset)] = name
            run_days += count
            found_rest = True
            rest = sentence[match.end() :]
            if "上班" in rest and ANY_DATE.search(rest):
                _workdays(parsed, name, rest, line)
        elif "上班" in sentence:
            if not has_date:
                raise NoticeError("无法识别调休上班日期", line)
            _workdays(parsed, name, sentence, line)
        elif has_date:
            raise NoticeError("无法识别这一句的含义", line)
    if not found_rest:
        raise NoticeError("这一行没有放假日期", line)


def _workdays(parsed: ParsedYear, name: str, sentence: str, line: str) -> None:
    head = sentence.split("上班")[0]
    dates = ANY_DATE.findall(head)
    if not dates:
        raise NoticeError("无法识别调休上班日期", line)
    for y, m, d in dates:
        parsed.workdays[_date(int(y or parsed.year), int(m), int(d), line)] = name


def check(parsed: ParsedYear) -> None:
    """Make-up days fall on weekends, every date is in the year, no day is both."""
    for day in sorted(parsed.holidays) + sorted(parsed.workdays):
        if day.year != parsed.year:
            raise NoticeError(f"{cn_date(day)} 不在 {parsed.year} 年内")
    for day in sorted(parsed.workdays):
        if day.weekday() < 5:
            raise NoticeError(f"调休上班日 {cn_date(day)} 不是周末，无需调休")
        if day in parsed.holidays:
            raise NoticeError(f"{cn_date(day)} 既是放假日又是上班日")
    if not parsed.holidays:
        raise NoticeError("没有任何放假日期")


def parse_table(content: bytes, filename: str, *, year: int | None = None) -> ParsedYear:
    """A .xlsx or .csv of dates: columns 日期, 类型 (放假 / 上班), 名称; a header row is optional.
    Holiday runs are checked to be contiguous per name (a gap means a day was left out)."""
    rows: list[list[Any]]
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # any unreadable workbook is the same refusal
            raise NoticeError("无法读取该 Excel 文件") from exc
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    elif filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NoticeError("CSV 文件须为 UTF-8 编码") from exc
        rows = [list(row) for row in csv.reader(io.StringIO(text))]
    else:
        raise NoticeError("只接受 .xlsx 或 .csv 文件")
    entries: list[tuple[datetime.date, bool, str]] = []
    for row in rows:
        cells = ["" if c is None else c for c in row[:3]] + [""] * (3 - len(row[:3]))
        if not any(str(c).strip() for c in cells):
            continue
        first = cells[0]
        line = "，".join(str(c) for c in cells if str(c).strip())
        if isinstance(first, datetime.datetime):
            day = first.date()
        elif isinstance(first, datetime.date):
            day = first
        else:
            try:
                day = datetime.date.fromisoformat(str(first).strip().replace("/", "-"))
            except ValueError:
                if not entries and not ANY_DATE.search(str(first)):
                    continue  # the header row
                raise NoticeError("无法识别日期（应为 2027-01-01）", line) from None
        kind = str(cells[1]).strip().lower()
        if kind in WORK_WORDS:
            working = True
        elif kind in REST_WORDS:
            working = False
        else:
            raise NoticeError("类型应为“放假”或“上班”", line)
        entries.append((day, working, str(cells[2]).strip()))
    if not entries:
        raise NoticeError("文件中没有日期")
    parsed = ParsedYear(year or entries[0][0].year)
    for day, working, name in entries:
        (parsed.workdays if working else parsed.holidays)[day] = name
    check(parsed)
    for _start, end, name in parsed.runs():
        later = [d for d, n in parsed.holidays.items() if n == name and d > end]
        if name and later:
            raise NoticeError(
                f"{name}的放假日期不连续：{end:%m月%d日}之后缺少日期，直到{min(later):%m月%d日}"
            )
    return parsed


# --- saving -------------------------------------------------------------------------------


def import_year(
    parsed: ParsedYear, *, source: str, actor: Any, text: str = "", system: bool = False
) -> dict[str, int]:
    """Save the year (its holidays and make-up days) with one audit event naming the source, then
    fill every pending due date of every app (core.deadlines). `system` is the command line,
    run by the operator of the server. Returns the filled counts per app."""
    from fazhi.core.deadlines import fill_all

    if not system and not can_manage_rulebook(actor):
        raise PermissionDenied
    check(parsed)
    source = source.strip() or f"国务院办公厅关于{parsed.year}年部分节假日安排的通知"
    with transaction.atomic():
        entry = CalendarYear.objects.filter(year=parsed.year).first()
        if entry is not None and entry.days.exists():
            raise DomainError(f"{parsed.year} 年的工作日历已经录入；如需更正，请在工作日历页逐日修改。")
        if entry is None:
            entry = CalendarYear.objects.create(year=parsed.year, source=source[:200], updated_by=actor)
        else:
            entry.source, entry.updated_by = source[:200], actor
            entry.save(update_fields=["source", "updated_by", "updated_at"])
        days = [
            CalendarDay(date=d, year=entry, is_working_day=False, name=n) for d, n in parsed.holidays.items()
        ]
        days += [
            CalendarDay(date=d, year=entry, is_working_day=True, name=n) for d, n in parsed.workdays.items()
        ]
        CalendarDay.objects.bulk_create(days)
        record_event(
            "calendar.notice_imported",
            actor=actor,
            obj=entry,
            data={
                **parsed.as_json(),
                "source": source,
                "text_sha256": hashlib.sha256(text.encode()).hexdigest() if text else None,
            },
        )
        return fill_all()


def month_grid(parsed: ParsedYear) -> list[dict[str, Any]]:
    """The year as twelve months of weeks (Monday first) for the confirmation page: each day
    with its kind — holiday, make-up working day, weekend or working day."""
    import calendar as stdlib_calendar

    months = []
    for month in range(1, 13):
        weeks = []
        for week in stdlib_calendar.Calendar().monthdatescalendar(parsed.year, month):
            cells: list[dict[str, Any] | None] = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                elif day in parsed.holidays:
                    cells.append({"day": day, "kind": "holiday", "name": parsed.holidays[day]})
                elif day in parsed.workdays:
                    cells.append({"day": day, "kind": "makeup", "name": parsed.workdays[day]})
                elif day.weekday() >= 5:
                    cells.append({"day": day, "kind": "weekend", "name": ""})
                else:
                    cells.append({"day": day, "kind": "work", "name": ""})
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    return months
