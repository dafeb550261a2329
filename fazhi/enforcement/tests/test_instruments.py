"""The enforcement instruments (执法文书): generated as .docx in the official layout, re-opened
with python-docx and their fields checked; the gates (no document before its step); the
attachment to the full-process record with its SHA-256 and the audit event; who may generate."""

from __future__ import annotations

import hashlib
import io

from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import LegalGateClosed
from fazhi.enforcement import actions, instruments
from fazhi.enforcement.instrument_docx import DECISION, HEARING, NOTICE, RECEIPT
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.enforcement.tests.base import D, EnforcementTestCase, on
from fazhi.reviews.tests.test_letter import east_asian_font


def opened(content: bytes) -> Document:
    return Document(io.BytesIO(content))


def text_of(doc: Document) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


class InstrumentTestCase(EnforcementTestCase):
    def with_hearing(self) -> EnforcementCase:
        """Told on 28 September with the hearing right; the hearing asked for and set for 13 October."""
        case = self.investigated()
        with on("2026-09-28"):
            actions.notify(case, actor=self.officer, proposed_decision="拟罚款五万元", hearing_right=True)
            actions.request_hearing(case, actor=self.officer)
            actions.schedule_hearing(case, actor=self.officer, hearing_on=D(2026, 10, 13))
        return case

    def decided(self) -> EnforcementCase:
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        with on("2026-09-30"):
            actions.decide(
                case, actor=self.director, outcome="penalty", decision_text="罚款一万元", fine_amount="10000"
            )
        return case

    def generate(self, case: EnforcementCase, kind: str) -> Document:
        attachment = instruments.generate(case, actor=self.officer, kind=kind)
        with attachment.file.open("rb") as handle:
            return opened(handle.read())


class LayoutTests(InstrumentTestCase):
    def test_every_instrument_is_a4_with_the_margins_and_fonts_of_the_official_layout(self) -> None:
        case = self.with_hearing()
        docs = {NOTICE: self.generate(case, NOTICE), HEARING: self.generate(case, HEARING)}
        decided = self.decided()
        docs[DECISION] = self.generate(decided, DECISION)
        docs[RECEIPT] = self.generate(decided, RECEIPT)
        for kind, doc in docs.items():
            with self.subTest(kind):
                section = doc.sections[0]
                for value, mm in (
                    (section.page_width, 210),
                    (section.page_height, 297),
                    (section.top_margin, 37),
                    (section.bottom_margin, 35),
                    (section.left_margin, 28),
                    (section.right_margin, 26),
                ):
                    self.assertAlmostEqual(value.mm, mm, delta=0.1)
                agency, title = doc.paragraphs[0], doc.paragraphs[1]
                self.assertEqual(agency.text, "天津市科学技术局")
                self.assertEqual(
                    title.text, instruments.title_of(decided if kind in (DECISION, RECEIPT) else case, kind)
                )
                self.assertEqual(title.style.font.size, Pt(22))
                self.assertEqual(east_asian_font(title.style.element), "方正小标宋简体")
                self.assertEqual(title.style.paragraph_format.alignment, WD_ALIGN_PARAGRAPH.CENTER)
                cells = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
                texts = [p for p in doc.paragraphs[2:] + cells if p.text]
                self.assertTrue(texts)
                self.assertEqual({p.style.name for p in texts} - {"Normal", "Fazhi Plain"}, set())
                body = texts[-1]
                self.assertEqual(body.style.font.size, Pt(16))
                self.assertEqual(east_asian_font(body.style.element), "仿宋_GB2312")
                grid = section._sectPr.find(qn("w:docGrid"))
                self.assertEqual(grid.get(qn("w:linePitch")), "579")


