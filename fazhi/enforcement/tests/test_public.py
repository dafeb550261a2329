"""The public enforcement publicity pages at /enforcement/ (行政执法公示): only published
decisions, a natural person masked and their identity number never shown, a withdrawn decision
as withdrawn with the reason and without its content, the year and category filters, and the
year's figures — worded for a year without cases."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.enforcement import actions
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.tests.base import D, EnforcementTestCase, on

INDEX = "/enforcement/"
PERSON = "欧阳小明"
ID_NUMBER = "120101199001011234"
USCC = "91120116MA05XXXX1M"


class PublicTestCase(EnforcementTestCase):
    def decided(
        self, *, text: str = "警告，罚款一万元", fine: str | None = "10000", **overrides: Any
    ) -> EnforcementCase:
        """A case decided on 30 September 2026 (the party waived their statement)."""
        case = self.notified(**overrides)
        actions.record_statement(case, actor=self.officer, waived=True)
        with on("2026-09-30"):
            actions.decide(case, actor=self.director, outcome="penalty", decision_text=text, fine_amount=fine)
        return case

    def published(self, **overrides: Any) -> EnforcementCase:
        case = self.decided(**overrides)
        with on("2026-10-09"):
            actions.publish(case, actor=self.officer)
        return case

    def person(self, **overrides: Any) -> EnforcementCase:
        return self.published(
            party_name=PERSON,
            party_kind=EnforcementCase.PartyKind.PERSON,
            party_code=ID_NUMBER,
            text="对欧阳某给予警告",
            fine=None,
            **overrides,
        )

    def withdrawn(self) -> EnforcementCase:
        case = self.published(party_name="天津某撤销科技有限公司", text="罚款五万元（已撤销）", fine="50000")
        with on("2026-10-09"):
            actions.record_reversal(
                case, actor=self.officer, reversed_on=D(2026, 10, 9), reason="经行政复议，原决定被撤销"
            )
            actions.withdraw_publicity(case, actor=self.officer)
        return case


class PublicListTests(PublicTestCase):
    def test_anonymous_visitors_see_the_published_decisions_only(self) -> None:
        shown = self.published()
        unpublished = self.decided(party_name="天津某未公示有限公司", text="尚未公示的决定内容")
        self.file(party_name="天津某在查有限公司")
        response = self.client.get(INDEX)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, shown.decision_number)
        self.assertContains(response, "天津某生物科技有限公司")
        self.assertContains(response, "警告，罚款一万元")
        self.assertContains(response, "10000.00")
        self.assertContains(response, "2026年10月9日")  # published
        self.assertContains(response, "2026年9月30日")  # decided
        self.assertContains(response, USCC)  # an organization's code is public registry data
        for hidden in (
            unpublished.decision_number,
            "天津某未公示有限公司",
            "尚未公示的决定内容",
            "天津某在查有限公司",
        ):
            self.assertNotContains(response, hidden)

    def test_a_natural_person_is_masked_and_their_identity_number_never_shown(self) -> None:
        case = self.person()
        for path in (INDEX, f"{INDEX}{case.pk}/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertContains(response, "欧***")
                self.assertContains(response, "自然人，已隐去个人信息")
                self.assertNotContains(response, PERSON)
                self.assertNotContains(response, ID_NUMBER)

    def test_a_withdrawn_decision_shows_the_day_and_reason_and_not_its_content(self) -> None:
        case = self.withdrawn()
        for path in (INDEX, f"{INDEX}{case.pk}/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertContains(response, case.decision_number)
                self.assertContains(response, "已撤回")
                self.assertContains(response, "经行政复议，原决定被撤销")
                self.assertContains(response, '<time datetime="2026-10-09">2026年10月9日</time> 撤回公示')
                for content in ("天津某撤销科技有限公司", "罚款五万元（已撤销）", "50000", USCC):
                    self.assertNotContains(response, content)

    def test_the_year_filter_lists_the_decisions_of_that_year_with_its_figures(self) -> None:
        this_year = self.published()
        with on("2025-09-22"):
            last_year = self.notified(discovered_on=D(2025, 9, 21), violation_occurred_on=D(2025, 9, 20))
            actions.record_statement(last_year, actor=self.officer, waived=True)
        with on("2025-09-30"):
            actions.decide(last_year, actor=self.director, outcome="no_penalty", decision_text="不予行政处罚")
            actions.publish(last_year, actor=self.officer)
        response = self.client.get(INDEX, {"year": 2025})
        self.assertContains(response, last_year.decision_number)
        self.assertNotContains(response, this_year.decision_number)
        self.assertContains(response, "2025年度行政执法数据")
        self.assertEqual(response.context["figures"].figures.decided, 1)
        self.assertContains(response, '<option value="2025" selected>')
        both = self.client.get(INDEX)
        self.assertEqual(
            [r["id"] for r in both.context["rows"]], [this_year.pk, last_year.pk]
        )  # newest first
        self.assertContains(both, "2026年度行政执法数据")  # the current year without a filter

    def test_the_category_filter(self) -> None:
        penalty = self.published()
        other = self.published(category=EnforcementCase.Category.OTHER, party_name="天津某其他有限公司")
        response = self.client.get(INDEX, {"category": "other"})
        self.assertEqual([r["id"] for r in response.context["rows"]], [other.pk])
        self.assertNotContains(response, penalty.decision_number)

    def test_a_year_without_cases_says_so(self) -> None:
        self.published()
        response = self.client.get(INDEX, {"year": 2021})
        self.assertContains(
            response,
            "2021年度无行政执法案件：未立案，未作出行政执法决定，无重大行政执法决定，无移送司法机关的案件。",
        )
        self.assertContains(response, "2021年度无公示的行政执法决定。")
        self.assertNotContains(response, 'class="stats"')

    def test_a_year_with_cases_names_what_it_had_none_of(self) -> None:
        self.published()
        response = self.client.get(INDEX, {"year": 2026})
        self.assertContains(response, 'class="stats"')
        self.assertContains(response, "本年度无重大行政执法决定。")
        self.assertContains(response, "本年度无移送司法机关的行政执法案件。")
        self.assertContains(response, "100.0%")  # published within 7 working days
        self.assertNotContains(response, "本年度无行政执法决定。")

    def test_filters_that_are_not_a_year_or_a_category_are_ignored(self) -> None:
        case = self.published()
        for params in (
            {"year": "abc"},
            {"year": 1900},
            {"year": "9" * 30},
            {"category": "fine"},
            {"page": "x"},
        ):
            with self.subTest(params=params):
                response = self.client.get(INDEX, params)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, case.decision_number)

    def test_the_list_pages_by_20_and_reads_a_fixed_number_of_rows(self) -> None:
        self.published()
        self.person()
        with CaptureQueriesContext(connection) as two:
            self.client.get(INDEX)
        for n in range(3):
            self.published(party_name=f"天津某{n}有限公司")
        with CaptureQueriesContext(connection) as five:
            response = self.client.get(INDEX)
        self.assertEqual(len(response.context["rows"]), 5)
        self.assertEqual(len(two.captured_queries), len(five.captured_queries))


class PublicDetailTests(PublicTestCase):
    def test_a_published_decision_shows_its_content(self) -> None:
        case = self.published()
        response = self.client.get(f"{INDEX}{case.pk}/")
        self.assertEqual(response.status_code, 200)
        for text in (case.decision_number, "警告，罚款一万元", "10000.00", case.title, USCC, "行政处罚"):
            self.assertContains(response, text)

    def test_unpublished_missing_and_absurd_ids_answer_404(self) -> None:
        unpublished = self.decided()
        investigating = self.file()
        for pk in (unpublished.pk, investigating.pk, 0, 99999, 10**30):
            with self.subTest(pk=pk):
                self.assertEqual(self.client.get(f"{INDEX}{pk}/").status_code, 404)

    def test_the_pages_take_no_post(self) -> None:
        case = self.published()
        self.assertEqual(self.client.post(INDEX).status_code, 405)
        self.assertEqual(self.client.post(f"{INDEX}{case.pk}/").status_code, 405)
