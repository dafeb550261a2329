"""Issue 12: two departments on one installation. The commission's people of every role neither
read nor act on the bureau's ledger (pages, steps, API, actions); each agency has its own leading
group of a year, with its own head; the figures count one agency's tasks."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from fazhi.core.testing import make_department
from fazhi.core.workflow import DomainError
from fazhi.ledger import actions
from fazhi.ledger.models import LeadingGroupMember, LedgerItem
from fazhi.ledger.stats import ledger_figures
from fazhi.ledger.tests.base import D, LedgerTestCase

STEPS = (
    "report_progress",
    "submit_for_signoff",
    "sign_off",
    "return_item",
    "supervise",
    "cancel_item",
    "assess",
)
API = "/api/v1/ledger"


class TwoAgenciesTestCase(LedgerTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()

    def commission_users(self) -> list[Any]:
        c = self.commission
        return [c.drafter, c.division_head, c.reviewer, c.director, c.officer, c.personnel, c.admin_user]

    def commission_item(self, **overrides: Any) -> LedgerItem:
        c = self.commission
        values: dict[str, Any] = {
            "actor": c.reviewer,
            "division": c.division,
            "lead": c.director,
            "source": "委党组年度工作要点",
            "title": "推进教育领域规范性文件清理",
        }
        values.update(overrides)
        return self.item(**values)


class IsolationTests(TwoAgenciesTestCase):
    def test_the_commission_gets_404_on_the_bureaus_task_and_its_steps(self) -> None:
        item = self.item()
        for user in self.commission_users():
            self.client.force_login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(reverse("ledger:detail", args=[item.pk])).status_code, 404)
                for step in STEPS:
                    response = self.client.post(reverse("ledger:action", args=[item.pk, step]), {})
                    self.assertEqual(response.status_code, 404, step)
                board = self.client.get(reverse("ledger:board") + "?year=2026")
                if board.status_code == 200:
                    self.assertNotContains(board, item.title)
        item.refresh_from_db()
        self.assertEqual(item.status, LedgerItem.Status.OPEN)

    def test_the_commission_api_lists_nothing_of_the_bureau_and_answers_404(self) -> None:
        item = self.item()
        own = self.commission_item()
        self.client.force_login(self.commission.director)
        listed = self.client.get(f"{API}/items", {"year": 2026}).json()
        self.assertEqual([row["id"] for row in listed["items"]], [own.pk])
        self.assertEqual(self.client.get(f"{API}/items/{item.pk}").status_code, 404)
        for path, body in (
            ("sign_off", {}),
            ("supervise", {"instruction": "加快进度", "respond_by": "2026-03-20"}),
            ("assess", {"assessment": "completed", "note": ""}),
        ):
            response = self.client.post(
                f"{API}/items/{item.pk}/{path}", data=json.dumps(body), content_type="application/json"
            )
            self.assertEqual(response.status_code, 404, path)
        self.client.force_login(self.commission.reviewer)
        response = self.client.post(
            f"{API}/items/{item.pk}/cancel", data=json.dumps({"reason": "x"}), content_type="application/json"
        )
        self.assertEqual(response.status_code, 404)
        stats = self.client.get(f"{API}/stats", {"year": 2026}).json()
        self.assertEqual(stats["tasks"], 1)

    def test_actions_refuse_the_other_agencys_people(self) -> None:
        item = self.item()
        c = self.commission
        for run in (
            lambda: actions.sign_off(item, actor=c.director),
            lambda: actions.return_item(item, actor=c.director, reason="退回"),
            lambda: actions.supervise(item, actor=c.director, instruction="督办", respond_by=D(2026, 3, 20)),
            lambda: actions.assess(item, actor=c.director, assessment="completed"),
            lambda: actions.cancel_item(item, actor=c.reviewer, reason="撤销"),
            lambda: actions.report_progress(item, actor=c.drafter, progress=10, note="进展"),
        ):
            with self.assertRaises(PermissionDenied):
                run()

    def test_a_task_is_the_creators_agencys_with_its_own_divisions_and_leaders(self) -> None:
        own = self.commission_item()
        self.assertEqual(own.agency, self.commission.agency)
        with self.assertRaisesMessage(DomainError, "本机关的处室"):
            self.commission_item(division=self.sci_division)
        with self.assertRaisesMessage(DomainError, "委领导"):
            self.commission_item(lead=self.director)
        bureau_item = self.item()
        with self.assertRaisesMessage(DomainError, "本机关同一年度"):
            self.commission_item(blocked_by=[bureau_item])

    def test_figures_count_one_agencys_tasks(self) -> None:
        self.item()
        self.item(title="第二项任务")
        self.commission_item()
        today = D(2026, 3, 2)
        self.assertEqual(ledger_figures(2026, today=today, agency=self.bureau).tasks, 2)
        self.assertEqual(ledger_figures(2026, today=today, agency=self.commission.agency).tasks, 1)
        self.assertEqual(ledger_figures(2026, today=today).tasks, 3)


class LeadingGroupTests(TwoAgenciesTestCase):
    def test_one_head_per_agency_and_year_and_neither_replaces_the_other(self) -> None:
        c = self.commission
        actions.set_leading_group(
            2026,
            actor=self.reviewer,
            head=("陈局长", "局长", self.bureau, self.director),
            deputies=[],
            members=[],
        )
        actions.set_leading_group(
            2026, actor=c.reviewer, head=("教主任", "主任", c.agency, c.director), deputies=[], members=[]
        )
        heads = LeadingGroupMember.objects.filter(year=2026, position=LeadingGroupMember.Position.HEAD)
        self.assertEqual(
            sorted(heads.values_list("agency__code", "name")),
            sorted([(self.bureau.code, "陈局长"), (c.agency.code, "教主任")]),
        )
        self.assertEqual(ledger_figures(2026, today=D(2026, 3, 2), agency=self.bureau).group_head, "陈局长")
        with self.assertRaises(IntegrityError), transaction.atomic():
            LeadingGroupMember.objects.create(
                agency=c.agency, year=2026, position="head", name="另一人", organization=c.agency
            )

    def test_a_group_takes_only_the_agencys_people(self) -> None:
        c = self.commission
        with self.assertRaisesMessage(DomainError, "不是本机关的人员"):
            actions.set_leading_group(
                2026,
                actor=c.reviewer,
                head=("陈局长", "局长", self.bureau, self.director),
                deputies=[],
                members=[],
            )

    def test_the_group_page_shows_the_own_agencys_group(self) -> None:
        actions.set_leading_group(
            2026,
            actor=self.reviewer,
            head=("陈局长", "局长", self.bureau, self.director),
            deputies=[],
            members=[],
        )
        self.client.force_login(self.commission.director)
        response = self.client.get(reverse("ledger:group") + "?year=2026")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "陈局长")
