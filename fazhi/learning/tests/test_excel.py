"""The .xlsx import of questions (row by row, nothing half-saved) and of the city's results."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook

from fazhi.core.workflow import DomainError
from fazhi.learning import actions, excel
from fazhi.learning.models import Attempt, Employee, Exam, Question
from fazhi.learning.tests.base import LearningTestCase, at


def book(header: list[str], *rows: list[Any]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def question_row(code: str, **cells: Any) -> list[Any]:
    values = {c: "" for c in excel.QUESTION_COLUMNS}
    values.update(
        {
            "题号": code,
            "题型": "单选题",
            "类别": "科技法律法规",
            "题干": "题干",
            "选项A": "甲",
            "选项B": "乙",
            "答案": "A",
        }
    )
    values.update(cells)
    return [values[c] for c in excel.QUESTION_COLUMNS]


class QuestionImportTests(LearningTestCase):
    def read(self, *rows: list[Any]) -> excel.QuestionImport:
        f = book(excel.QUESTION_COLUMNS, *rows)
        return excel.read_questions(f, size=len(f.getvalue()))

    def test_a_good_file_is_saved_whole_with_the_law_version_in_force(self) -> None:
        report = self.read(
            question_row("I1", 法律法规="《中华人民共和国科学技术进步法》"),
            question_row("I2", 题型="判断题", 选项A="", 选项B="", 答案="对"),
        )
        self.assertEqual(report.errors, [])
        self.assertEqual(excel.import_questions(report, actor=self.personnel), 2)
        self.assertEqual(Question.objects.get(code="I1").law_version, self.v2021)

    def test_every_bad_row_is_named_with_its_reason_and_nothing_is_saved(self) -> None:
        report = self.read(
            question_row("I1"),
            question_row("I2", 答案="E"),
            question_row("I3", 题型="问答题"),
            question_row("I1"),
            question_row("QSI000"),
            question_row("I4", 法律法规="不存在的法"),
            question_row("I5", 法律法规="中华人民共和国科学技术进步法", 版本施行日期="2020-01-01"),
        )
        self.assertEqual([line for line, _ in report.errors], [3, 4, 5, 6, 7, 8])
        reasons = " ".join(r for _, r in report.errors)
        for part in (
            "只能是已有的选项",
            "题型应为",
            "与第 2 行重复",
            "已在题库中",
            "没有《不存在的法》",
            "没有 2020-01-01 施行的版本",
        ):
            self.assertIn(part, reasons)
        with self.assertRaisesMessage(DomainError, "未导入任何试题"):
            excel.import_questions(report, actor=self.personnel)
        self.assertFalse(Question.objects.filter(code="I1").exists())

    def test_a_file_that_is_not_xlsx_or_lacks_columns_is_refused(self) -> None:
        junk = io.BytesIO(b"not a workbook")
        self.assertIn("不是有效的 Excel 文件", excel.read_questions(junk, size=14).file_error)
        f = book(["题号", "题干"], ["A", "B"])
        self.assertIn("缺少列：题型、类别、答案", excel.read_questions(f, size=1).file_error)

    def test_the_export_reads_back_as_the_same_rows(self) -> None:
        data = excel.export_questions(Question.objects.all())
        ws = load_workbook(io.BytesIO(data)).active
        rows = list(ws.iter_rows(values_only=True))
        self.assertEqual(len(rows), 1 + 16)
        self.assertEqual(rows[1][0], "QFI000")
        Question.objects.all().delete()
        report = excel.read_questions(io.BytesIO(data), size=len(data))
        self.assertEqual((report.errors, len(report.rows)), ([], 16))


class ResultImportTests(LearningTestCase):
    def test_results_are_matched_by_name_and_unit_and_the_unmatched_are_listed(self) -> None:
        exam = self.exam(
            source=Exam.Source.CITY, blueprint=[], opens_at=at(2026, 5, 1), closes_at=at(2026, 5, 31)
        )
        Employee.objects.create(agency=self.bureau, full_name="王五", unit="市科技局办公室")
        f = book(
            excel.RESULT_COLUMNS,
            ["张起草", "市科技局基础研究处", 96, "是"],
            ["王五", "市科技局办公室", 88.5, "合格"],
            ["李四", "某单位", 90, "是"],
        )
        rows, errors, file_error = excel.read_results(f, size=1)
        self.assertEqual((errors, file_error), ([], ""))
        report = actions.import_results(exam, rows, actor=self.personnel)
        self.assertEqual(report.imported, 2)
        self.assertEqual([(r.row, r.name) for r in report.unmatched], [(4, "李四")])
        self.assertEqual(Attempt.objects.get(employee=self.me).score, Decimal("96.0"))
        again = actions.import_results(exam, rows, actor=self.personnel)
        self.assertEqual((again.imported, again.already), (0, 2))

    def test_malformed_result_rows_are_named(self) -> None:
        f = book(
            excel.RESULT_COLUMNS,
            ["张起草", "", 96, "是"],
            ["王五", "办公室", "九十", "是"],
            ["赵六", "办公室", 60, "也许"],
        )
        rows, errors, _ = excel.read_results(f, size=1)
        self.assertEqual(rows, [])
        self.assertEqual([line for line, _ in errors], [2, 3, 4])
