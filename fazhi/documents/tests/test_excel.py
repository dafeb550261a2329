from __future__ import annotations

import datetime
import io
import zipfile

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.core.models import AuditEvent
from fazhi.documents.excel import read_import
from fazhi.documents.models import Filing, NormativeDocument
from fazhi.documents.stats import filing_stats
from fazhi.documents.tests.factories import published
from fazhi.documents.tests.test_actions import DocumentTestCase
from fazhi.documents.validity import Validity, status_on

HEADER = [
    "文号",
    "文件名称",
    "公布日期",
    "施行日期",
    "有效期届满日",
    "状态",
    "状态日期",
    "备案报送日期",
    "备案结果",
]
GOOD = [
    "津科规〔2021〕1号",
    "天津市科技计划项目管理办法",
    "2021-03-01",
    "2021-04-01",
    "2026-04-01",
    "现行有效",
    None,
    "2021-03-15",
    "予以备案",
]
REPEALED = [
    "津科规〔2016〕2号",
    "天津市科技项目验收暂行办法",
    datetime.date(2016, 5, 3),
    "2016年5月3日",
    None,
    "废止",
    "2019-01-10",
    "2016-05-20",
    "予以备案",
]


def xlsx(*rows: list, header: list[str] = HEADER) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("历史文件.xlsx", out.getvalue())


