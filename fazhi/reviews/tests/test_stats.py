from __future__ import annotations

import datetime
import json
import re

from django.urls import reverse

from fazhi.reviews import actions
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.stats import adoption_rate, default_year, parse_year, review_stats
from fazhi.reviews.tests.factories import accepted_review, make_counsel
from fazhi.reviews.tests.test_actions import ReviewTestCase

K = ReviewRequest.SubjectKind


def archive_review(
    test: type[StatsTestCase], *, concluded: datetime.date, opinions: list[dict], counsel=()
) -> None:  # type: ignore[no-untyped-def]
    actions.import_concluded_review(
        actor=test.reviewer,
        division=test.other_division,
        title="天津市科技成果转化奖励办法",
        subject_kind=K.OTHER,
        legal_basis="《促进科技成果转化法》",
        submitted_on=concluded - datetime.timedelta(days=10),
        accepted_on=concluded - datetime.timedelta(days=9),
        concluded_on=concluded,
        conclusion="lawful",
        opinions=opinions,
        counsel=counsel,
        reviewer=test.reviewer,
    )


class StatsTestCase(ReviewTestCase):
    """2026 (the pinned year): a document review with two opinions, one adopted and one not,
    and a contract concluded lawful without opinions; a review still under way. 2025: one
    archived matter whose opinion came from a counsel heard but not assigned to it."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.counsel_2 = make_counsel(name="钱律师", number="11201200510999999")
        document = accepted_review(cls.drafter, cls.reviewer, cls.counsel)
        must = actions.add_opinion(document, actor=cls.reviewer, text="删除第五条", kind="must_change")
        hint = actions.add_opinion(document, actor=cls.advisor, text="建议调整表述", kind="suggestion")
        actions.conclude_review(document, actor=cls.reviewer, conclusion="lawful_with_changes")
        actions.answer_opinion(must, actor=cls.drafter, response="adopted")
        actions.answer_opinion(hint, actor=cls.drafter, response="not_adopted", reason="另行规定")
        contract = accepted_review(cls.drafter, cls.reviewer, title="合作协议", kind=K.CONTRACT)
        actions.conclude_review(contract, actor=cls.reviewer, conclusion="lawful")
        pending = accepted_review(cls.drafter, cls.reviewer, cls.counsel, title="仍在审核")
        actions.add_opinion(pending, actor=cls.advisor, text="不计入", kind="suggestion")
        archive_review(
            cls,
            concluded=datetime.date(2025, 9, 1),
            counsel=[cls.counsel],
            opinions=[
                {
                    "kind": "suggestion",
                    "text": "建议",
                    "response": "partly_adopted",
                    "reason": "部分",
                    "counsel": cls.counsel_2,
                }
            ],
        )


class ReviewStatsTests(StatsTestCase):
    def test_the_year_counts_matters_concluded_in_it_and_their_opinions(self) -> None:
        stats = review_stats(2026)
        self.assertEqual((stats["year"], stats["matters"], stats["opinions"]), (2026, 2, 2))
        by_kind = {r["kind"]: (r["label"], r["matters"], r["opinions"]) for r in stats["by_kind"]}
        self.assertEqual(by_kind[K.NORMATIVE_DOCUMENT], ("行政规范性文件", 1, 2))
        self.assertEqual(by_kind[K.CONTRACT], ("合同", 1, 0))
        self.assertEqual(by_kind[K.MAJOR_DECISION], ("重大行政决策", 0, 0))
        self.assertEqual(len(stats["by_kind"]), len(K.choices))
        self.assertEqual(
            [(r["division"], r["matters"], r["opinions"]) for r in stats["by_division"]],
            [("基础研究处", 2, 2)],
        )

    def test_counsel_count_the_matters_assigned_to_them_and_the_opinions_under_their_name(self) -> None:
        rows = review_stats(2026)["by_counsel"]
        self.assertEqual(
            [(r["name"], r["kind_label"], r["matters"], r["opinions"]) for r in rows],
            [("赵律师", "法律顾问", 1, 1)],
        )
        rows = review_stats(2025)["by_counsel"]
        self.assertEqual(
            {(r["name"], r["matters"], r["opinions"]) for r in rows}, {("赵律师", 1, 0), ("钱律师", 0, 1)}
        )

    def test_adoption_rate_is_adopted_and_partly_adopted_over_answered(self) -> None:
        self.assertEqual(
            review_stats(2026)["adoption"],
            {
                "answered": 2,
                "adopted": 1,
                "partly_adopted": 0,
                "not_adopted": 1,
                "unanswered": 0,
                "rate": 0.5,
            },
        )
        self.assertEqual(review_stats(2025)["adoption"]["rate"], 1.0)
        self.assertIsNone(adoption_rate(0, 0, 0))

    def test_a_year_without_data_is_all_zero_with_no_rate(self) -> None:
        stats = review_stats(2030)
        self.assertEqual(
            (stats["matters"], stats["opinions"], stats["by_division"], stats["by_counsel"]), (0, 0, [], [])
        )
        self.assertIsNone(stats["adoption"]["rate"])

    def test_the_series_holds_every_year_with_data(self) -> None:
        self.assertEqual(
            review_stats(2030)["years"],
            [{"year": 2025, "matters": 1, "opinions": 1}, {"year": 2026, "matters": 2, "opinions": 2}],
        )

    def test_the_figures_take_a_fixed_handful_of_queries_however_many_records(self) -> None:
        with self.assertNumQueries(6):
            review_stats(2026)
        for _ in range(5):
            archive_review(
                self,
                concluded=datetime.date(2026, 3, 2),
                counsel=[self.counsel_2],
                opinions=[
                    {"kind": "suggestion", "text": "建议", "response": "adopted", "counsel": self.counsel_2}
                ]
                * 3,
            )
        with self.assertNumQueries(6):
            stats = review_stats(2026)
        self.assertEqual((stats["matters"], stats["opinions"]), (7, 17))

    def test_the_default_year_is_the_latest_with_data(self) -> None:
        self.assertEqual(default_year(), 2026)

    def test_parse_year_accepts_only_whole_years_1949_to_9999(self) -> None:
        self.assertEqual([parse_year(v) for v in ("2026", " 1949 ", "9999")], [2026, 1949, 9999])
        self.assertEqual(
            [parse_year(v) for v in ("abc", "99999", "1948", "", None, "2026.5", "9" * 5000)], [None] * 7
        )


class StatsWithoutDataTests(ReviewTestCase):
    def test_the_default_year_is_the_current_year(self) -> None:
        self.assertEqual(default_year(), 2026)

    def test_the_page_says_there_is_no_data(self) -> None:
        self.login(self.reviewer)
        response = self.client.get(reverse("reviews:stats"))
        self.assertContains(response, "尚无已出具意见的审核事项")
        self.assertContains(response, "2026 年合法性审核统计")


class StatsPageTests(StatsTestCase):
    url = "/work/reviews/stats/"

    def chart(self, response, chart_id: str) -> dict:  # type: ignore[no-untyped-def]
        match = re.search(
            rf'<script id="{chart_id}" type="application/json">(.*?)</script>', response.content.decode()
        )
        assert match, chart_id
        return json.loads(match.group(1))

    def test_reviewers_and_the_leadership_see_the_latest_year_by_default(self) -> None:
        for user in (self.reviewer, self.director, self.admin_user):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(self.url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["year"], 2026)
                self.assertContains(response, '<span class="stat-value">50.0%</span>', html=False)

    def test_others_get_404_and_anonymous_is_sent_to_log_in(self) -> None:
        for user in (
            self.drafter,
            self.division_head,
            self.advisor,
            self.outsider,
            self.officer,
            self.filing_officer,
        ):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(self.url).status_code, 302)

    def test_charts_load_from_static_files_with_their_data_as_json_blocks_and_tables(self) -> None:
        self.login(self.reviewer)
        response = self.client.get(self.url, {"year": "2026"})
        html = response.content.decode()
        head = html.split("</head>")[0]
        self.assertIn("/static/fazhi/vendor/echarts.min.js", head)
        self.assertIn("/static/fazhi/js/charts.js", head)
        self.assertNotRegex(html, r"<script>(?!\s*</script>)")  # no inline script for the CSP
        years = self.chart(response, "chart-years")
        self.assertEqual(years["xAxis"]["data"], ["2025", "2026"])
        self.assertEqual([s["data"] for s in years["series"]], [[1, 2], [1, 2]])
        kinds = self.chart(response, "chart-kinds")
        self.assertEqual(
            kinds["series"][0]["data"], [{"name": "行政规范性文件", "value": 1}, {"name": "合同", "value": 1}]
        )
        self.assertEqual(self.chart(response, "chart-divisions")["yAxis"]["data"], ["基础研究处"])
        self.assertEqual(self.chart(response, "chart-counsel")["yAxis"]["data"], ["赵律师"])
        for chart_id in ("chart-years", "chart-kinds", "chart-divisions", "chart-counsel"):
            self.assertIn(f'data-chart="{chart_id}"', html)
        # The same figures as tables (WCAG 1.1.1: not only in a picture).
        self.assertInHTML(
            '<tr><th scope="row">行政规范性文件</th><td class="num">1</td><td class="num">2</td></tr>', html
        )
        self.assertInHTML(
            '<tr><th scope="row">基础研究处</th><td class="num">2</td><td class="num">2</td></tr>', html
        )
        self.assertInHTML(
            '<tr><th scope="row">赵律师</th><td>法律顾问</td><td class="num">1</td><td class="num">1</td></tr>',
            html,
        )

    def test_another_year_is_chosen_in_the_selector(self) -> None:
        self.login(self.reviewer)
        response = self.client.get(self.url, {"year": "2025"})
        self.assertEqual(response.context["stats"]["matters"], 1)
        self.assertContains(response, '<option value="2025" selected>')
        self.assertContains(response, '<option value="2026">')

    def test_a_bad_year_shows_the_default_year_with_a_note(self) -> None:
        self.login(self.reviewer)
        for value in ("abc", "99999", "-1", "2026abc", "１" * 300):
            with self.subTest(year=value):
                response = self.client.get(self.url, {"year": value})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["year"], 2026)
                self.assertContains(response, "不是有效的年份")
