"""Two departments of a city (issue 12): the commission's people of every role neither see nor
act on the bureau's cases, through the pages, the API or the actions; the commission's cases
take its own penalty series (津教罚), its own case serials and its own officers; the public
enforcement publicity lists both departments, with the department filter and column, and the
figures per department."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.models import Inspector, User
from fazhi.core.roles import Role
from fazhi.core.testing import make_department, make_user
from fazhi.core.workflow import DomainError
from fazhi.enforcement import actions, permissions
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.enforcement.stats import year_figures
from fazhi.enforcement.tests.base import D, on
from fazhi.enforcement.tests.test_public import PublicTestCase

API = "/api/v1/enforcement"


class TwoDepartmentsTestCase(PublicTestCase):
    commission_officer2: User
    commission_inspectors: list[Inspector]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()
        cls.commission_officer2 = make_user(
            "tjjw_officer2",
            org=cls.commission.other_division,
            roles=[Role.ENFORCEMENT_OFFICER],
            full_name="教执法二",
        )
        cls.commission_inspectors = [
            cls.inspector(11, user=cls.commission.officer, actor=cls.commission.reviewer),
            cls.inspector(12, user=cls.commission_officer2, actor=cls.commission.reviewer),
        ]

    def commission_users(self) -> list[User]:
        c = self.commission
        return [
            c.officer,
            self.commission_officer2,
            c.reviewer,
            c.director,
            c.admin_user,
            c.drafter,
            c.division_head,
            c.personnel,
        ]

    def commission_case(self, **overrides: Any) -> EnforcementCase:
        values: dict[str, Any] = {
            "actor": self.commission.officer,
            "officers": self.commission_inspectors,
            "party_name": "天津某培训学校",
        }
        values.update(overrides)
        return self.file(**values)

    def commission_decided(self) -> EnforcementCase:
        case = self.commission_case()
        actions.add_record(
            case, actor=self.commission.officer, step=CaseRecord.Step.INVESTIGATION, title="笔录"
        )
        actions.notify(case, actor=self.commission.officer, proposed_decision="拟警告", hearing_right=False)
        actions.record_statement(case, actor=self.commission.officer, waived=True)
        with on("2026-09-30"):
            actions.decide(case, actor=self.commission.director, outcome="penalty", decision_text="警告")
        return case


class IsolationTests(TwoDepartmentsTestCase):
    def test_the_commission_gets_404_on_the_bureau_case_pages_and_steps(self) -> None:
        case = self.notified()
        pages = [
            f"/work/enforcement/{case.pk}/",
            f"/work/enforcement/{case.pk}/instruments/notice/download/",
        ]
        for user in self.commission_users():
            self.login(user)
            with self.subTest(user=user.username):
                for page in pages:
                    self.assertEqual(self.client.get(page).status_code, 404, page)
                for step in ("record", "statement", "decide", "major_grounds"):
                    response = self.client.post(f"/work/enforcement/{case.pk}/{step}/", {})
                    self.assertIn(response.status_code, (403, 404), step)
        case.refresh_from_db()
        self.assertEqual(case.status, EnforcementCase.Status.NOTIFIED)
        self.assertFalse(case.statement)

    def test_the_commission_list_and_api_do_not_show_the_bureau_cases(self) -> None:
        bureau_case = self.file()
        own = self.commission_case()
        for user in (self.commission.officer, self.commission.reviewer, self.commission.director):
            self.login(user)
            with self.subTest(user=user.username):
                listed = self.client.get("/work/enforcement/")
                self.assertEqual(listed.status_code, 200)
                self.assertNotContains(listed, bureau_case.party_name)
                self.assertContains(listed, own.party_name)
                self.assertEqual(self.client.get(f"{API}/cases/{bureau_case.pk}").status_code, 404)
                ids = {row["id"] for row in self.client.get(f"{API}/cases").json()["items"]}
                self.assertEqual(ids, {own.pk})
        self.assertEqual(list(EnforcementCase.objects.visible_to(self.director)), [bureau_case])

    def test_the_actions_refuse_the_commission_on_a_bureau_case(self) -> None:
        case = self.notified()
        c = self.commission
        self.assertFalse(permissions.can_view(c.reviewer, case))
        self.assertFalse(permissions.can_handle(c.officer, case))
        self.assertFalse(permissions.can_decide(c.director, case))
        with self.assertRaises(PermissionDenied):
            actions.add_record(case, actor=c.officer, step=CaseRecord.Step.INVESTIGATION, title="笔录")
        with self.assertRaises(PermissionDenied):
            actions.record_statement(case, actor=c.officer, waived=True)
        actions.record_statement(case, actor=self.officer, waived=True)
        with on("2026-09-30"), self.assertRaises(PermissionDenied):
            actions.decide(case, actor=c.director, outcome="penalty", decision_text="警告")
        # …and the bureau's head cannot decide the commission's case.
        own = self.commission_case()
        self.assertFalse(permissions.can_decide(self.director, own))
        self.assertFalse(permissions.can_view(self.reviewer, own))

    def test_the_commission_files_with_its_own_officers_only(self) -> None:
        with self.assertRaisesMessage(DomainError, "不属于本机关"):
            self.commission_case(officers=[self.inspector1, self.inspector2])
        self.login(self.commission.officer)
        form = self.client.get("/work/enforcement/new/").context["form"]
        offered = set(form.fields["officers"].queryset)
        self.assertTrue(set(self.commission_inspectors) <= offered)
        self.assertNotIn(self.inspector1, offered)


class OwnSeriesTests(TwoDepartmentsTestCase):
    def test_the_commission_decides_with_its_own_penalty_series(self) -> None:
        self.decided()  # the bureau's 津科罚〔2026〕1号 first
        case = self.commission_decided()
        self.assertEqual(case.decision_number, "津教罚〔2026〕1号")
        self.assertEqual(case.agency, self.commission.agency)

    def test_case_codes_are_numbered_per_agency(self) -> None:
        first = self.file()
        second = self.file(party_name="另一公司")
        own = self.commission_case()
        self.assertEqual(first.code, "ZF2026-0001")
        self.assertEqual(second.code, "ZF2026-0002")
        self.assertEqual(own.code, "ZF2026-0001")
        self.assertEqual(own.agency_id, self.commission.agency.pk)

    def test_figures_per_agency(self) -> None:
        self.decided()
        self.commission_decided()
        self.commission_case(party_name="第三家")
        self.assertEqual(year_figures(2026, agency=self.bureau).filed, 1)
        self.assertEqual(year_figures(2026, agency=self.commission.agency).filed, 2)
        self.assertEqual(year_figures(2026).filed, 3)
        self.login(self.commission.director)
        body = self.client.get(f"{API}/stats", {"year": 2026}).json()
        self.assertEqual((body["filed"], body["decided"]), (2, 1))
        self.assertEqual(self.client.get(f"{API}/stats", {"year": 2026, "agency": "tjkjj"}).status_code, 404)
        page = self.client.get("/work/enforcement/stats/", {"year": 2026})
        self.assertEqual(page.context["figures"].filed, 2)


class PublicListTests(TwoDepartmentsTestCase):
    def published_both(self) -> tuple[EnforcementCase, EnforcementCase]:
        bureau = self.published()
        commission = self.commission_decided()
        with on("2026-10-09"):
            actions.publish(commission, actor=self.commission.officer)
        return bureau, commission

    def test_the_public_page_lists_every_department_with_the_filter_and_column(self) -> None:
        bureau, commission = self.published_both()
        page = self.client.get("/enforcement/", {"year": 2026})
        self.assertContains(page, bureau.decision_number)
        self.assertContains(page, commission.decision_number)
        self.assertContains(page, '<select name="dept">')
        self.assertContains(page, "市教委")
        self.assertEqual(page.context["figures"].figures.decided, 2)
        only = self.client.get("/enforcement/", {"year": 2026, "dept": "tjjw"})
        self.assertContains(only, commission.decision_number)
        self.assertNotContains(only, bureau.decision_number)
        self.assertEqual(only.context["figures"].figures.decided, 1)
        detail = self.client.get(f"/enforcement/{commission.pk}/")
        self.assertContains(detail, "天津市教育委员会")

    def test_the_public_api_carries_the_department_and_filters_by_it(self) -> None:
        bureau, commission = self.published_both()
        items = self.client.get(f"{API}/public/decisions").json()["items"]
        by_number = {item["decision_number"]: item["agency"]["code"] for item in items}
        self.assertEqual(by_number, {bureau.decision_number: "tjkjj", commission.decision_number: "tjjw"})
        only = self.client.get(f"{API}/public/decisions", {"dept": "tjjw"}).json()
        self.assertEqual([item["id"] for item in only["items"]], [commission.pk])
        self.assertEqual(self.client.get(f"{API}/public/decisions", {"dept": "nowhere"}).json()["count"], 0)

    def test_a_commission_decision_is_dated_in_the_commission_figures_only(self) -> None:
        self.published_both()
        self.assertEqual(year_figures(2026, agency=self.commission.agency).published, 1)
        self.assertEqual(D(2026, 9, 30).year, 2026)
