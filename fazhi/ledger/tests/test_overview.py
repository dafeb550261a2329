"""The leadership's overview (/work/overview/) and the division head's work page."""

from __future__ import annotations

import datetime
import json
from typing import Any

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.models import Organization
from fazhi.core.testing import BaseTestCase
from fazhi.ledger.models import LedgerItem

D = datetime.date
S = LedgerItem.Status
TODAY = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)


@time_machine.travel(TODAY, tick=False)
class LeadershipOverviewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.other_agency = Organization.objects.create(name="另一局", code="other", kind="agency")

    def task(
        self, year: int, due_on: D, status: str = S.OPEN, division: Any = None, title: str = "任务"
    ) -> Any:
        return LedgerItem.objects.create(
            year=year,
            title=title,
            division=division or self.sci_division,
            lead=self.director,
            due_on=due_on,
            created_by=self.director,
            status=status,
            completed_on=due_on if status == S.DONE else None,
        )

    def test_the_leader_sees_this_years_figures_beside_last_years(self) -> None:
        self.task(2026, D(2026, 6, 30), S.DONE)
        self.task(2026, D(2026, 9, 30), S.DONE)
        self.task(2025, D(2025, 6, 30), S.DONE)
        self.task(2026, D(2026, 6, 30), S.DONE, division=self.other_agency)  # another agency's
        self.login(self.director)
        response = self.client.get(reverse("core:overview"))
        self.assertEqual(response.status_code, 200)
        rows = {row.key: row for _system, group in response.context["systems"] for row in group}
        self.assertEqual(rows["ledger.tasks"].current, 2)
        self.assertEqual(rows["ledger.tasks"].previous, 1)
        self.assertEqual(rows["ledger.tasks"].change, 1)
        self.assertContains(response, "法治建设重点任务")
        self.assertContains(response, "2026年与2025年对比")

    def test_a_trend_shows_every_year_and_an_empty_year_as_null(self) -> None:
        self.task(2022, D(2022, 6, 30), S.DONE)
        self.task(2024, D(2024, 6, 30), S.DONE)
        self.task(2026, D(2026, 6, 30), S.DONE)
        self.login(self.director)
        response = self.client.get(reverse("core:overview"), {"figure": "ledger.tasks"})
        options = response.context["trend"]["options"]
        self.assertEqual(options["xAxis"]["data"], ["2021", "2022", "2023", "2024", "2025", "2026"])
        self.assertEqual(options["series"][0]["data"], [None, 1, None, 1, None, 1])
        self.assertEqual(options["series"][0]["type"], "line")
        # The chart's data reach the page as JSON, with null for the empty years.
        data = json.loads(
            response.content.decode()
            .split('id="chart-trend" type="application/json">')[1]
            .split("</script>")[0]
        )
        self.assertEqual(data["series"][0]["data"], [None, 1, None, 1, None, 1])
        self.assertContains(response, 'id="trend-table"')
        self.assertContains(response, "<td>无记录</td>", count=3, html=False)

    def test_overdue_work_is_grouped_by_division_with_supervision(self) -> None:
        late = self.task(2026, D(2026, 11, 30), title="逾期任务甲")
        self.task(2026, D(2026, 10, 31), S.IN_PROGRESS, division=self.other_division, title="逾期任务乙")
        self.task(2026, D(2026, 12, 31), title="未到期任务")
        self.task(2026, D(2026, 11, 1), S.DONE, title="已完成任务")
        self.login(self.director)
        response = self.client.get(reverse("core:overview"))
        groups = response.context["overdue_groups"]
        self.assertEqual(
            sorted((g.name, [i.title for i in g.items]) for g in groups),
            [("基础研究处", ["逾期任务甲"]), ("科技监督与诚信建设处", ["逾期任务乙"])],
        )
        self.assertContains(response, reverse("ledger:detail", args=[late.pk]) + "#supervision")
        self.assertNotContains(response, "未到期任务")
        self.assertNotContains(response, "已完成任务")
        # The chart counts one kind of thing: overdue items per division.
        chart = response.context["overdue_chart"]
        self.assertEqual(len(chart["series"]), 1)
        self.assertContains(response, 'id="overdue-table"')

    def test_the_page_costs_a_bounded_number_of_queries(self) -> None:
        self.login(self.director)
        self.client.get(reverse("core:overview"))
        with CaptureQueriesContext(connection) as few:
            self.client.get(reverse("core:overview"))
        for year in (2023, 2024, 2025, 2026):
            self.task(year, D(year, 11, 1), title=f"任务{year}")
            self.task(year, D(year, 11, 2), S.DONE, title=f"完成{year}")
        with CaptureQueriesContext(connection) as many:
            self.client.get(reverse("core:overview"))
        self.assertEqual(len(few), len(many))

    def test_division_staff_and_the_administrator_get_404(self) -> None:
        for user in (self.drafter, self.division_head, self.reviewer, self.admin_user):
            self.login(user)
            self.assertEqual(self.client.get(reverse("core:overview")).status_code, 404)

    def test_the_leaders_dashboard_links_to_the_overview_and_the_menu_lists_it(self) -> None:
        self.login(self.director)
        response = self.client.get(reverse("core:dashboard"))
        self.assertContains(response, 'id="overview-link"')
        self.assertContains(response, reverse("core:overview"), count=2)  # callout and menu
        self.login(self.drafter)
        response = self.client.get(reverse("core:dashboard"))
        self.assertNotContains(response, reverse("core:overview"))

    def test_the_overview_reads_in_english(self) -> None:
        self.login(self.director)
        response = self.client.get(reverse("core:overview"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "Leadership overview")
        self.assertContains(response, "Overdue work by division")
        self.assertContains(response, "Trend over the years")
        self.assertNotContains(response, "各处室逾期事项")


@time_machine.travel(TODAY, tick=False)
class DivisionHeadPageTests(BaseTestCase):
    def test_the_division_heads_page_lists_the_divisions_overdue_items(self) -> None:
        for title, division in (("本处逾期", self.sci_division), ("他处逾期", self.other_division)):
            LedgerItem.objects.create(
                year=2026,
                title=title,
                division=division,
                lead=self.director,
                due_on=D(2026, 11, 30),
                created_by=self.director,
            )
        self.login(self.division_head)
        response = self.client.get(reverse("core:dashboard"))
        self.assertTemplateUsed(response, "core/dashboard_head.html")
        self.assertEqual([i.title for i, _open in response.context["overdue"]], ["本处逾期"])
        self.assertContains(response, "本处室逾期事项")
        self.assertNotContains(response, "他处逾期")
        # The staff keep their page.
        self.login(self.drafter)
        response = self.client.get(reverse("core:dashboard"))
        self.assertTemplateUsed(response, "core/dashboard.html")
        self.assertNotContains(response, "本处室逾期事项")
