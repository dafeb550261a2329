"""Importing the entity registry from .xlsx.

As in documents/excel.py: the file is checked row by row first (`read_entity_import`, nothing
saved) and every bad row is reported with its reasons — a bad unified social credit code
(GB 32100-2015), a code repeated in the file or already in the registry, a missing field.
Then `import_entities` saves the checked rows, all or none; a file with errors saves nothing
unless the user chooses to import only the rows without errors. Both steps report progress
through a callback, `progress(phase, done, total)` with phase "read" or "save" (total 0 when
unknown), so that a page can show a bar for a large file.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import IO, Any

from django.core.files import File
from django.db import transaction
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from fazhi.core.agencies import agency_for, inspection_domains
from fazhi.core.audit import record_event
from fazhi.core.content_checks import archive_problem
from fazhi.core.models import Organization, User
from fazhi.core.uscc import normalize_uscc, validate_uscc
from fazhi.core.workflow import DomainError, require
from fazhi.inspections import permissions
from fazhi.inspections.models import Entity, RiskLevel

Progress = Callable[[str, int, int], None]

MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_IMPORT_ROWS = 200_000
PROGRESS_EVERY = 2000
SAVE_BATCH = 5000

# Column → required. The first row of the sheet names the columns, in any order.
IMPORT_COLUMNS = {
    "统一社会信用代码": True,
    "名称": True,
    "法定代表人（负责人）": True,
    "住所（地址）": True,
    "领域": True,
    "风险等级": False,
    "自然人": False,
}
COLUMN_ALIASES = {
    "单位名称": "名称",
    "企业名称": "名称",
    "法定代表人": "法定代表人（负责人）",
    "负责人": "法定代表人（负责人）",
    "法定代表人(负责人)": "法定代表人（负责人）",
    "住所": "住所（地址）",
    "地址": "住所（地址）",
    "住所(地址)": "住所（地址）",
    "是否自然人": "自然人",
}


def domain_words(agency: Organization | None) -> dict[str, str]:
    """What a cell may say for each of `agency`'s inspection domains: its label or its code."""
    domains = inspection_domains(agency)
    return {label: code for code, label in domains} | {code: code for code, _label in domains}


RISK_LEVELS = (
    {str(label): value for value, label in RiskLevel.choices}
    | {v: v for v in RiskLevel.values}
    | {"高": RiskLevel.HIGH, "较高": RiskLevel.MEDIUM_HIGH, "一般": RiskLevel.MEDIUM, "中": RiskLevel.MEDIUM}
    | {"低": RiskLevel.LOW}
)
YES = {"是", "Y", "YES", "TRUE", "1", "√"}
NO = {"", "否", "N", "NO", "FALSE", "0"}
LIMITS = {"名称": 200, "法定代表人（负责人）": 50, "住所（地址）": 200}


@dataclass(slots=True)
class EntityRow:
    line: int
    uscc: str
    name: str
    legal_representative: str
    address: str
    domain: str
    risk_level: str
    is_natural_person: bool

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EntityRow:
        return cls(**data)


