from __future__ import annotations

from django.conf import settings
from django.utils import translation

from fazhi.ledger.models import LedgerItem
from fazhi.oversight.models import Oversight
from fazhi.oversight.tests.base import OversightTestCase


class OversightPageTests(OversightTestCase):
    def test_the_reviewer_records_an_inspection_and_a_finding_goes_to_the_ledger(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            "/work/oversight/new/",
            {
                "kind": "central_inspection",
                "year": 2026,
                "title": "2026年中央法治督察",
                "conducted_by": "督察组",
                "started_on": "2026-02-10",
                "scope": "第一责任人职责",
            },
        )
        oversight = Oversight.objects.get()
        self.assertRedirects(response, f"/work/oversight/{oversight.pk}/")
        response = self.client.post(
            f"/work/oversight/{oversight.pk}/add_finding/",
            {
                "add_finding-text": "执法案卷不规范",
                "add_finding-division": self.sci_division.pk,
                "add_finding-lead": self.director.pk,
                "add_finding-due_on": "2026-06-30",
            },
        )
        self.assertEqual(response.status_code, 302)
        task = LedgerItem.objects.get()
        self.assertContains(
            self.client.get(f"/work/oversight/{oversight.pk}/"), f'href="/work/ledger/{task.pk}/"'
        )

    def test_a_refused_close_is_shown_next_to_the_report_with_the_text_kept(self) -> None:
        oversight = self.oversight()
        self.finding(oversight)
        self.login(self.reviewer)
        response = self.client.post(
            f"/work/oversight/{oversight.pk}/close/",
            {"close-closed_on": "2026-03-02", "close-report": "保留的报告正文"},
            follow=True,
        )
        self.assertContains(response, "整改任务尚未确认完成")
        self.assertContains(response, "保留的报告正文")
        oversight.refresh_from_db()
        self.assertEqual(oversight.status, "rectifying")

    def test_evidence_is_recorded_on_the_findings_row(self) -> None:
        oversight = self.oversight()
        finding = self.finding(oversight)
        self.login(self.reviewer)
        url = f"/work/oversight/{oversight.pk}/findings/{finding.pk}/evidence/"
        self.assertContains(
            self.client.post(url, {f"f{finding.pk}-evidence": ""}, follow=True), "请填写整改完成佐证"
        )
        self.assertEqual(self.client.post(url, {f"f{finding.pk}-evidence": "台账"}).status_code, 302)
        finding.refresh_from_db()
        self.assertEqual(finding.evidence, "台账")

    def test_the_director_reads_but_takes_no_step_and_a_division_sees_nothing(self) -> None:
        oversight = self.oversight()
        self.login(self.director)
        response = self.client.get(f"/work/oversight/{oversight.pk}/")
        self.assertContains(response, oversight.title)
        self.assertNotContains(response, 'id="step-close"')
        self.assertEqual(self.client.post(f"/work/oversight/{oversight.pk}/close/", {}).status_code, 404)
        self.login(self.drafter)
        self.assertEqual(self.client.get(f"/work/oversight/{oversight.pk}/").status_code, 404)


class EnglishPageTests(OversightTestCase):
    def test_the_pages_read_in_english(self) -> None:
        oversight = self.oversight()
        self.finding(oversight)
        self.login(self.reviewer)
        # The request activates English in this thread; later tests expect the default language.
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)
        self.client.cookies["django_language"] = "en"
        response = self.client.get(f"/work/oversight/{oversight.pk}/")
        self.assertContains(response, "Findings and rectification")
        self.assertContains(response, "Send the rectification report")
        self.assertContains(self.client.get("/work/legislation/laws/"), "Register of laws")
