"""The question bank and exam results as .xlsx.

Questions: export the bank, import it row by row. Every row is checked first (the same check as
the form, `actions.check_question`, plus the law and version named), every bad row is reported
with its line and reason, and a file with any bad row saves nothing; a good file is saved whole
in one transaction.

Results from the city's online exam system (姓名, 单位, 成绩, 是否合格): a malformed row refuses the
file; well-formed rows are matched to the roster and the ones that match nobody are listed.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from fazhi.core.audit import record_event
from fazhi.core.models import Law
from fazhi.core.spreadsheets import workbook
from fazhi.core.workflow import DomainError, require
from fazhi.learning import permissions
from fazhi.learning.actions import ResultRow, check_question
from fazhi.learning.actions.exams import parse_score
from fazhi.learning.models import Category, Question

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
LETTERS = "ABCDEF"
QUESTION_COLUMNS = [
    "题号",
    "题型",
    "类别",
    "题干",
    *[f"选项{x}" for x in LETTERS],
    "答案",
    "解析",
    "法律法规",
    "版本施行日期",
    "条款",
    "标签",
]
REQUIRED = {"题号", "题型", "类别", "题干", "答案"}
KINDS = {str(label): value for value, label in Question.Kind.choices} | {v: v for v in Question.Kind.values}
CATEGORIES = {str(label): value for value, label in Category.choices} | {v: v for v in Category.values}
RESULT_COLUMNS = ["姓名", "单位", "成绩", "是否合格"]
YES, NO = {"是", "合格", "通过", "Y", "YES", "1", "TRUE"}, {"否", "不合格", "未通过", "N", "NO", "0", "FALSE"}


@dataclass
class QuestionImport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
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
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _sheet(
    upload: IO[bytes], size: int, columns: list[str], required: set[str]
) -> tuple[list[list[str]], dict[str, int], str]:
    if size > MAX_BYTES:
        return [], {}, f"文件大小超过 {MAX_BYTES // 1024 // 1024} MB 上限"
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        return [], {}, "不是有效的 Excel 文件（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再导入"
    try:
        rows = [[_text(v) for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()
    if not rows:
        return [], {}, "工作表为空：第一行应为列名"
    names = {name: i for i, name in enumerate(rows[0]) if name}
    missing = [c for c in columns if c in required and c not in names]
    if missing:
        return [], {}, "缺少列：" + "、".join(missing)
    body = rows[1:]
    if len(body) > MAX_ROWS:
        return [], {}, f"超过 {MAX_ROWS} 行，请分批导入"
    return body, names, ""


def read_questions(upload: IO[bytes], *, size: int) -> QuestionImport:
    """Check every row; nothing is saved here."""
    report = QuestionImport()
    body, names, report.file_error = _sheet(upload, size, QUESTION_COLUMNS, REQUIRED)
    if report.file_error:
        return report
    laws = {law.title: law for law in Law.objects.all()}
    seen: dict[str, int] = {}
    existing = set(Question.objects.values_list("code", flat=True))
    today = timezone.localdate()
    for line, raw in enumerate(body, start=2):
        cell = {c: (raw[names[c]] if c in names and names[c] < len(raw) else "") for c in QUESTION_COLUMNS}
        if not any(cell.values()):
            continue
        try:
            law = version = None
            if cell["法律法规"]:
                law = laws.get(cell["法律法规"].strip("《》"))
                if law is None:
                    raise DomainError(f"法律法规库中没有《{cell['法律法规'].strip('《》')}》")
                if cell["版本施行日期"]:
                    try:
                        day = datetime.date.fromisoformat(cell["版本施行日期"][:10])
                    except ValueError as exc:
                        raise DomainError("版本施行日期应为 YYYY-MM-DD") from exc
                    version = law.versions.filter(effective_on=day).first()
                    if version is None:
                        raise DomainError(f"《{law.title}》没有 {day.isoformat()} 施行的版本")
                else:
                    version = law.version_on(today)
                    if version is None:
                        raise DomainError(f"《{law.title}》尚无已施行的版本")
            data = check_question(
                {
                    "code": cell["题号"],
                    "kind": KINDS.get(cell["题型"], cell["题型"]),
                    "category": CATEGORIES.get(cell["类别"], cell["类别"]),
                    "stem": cell["题干"],
                    "options": [cell[f"选项{x}"] for x in LETTERS],
                    "answer": cell["答案"],
                    "explanation": cell["解析"],
                    "law": law,
                    "law_version": version,
                    "article": cell["条款"],
                    "tags": cell["标签"],
                }
            )
            if data["code"] in existing:
                raise DomainError(f"题号 {data['code']} 已在题库中")
            if data["code"] in seen:
                raise DomainError(f"题号 {data['code']} 与第 {seen[data['code']]} 行重复")
            seen[data["code"]] = line
            report.rows.append(data)
        except DomainError as exc:
            report.errors.append((line, str(exc)))
    if not report.rows and not report.errors:
        report.file_error = "文件中没有试题"
    return report


@transaction.atomic
def import_questions(report: QuestionImport, *, actor: Any) -> int:
    """Save a checked file whole; a file with any bad row saves nothing."""
    require(permissions.can_manage(actor))
    if not report.ok:
        raise DomainError("文件有错误，未导入任何试题；请按提示修改后重新导入")
    now = timezone.now()
    made = Question.objects.bulk_create(
        Question(created_by=actor, reviewed_by=actor, reviewed_at=now, **row) for row in report.rows
    )
    record_event(
        "learning.questions_import",
        actor=actor,
        object_type="learning.question",
        data={"codes": [q.code for q in made]},
    )
    return len(made)


def export_questions(queryset: QuerySet[Question]) -> bytes:
    wb = workbook()
    ws = wb.active
    ws.title = "题库"
    ws.append([*QUESTION_COLUMNS, "状态"])
    for q in queryset.select_related("law", "law_version"):
        options = list(q.options) + [""] * (len(LETTERS) - len(q.options))
        ws.append(
            [
                q.code,
                str(q.get_kind_display()),
                str(q.get_category_display()),
                q.stem,
                *options,
                q.answer,
                q.explanation,
                q.law.title if q.law else "",
                q.law_version.effective_on.isoformat() if q.law_version else "",
                q.article,
                q.tags,
                str(q.get_status_display()),
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def read_results(upload: IO[bytes], *, size: int) -> tuple[list[ResultRow], list[tuple[int, str]], str]:
    """The city's results, checked row by row: (rows, bad rows with reasons, file error)."""
    body, names, file_error = _sheet(upload, size, RESULT_COLUMNS, set(RESULT_COLUMNS))
    if file_error:
        return [], [], file_error
    rows: list[ResultRow] = []
    errors: list[tuple[int, str]] = []
    for line, raw in enumerate(body, start=2):
        cell = {c: (raw[names[c]] if names[c] < len(raw) else "") for c in RESULT_COLUMNS}
        if not any(cell.values()):
            continue
        try:
            if not cell["姓名"] or not cell["单位"]:
                raise DomainError("请填写姓名和单位")
            score = parse_score(cell["成绩"])
            flag = cell["是否合格"].upper()
            if flag not in YES | NO:
                raise DomainError("“是否合格”应为“是”或“否”")
            rows.append(ResultRow(line, cell["姓名"], cell["单位"], score, flag in YES))
        except DomainError as exc:
            errors.append((line, str(exc)))
    if not rows and not errors:
        file_error = "文件中没有成绩"
    return rows, errors, file_error
