"""The report's .docx, re-opened: the GB/T 9704 page and fonts, the parts in the report's order,
the figures filled in; and the review letter, which shares the layout, unchanged."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.core.testing import BaseTestCase
from fazhi.reports.docx import build_report_docx
from fazhi.reports.tests.factories import D, approved, at, drafted, issue_document


def east_asia(style: object) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))  # type: ignore[attr-defined]


class ReportDocxTests(BaseTestCase):
    def setUp(self) -> None:
        issue_document(self, D(2021, 3, 1))
        with at("2022-02-20"):
            self.report = approved(self, drafted(self))
        self.doc = Document(io.BytesIO(build_report_docx(self.report)))

    def test_the_page_is_a4_with_the_official_margins_and_22_lines(self) -> None:
        section = self.doc.sections[0]
        mm = [
            round(x.mm)
            for x in (section.page_width, section.page_height, section.top_margin, section.left_margin)
        ]
        self.assertEqual(mm, [210, 297, 37, 28])
        grid = section._sectPr.find(qn("w:docGrid"))
        self.assertEqual(grid.get(qn("w:linePitch")), str(round(28.95 * 20)))

    def test_title_body_and_heading_fonts(self) -> None:
        styles = self.doc.styles
        self.assertEqual(
            (east_asia(styles["Fazhi Title"]), styles["Fazhi Title"].font.size), ("方正小标宋简体", Pt(22))
        )
        self.assertEqual((east_asia(styles["Normal"]), styles["Normal"].font.size), ("仿宋_GB2312", Pt(16)))
        self.assertEqual(east_asia(styles["Fazhi Heading 1"]), "黑体")
        self.assertEqual(east_asia(styles["Fazhi Heading 2"]), "楷体_GB2312")

    def test_the_text_in_the_reports_order_with_its_figures_page_numbers_and_signature(self) -> None:
        paragraphs = [(p.style.name, p.text) for p in self.doc.paragraphs]
        self.assertEqual(paragraphs[0], ("Fazhi Title", "市科技局2021年法治政府建设情况报告"))
        headings = [t for s, t in paragraphs if s == "Fazhi Heading 1"]
        self.assertEqual(headings[0], "一、主要举措和成效")
        self.assertTrue(headings[1].startswith("二、党政主要负责人"))
        self.assertIn("全年出台行政规范性文件1件", "".join(t for _s, t in paragraphs))
        self.assertEqual(paragraphs[-2][1], "天津市科学技术局")
        self.assertEqual(paragraphs[-1][1], "2022年2月18日")
        footer = self.doc.sections[0].footer.paragraphs[0]
        self.assertIn("PAGE", footer._p.xml)
        self.assertTrue(footer.text.startswith("— ") and footer.text.endswith(" —"))
