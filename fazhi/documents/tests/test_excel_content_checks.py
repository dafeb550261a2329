"""The register import checks an uploaded workbook's content (core.content_checks) before it
reads a row: a zip bomb is refused before it is expanded."""

from __future__ import annotations

import io

from django.test import SimpleTestCase

from fazhi.core.tests.test_content_checks import BOMB, xlsx_bytes
from fazhi.documents.excel import read_import


class ExcelContentCheckTests(SimpleTestCase):
    def test_a_zip_bomb_is_refused_by_the_excel_import_before_it_is_expanded(self) -> None:
        data = xlsx_bytes(BOMB)
        report = read_import(io.BytesIO(data), size=len(data))
        self.assertIn("疑似压缩炸弹", report.file_error)
        self.assertEqual(report.rows, [])
