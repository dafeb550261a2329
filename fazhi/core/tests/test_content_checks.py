"""Uploads are checked by what they hold, beyond their first bytes (issue 15): a PDF with
script or an embedded executable, and a zip bomb, a program or macros inside an .xlsx/.docx."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from fazhi.core.attachments import AttachmentRejected, attach_file
from fazhi.core.content_checks import archive_problem, pdf_problem
from fazhi.core.models import Attachment, CalendarYear
from fazhi.core.testing import BaseTestCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pdf_bytes(*, script: str = "", attachment: tuple[str, bytes] | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if script:
        writer.add_open_action(JavaScript(script))
    if attachment:
        writer.add_attachment(*attachment)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def xlsx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    """A real workbook, with `extra` members added to its zip."""
    out = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["文号", "文件名称"])
    workbook.save(out)
    if extra:
        with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in extra.items():
                archive.writestr(name, data)
    return out.getvalue()


# 8 MB of zeros deflate to about 8 KB: a member that expands about a thousand times.
BOMB = {"xl/media/image1.xml": b"\0" * (8 * 1024 * 1024)}


class ContentCheckTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.year, _created = CalendarYear.objects.get_or_create(year=2026, defaults={"source": "国办发明电"})

    def attach(self, name: str, data: bytes) -> Attachment:
        return attach_file(self.year, SimpleUploadedFile(name, data), actor=self.city_admin)

    def test_ordinary_pdf_and_office_files_are_accepted(self) -> None:
        self.attach("通知.pdf", pdf_bytes())
        self.attach("登记簿.xlsx", xlsx_bytes())
        self.assertEqual(Attachment.objects.count(), 2)

    def test_a_pdf_with_javascript_or_an_embedded_executable_is_refused(self) -> None:
        for name, data in (
            ("脚本.pdf", pdf_bytes(script="app.alert('x');")),
            ("附件.pdf", pdf_bytes(attachment=("setup.exe", b"MZ\x90\x00" + b"\0" * 64))),
            ("转义.pdf", b"%PDF-1.4\n1 0 obj <</S /Java#53cript /JS (app.alert(1))>> endobj\n%%EOF\n"),
            ("启动.pdf", b"%PDF-1.4\n1 0 obj <</Type /Action /S /Launch /F (cmd.exe)>> endobj\n%%EOF\n"),
        ):
            with (
                self.subTest(name=name),
                self.assertRaisesMessage(AttachmentRejected, "PDF 文件含有可执行内容"),
            ):
                self.attach(name, data)
        self.assertFalse(Attachment.objects.exists())

    def test_a_zip_bomb_a_program_or_macros_inside_an_office_file_are_refused(self) -> None:
        for name, extra, words in (
            ("炸弹.xlsx", BOMB, "压缩比异常"),
            ("程序.xlsx", {"xl/embeddings/setup.exe": b"MZ"}, "可执行文件"),
            ("宏.xlsx", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}, "含有宏"),
            ("套娃.docx", {"word/media/inner.zip": b"PK\x03\x04"}, "内嵌压缩包"),
        ):
            with self.subTest(name=name), self.assertRaisesMessage(AttachmentRejected, words):
                self.attach(name, xlsx_bytes(extra))
        self.assertFalse(Attachment.objects.exists())

    def test_the_checks_say_none_for_what_they_cannot_judge_and_leave_the_stream_at_its_start(self) -> None:
        stream = io.BytesIO(b"not a zip")
        self.assertIsNone(archive_problem(stream, suffix=".xlsx", format_errors=False))
        self.assertEqual(archive_problem(stream, suffix=".xlsx"), "文件不是有效的压缩包格式，可能已损坏")
        self.assertEqual(stream.tell(), 0)
        stream = io.BytesIO(pdf_bytes())
        self.assertIsNone(pdf_problem(stream))
        self.assertEqual(stream.tell(), 0)
