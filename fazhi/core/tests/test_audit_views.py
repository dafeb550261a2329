"""The 全过程记录 page: who may see it, its filters, bad input, verification, query count."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from fazhi.core.audit import record_event
from fazhi.core.models import AuditEvent
from fazhi.core.testing import BaseTestCase
from fazhi.core.views.audit import PAGE_SIZE

SHANGHAI = ZoneInfo("Asia/Shanghai")
URL = reverse("core:audit_list")


def at_shanghai(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, microsecond: int = 0
) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, microsecond, tzinfo=SHANGHAI)


class AuditPageTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # 1 March 23:30 and 2 March 00:10 in Shanghai are the same UTC day, different local days.
        with time_machine.travel(at_shanghai(2026, 3, 1, 23, 30), tick=False):
            record_event(
                "submit", actor=cls.drafter, obj=cls.sci_division, from_status="draft", to_status="review"
            )
        with time_machine.travel(at_shanghai(2026, 3, 2, 0, 10), tick=False):
            record_event(
                "approve", actor=cls.reviewer, obj=cls.sci_division, from_status="review", to_status="ok"
            )
        with time_machine.travel(at_shanghai(2026, 3, 3, 9), tick=False):
            record_event(
                "issue_number", actor=cls.admin_user, obj=cls.drafter, data={"number": "津科规〔2026〕1号"}
            )
            record_event("calendar_import", actor=None, data={"year": 2026})

    def get(self, params: str = "", **headers: str):  # type: ignore[no-untyped-def]
        self.login(self.reviewer)
        return self.client.get(f"{URL}?{params}", headers=headers)

    def seqs(self, response) -> list[int]:  # type: ignore[no-untyped-def]
        return [event.seq for event in response.context["page"]]


class AuditPageAccessTests(AuditPageTestCase):
    def test_reviewer_director_and_system_admin_see_the_record(self) -> None:
        for user in (self.reviewer, self.director, self.admin_user):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(URL)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "全过程记录")

    def test_drafter_and_outsider_get_404(self) -> None:
        for user in (self.drafter, self.outsider):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(URL).status_code, 404)

    def test_anonymous_visitor_is_sent_to_the_login_page(self) -> None:
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("login")))


class AuditListTests(AuditPageTestCase):
    def test_the_list_shows_events_newest_first_with_short_hashes(self) -> None:
        response = self.get()
        self.assertEqual(self.seqs(response), [4, 3, 2, 1])
        first = AuditEvent.objects.get(seq=1)
        self.assertContains(response, f'title="{first.hash}">{first.hash[:12]}</code>', html=False)
        self.assertContains(response, "张起草")
        self.assertContains(response, "draft → review")
        self.assertContains(response, "系统")  # the event without an actor
        self.assertContains(response, "2026-03-01 23:30:00")  # local time, not UTC

    def test_the_list_names_objects_by_their_model(self) -> None:
        response = self.get("object_type=core.user")
        self.assertContains(response, f"用户 {self.drafter.pk}")

    def test_filter_by_object_type_and_object(self) -> None:
        self.assertEqual(self.seqs(self.get("object_type=core.organization")), [2, 1])
        response = self.get(f"object_type=core.user&object_id={self.drafter.pk}")
        self.assertEqual(self.seqs(response), [3])

    def test_filter_by_actor_name_part_or_username(self) -> None:
        self.assertEqual(self.seqs(self.get("actor=审核")), [2])
        self.assertEqual(self.seqs(self.get("actor=sysadmin")), [3])

    def test_filter_by_date_range_uses_shanghai_days(self) -> None:
        self.assertEqual(self.seqs(self.get("date_from=2026-03-02&date_to=2026-03-02")), [2])
        self.assertEqual(self.seqs(self.get("date_to=2026-03-01")), [1])
        self.assertEqual(self.seqs(self.get("date_from=2026-03-02")), [4, 3, 2])

    def test_a_bad_date_is_ignored_with_a_note_and_other_filters_still_apply(self) -> None:
        response = self.get("date_from=yesterday&object_type=core.organization")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.seqs(response), [2, 1])
        self.assertContains(response, "已忽略无效的筛选条件“起始日期”")

    def test_an_unknown_object_type_is_ignored_with_a_note(self) -> None:
        response = self.get("object_type=nope.nothing")
        self.assertEqual(self.seqs(response), [4, 3, 2, 1])
        self.assertContains(response, "已忽略无效的筛选条件“对象类型”")

    def test_dates_out_of_range_or_reversed_are_ignored_never_a_500(self) -> None:
        for params in (
            "date_from=0001-01-01",
            "date_to=9999-12-31",
            "date_from=2026-03-03&date_to=2026-03-01",
        ):
            with self.subTest(params=params):
                response = self.get(params)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(self.seqs(response), [4, 3, 2, 1])
                self.assertContains(response, "已忽略")

    def test_junk_in_text_filters_and_page_is_harmless(self) -> None:
        for params in ("actor=%00", "actor=" + "长" * 200, "page=abc", "page=-1", "object_id=%00&page=99"):
            with self.subTest(params=params):
                response = self.get(params)
                self.assertEqual(response.status_code, 200)

    def test_a_filter_that_matches_nothing_says_so(self) -> None:
        response = self.get("actor=无此人")
        self.assertEqual(self.seqs(response), [])
        self.assertContains(response, "没有符合筛选条件的事件")

    def test_pages_hold_fifty_events_and_keep_the_filters(self) -> None:
        for _i in range(PAGE_SIZE):
            record_event("touch", actor=self.reviewer, obj=self.legal_division)
        first = self.get("object_type=core.organization")
        self.assertEqual(len(self.seqs(first)), PAGE_SIZE)
        self.assertContains(first, "?object_type=core.organization&amp;page=2")
        second = self.get("object_type=core.organization&page=2")
        self.assertEqual(self.seqs(second), [2, 1])

    def test_the_list_query_count_does_not_grow_with_the_page(self) -> None:
        # 11: session, user, two permission lookups and the user's roles (the menu), the chain
        # head and the last published head, the object types, the count, the page, the header's
        # organization.
        self.login(self.reviewer)
        with self.assertNumQueries(11):
            self.client.get(URL)
        for _i in range(30):
            record_event(
                "touch", actor=self.director, obj=self.legal_division, from_status="a", to_status="b"
            )
        with self.assertNumQueries(11):
            response = self.client.get(f"{URL}?object_type=core.organization&actor=陈")
        self.assertEqual(len(self.seqs(response)), 30)


class AuditVerifyButtonTests(AuditPageTestCase):
    def test_the_page_shows_the_head_without_verifying_by_default(self) -> None:
        response = self.get()
        self.assertIsNone(response.context["verification"])
        self.assertContains(response, AuditEvent.objects.get(seq=4).hash)
        self.assertContains(response, "立即校验全链")

    def test_verify_shows_an_intact_chain(self) -> None:
        response = self.get("verify=1")
        self.assertTrue(response.context["verification"].ok)
        self.assertContains(response, "校验通过")
        self.assertContains(response, "全部 4 条事件")

    def test_verify_names_the_first_broken_event(self) -> None:
        AuditEvent.objects.filter(seq=3).update(data={"number": "津科规〔2026〕2号"})
        response = self.get("verify=1")
        self.assertContains(response, "校验未通过")
        self.assertContains(response, "#3")
        self.assertContains(response, "事件内容与其哈希不符")
        self.assertContains(response, "此前 2 条事件完好")

    def test_verify_through_htmx_returns_only_the_status_box(self) -> None:
        response = self.get("verify=1", HX_Request="true")
        self.assertContains(response, 'id="chain-status"')
        self.assertContains(response, "校验通过")
        self.assertNotContains(response, "<html")

    def test_the_verify_form_keeps_the_current_filters(self) -> None:
        response = self.get("actor=审核&date_from=2026-03-02")
        self.assertContains(response, '<input type="hidden" name="actor" value="审核">', html=True)
        self.assertContains(response, '<input type="hidden" name="verify" value="1">', html=True)


class AuditVerifyWitnessTests(AuditPageTestCase):
    def test_verify_on_the_page_checks_the_signed_heads_file_too(self) -> None:
        from django.core.management import call_command
        from django.db import connection

        from fazhi.core.models import AuditChainHead, PublishedChainHead

        with time_machine.travel("2026-03-05 01:00 +08:00", tick=False):
            call_command("audit", "publish-heads", stdout=io.StringIO())
        AuditEvent.objects.all()._raw_delete(connection.alias)
        AuditChainHead.objects.all().delete()
        PublishedChainHead.objects.all().delete()
        response = self.get("verify=1")
        self.assertContains(response, "校验未通过")
        self.assertContains(response, "审计链为空，但本机链头文件记载已公布")


class AuditListByAgencyTests(AuditPageTestCase):
    """Issue 12: a reader browses the events of their own agency's people (and the platform's
    own runs), never another department's."""

    def test_another_departments_events_are_not_listed(self) -> None:
        from fazhi.core.testing import make_department

        commission = make_department()
        record_event("touch", actor=commission.reviewer, obj=commission.legal_division)
        self.assertEqual(self.seqs(self.get()), [4, 3, 2, 1])
        self.login(commission.director)
        response = self.client.get(URL)
        self.assertEqual(self.seqs(response), [5, 4])
        self.assertNotContains(response, "张起草")