@dataclass
class EntityImportReport:
    rows: list[EntityRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    file_error: str = ""

    @property
    def error_lines(self) -> int:
        return len({line for line, _reason in self.errors})


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_entity_import(
    upload: IO[bytes] | File,
    *,
    size: int,
    progress: Progress | None = None,
    agency: Organization | None = None,
) -> EntityImportReport:
    """Parse and check every row against `agency`'s domains and registry; nothing is saved."""
    report = EntityImportReport()
    if size > MAX_IMPORT_BYTES:
        report.file_error = f"文件大小超过 {MAX_IMPORT_BYTES // 1024 // 1024} MB 上限，请分批导入"
        return report
    # Before openpyxl expands anything: a zip bomb or a payload inside the workbook (issue 15).
    if problem := archive_problem(upload, suffix=".xlsx", format_errors=False):  # type: ignore[arg-type]
        report.file_error = problem
        return report
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        report.file_error = "不是有效的 Excel 文件（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再导入"
        return report
    try:
        _read_sheet(wb.worksheets[0], report, progress, agency)
    finally:
        wb.close()
    if report.file_error:
        report.rows, report.errors = [], []
    return report


def _read_sheet(
    ws: Any, report: EntityImportReport, progress: Progress | None, agency: Organization | None
) -> None:
    domains = domain_words(agency)
    labels = [label for _code, label in inspection_domains(agency)]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if not header or all(h in (None, "") for h in header):
        report.file_error = "工作表为空：第一行应为列名"
        return
    names = [_text(h) for h in header]
    names = [COLUMN_ALIASES.get(n, n) for n in names]
    missing = [c for c, required in IMPORT_COLUMNS.items() if required and c not in names]
    if missing:
        report.file_error = "缺少必需的列：" + "、".join(missing) + "（第一行应为列名）"
        return
    index = {name: names.index(name) for name in IMPORT_COLUMNS if name in names}
    total = max((ws.max_row or 1) - 1, 0)
    seen: dict[str, int] = {}
    for line, values in enumerate(rows, start=2):
        if line - 1 > MAX_IMPORT_ROWS:
            report.file_error = f"超过 {MAX_IMPORT_ROWS} 行上限，请分批导入"
            return
        if progress is not None and line % PROGRESS_EVERY == 0:
            progress("read", line - 1, total)
        if values is None or all(v in (None, "") for v in values):
            continue
        cells = {name: _text(values[i]) if i < len(values) else "" for name, i in index.items()}
        problems: list[str] = []
        for column, required in IMPORT_COLUMNS.items():
            if required and not cells.get(column):
                problems.append(f"缺少{column}")
        for column, limit in LIMITS.items():
            if len(cells[column]) > limit:
                problems.append(f"{column}超过 {limit} 字")
        raw = cells["统一社会信用代码"]
        code = normalize_uscc(raw)
        if raw:
            reason = validate_uscc(code)
            if reason:
                problems.append(f"{reason}：{raw}")
            elif code in seen:
                problems.append(f"统一社会信用代码 {code} 与第 {seen[code]} 行重复")
            seen.setdefault(code, line)
        domain = domains.get(cells["领域"])
        if cells["领域"] and domain is None:
            problems.append(f"领域“{cells['领域']}”不正确（可填：{'、'.join(labels)}）")
        risk_text = cells.get("风险等级", "")
        risk = RISK_LEVELS.get(risk_text) if risk_text else RiskLevel.MEDIUM
        if risk is None:
            problems.append(
                f"风险等级“{risk_text}”不正确（可填：{'、'.join(str(x) for x in RiskLevel.labels)}）"
            )
        natural_text = cells.get("自然人", "").upper()
        if natural_text not in YES | NO:
            problems.append(f"“自然人”应填 是 或 否，实为“{cells.get('自然人')}”")
        if problems:
            report.errors.extend((line, p) for p in problems)
            continue
        assert domain is not None and risk is not None
        report.rows.append(
            EntityRow(
                line=line,
                uscc=code,
                name=cells["名称"],
                legal_representative=cells["法定代表人（负责人）"],
                address=cells["住所（地址）"],
                domain=domain,
                risk_level=risk,
                is_natural_person=natural_text in YES,
            )
        )
    _drop_registered(report, agency)
    if progress is not None:
        progress("read", total, total)


def _drop_registered(report: EntityImportReport, agency: Organization | None) -> None:
    """Rows whose code is already in the registry become errors (asked in chunks, so that a
    large registry is never loaded whole)."""
    registered: set[str] = set()
    for start in range(0, len(report.rows), SAVE_BATCH):
        chunk = [r.uscc for r in report.rows[start : start + SAVE_BATCH]]
        registered.update(Entity.objects.filter(agency=agency, uscc__in=chunk).values_list("uscc", flat=True))
    if not registered:
        return
    report.errors.extend(
        (r.line, f"统一社会信用代码 {r.uscc} 已在名录库中") for r in report.rows if r.uscc in registered
    )
    report.errors.sort(key=lambda error: error[0])
    report.rows = [r for r in report.rows if r.uscc not in registered]


def import_entities(
    rows: list[EntityRow], *, actor: User, filename: str = "", progress: Progress | None = None
) -> int:
    """Save checked rows to the registry, all or none, as one audited import. The event keeps
    the SHA-256 of the imported lines (code, name, domain, risk level), so the import can be
    matched to its file later."""
    require(permissions.can_manage_registry(actor))
    agency = agency_for(actor)
    if not rows:
        raise DomainError("没有可导入的行")
    total = len(rows)
    digest = hashlib.sha256()
    with transaction.atomic():
        for start in range(0, total, SAVE_BATCH):
            batch = rows[start : start + SAVE_BATCH]
            taken = Entity.objects.filter(agency=agency, uscc__in=[r.uscc for r in batch]).values_list(
                "uscc", flat=True
            )
            clash = set(taken)
            if clash:
                row = next(r for r in batch if r.uscc in clash)
                raise DomainError(
                    f"第 {row.line} 行：统一社会信用代码 {row.uscc} 已在名录库中（可能已被其他人导入），未导入任何内容"
                )
            Entity.objects.bulk_create(
                [
                    Entity(
                        agency=agency,
                        uscc=r.uscc,
                        name=r.name,
                        legal_representative=r.legal_representative,
                        address=r.address,
                        domain=r.domain,
                        risk_level=r.risk_level,
                        is_natural_person=r.is_natural_person,
                    )
                    for r in batch
                ]
            )
            for r in batch:
                digest.update(f"{r.uscc}\t{r.name}\t{r.domain}\t{r.risk_level}\n".encode())
            if progress is not None:
                progress("save", min(start + SAVE_BATCH, total), total)
        record_event(
            "inspection.entity_import",
            actor=actor,
            object_type="inspections.entity",
            data={"file": filename, "count": total, "rows_sha256": digest.hexdigest()},
        )
    return total
