from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from fazhi.core.attachments import AttachmentRejected, attach_file
from fazhi.core.models import Attachment, AuditEvent, CalendarYear
from fazhi.core.testing import BaseTestCase

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "国务院办公厅通知.pdf", body: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


class AttachFileTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.year, _created = CalendarYear.objects.get_or_create(year=2026, defaults={"source": "国办发明电"})

    def test_upload_records_sha256_in_the_audit_event(self) -> None:
        attachment = attach_file(self.year, pdf(), actor=self.city_admin, purpose="节假日安排通知")
        digest = hashlib.sha256(PDF).hexdigest()
        self.assertEqual(attachment.sha256, digest)
        event = AuditEvent.objects.filter(verb="attachment.upload").get()
        self.assertEqual(event.data["sha256"], digest)
        self.assertEqual(event.data["size"], len(PDF))
        with attachment.file.open("rb") as fh:
            self.assertEqual(fh.read(), PDF)

    def test_a_type_outside_the_allow_list_is_refused_in_chinese(self) -> None:
        with self.assertRaisesMessage(AttachmentRejected, "不接受 .exe 类型的文件"):
            attach_file(self.year, SimpleUploadedFile("setup.exe", b"MZ\x90\x00"), actor=self.city_admin)
        self.assertFalse(Attachment.objects.exists())

    def test_content_that_does_not_match_the_extension_is_refused(self) -> None:
        with self.assertRaisesMessage(AttachmentRejected, "文件内容与扩展名 .pdf 不符"):
            attach_file(self.year, pdf(body=b"<html>not a pdf</html>"), actor=self.city_admin)

    @override_settings(FAZHI_MAX_UPLOAD_BYTES=16)
    def test_an_oversized_file_is_refused_with_the_limit(self) -> None:
        with self.assertRaisesMessage(AttachmentRejected, "超过上限"):
            attach_file(self.year, pdf(), actor=self.city_admin)
        self.assertFalse(AuditEvent.objects.filter(verb="attachment.upload").exists())

    def test_someone_who_may_not_attach_is_refused(self) -> None:
        with self.assertRaises(PermissionDenied):
            attach_file(self.year, pdf(), actor=self.drafter)

    def test_same_bytes_twice_are_stored_once(self) -> None:
        a = attach_file(self.year, pdf(), actor=self.city_admin)
        b = attach_file(self.year, pdf("副本.pdf"), actor=self.city_admin)
        self.assertEqual(a.file.name, b.file.name)


class AttachmentViewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.year, _created = CalendarYear.objects.get_or_create(year=2026, defaults={"source": "国办发明电"})

    def test_staff_download_the_file_with_its_hash(self) -> None:
        attachment = attach_file(self.year, pdf(), actor=self.city_admin)
        self.login(self.drafter)
        response = self.client.get(f"/work/attachments/{attachment.pk}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PDF)
        self.assertEqual(response["X-Content-SHA256"], attachment.sha256)

    def test_anonymous_is_sent_to_login(self) -> None:
        attachment = attach_file(self.year, pdf(), actor=self.city_admin)
        response = self.client.get(f"/work/attachments/{attachment.pk}/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_missing_attachment_is_404(self) -> None:
        self.login(self.city_admin)
        self.assertEqual(self.client.get("/work/attachments/999999/").status_code, 404)

    def test_upload_form_stores_the_file_and_reports_its_hash(self) -> None:
        self.login(self.city_admin)
        response = self.client.post(
            "/work/attachments/upload/core.calendaryear/2026/", {"file": pdf(), "next": "/work/"}, follow=True
        )
        self.assertContains(response, "已上传")
        self.assertEqual(Attachment.objects.count(), 1)

    def test_a_bad_file_through_the_form_shows_the_reason_and_saves_nothing(self) -> None:
        self.login(self.city_admin)
        response = self.client.post(
            "/work/attachments/upload/core.calendaryear/2026/",
            {"file": SimpleUploadedFile("a.exe", b"MZ"), "next": "/work/"},
            follow=True,
        )
        self.assertContains(response, "不接受 .exe 类型的文件")
        self.assertFalse(Attachment.objects.exists())

    def test_a_return_address_off_this_site_goes_back_to_the_dashboard(self) -> None:
        self.login(self.city_admin)
        for back in ("-1", "core:dashboard", "https://example.com/", "//example.com/", ""):
            with self.subTest(next=back):
                response = self.client.post(
                    "/work/attachments/upload/core.calendaryear/2026/",
                    {"file": SimpleUploadedFile("a.exe", b"MZ"), "next": back},
                )
                self.assertRedirects(response, "/work/", fetch_redirect_response=False)

    def test_upload_by_someone_without_the_right_is_404(self) -> None:
        self.login(self.drafter)
        response = self.client.post("/work/attachments/upload/core.calendaryear/2026/", {"file": pdf()})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Attachment.objects.exists())

    def test_upload_to_an_unregistered_model_is_404(self) -> None:
        self.login(self.city_admin)
        response = self.client.post(f"/work/attachments/upload/core.user/{self.drafter.pk}/", {"file": pdf()})
        self.assertEqual(response.status_code, 404)


class CalendarYearAttachmentPageTests(BaseTestCase):
    def test_the_year_page_lists_the_notice_and_offers_upload_to_administrators(self) -> None:
        year, _created = CalendarYear.objects.get_or_create(year=2026, defaults={"source": "国办发明电"})
        attach_file(year, pdf(), actor=self.city_admin, purpose="节假日安排通知")
        self.login(self.city_admin)
        response = self.client.get("/work/calendar/2026/")
        self.assertContains(response, "国务院办公厅通知.pdf")
        self.assertContains(response, 'action="/work/attachments/upload/core.calendaryear/2026/"')
        self.login(self.drafter)
        response = self.client.get("/work/calendar/2026/")
        self.assertContains(response, "国务院办公厅通知.pdf")
        self.assertNotContains(response, "/work/attachments/upload/")
