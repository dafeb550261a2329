"""The counsel register /work/reviews/counsel/: its page, saving an entry, and the register a
page at a time (page 2, and a bad page number answered with a page as every list)."""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.reviews.counsel import CounselInvalid, save_counsel
from fazhi.reviews.models import LegalCounsel
from fazhi.reviews.tests.factories import make_counsel
from fazhi.reviews.tests.test_views import ViewTestCase
from fazhi.reviews.views import counsel as views

COUNSEL_LIST = reverse("reviews:counsel_list")


@mock.patch.object(views, "PAGE_SIZE", 2)
class CounselRegisterPageTests(ViewTestCase):
    def test_the_register_is_paged_in_its_order_and_counts_everyone(self) -> None:
        for n, name in enumerate(["钱律师", "孙律师", "李律师"], start=1):
            make_counsel(name=name, number=f"1120120051012{n:04d}")
        register = list(LegalCounsel.objects.order_by("kind", "name", "pk").values_list("name", flat=True))
        self.login(self.reviewer)
        pages = (len(register) + 1) // 2
        shown = [
            [c.name for c in self.client.get(COUNSEL_LIST, {"page": str(n)}).context["page"]]
            for n in range(1, pages + 1)
        ]
        self.assertEqual(shown, [register[i : i + 2] for i in range(0, len(register), 2)])
        second = self.client.get(COUNSEL_LIST, {"page": "2"})
        self.assertContains(second, f"共 {len(register)} 人")
        self.assertContains(second, 'href="?page=1" rel="prev"')
        self.assertEqual(self.client.get(COUNSEL_LIST, {"page": "abc"}).context["page"].number, 1)
        self.assertEqual(self.client.get(COUNSEL_LIST, {"page": "99"}).context["page"].number, pages)


class CounselPageTests(ViewTestCase):
    COUNSEL_LIST = reverse("reviews:counsel_list")
    COUNSEL_NEW = reverse("reviews:counsel_create")

    def valid(self, **changes: Any) -> dict[str, Any]:
        data = {
            "kind": "public_lawyer",
            "name": "孙公职",
            "firm": "天津市科学技术局",
            "certificate_number": "P2026001",
            "term_start": "2026-01-01",
            "term_end": "",
            "expertise": "行政许可",
            "user": "",
            "is_active": "on",
        }
        data.update(changes)
        return data

    def test_the_register_is_read_by_those_who_work_with_reviews(self) -> None:
        make_counsel(
            name="钱律师",
            number="11201200510999999",
            start=datetime.date(2020, 1, 1),
            end=datetime.date(2023, 12, 31),
        )
        self.login(self.drafter)
        response = self.client.get(self.COUNSEL_LIST)
        self.assertContains(response, "赵律师")
        self.assertContains(response, '<span class="badge badge-ok">在聘</span>', html=True)
        self.assertContains(response, '<span class="badge badge-bad">已到期</span>', html=True)
        self.assertNotContains(response, self.COUNSEL_NEW)
        self.login(self.filing_officer)
        self.assertEqual(self.client.get(self.COUNSEL_LIST).status_code, 404)

    def test_only_those_who_keep_the_register_may_create_or_edit(self) -> None:
        edit = reverse("reviews:counsel_edit", args=[self.counsel.pk])
        for user in (self.drafter, self.advisor, self.director):
            self.login(user)
            self.assertEqual(self.client.get(self.COUNSEL_NEW).status_code, 404)
            self.assertEqual(self.client.post(self.COUNSEL_NEW, self.valid()).status_code, 404)
            self.assertEqual(self.client.post(edit, self.valid()).status_code, 404)
        self.assertEqual(LegalCounsel.objects.count(), 1)

    def test_the_reviewer_registers_a_public_lawyer_and_it_is_audited(self) -> None:
        self.login(self.reviewer)
        self.assertContains(self.client.get(self.COUNSEL_LIST), self.COUNSEL_NEW)
        response = self.client.post(self.COUNSEL_NEW, self.valid(user=self.officer.pk))
        self.assertRedirects(response, self.COUNSEL_LIST, fetch_redirect_response=False)
        counsel = LegalCounsel.objects.get(certificate_number="P2026001")
        self.assertEqual((counsel.name, counsel.user, counsel.term_end), ("孙公职", self.officer, None))
        event = AuditEvent.objects.get(verb="counsel.save")
        self.assertEqual(event.data["after"]["user"], "officer")
        self.assertTrue(event.data["created"])

    def test_a_term_ending_before_it_starts_is_refused_next_to_the_field(self) -> None:
        self.login(self.admin_user)
        response = self.client.post(
            self.COUNSEL_NEW, self.valid(term_start="2026-06-01", term_end="2026-05-31")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "终止日（2026年5月31日）不得早于起始日（2026年6月1日）")
        self.assertEqual(LegalCounsel.objects.count(), 1)
        self.assertEqual(self.events("counsel.save"), 0)

    def test_a_certificate_number_already_registered_is_refused(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            self.COUNSEL_NEW, self.valid(certificate_number=self.counsel.certificate_number)
        )
        self.assertContains(response, f"证号 {self.counsel.certificate_number} 已登记（赵律师）")
        self.assertEqual(LegalCounsel.objects.count(), 1)

    def test_bad_dates_are_refused_in_chinese(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(self.COUNSEL_NEW, self.valid(term_start="去年"))
        self.assertContains(response, "日期格式应为 2026-01-01")

    def test_editing_records_what_changed(self) -> None:
        self.login(self.reviewer)
        edit = reverse("reviews:counsel_edit", args=[self.counsel.pk])
        self.assertContains(self.client.get(edit), self.counsel.certificate_number)
        data = self.valid(
            kind="legal_advisor",
            name="赵律师",
            firm="天津某律师事务所",
            certificate_number=self.counsel.certificate_number,
            term_start="2025-01-01",
            term_end="2026-06-15",
            user=self.advisor.pk,
        )
        self.client.post(edit, data)
        self.counsel.refresh_from_db()
        self.assertEqual(self.counsel.term_end, datetime.date(2026, 6, 15))
        self.assertEqual(AuditEvent.objects.get(verb="counsel.save").data["changed"], ["fields", "term_end"])
        self.assertContains(
            self.client.get(self.COUNSEL_LIST), '<span class="badge badge-bad">已到期</span>', html=True
        )


class SaveCounselTests(ViewTestCase):
    def test_only_those_who_keep_the_register_may_save(self) -> None:
        with self.assertRaises(PermissionDenied):
            save_counsel(self.counsel, actor=self.drafter, name="改名")
        self.counsel.refresh_from_db()
        self.assertEqual(self.counsel.name, "赵律师")

    def test_an_account_links_to_one_counsel_only(self) -> None:
        with self.assertRaisesMessage(CounselInvalid, "该账户已关联 赵律师"):
            save_counsel(
                None,
                actor=self.reviewer,
                kind="legal_advisor",
                name="钱律师",
                firm="某所",
                certificate_number="X1",
                term_start=datetime.date(2026, 1, 1),
                user=self.advisor,
            )
