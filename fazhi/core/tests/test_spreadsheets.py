"""The shared .xlsx/.csv writer neutralises text a spreadsheet would run as a formula."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

from django.test import SimpleTestCase
from openpyxl import load_workbook

from fazhi.core.spreadsheets import FORMULA_STARTS, CsvRowWriter, csv_cell, workbook

FAZHI_DIR = Path(__file__).resolve().parents[2]
DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://evil.example/")']


def saved(write_only: bool) -> bytes:
    wb = workbook(write_only=write_only)
    ws = wb.create_sheet("表") if write_only else wb.active
    ws.append(["标题", 1, datetime.date(2026, 3, 2), None, *DANGEROUS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class WorkbookTests(SimpleTestCase):
    def test_formula_like_text_is_a_quoted_text_cell_in_both_workbook_modes(self) -> None:
        for write_only in (False, True):
            with self.subTest(write_only=write_only):
                content = saved(write_only)
                with zipfile.ZipFile(io.BytesIO(content)) as package:
                    sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
                    self.assertNotIn(b"<f>", b"".join(package.read(n) for n in sheets))
                row = next(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows())
                self.assertEqual(row[0].value, "标题")
                self.assertFalse(row[0].quotePrefix)
                self.assertEqual(row[1].value, 1)
                for cell, text in zip(row[4:], DANGEROUS, strict=True):
                    self.assertEqual((cell.value, cell.data_type, cell.quotePrefix), (text, "s", True))


class CsvTests(SimpleTestCase):
    def test_formula_like_text_gets_an_apostrophe_and_the_rest_is_unchanged(self) -> None:
        for text in DANGEROUS:
            self.assertEqual(csv_cell(text), "'" + text)
        self.assertEqual(set(FORMULA_STARTS), {"=", "+", "-", "@", "\t", "\r"})
        self.assertEqual(csv_cell("津科规〔2026〕1号"), "津科规〔2026〕1号")
        self.assertEqual(csv_cell(datetime.date(2026, 3, 2)), "2026-03-02")
        self.assertEqual(csv_cell(None), "")
        self.assertEqual(CsvRowWriter().row(["=1", "a,b"]), '\'=1,"a,b"\r\n')


class OneWriterTests(SimpleTestCase):
    def test_no_module_of_fazhi_builds_its_own_workbook_or_csv_writer(self) -> None:
        pattern = re.compile(r"\bWorkbook\(|csv\.(writer|DictWriter)\(")
        offenders = [
            str(path.relative_to(FAZHI_DIR))
            for path in FAZHI_DIR.rglob("*.py")
            if "tests" not in path.parts
            and "browser_tests" not in path.parts
            and path.name != "spreadsheets.py"
            and pattern.search(path.read_text(encoding="utf-8"))
        ]
        self.assertEqual(offenders, [], "use fazhi.core.spreadsheets.workbook() / CsvRowWriter")
