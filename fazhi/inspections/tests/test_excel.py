"""Importing the entity registry from .xlsx: the per-row report and all-or-none saving."""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import DomainError
from fazhi.inspections.excel import EntityImportReport, EntityRow, import_entities, read_entity_import
from fazhi.inspections.models import Entity
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import make_entities, uscc

HEADER = ["统一社会信用代码", "名称", "法定代表人", "住所", "领域", "风险等级", "自然人"]


def row(n: int, **changes: object) -> list[object]:
    values: dict[str, object] = {
        "code": uscc(1000 + n),
        "name": f"天津某生物科技有限公司{n}",
        "rep": "赵某",
        "address": "天津市滨海新区中新生态城",
        "domain": "实验动物",
        "risk": "高风险",
        "natural": "否",
    }
    values.update(changes)
    return list(values.values())


def xlsx(*rows: list[object], header: list[str] | None = HEADER) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    if header is not None:
        ws.append(header)
    for values in rows:
        ws.append(values)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("检查对象名录.xlsx", out.getvalue())


class ReadImportTests(InspectionTestCase):
    def read(self, upload: SimpleUploadedFile, **kwargs) -> EntityImportReport:  # type: ignore[no-untyped-def]
        kwargs.setdefault("agency", self.bureau)  # checked against the bureau's registry
        return read_entity_import(upload, size=upload.size or 0, **kwargs)

    def test_good_rows_are_read_with_their_domain_risk_and_person_flag(self) -> None:
        report = self.read(xlsx(row(1), row(2, domain="人类遗传资源", risk="", natural="是")))
        self.assertEqual(report.errors, [])
        self.assertEqual([r.line for r in report.rows], [2, 3])
        second = report.rows[1]
        self.assertEqual(
            (second.domain, second.risk_level, second.is_natural_person),
            ("human_genetic_resources", "medium", True),
        )
        self.assertFalse(Entity.objects.exists())

    def test_each_bad_row_is_reported_with_its_reasons_and_nothing_is_saved(self) -> None:
        make_entities(1, start=1004)  # uscc(1004) is already registered
        report = self.read(
            xlsx(
                row(1),
                row(2, code="91350100M000100Y44"),  # wrong check character
                row(3, code=uscc(1001)),  # same code as line 2
                row(4),  # already in the registry
                row(5, name="", domain="林业"),  # missing name, unknown domain
                row(6, code="91350100MO00100Y43"),  # the letter O
                row(7, code="9135010"),  # too short
                row(8, natural="也许"),
                row(9),
            )
        )
        self.assertEqual([r.line for r in report.rows], [2, 10])
        self.assertEqual(
            report.errors,
            [
                (
                    3,
                    "统一社会信用代码校验位错误：第 18 位应为“3”，实为“4”（GB 32100-2015）：91350100M000100Y44",
                ),
                (4, f"统一社会信用代码 {uscc(1001)} 与第 2 行重复"),
                (5, f"统一社会信用代码 {uscc(1004)} 已在名录库中"),
                (6, "缺少名称"),
                (6, "领域“林业”不正确（可填：实验动物、人类遗传资源、其他）"),
                (
                    7,
                    "统一社会信用代码第 10 位“O”不是有效字符（只能是数字和除 I、O、S、V、Z 以外的大写字母）"
                    "：91350100MO00100Y43",
                ),
                (8, "统一社会信用代码应为 18 位，实为 7 位：9135010"),
                (9, "“自然人”应填 是 或 否，实为“也许”"),
            ],
        )
        self.assertEqual(report.error_lines, 7)
        self.assertEqual(Entity.objects.count(), 1)

    def test_a_missing_code_is_a_missing_field(self) -> None:
        report = self.read(xlsx(row(1, code=None)))
        self.assertEqual(report.errors, [(2, "缺少统一社会信用代码")])

    def test_a_file_that_is_not_xlsx_is_refused_in_chinese(self) -> None:
        report = self.read(SimpleUploadedFile("名录.xlsx", b"not a workbook"))
        self.assertIn("不是有效的 Excel 文件（.xlsx）", report.file_error)

    def test_a_sheet_without_a_header_is_refused(self) -> None:
        self.assertEqual(self.read(xlsx(header=None)).file_error, "工作表为空：第一行应为列名")
        report = self.read(xlsx(row(1), header=["名称", "地址"]))
        self.assertIn("缺少必需的列：统一社会信用代码、法定代表人（负责人）、领域", report.file_error)
        self.assertEqual(report.rows, [])

    def test_progress_is_reported_while_reading(self) -> None:
        calls: list[tuple[str, int, int]] = []
        self.read(xlsx(*(row(n) for n in range(1, 4))), progress=lambda *args: calls.append(args))
        self.assertEqual(calls[-1], ("read", 3, 3))


class ImportRowsTests(InspectionTestCase):
    def test_the_good_rows_are_saved_on_request_as_one_audited_import(self) -> None:
        report = read_entity_import(upload := xlsx(row(1), row(2, code="bad"), row(3)), size=upload.size or 0)
        calls: list[tuple[str, int, int]] = []
        saved = import_entities(
            report.rows, actor=self.reviewer, filename="名录.xlsx", progress=lambda *args: calls.append(args)
        )
        self.assertEqual(saved, 2)
        self.assertEqual(sorted(Entity.objects.values_list("uscc", flat=True)), [uscc(1001), uscc(1003)])
        event = AuditEvent.objects.get(verb="inspection.entity_import")
        self.assertEqual((event.data["count"], event.data["file"]), (2, "名录.xlsx"))
        self.assertEqual(calls, [("save", 2, 2)])

    def test_a_row_registered_meanwhile_saves_nothing(self) -> None:
        rows = [EntityRow(2, uscc(1), "甲", "赵", "天津", "lab_animals", "high", False)]
        rows.append(EntityRow(3, uscc(2), "乙", "钱", "天津", "lab_animals", "high", False))
        make_entities(1, start=2)
        with self.assertRaisesMessage(DomainError, f"第 3 行：统一社会信用代码 {uscc(2)} 已在名录库中"):
            import_entities(rows, actor=self.reviewer)
        self.assertEqual(Entity.objects.count(), 1)

    def test_rows_survive_a_round_trip_through_the_session(self) -> None:
        original = EntityRow(2, uscc(1), "甲", "赵", "天津", "lab_animals", "high", True)
        self.assertEqual(EntityRow.from_json(original.as_json()), original)

    def test_only_registry_keepers_import(self) -> None:
        rows = [EntityRow(2, uscc(1), "甲", "赵", "天津", "lab_animals", "high", False)]
        with self.assertRaises(PermissionDenied):
            import_entities(rows, actor=self.officer)
