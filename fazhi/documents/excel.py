"""The register (登记簿) as .xlsx, and the import of legacy documents from .xlsx.

An import is checked row by row first; a file with errors saves nothing unless the user
then chooses to import only the rows without errors.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from fazhi.core.audit import record_event
from fazhi.core.content_checks import archive_problem
from fazhi.core.deadlines import deadline_or_pending
from fazhi.core.hashing import text_sha256
from fazhi.core.models import User
from fazhi.core.spreadsheets import workbook
from fazhi.core.workflow import DomainError
from fazhi.documents import permissions
from fazhi.documents.actions import filing_authority
from fazhi.documents.models import Filing, NormativeDocument, ValidityEvent
from fazhi.documents.search import search_fields
from fazhi.documents.validity import status_on

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
NUMBER_PATTERN = re.compile(r"^\S+〔(\d{4})〕(\d+)号$")

REGISTER_COLUMNS = [
    "序号",
    "文号",
    "文件名称",
    "制定机关",
    "起草处室",
    "印发日期",
    "公布日期",
    "施行日期",
    "有效期届满日",
    "现行状态",
    "备案报送日期",
    "备案期限",
    "备案结果",
]

# Import columns: name → required.
IMPORT_COLUMNS = {
    "文号": True,
    "文件名称": True,
    "公布日期": True,
    "施行日期": True,
    "有效期届满日": False,
    "状态": False,
    "状态日期": False,
    "备案报送日期": False,
    "备案结果": False,
    "正文": False,
}
STATUS_EVENTS = {
    "现行有效": None,
    "有效": None,
    "已修改": ValidityEvent.Kind.AMENDED,
    "失效": ValidityEvent.Kind.EXPIRED,
    "废止": ValidityEvent.Kind.REPEALED,
    "宣布失效": ValidityEvent.Kind.DECLARED_INVALID,
}
FILING_RESULTS = {
    "予以备案": Filing.Status.FILED,
    "不予备案": Filing.Status.REJECTED,
    "暂缓备案": Filing.Status.DEFERRED,
    "": Filing.Status.SUBMITTED,
    "待审查": Filing.Status.SUBMITTED,
}


# --- export ----------------------------------------------------------------------------------


def register_workbook(documents: Any, *, today: datetime.date | None = None) -> bytes:
    """The register of issued documents: one row each, the status as of `today`."""
    today = today or timezone.localdate()
    wb = workbook()
    ws = wb.active
    ws.title = "规范性文件登记簿"
    ws.append(REGISTER_COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    docs = documents.select_related("agency", "division", "filing").prefetch_related("validity_events")
    for i, doc in enumerate(docs, start=1):
        filing = getattr(doc, "filing", None)
        ws.append(
            [
                i,
                doc.number,
                doc.title,
                doc.agency.name,
                doc.division.name,
                doc.issued_on,
                doc.published_on,
                doc.effective_on,
                doc.expires_on,
                str(status_on(doc, today).label) if doc.published_on else doc.get_status_display(),
                filing.submitted_on if filing else None,
                filing.due_on if filing else None,
                str(filing.get_status_display()) if filing else "未报送",
            ]
        )
    for column, width in zip(
        "ABCDEFGHIJKLM", [6, 20, 40, 18, 18, 12, 12, 12, 12, 10, 12, 12, 14], strict=True
    ):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- import ----------------------------------------------------------------------------------


@dataclass
class ImportRow:
    line: int
    number: str
    title: str
    published_on: datetime.date
    effective_on: datetime.date
    expires_on: datetime.date | None
    status: str
    status_on: datetime.date | None
    filed_on: datetime.date | None
    filing_result: str
    body: str

    def as_json(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in self.__dict__.items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportRow:
        dates = {"published_on", "effective_on", "expires_on", "status_on", "filed_on"}
        values: dict[str, Any] = {
            k: (datetime.date.fromisoformat(v) if k in dates and v else v) for k, v in data.items()
        }
        return cls(**values)


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    file_error: str = ""

    @property
    def error_lines(self) -> int:
        return len({line for line, _reason in self.errors})


def _date(value: Any, column: str, problems: list[str]) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    match = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    if match:
        text = "-".join(match.groups())
    try:
        parts = [int(p) for p in text.split("-")]
        return datetime.date(*parts)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        problems.append(f"“{column}”不是有效日期：{value}")
        return None


def read_import(upload: BinaryIO, *, size: int) -> ImportReport:
    """Parse and check every row; nothing is saved here."""
    report = ImportReport()
    if size > MAX_IMPORT_BYTES:
        report.file_error = f"文件大小超过 {MAX_IMPORT_BYTES // 1024 // 1024} MB 上限"
        return report
    # Before openpyxl expands anything: a zip bomb or a payload inside the workbook (issue 15).
    if problem := archive_problem(upload, suffix=".xlsx", format_errors=False):
        report.file_error = problem
        return report
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        report.file_error = "不是有效的 Excel 文件（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再导入"
        return report
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        report.file_error = "工作表为空"
        return report
    names = [str(h).strip() if h is not None else "" for h in header]
    missing = [c for c, required in IMPORT_COLUMNS.items() if required and c not in names]
    if missing:
        report.file_error = "缺少必需的列：" + "、".join(missing) + "（第一行应为列名）"
        return report
    index = {name: names.index(name) for name in IMPORT_COLUMNS if name in names}
    seen: dict[str, int] = {}
    existing = set(NormativeDocument.objects.exclude(number="").values_list("number", flat=True))
    for line, values in enumerate(rows, start=2):
        if line - 1 > MAX_IMPORT_ROWS:
            report.file_error = f"超过 {MAX_IMPORT_ROWS} 行上限，请分批导入"
            return report
        if values is None or all(v in (None, "") for v in values):
            continue

        def cell(name: str, values: tuple[Any, ...] = values) -> Any:
            i = index.get(name)
            return values[i] if i is not None and i < len(values) else None

        problems: list[str] = []
        number = str(cell("文号") or "").strip()
        title = str(cell("文件名称") or "").strip()
        if not number:
            problems.append("缺少文号")
        elif not NUMBER_PATTERN.match(number):
            problems.append(f"文号格式不正确：{number}（应如 ××规〔2021〕3号）")
        elif number in existing:
            problems.append(f"文号 {number} 已在系统中")
        elif number in seen:
            problems.append(f"文号 {number} 与第 {seen[number]} 行重复")
        if number:
            seen.setdefault(number, line)
        if not title:
            problems.append("缺少文件名称")
        elif len(title) > 200:
            problems.append("文件名称超过 200 字")
        published = _date(cell("公布日期"), "公布日期", problems)
        effective = _date(cell("施行日期"), "施行日期", problems)
        expires = _date(cell("有效期届满日"), "有效期届满日", problems)
        state_date = _date(cell("状态日期"), "状态日期", problems)
        filed = _date(cell("备案报送日期"), "备案报送日期", problems)
        if cell("公布日期") in (None, ""):
            problems.append("缺少公布日期")
        if cell("施行日期") in (None, ""):
            problems.append("缺少施行日期")
        status = str(cell("状态") or "现行有效").strip()
        if status not in STATUS_EVENTS:
            problems.append(f"状态“{status}”不正确（可填：{'、'.join(STATUS_EVENTS)}）")
        elif (
            STATUS_EVENTS[status] is not None
            and STATUS_EVENTS[status] != ValidityEvent.Kind.EXPIRED
            and not state_date
        ):
            problems.append(f"状态为“{status}”的，应当填写状态日期")
        result = str(cell("备案结果") or "").strip()
        if result not in FILING_RESULTS:
            problems.append(f"备案结果“{result}”不正确（可填：予以备案、不予备案、暂缓备案、待审查）")
        if result and result != "待审查" and not filed:
            problems.append("填写了备案结果的，应当填写备案报送日期")
        if published and effective and effective < published:
            problems.append("施行日期早于公布日期")
        if published and published > timezone.localdate():
            problems.append("公布日期晚于今天")
        if published and (numbered := NUMBER_PATTERN.match(number)) and int(numbered[1]) > published.year:
            problems.append("文号年份晚于公布年份")
        if expires and effective and expires < effective:
            problems.append("有效期届满日早于施行日期")
        if state_date and published and state_date < published:
            problems.append("状态日期早于公布日期")
        if filed and published and filed < published:
            problems.append("备案报送日期早于公布日期")
        if problems:
            report.errors.extend((line, p) for p in problems)
            continue
        assert published and effective
        report.rows.append(
            ImportRow(
                line=line,
                number=number,
                title=title,
                published_on=published,
                effective_on=effective,
                expires_on=expires,
                status=status,
                status_on=state_date,
                filed_on=filed,
                filing_result=result,
                body=str(cell("正文") or "").strip(),
            )
        )
    return report


def import_rows(rows: list[ImportRow], *, actor: User, filename: str = "") -> int:
    """Save checked rows as legacy documents (published, with their validity and filing), all or
    none, in one audited step per document."""
    if not permissions.can_issue(actor):
        raise PermissionDenied
    division = actor.organization
    if division is None:
        raise DomainError("导入人未设置所在单位")
    authority = filing_authority(division.agency) if any(r.filed_on for r in rows) else None
    with transaction.atomic():
        for row in rows:
            if NormativeDocument.objects.filter(agency_id=division.agency_id, number=row.number).exists():
                raise DomainError(
                    f"第 {row.line} 行：文号 {row.number} 已在系统中（可能已被其他人导入），未导入任何内容"
                )
            document = NormativeDocument.objects.create(
                title=row.title,
                agency=division.agency,
                division=division,
                created_by=actor,
                status=NormativeDocument.Status.PUBLISHED,
                is_legacy=True,
                is_provisional=NormativeDocument.looks_provisional(row.title),
                number=row.number,
                issued_on=row.published_on,
                published_on=row.published_on,
                effective_on=row.effective_on,
                expires_on=row.expires_on,
                body=row.body,
                body_sha256=text_sha256(row.body) if row.body else "",
                **search_fields(row.title, row.number, row.body),
                publication_channel="历史文件导入",
            )
            kind = STATUS_EVENTS[row.status]
            if kind is not None:
                on = row.status_on or (
                    (row.expires_on + datetime.timedelta(days=1)) if row.expires_on else row.published_on
                )
                ValidityEvent.objects.create(
                    document=document,
                    kind=kind,
                    on=on,
                    recorded_by=actor,
                    note=f"据历史档案导入（{filename}）",
                )
            if row.filed_on and authority is not None:
                # Pending while a year it needs is not entered (core.deadlines fills it later).
                due = deadline_or_pending(row.published_on, "document.filing")
                Filing.objects.create(
                    document=document,
                    authority=authority,
                    status=FILING_RESULTS[row.filing_result],
                    submitted_on=row.filed_on,
                    due_on=due.due if due else None,
                    due_rule_id=due.rule_id if due else None,
                    submitted_by=actor,
                    explanation="据历史档案导入",
                    decided_on=row.filed_on if row.filing_result in {"予以备案", "不予备案"} else None,
                )
            record_event(
                "document.import",
                actor=actor,
                obj=document,
                to_status=document.status,
                data={**row.as_json(), "file": filename},
            )
    return len(rows)
