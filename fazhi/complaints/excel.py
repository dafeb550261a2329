"""Importing complaints from .xlsx: the city's 12345 hotline transfers (and letters or visits
kept in a sheet), one complaint a row.

As in inspections/excel.py and documents/excel.py, the file is checked row by row first
(`read_complaint_import`, nothing saved) and every bad row is named with its reasons — a missing
field, an unknown category or source, a date that is not a date or lies after today, a 12345
ticket missing, repeated in the file or already registered, contact details on an anonymous
row. A file with any bad row saves nothing. `import_complaints` then enters every row through
`actions.enter_complaint`, all or none, and returns the receipt codes (shown once).
"""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from fazhi.complaints import actions, permissions
from fazhi.complaints.models import Complaint
from fazhi.core.audit import record_event
from fazhi.core.models import User
from fazhi.core.workflow import DomainError, require

MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_IMPORT_ROWS = 5000

# Column → required. The first row of the sheet names the columns, in any order.
IMPORT_COLUMNS = {
    "来源": False,
    "12345工单号": False,
    "收到日期": True,
    "类别": True,
    "事由": True,
    "投诉举报内容": True,
    "被投诉举报对象": False,
    "匿名": False,
    "姓名或单位": False,
    "联系电话": False,
    "电子邮箱": False,
    "通讯地址": False,
}
COLUMN_ALIASES = {
    "工单号": "12345工单号",
    "12345 工单号": "12345工单号",
    "来源渠道": "来源",
    "内容": "投诉举报内容",
    "诉求内容": "投诉举报内容",
    "标题": "事由",
    "姓名": "姓名或单位",
    "联系人": "姓名或单位",
    "电话": "联系电话",
    "地址": "通讯地址",
    "邮箱": "电子邮箱",
    "被投诉举报的单位或执法行为": "被投诉举报对象",
}
KINDS = {str(label): value for value, label in Complaint.Kind.choices} | {v: v for v in Complaint.Kind.values}
CHANNELS = {
    "": Complaint.Channel.HOTLINE,  # the sheet of hotline transfers needs no source column
    "12345": Complaint.Channel.HOTLINE,
    "12345热线": Complaint.Channel.HOTLINE,
    str(Complaint.Channel.HOTLINE.label): Complaint.Channel.HOTLINE,
    str(Complaint.Channel.LETTER.label): Complaint.Channel.LETTER,
    str(Complaint.Channel.VISIT.label): Complaint.Channel.VISIT,
}
YES = {"是", "Y", "YES", "TRUE", "1", "√"}
NO = {"", "否", "N", "NO", "FALSE", "0"}
LIMITS = {"12345工单号": 40, "事由": 200, "投诉举报内容": 5000, "被投诉举报对象": 200}
LIMITS |= {"姓名或单位": 100, "联系电话": 30, "电子邮箱": 100, "通讯地址": 200}
CONTACTS = ("姓名或单位", "联系电话", "电子邮箱", "通讯地址")


@dataclass(slots=True)
class ComplaintRow:
    line: int
    channel: str
    hotline_ticket: str
    received_on: datetime.date
    kind: str
    subject: str
    content: str
    respondent: str
    anonymous: bool
    contact_name: str
    contact_phone: str
    contact_email: str
    contact_address: str


@dataclass
class ComplaintImportReport:
    rows: list[ComplaintRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors and bool(self.rows)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value).replace("/", "-").replace(".", "-")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        parts = text.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            try:
                return datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                return None
        return None


def read_complaint_import(
    upload: IO[bytes] | File, *, size: int, agency_id: int | None = None
) -> ComplaintImportReport:
    """Parse and check every row (a 12345 ticket against those `agency_id` — the importing
    user's agency — has registered); nothing is saved here."""
    report = ComplaintImportReport()
    if size > MAX_IMPORT_BYTES:
        report.file_error = f"文件大小超过 {MAX_IMPORT_BYTES // 1024 // 1024} MB 上限，请分批导入"
        return report
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        report.file_error = "不是有效的 Excel 文件（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再导入"
        return report
    try:
        _read_sheet(wb.worksheets[0], report, agency_id)
    finally:
        wb.close()
    if report.file_error:
        report.rows, report.errors = [], []
    elif not report.rows and not report.errors:
        report.file_error = "工作表中没有投诉举报行"
    return report


def _read_sheet(ws: Any, report: ComplaintImportReport, agency_id: int | None) -> None:
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if not header or all(h in (None, "") for h in header):
        report.file_error = "工作表为空：第一行应为列名"
        return
    names = [COLUMN_ALIASES.get(_text(h), _text(h)) for h in header]
    missing = [c for c, required in IMPORT_COLUMNS.items() if required and c not in names]
    if missing:
        report.file_error = "缺少必需的列：" + "、".join(missing) + "（第一行应为列名）"
        return
    index = {name: names.index(name) for name in IMPORT_COLUMNS if name in names}
    today = timezone.localdate()
    seen: dict[str, int] = {}
    for line, values in enumerate(rows, start=2):
        if line - 1 > MAX_IMPORT_ROWS:
            report.file_error = f"超过 {MAX_IMPORT_ROWS} 行上限，请分批导入"
            return
        if values is None or all(v in (None, "") for v in values):
            continue
        raw = {name: values[i] if i < len(values) else None for name, i in index.items()}
        cells = {name: _text(raw.get(name)) for name in IMPORT_COLUMNS}
        problems = _check_row(cells, raw, today, seen, line)
        if problems:
            report.errors.extend((line, p) for p in problems)
            continue
        received_on = _date(raw["收到日期"])
        assert received_on is not None
        report.rows.append(
            ComplaintRow(
                line=line,
                channel=CHANNELS[cells["来源"]],
                hotline_ticket=cells["12345工单号"],
                received_on=received_on,
                kind=KINDS[cells["类别"]],
                subject=cells["事由"],
                content=cells["投诉举报内容"],
                respondent=cells["被投诉举报对象"],
                anonymous=cells["匿名"].upper() in YES,
                contact_name=cells["姓名或单位"],
                contact_phone=cells["联系电话"],
                contact_email=cells["电子邮箱"],
                contact_address=cells["通讯地址"],
            )
        )
    _drop_registered(report, agency_id)