class ReadImportTests(DocumentTestCase):
    def read(self, upload: SimpleUploadedFile):  # type: ignore[no-untyped-def]
        return read_import(upload, size=upload.size)

    def test_good_rows_parse_with_both_date_styles(self) -> None:
        report = self.read(xlsx(GOOD, REPEALED))
        self.assertEqual(report.errors, [])
        self.assertEqual([r.number for r in report.rows], ["津科规〔2021〕1号", "津科规〔2016〕2号"])
        self.assertEqual(report.rows[1].effective_on, datetime.date(2016, 5, 3))

    def test_each_bad_row_gets_its_reasons(self) -> None:
        report = self.read(
            xlsx(
                GOOD,
                ["津科规2021-2", "", "2021-13-01", "2021-01-01", None, "作废", None, None, None],
                GOOD,
                [
                    "津科规〔2021〕5号",
                    "施行早于公布",
                    "2021-05-01",
                    "2021-04-01",
                    None,
                    "废止",
                    None,
                    None,
                    None,
                ],
            )
        )
        reasons = dict.fromkeys(line for line, _r in report.errors)
        self.assertEqual(list(reasons), [3, 4, 5])
        text = " ".join(r for _l, r in report.errors)
        for expected in [
            "文号格式不正确",
            "缺少文件名称",
            "“公布日期”不是有效日期",
            "状态“作废”不正确",
            "与第 2 行重复",
            "施行日期早于公布日期",
            "应当填写状态日期",
        ]:
            self.assertIn(expected, text)
        self.assertEqual(len(report.rows), 1)

    def test_a_file_that_is_not_xlsx_is_refused_in_chinese(self) -> None:
        report = self.read(SimpleUploadedFile("a.xlsx", b"this is not a spreadsheet"))
        self.assertIn("不是有效的 Excel 文件", report.file_error)

    def test_missing_required_columns_are_named(self) -> None:
        report = self.read(xlsx(["x"], header=["文号"]))
        self.assertIn("缺少必需的列：文件名称、公布日期、施行日期", report.file_error)

    def test_a_number_already_in_the_system_is_an_error(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        row = [document.number, "重复", "2026-05-21", "2026-05-21", None, None, None, None, None]
        report = self.read(xlsx(row))
        self.assertIn("已在系统中", report.errors[0][1])


class ImportPageTests(DocumentTestCase):
    def test_a_clean_file_is_checked_then_imported_with_validity_and_filing(self) -> None:
        self.login(self.reviewer)
        response = self.client.post("/work/documents/import/", {"file": xlsx(GOOD, REPEALED)})
        self.assertContains(response, "确认导入 2 行")
        self.assertFalse(NormativeDocument.objects.exists())
        response = self.client.post("/work/documents/import/", {"confirm": "1"})
        self.assertRedirects(response, "/work/documents/", fetch_redirect_response=False)
        self.assertEqual([str(m) for m in get_messages(response.wsgi_request)], ["已导入 2 件历史文件"])
        repealed = NormativeDocument.objects.get(number="津科规〔2016〕2号")
        self.assertTrue(repealed.is_legacy)
        self.assertEqual(status_on(repealed, datetime.date(2019, 1, 9)), Validity.IN_FORCE)
        self.assertEqual(status_on(repealed, datetime.date(2019, 1, 10)), Validity.REPEALED)
        filing = Filing.objects.get(document__number="津科规〔2021〕1号")
        self.assertEqual(filing.status, Filing.Status.FILED)
        self.assertEqual(filing.due_on, datetime.date(2021, 3, 31))
        self.assertTrue(filing.on_time)
        self.assertEqual(filing_stats(2021).filing_rate, 1)
        self.assertEqual(AuditEvent.objects.filter(verb="document.import").count(), 2)

    def test_a_file_with_errors_saves_nothing_until_the_good_rows_are_chosen(self) -> None:
        self.login(self.reviewer)
        bad = ["", "没有文号", "2021-03-01", "2021-03-01", None, None, None, None, None]
        response = self.client.post("/work/documents/import/", {"file": xlsx(GOOD, bad)})
        self.assertContains(response, "缺少文号")
        self.assertContains(response, "仅导入无误的 1 行")
        self.assertFalse(NormativeDocument.objects.exists())
        self.client.post("/work/documents/import/", {"confirm": "1"})
        self.assertEqual(
            list(NormativeDocument.objects.values_list("number", flat=True)), ["津科规〔2021〕1号"]
        )

    def test_cancel_discards_the_checked_rows(self) -> None:
        self.login(self.reviewer)
        self.client.post("/work/documents/import/", {"file": xlsx(GOOD)})
        self.client.post("/work/documents/import/", {"cancel": "1"})
        self.client.post("/work/documents/import/", {"confirm": "1"})
        self.assertFalse(NormativeDocument.objects.exists())

    def test_a_bad_file_shows_the_reason_next_to_the_field(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            "/work/documents/import/", {"file": SimpleUploadedFile("a.xlsx", b"PK\x03\x04broken")}
        )
        self.assertContains(response, "不是有效的 Excel 文件")

    def test_a_drafter_may_not_import(self) -> None:
        self.login(self.drafter)
        self.assertEqual(self.client.get("/work/documents/import/").status_code, 404)


class RegisterExportTests(DocumentTestCase):
    def test_the_register_lists_issued_documents_with_their_status(self) -> None:
        published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        self.login(self.reviewer)
        response = self.client.get("/work/documents/register.xlsx")
        self.assertEqual(response.status_code, 200)
        ws = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(ws["B1"].value, "文号")
        self.assertEqual(ws["B2"].value, "津科规〔2026〕1号")
        self.assertEqual(ws["J2"].value, "现行有效")
        self.assertEqual(ws["M2"].value, "未报送")


class RegisterFormulaInjectionTests(DocumentTestCase):
    def test_a_title_that_looks_like_a_formula_comes_out_as_text(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        title = '=HYPERLINK("http://evil.example/","点击查看")'
        NormativeDocument.objects.filter(pk=document.pk).update(title=title)
        self.login(self.reviewer)
        response = self.client.get("/work/documents/register.xlsx")
        with zipfile.ZipFile(io.BytesIO(response.content)) as package:
            self.assertNotIn(b"<f>", package.read("xl/worksheets/sheet1.xml"))
        cell = load_workbook(io.BytesIO(response.content)).active["C2"]
        self.assertEqual((cell.value, cell.data_type, cell.quotePrefix), (title, "s", True))
