"""The staff pages of the task ledger: who may open them, the wall of the year's tasks with its
figures and the leading group, a task put on the ledger through its form, a task walked through
its page to done (progress, submission, return, sign-off, assessment), supervision and its
answer, cancellation, refusals shown next to the form with the reason and nothing saved, the
leading group set through its page, the wall's query count and the work list."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.models import AuditEvent, User
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.ledger import actions
from fazhi.ledger.models import LedgerItem, Supervision
from fazhi.ledger.stats import ledger_figures
from fazhi.ledger.tests.base import D, LedgerTestCase, on
from fazhi.ledger.worklist import ledger_items

S = LedgerItem.Status
BOARD = reverse("ledger:board")
CREATE = reverse("ledger:create")
GROUP = reverse("ledger:group")


def detail(item: LedgerItem) -> str:
    return reverse("ledger:detail", args=[item.pk])


def act(item: LedgerItem, action: str) -> str:
    return reverse("ledger:action", args=[item.pk, action])


def prefixed(action: str, **values: Any) -> dict[str, Any]:
    return {f"{action}-{name}": value for name, value in values.items()}


def verbs(item: LedgerItem) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="ledger.ledgeritem", object_id=str(item.pk))
        .order_by("seq")
        .values_list("verb", flat=True)
    )


def row_of(html: str, item: LedgerItem) -> str:
    """The wall's row of `item`."""
    found = re.search(rf'<tr id="item-{item.pk}">.*?</tr>', html, re.S)
    assert found is not None, item
    return found.group()