def _check_row(
    cells: dict[str, str], raw: dict[str, Any], today: datetime.date, seen: dict[str, int], line: int
) -> list[str]:
    problems = [
        f"缺少{column}" for column, required in IMPORT_COLUMNS.items() if required and not cells[column]
    ]
    problems += [f"{column}超过 {limit} 字" for column, limit in LIMITS.items() if len(cells[column]) > limit]
    if any("\x00" in v for v in cells.values()):
        problems.append("包含空字符")
    channel = CHANNELS.get(cells["来源"])
    if channel is None:
        problems.append(f"来源“{cells['来源']}”不正确（可填：12345热线转办、来信、来访）")
    ticket = cells["12345工单号"]
    if channel == Complaint.Channel.HOTLINE and not ticket:
        problems.append("12345热线转办应填写 12345 工单号")
    if channel in (Complaint.Channel.LETTER, Complaint.Channel.VISIT) and ticket:
        problems.append("只有12345热线转办填写 12345 工单号")
    if ticket:
        if ticket in seen:
            problems.append(f"12345 工单号 {ticket} 与第 {seen[ticket]} 行重复")
        seen.setdefault(ticket, line)
    if cells["收到日期"]:
        day = _date(raw["收到日期"])
        if day is None:
            problems.append(f"收到日期“{cells['收到日期']}”不是日期（应为 2026-01-01）")
        elif day > today:
            problems.append(f"收到日期 {day:%Y-%m-%d} 晚于今天")
        elif day.year < 2000:
            problems.append(f"收到日期 {day:%Y-%m-%d} 不正确")
    if cells["类别"] and cells["类别"] not in KINDS:
        problems.append(f"类别“{cells['类别']}”不正确（可填：投诉、举报）")
    anonymous = cells["匿名"].upper()
    if anonymous not in YES | NO:
        problems.append(f"“匿名”应填 是 或 否，实为“{cells['匿名']}”")
    elif anonymous in YES and any(cells[c] for c in CONTACTS):
        problems.append("匿名投诉举报不填写姓名和联系方式")
    if cells["电子邮箱"] and "@" not in cells["电子邮箱"]:
        problems.append(f"电子邮箱“{cells['电子邮箱']}”格式不正确")
    return problems


def _drop_registered(report: ComplaintImportReport, agency_id: int | None) -> None:
    """Rows whose 12345 ticket the agency has already registered become errors."""
    tickets = [r.hotline_ticket for r in report.rows if r.hotline_ticket]
    taken = set(
        Complaint.objects.filter(agency_id=agency_id, hotline_ticket__in=tickets).values_list(
            "hotline_ticket", flat=True
        )
    )
    if not taken:
        return
    report.errors.extend(
        (r.line, f"12345 工单号 {r.hotline_ticket} 已登记") for r in report.rows if r.hotline_ticket in taken
    )
    report.errors.sort(key=lambda error: error[0])
    report.rows = [r for r in report.rows if r.hotline_ticket not in taken]


def import_complaints(
    rows: list[ComplaintRow], *, actor: User, filename: str = ""
) -> list[tuple[Complaint, str]]:
    """Enter every checked row, all or none, as one audited import; the complaints with their
    receipt codes. A row the actions refuse (a ticket registered meanwhile) names its line and
    saves nothing."""
    require(permissions.can_register(actor))
    if not rows:
        raise DomainError("没有可导入的行")
    today = timezone.localdate()
    entered: list[tuple[Complaint, str]] = []
    with transaction.atomic():
        for r in rows:
            try:
                entered.append(
                    actions.enter_complaint(
                        actor=actor,
                        channel=r.channel,
                        kind=r.kind,
                        subject=r.subject,
                        content=r.content,
                        received_on=r.received_on,
                        respondent=r.respondent,
                        hotline_ticket=r.hotline_ticket,
                        anonymous=r.anonymous,
                        contact_name=r.contact_name,
                        contact_phone=r.contact_phone,
                        contact_email=r.contact_email,
                        contact_address=r.contact_address,
                        registered_on=today,
                    )
                )
            except DomainError as exc:
                raise DomainError(f"第 {r.line} 行：{exc}；未导入任何内容") from exc
        record_event(
            "complaint.import",
            actor=actor,
            object_type="complaints.complaint",
            data={"file": filename, "count": len(entered), "ids": [c.pk for c, _code in entered]},
        )
    return entered