class ContentTests(InstrumentTestCase):
    def test_the_notice_states_the_facts_the_intended_penalty_and_the_rights_with_the_hearing_period(
        self,
    ) -> None:
        case = self.with_hearing()
        text = text_of(self.generate(case, NOTICE))
        self.assertIn("天津某生物科技有限公司：", text)  # the officer's copy: nothing masked
        self.assertIn("91120116MA05XXXX1M", text)
        self.assertIn("双随机抽查发现该公司未取得许可证即开展动物实验。", text)
        self.assertIn("拟罚款五万元", text)
        self.assertIn("第四十四条、第四十五条", text)
        self.assertIn("陈述、申辩的权利", text)
        # The hearing period from the rule book: 5 working days from 28 September, across the
        # National Day holiday.
        self.assertIn("第六十四条", text)
        self.assertIn("5个工作日", text)
        self.assertIn(f"即最迟于{case.hearing_request_due_on.year}年", text)  # type: ignore[union-attr]
        self.assertIn("2026年9月28日", text)  # the date of the notice, signed
        self.assertIn("执法人员1（执法证号120200001）", text)

    def test_a_notice_without_the_hearing_right_does_not_offer_a_hearing(self) -> None:
        text = text_of(self.generate(self.notified(), NOTICE))
        self.assertIn("陈述、申辩", text)
        self.assertNotIn("要求听证", text)
        self.assertIn("2026年9月22日", text)

    def test_the_hearing_notice_gives_the_day_and_the_notice_period(self) -> None:
        case = self.with_hearing()
        text = text_of(self.generate(case, HEARING))
        self.assertIn("2026年10月13日", text)
        self.assertIn("2026年9月28日", text)  # asked for and notified that day
        self.assertIn("7个工作日", text)
        self.assertIn("听证地点", text)

    def test_the_decision_carries_its_number_the_decision_and_the_remedies(self) -> None:
        case = self.decided()
        doc = self.generate(case, DECISION)
        text = text_of(doc)
        self.assertTrue(case.decision_number.startswith("津科罚"))
        number = next(p for p in doc.paragraphs if p.text == case.decision_number)
        self.assertEqual(number.paragraph_format.alignment, WD_ALIGN_PARAGRAPH.CENTER)
        self.assertIn("罚款一万元。", text)
        self.assertIn("人民币10000.00元", text)
        self.assertIn("明确放弃陈述、申辩和听证的权利", text)
        self.assertIn("六十日内向天津市人民政府申请行政复议", text)
        self.assertIn("六个月内依法向人民法院提起行政诉讼", text)
        self.assertIn("2026年9月30日", text)
        self.assertNotIn("2026-09-30", text)

    def test_a_no_penalty_decision_is_titled_so(self) -> None:
        case = self.notified(category=EnforcementCase.Category.PENALTY)
        actions.record_statement(case, actor=self.officer, waived=True)
        actions.decide(case, actor=self.director, outcome="no_penalty", decision_text="不予行政处罚")
        doc = self.generate(case, DECISION)
        self.assertEqual(doc.paragraphs[1].text, "不予行政处罚决定书")

    def test_the_service_receipt_names_the_decision_and_once_served_the_day_and_method(self) -> None:
        case = self.decided()
        text = text_of(self.generate(case, RECEIPT))
        self.assertIn(f"行政处罚决定书（{case.decision_number}）", text)
        self.assertIn("受送达人签名或者盖章", text)
        self.assertIn("年　　月　　日", text)
        with on("2026-10-09"):
            actions.serve(case, actor=self.officer, served_on=D(2026, 10, 9), method="直接送达")
            text = text_of(self.generate(case, RECEIPT))
        self.assertIn("2026年10月9日", text)
        self.assertIn("直接送达", text)


class RecordTests(InstrumentTestCase):
    def test_the_document_joins_the_full_process_record_with_its_sha256_and_an_audit_event(self) -> None:
        case = self.decided()
        attachment = instruments.generate(case, actor=self.officer, kind=DECISION)
        record = CaseRecord.objects.get(pk=attachment.object_id)
        self.assertEqual((record.case, record.step, record.title), (case, "decision", "行政处罚决定书"))
        with attachment.file.open("rb") as handle:
            content = handle.read()
        self.assertEqual(attachment.sha256, hashlib.sha256(content).hexdigest())
        self.assertEqual(attachment.original_name, f"行政处罚决定书-{case.code}.docx")
        event = AuditEvent.objects.filter(verb="enforcement.instrument").get()
        self.assertEqual(event.data["sha256"], attachment.sha256)
        self.assertEqual(event.data["decision_number"], case.decision_number)
        upload = AuditEvent.objects.filter(verb="attachment.upload").get()
        self.assertEqual(upload.data["sha256"], attachment.sha256)
        # The decision's record now exists: closing no longer misses it.
        self.assertEqual(instruments.generated(case)[DECISION], attachment)


