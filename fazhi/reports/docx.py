"""The annual report as a .docx in the official layout (GB/T 9704-2012, fazhi.core.official_docx):
the title in 小标宋 二号, parts 一、 in 黑体, sections （一） in 楷体, the narrative in 仿宋 三号,
page numbers "— 1 —", the agency's signature and the date of approval."""

from __future__ import annotations

import io

from fazhi.core.official_docx import S_BODY, S_HEADINGS, S_PLAIN, S_TITLE, new_document, sign
from fazhi.reports import render
from fazhi.reports.models import AnnualReport


def report_filename(report: AnnualReport) -> str:
    return f"{report.title}.docx"


def build_report_docx(report: AnnualReport) -> bytes:
    said = render.said_figures(report)
    doc = new_document()
    doc.core_properties.title = report.title
    doc.core_properties.author = report.signature
    doc.core_properties.last_modified_by = report.signature
    doc.core_properties.language = "zh-CN"
    doc.add_paragraph(report.title, style=S_TITLE)
    doc.add_paragraph("", style=S_PLAIN)
    for line in render.plain_text(report.preamble, said).splitlines():
        if line.strip():
            doc.add_paragraph(line.strip(), style=S_BODY)
    for part in render.outline(report, said):
        doc.add_paragraph(f"{part.number}{part.label}", style=S_HEADINGS[0])
        for item in part.sections:
            if item["show_heading"]:
                doc.add_paragraph(f"{item['number']}{item['section'].heading}", style=S_HEADINGS[1])
            for line in item["plain"].splitlines():
                if line.strip():
                    doc.add_paragraph(line.strip(), style=S_BODY)
    day = report.approved_on or report.created_at.date()
    sign(doc, report.signature, day)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