def flashed(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


class ViewTestCase(LedgerTestCase):
    def step(self, item: LedgerItem, action: str, **values: Any) -> Any:
        response = self.client.post(act(item, action), prefixed(action, **values))
        # A refused step answers 303 to the task's page, which shows it (core.refusals).
        return self.client.get(response["Location"]) if response.status_code == 303 else response

    def fresh(self, item: LedgerItem) -> LedgerItem:
        return LedgerItem.objects.get(pk=item.pk)

    def assertStepDone(self, response: Any, item: LedgerItem, anchor: str = "") -> None:
        self.assertEqual(response.status_code, 302, flashed(response))
        self.assertEqual(response["Location"], detail(item) + anchor)

    def assertRefused(self, response: Any, action: str, field: str | None, text: str) -> None:
        """The page again (200), the step's form with `text` next to `field` (None: above it)."""
        self.assertEqual(response.status_code, 200)
        form = response.context["forms"][action]
        errors = form.non_field_errors() if field is None else form.errors.get(field, [])
        self.assertIn(text, " ".join(errors), form.errors)

    def forms_of(self, user: User, item: LedgerItem) -> set[str]:
        self.login(user)
        return set(self.client.get(detail(item)).context["forms"])

    def form_data(self, **overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "year": "2026",
            "title": "完成《天津市科技进步促进条例》修改的配合工作",
            "description": "形成修改建议稿并报送",
            "source": "局党委年度工作要点",
            "division": str(self.sci_division.pk),
            "lead": str(self.director.pk),
            "due_on": "2026-06-30",
        }
        data.update(overrides)
        return data

    def deputy(self) -> User:
        return make_user("deputy", org=self.bureau, roles=[Role.LEADERSHIP], full_name="周副局长")


class AccessTests(ViewTestCase):
    def test_each_page_renders_for_the_roles_allowed_and_answers_404_to_others(self) -> None:
        item = self.item()
        area = {self.drafter, self.division_head, self.reviewer, self.director, self.outsider}
        pages = {
            BOARD: area,
            GROUP: area,
            CREATE: {self.reviewer, self.director},
            detail(item): {self.drafter, self.division_head, self.reviewer, self.director},
        }
        everyone = [
            self.drafter,
            self.division_head,
            self.reviewer,
            self.advisor,
            self.director,
            self.officer,
            self.filing_officer,
            self.admin_user,
            self.outsider,
        ]
        for url, allowed in pages.items():
            for user in everyone:
                with self.subTest(url=url, user=user.username):
                    self.login(user)
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200 if user in allowed else 404)

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        item = self.item()
        for url in (BOARD, GROUP, CREATE, detail(item)):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith("/accounts/login/"))
        response = self.client.post(act(item, "sign_off"))
        self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_a_division_sees_only_its_own_tasks(self) -> None:
        own = self.item(title="科技法规清理")
        other = self.item(title="科研诚信制度修订", division=self.other_division)
        self.login(self.drafter)
        response = self.client.get(BOARD)
        self.assertContains(response, "科技法规清理")
        self.assertNotContains(response, "科研诚信制度修订")
        self.assertContains(response, "以上为本机关的全部数字")
        self.assertEqual(self.client.get(detail(other)).status_code, 404)
        self.login(self.outsider)
        self.assertEqual(self.client.get(detail(own)).status_code, 404)
        self.assertContains(self.client.get(BOARD), "科研诚信制度修订")
        self.login(self.reviewer)
        response = self.client.get(BOARD)
        self.assertContains(response, "科技法规清理")
        self.assertContains(response, "科研诚信制度修订")
        self.assertNotContains(response, "以上为本机关的全部数字")

    def test_steps_a_person_may_never_take_answer_404_and_change_nothing(self) -> None:
        item = self.item()
        actions.report_progress(item, actor=self.drafter, progress=100, note="完成")
        posts: list[tuple[User, str, dict[str, Any]]] = [
            (self.drafter, "submit_for_signoff", {}),  # the head submits
            (self.drafter, "sign_off", {}),
            (self.reviewer, "supervise", {"instruction": "加快", "respond_by": "2026-03-09"}),  # not a leader
            (self.division_head, "cancel_item", {"reason": "调整"}),
            (self.outsider, "report_progress", {"progress": "10", "note": "x"}),  # not theirs
            (self.director, "report_progress", {"progress": "10", "note": "x"}),
            (self.officer, "report_progress", {"progress": "10", "note": "x"}),
        ]
        for user, action, values in posts:
            with self.subTest(user=user.username, action=action):
                self.login(user)
                self.assertEqual(self.step(item, action, **values).status_code, 404)
        self.assertEqual(
            (self.fresh(item).status, self.fresh(item).progress, Supervision.objects.count()),
            (S.IN_PROGRESS, 100, 0),
        )

    def test_an_unknown_action_answers_404_and_a_get_405(self) -> None:
        item = self.item()
        self.login(self.director)
        self.assertEqual(self.client.post(act(item, "delete")).status_code, 404)
        self.assertEqual(self.client.get(act(item, "sign_off")).status_code, 405)
        self.assertEqual(self.client.get(reverse("ledger:detail", args=[99999])).status_code, 404)

    def test_each_person_is_offered_the_steps_they_may_take(self) -> None:
        item = self.item()
        self.assertEqual(self.forms_of(self.drafter, item), {"report_progress"})
        self.assertEqual(self.forms_of(self.division_head, item), {"report_progress"})
        self.assertEqual(self.forms_of(self.reviewer, item), {"cancel_item"})
        self.assertEqual(self.forms_of(self.director, item), {"supervise", "cancel_item"})
        actions.report_progress(item, actor=self.drafter, progress=100, note="完成")
        self.assertEqual(self.forms_of(self.division_head, item), {"report_progress", "submit_for_signoff"})
        self.assertEqual(self.forms_of(self.drafter, item), {"report_progress"})
        actions.submit_for_signoff(item, actor=self.division_head)
        self.assertEqual(self.forms_of(self.division_head, item), set())
        self.assertEqual(
            self.forms_of(self.director, item), {"sign_off", "return_item", "supervise", "cancel_item"}
        )

    def test_the_menu_leads_to_the_pages_each_role_may_open(self) -> None:
        both = {"ledger:board", "ledger:group"}
        for user, expected in (
            (self.reviewer, both),
            (self.director, both),
            (self.drafter, both),
            (self.division_head, both),
            (self.officer, set()),
            (self.advisor, set()),
            (self.filing_officer, set()),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                html = self.client.get(reverse("core:dashboard")).content.decode()
                self.assertEqual(set(re.findall(r'data-menu="(ledger:[a-z_]+)"', html)), expected)
                if expected:
                    self.assertIn("法治建设责任", html)


class BoardTests(ViewTestCase):
    def test_the_wall_shows_each_task_with_its_leader_due_date_progress_status_and_supervision(self) -> None:
        late = self.item(title="开展科技法规清理", due_on=D(2026, 3, 31))
        actions.report_progress(late, actor=self.drafter, progress=40, note="已梳理目录")
        later = self.item(title="公布清理结果", blocked_by=[late])
        other = self.item(title="科研诚信制度修订", division=self.other_division, due_on=D(2026, 9, 30))
        actions.supervise(late, actor=self.director, instruction="加快进度", respond_by=D(2026, 4, 3))
        actions.set_leading_group(
            2026,
            actor=self.reviewer,
            head=("陈局长", "局长", self.bureau, self.director),
            deputies=[("周副局长", "副局长", self.bureau, None)],
            members=[("李处长", "处长", self.sci_division, self.division_head)],
        )
        with on("2026-04-01"):
            self.login(self.reviewer)
            response = self.client.get(BOARD, {"year": "2026"})
            self.assertEqual(response.context["figures"], ledger_figures(2026, today=D(2026, 4, 1)))
        groups = response.context["groups"]
        self.assertEqual(
            [(label, [i.pk for i in rows]) for label, rows in groups],
            [("基础研究处", [late.pk, later.pk]), ("科技监督与诚信建设处", [other.pk])],
        )
        html = response.content.decode()
        row = row_of(html, late)
        self.assertIn("陈局长", row)
        self.assertIn('<progress max="100" value="40"', row)
        self.assertIn("逾期", row)  # due 31 March, open on 1 April
        self.assertIn("推进中", row)
        self.assertIn(f'href="{detail(late)}#supervision-', row)
        self.assertIn("2026年4月3日", row)  # the answer date the leader set
        self.assertIn("重点任务台账确定的完成时限", row)  # the basis, never a statute
        self.assertNotIn("逾期", row_of(html, other))
        self.assertRegex(html, r'id="fig-overdue"><span class="stat-value">1</span>')
        self.assertRegex(html, r'id="fig-tasks"><span class="stat-value">3</span>')
        self.assertContains(response, "周副局长")
        self.assertContains(response, f'href="{CREATE}?year=2026"')
        self.assertNotRegex(html, r"<script>(?!\s*</script>)")  # no inline script for the CSP
        self.assertNotIn('style="', html)

        response = self.client.get(BOARD, {"year": "2026", "by": "status"})
        self.assertEqual(
            [(str(label), [i.pk for i in rows]) for label, rows in response.context["groups"]],
            [("未开始", [later.pk, other.pk]), ("推进中", [late.pk])],
        )
        self.login(self.director)
        self.assertContains(self.client.get(BOARD), f'href="{CREATE}?year=2026"')
        self.login(self.drafter)
        self.assertNotContains(self.client.get(BOARD), f'href="{CREATE}')

    def test_the_year_chosen_and_a_bad_year(self) -> None:
        self.item()
        self.item(year=2025, title="上年任务", due_on=D(2025, 12, 31))
        self.login(self.reviewer)
        response = self.client.get(BOARD, {"year": "2025"})
        self.assertEqual(response.context["year"], 2025)
        self.assertContains(response, "上年任务")
        self.assertEqual(response.context["choices"], [2026, 2025])
        response = self.client.get(BOARD, {"year": "明年"})
        self.assertEqual(response.context["year"], 2026)
        self.assertContains(response, "不是有效的年份")
        self.assertContains(self.client.get(BOARD, {"year": "2030"}), "2030 年尚无重点任务")

    def add_rows(self) -> None:
        for division in (self.sci_division, self.other_division):
            item = self.item(division=division)
            actions.supervise(item, actor=self.director, instruction="加快", respond_by=D(2026, 3, 9))
            actions.supervise(item, actor=self.director, instruction="再督", respond_by=D(2026, 3, 19))
        actions.report_progress(item, actor=self.outsider, progress=30, note="推进")

    def test_the_query_count_does_not_grow_with_the_rows(self) -> None:
        self.login(self.reviewer)
        self.add_rows()
        self.client.get(BOARD)  # warm the caches
        with CaptureQueriesContext(connection) as queries:
            self.client.get(BOARD)
        count = len(queries.captured_queries)
        for _n in range(3):
            self.add_rows()
        with self.assertNumQueries(count):
            response = self.client.get(BOARD)
        self.assertEqual(response.context["count"], 8)


class CreateTests(ViewTestCase):
    def test_the_reviewer_puts_a_task_on_the_ledger_with_its_prerequisite(self) -> None:
        first = self.item(title="开展科技法规清理")
        self.item(title="下年度任务", year=2027, due_on=D(2027, 3, 1))
        self.login(self.reviewer)
        response = self.client.get(CREATE, {"year": "2026"})
        self.assertEqual(list(response.context["form"].fields["blocked_by"].queryset), [first])
        leads = list(response.context["form"].fields["lead"].queryset)
        self.assertEqual(leads, [self.director])  # the leadership only
        self.assertNotIn(self.bureau, response.context["form"].fields["division"].queryset)
        response = self.client.post(CREATE + "?year=2026", self.form_data(blocked_by=[str(first.pk)]))
        item = LedgerItem.objects.get(title__startswith="完成《")
        self.assertRedirects(response, detail(item), fetch_redirect_response=False)
        self.assertEqual(
            (item.division, item.lead, item.due_on, list(item.blocked_by.all()), item.created_by),
            (self.sci_division, self.director, D(2026, 6, 30), [first], self.reviewer),
        )
        self.assertIn("已列入 2026 年重点任务台账", flashed(response)[0])
        self.assertEqual(verbs(item), ["ledger.create"])
        page = self.client.get(detail(item))
        self.assertContains(page, "开展科技法规清理")
        self.assertContains(page, "尚未完成的前置任务")

    def test_a_refused_task_shows_the_reasons_next_to_the_fields_and_saves_nothing(self) -> None:
        earlier = self.item(title="上年任务", year=2025, due_on=D(2025, 12, 31))
        before = LedgerItem.objects.count()
        self.login(self.reviewer)
        response = self.client.post(
            CREATE,
            self.form_data(
                lead=str(self.division_head.pk),  # not a bureau leader
                division=str(self.bureau.pk),  # not a division
                due_on="6月30日",
                blocked_by=[str(earlier.pk)],  # another year's task
            ),
        )
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors
        self.assertEqual(errors["lead"], ["所选人员不是本机关领导"])
        self.assertEqual(errors["division"], ["所选处室不存在"])
        self.assertEqual(errors["due_on"], ["日期格式应为 2026-01-01"])
        self.assertEqual(errors["blocked_by"], ["所选前置任务不是该年度的任务"])
        self.assertContains(response, "局党委年度工作要点")  # the input kept
        self.assertEqual(LedgerItem.objects.count(), before)
        response = self.client.post(CREATE, self.form_data(year="1999", title=""))
        self.assertEqual(response.context["form"].errors["year"], ["年度应在 2000 年至 2100 年之间"])
        self.assertEqual(response.context["form"].errors["title"], ["请填写任务"])
        self.assertEqual(LedgerItem.objects.count(), before)


class WorklistTests(ViewTestCase):
    def titles(self, user: User) -> dict[str, Any]:
        return {item.title: item.due.due if item.due else None for item in ledger_items(user)}

    def test_a_division_sees_its_tasks_due_soon_or_late_and_the_supervision_to_answer(self) -> None:
        soon = self.item(title="开展科技法规清理", due_on=D(2026, 3, 31))
        self.item(title="公布清理结果", due_on=D(2026, 6, 30))  # not within 30 days
        late = self.item(title="报送年度报告", due_on=D(2026, 2, 27))
        self.item(title="其他处室任务", division=self.other_division, due_on=D(2026, 3, 10))
        actions.supervise(soon, actor=self.director, instruction="加快进度", respond_by=D(2026, 3, 9))
        expected = {
            "已超过完成时限：报送年度报告": D(2026, 2, 27),
            "临近完成时限：开展科技法规清理": D(2026, 3, 31),
            "反馈督办意见：开展科技法规清理": D(2026, 3, 9),
        }
        self.assertEqual(self.titles(self.drafter), expected)
        actions.report_progress(late, actor=self.drafter, progress=100, note="已完成")
        self.assertEqual(
            self.titles(self.division_head),
            {**expected, "提请分管领导确认完成：报送年度报告": None},
        )
        self.assertEqual(self.titles(self.drafter), expected)
        self.assertEqual(self.titles(self.outsider), {"临近完成时限：其他处室任务": D(2026, 3, 10)})
        for user in (self.reviewer, self.officer, self.advisor, self.filing_officer):
            self.assertEqual(list(ledger_items(user)), [])
        self.login(self.drafter)
        response = self.client.get(reverse("core:dashboard"))
        self.assertContains(response, f"{detail(soon)}#supervision")
        self.assertContains(response, "督办时确定的反馈时限")

    def test_the_leader_sees_the_tasks_waiting_for_their_sign_off_and_the_late_ones_they_lead(self) -> None:
        deputy = self.deputy()
        waiting = self.item(title="开展科技法规清理")
        actions.report_progress(waiting, actor=self.drafter, progress=100, note="完成")
        actions.submit_for_signoff(waiting, actor=self.division_head)
        late = self.item(title="报送年度报告", due_on=D(2026, 2, 27))
        self.item(title="公布清理结果")  # neither
        self.item(title="副局长分管的任务", lead=deputy, due_on=D(2026, 2, 1))
        self.assertEqual(
            self.titles(self.director),
            {
                "分管任务已超过完成时限：报送年度报告（基础研究处）": D(2026, 2, 27),
                "确认完成或退回：开展科技法规清理（基础研究处）": None,
            },
        )
        self.assertEqual(
            self.titles(deputy), {"分管任务已超过完成时限：副局长分管的任务（基础研究处）": D(2026, 2, 1)}
        )
        # Submitted for sign-off, the task waits for the leader, not the division.
        self.assertNotIn("临近完成时限：开展科技法规清理", self.titles(self.drafter))
        self.login(self.director)
        response = self.client.get(reverse("core:dashboard"))
        self.assertContains(response, f"{detail(waiting)}#signoff")
        self.assertContains(response, detail(late))