class GateTests(InstrumentTestCase):
    def test_no_document_before_its_step(self) -> None:
        case = self.investigated()
        for kind, rule in (
            (NOTICE, "第四十四条"),
            (HEARING, "第六十四条"),
            (DECISION, "作出决定后"),
            (RECEIPT, "作出决定后"),
        ):
            with self.subTest(kind), self.assertRaisesMessage(LegalGateClosed, rule):
                instruments.generate(case, actor=self.officer, kind=kind)
        case = self.notified(hearing_right=True)
        self.assertEqual([i.kind for i in instruments.available(case)], [NOTICE])
        self.assertFalse(CaseRecord.objects.filter(title__endswith="书").exists())

    def test_a_closed_case_takes_no_new_document(self) -> None:
        case = self.investigated()
        actions.transfer(case, actor=self.officer, transferred_to="天津市公安局", reason="涉嫌犯罪")
        with self.assertRaisesMessage(LegalGateClosed, "不再增加"):
            instruments.generate(case, actor=self.officer, kind=NOTICE)


class PageTests(InstrumentTestCase):
    def url(self, case: EnforcementCase, kind: str, download: bool = False) -> str:
        name = "enforcement:instrument_download" if download else "enforcement:instrument"
        return reverse(name, args=[case.pk, kind])

    def test_the_officer_generates_from_the_case_page_and_downloads_it(self) -> None:
        case = self.decided()
        self.login(self.officer)
        page = self.client.get(reverse("enforcement:detail", args=[case.pk])).content.decode()
        self.assertIn(self.url(case, DECISION), page)
        self.assertIn(self.url(case, RECEIPT), page)
        self.assertNotIn(self.url(case, HEARING), page)
        response = self.client.post(self.url(case, DECISION))
        self.assertRedirects(response, reverse("enforcement:detail", args=[case.pk]) + "#instruments")
        download = self.client.get(self.url(case, DECISION, download=True))
        self.assertEqual(download.status_code, 200)
        content = b"".join(download.streaming_content)  # type: ignore[attr-defined]
        self.assertEqual(download["X-Content-SHA256"], hashlib.sha256(content).hexdigest())
        self.assertIn(case.decision_number, text_of(opened(content)))
        # Visible to the legal affairs division (who sees every case), generated only by officers.
        self.login(self.reviewer)
        self.assertEqual(self.client.get(self.url(case, DECISION, download=True)).status_code, 200)
        self.assertEqual(self.client.post(self.url(case, RECEIPT)).status_code, 404)

    def test_the_english_page_names_the_instruments_in_english(self) -> None:
        case = self.decided()
        instruments.generate(case, actor=self.officer, kind=DECISION)
        self.login(self.officer)
        page = self.client.get(reverse("enforcement:detail", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "Enforcement instruments")
        self.assertContains(page, "Generate the service receipt")
        self.assertContains(page, "Generate again")

    def test_a_refused_document_goes_back_to_the_case_page_with_the_rule(self) -> None:
        case = self.notified()
        self.login(self.officer)
        response = self.client.post(self.url(case, DECISION), follow=True)
        self.assertContains(response, "作出决定后方可生成决定书")
        self.assertFalse(CaseRecord.objects.filter(step="decision").exists())

    def test_an_officer_of_another_case_or_division_gets_404(self) -> None:
        case = self.decided()
        instruments.generate(case, actor=self.officer, kind=DECISION)
        self.login(self.other_officer())
        self.assertEqual(self.client.post(self.url(case, DECISION)).status_code, 404)
        self.assertEqual(self.client.get(self.url(case, DECISION, download=True)).status_code, 404)
        self.assertEqual(CaseRecord.objects.filter(step="decision").count(), 1)

    def test_none_generated_is_404_and_an_unknown_kind_too(self) -> None:
        case = self.decided()
        self.login(self.officer)
        self.assertEqual(self.client.get(self.url(case, RECEIPT, download=True)).status_code, 404)
        self.assertEqual(self.client.post(self.url(case, "letter")).status_code, 404)

    def test_the_superuser_has_no_right_to_generate(self) -> None:
        case = self.decided()
        self.admin_user.is_superuser = True
        self.admin_user.save()
        self.login(self.admin_user)
        self.assertEqual(self.client.post(self.url(case, DECISION)).status_code, 404)

    def other_officer(self):  # type: ignore[no-untyped-def]
        from fazhi.core.roles import Role
        from fazhi.core.testing import make_user

        return make_user(
            "officer3", org=self.sci_division, roles=[Role.ENFORCEMENT_OFFICER], full_name="钱执法"
        )
