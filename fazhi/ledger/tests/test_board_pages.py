"""The task wall /work/ledger/ a page at a time: the groups in order across pages, the year and
the grouping kept from page to page, a bad page number answered with a page."""

from __future__ import annotations

import importlib
from unittest import mock

from django.urls import reverse

from fazhi.ledger.tests.base import D, LedgerTestCase

# The module, not the view of the same name that fazhi.ledger.views exports.
board_views = importlib.import_module("fazhi.ledger.views.board")

BOARD = reverse("ledger:board")


@mock.patch.object(board_views, "PAGE_SIZE", 2)
class BoardPageTests(LedgerTestCase):
    def add_tasks(self) -> None:
        # Two divisions; the later due date first, to show the order is the group's, then the due date.
        self.item(division=self.other_division, title="甲处室任务", due_on=D(2026, 5, 31))
        self.item(division=self.sci_division, title="基础研究处任务二", due_on=D(2026, 9, 30))
        self.item(division=self.sci_division, title="基础研究处任务一", due_on=D(2026, 4, 30))
        self.item(year=2025, title="上年任务", due_on=D(2025, 12, 31))

    def titles(self, response: object) -> list[str]:
        return [item.title for _label, rows in response.context["groups"] for item in rows]  # type: ignore[attr-defined]

    def test_the_wall_is_paged_in_the_order_of_its_groups_and_keeps_the_year_and_grouping(self) -> None:
        self.add_tasks()
        self.login(self.reviewer)
        first = self.client.get(BOARD, {"year": "2026"})
        second = self.client.get(BOARD, {"year": "2026", "page": "2"})
        divisions = sorted([self.sci_division, self.other_division], key=lambda d: (d.sort_order, d.pk))
        by_division = [
            t
            for d in divisions
            for t in (["基础研究处任务一", "基础研究处任务二"] if d == self.sci_division else ["甲处室任务"])
        ]
        self.assertEqual(self.titles(first) + self.titles(second), by_division)
        self.assertEqual(second.context["count"], 3)
        self.assertContains(first, 'href="?year=2026&amp;page=2" rel="next"')
        self.assertContains(first, "第 1 / 2 页")
        self.assertNotContains(second, "上年任务")
        by_status = self.client.get(BOARD, {"year": "2026", "by": "status", "page": "2"})
        self.assertContains(by_status, 'href="?year=2026&amp;by=status&amp;page=1" rel="prev"')

    def test_a_page_number_that_is_not_one_answers_with_a_page(self) -> None:
        self.add_tasks()
        self.login(self.reviewer)
        first = self.titles(self.client.get(BOARD, {"year": "2026"}))
        # As every other list: not a number → the first page, past the end → the last.
        self.assertEqual(self.titles(self.client.get(BOARD, {"year": "2026", "page": "abc"})), first)
        last = self.client.get(BOARD, {"year": "2026", "page": "99"})
        self.assertEqual(last.status_code, 200)
        self.assertEqual(last.context["page"].number, 2)
