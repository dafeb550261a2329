"""The staff pages of legal publicity: who may open them, the overview with the year's figures
and its chart, the plan, the responsibility list and the activities through their forms,
refusals shown next to the field with the input kept and nothing saved, materials attached,
and the lists' query counts."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.attachments import attachments_of
from fazhi.core.models import AuditEvent
from fazhi.legal_publicity import actions
from fazhi.legal_publicity.models import Activity, PublicityPlan, ResponsibilityItem
from fazhi.legal_publicity.stats import publicity_figures
from fazhi.legal_publicity.tests.base import D, PublicityTestCase

INDEX = reverse("legal_publicity:index")
PLANS = reverse("legal_publicity:plans")
PLAN_CREATE = reverse("legal_publicity:plan_create")
ITEMS = reverse("legal_publicity:responsibilities")
ITEM_CREATE = reverse("legal_publicity:responsibility_create")
ACTIVITIES = reverse("legal_publicity:activities")
ACTIVITY_CREATE = reverse("legal_publicity:activity_create")


def detail(obj: Any) -> str:
    names = {
        PublicityPlan: "legal_publicity:plan_detail",
        ResponsibilityItem: "legal_publicity:responsibility_detail",
        Activity: "legal_publicity:activity_detail",
    }
    return reverse(names[type(obj)], args=[obj.pk])


def complete_url(item: ResponsibilityItem) -> str:
    return reverse("legal_publicity:responsibility_complete", args=[item.pk])


def flashed(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def errors_of(response: Any, field: str | None, form: str = "form") -> str:
    bound = response.context[form]
    return " ".join(bound.non_field_errors() if field is None else bound.errors.get(field, []))


class AccessTests(PublicityTestCase):
    def test_each_page_renders_for_the_roles_allowed_and_answers_404_to_others(self) -> None:
        area = {self.drafter, self.division_head, self.reviewer, self.director, self.officer, self.outsider}
        recorders = area - {self.director}
        sci = {self.drafter, self.division_head, self.reviewer, self.director}
        item = self.responsibility()
        pages = {
            INDEX: area,
            PLANS: area,
            ITEMS: area,
            ACTIVITIES: area,
            PLAN_CREATE: {self.reviewer},
            ITEM_CREATE: {self.reviewer},
            ACTIVITY_CREATE: recorders,
            detail(self.plan()): area,
            detail(item): sci,
            detail(self.activity(responsibility=item)): sci,
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
                    self.assertEqual(self.client.get(url).status_code, 200 if user in allowed else 404)

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        item = self.responsibility()
        for url in (INDEX, PLANS, ITEM_CREATE, ACTIVITY_CREATE, detail(item), detail(self.activity())):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith("/accounts/login/"))
        response = self.client.post(complete_url(item), {"complete-evaluation": "完成"})
        self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_completing_is_post_only_and_hidden_from_those_it_is_not_for(self) -> None:
        item = self.responsibility()
        self.activity(responsibility=item)
        self.login(self.drafter)
        self.assertEqual(self.client.get(complete_url(item)).status_code, 405)
        for user in (self.director, self.outsider, self.officer, self.advisor):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.post(complete_url(item), {"complete-evaluation": "完成"})
                self.assertEqual(response.status_code, 404)
        self.login(self.reviewer)
        self.assertEqual(
            self.client.post(reverse("legal_publicity:responsibility_complete", args=[99999])).status_code,
            404,
        )
        item.refresh_from_db()
        self.assertIsNone(item.done_on)

    def test_the_menu_leads_to_the_pages_each_role_may_open(self) -> None:
        both = {"legal_publicity:index", "legal_publicity:activities"}
        for user, expected in (
            (self.reviewer, both),
            (self.director, both),
            (self.drafter, both),
            (self.officer, both),
            (self.advisor, set()),
            (self.filing_officer, set()),
            (self.admin_user, set()),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                html = self.client.get(reverse("core:dashboard")).content.decode()
                self.assertEqual(set(re.findall(r'data-menu="(legal_publicity:[a-z_]+)"', html)), expected)


class IndexTests(PublicityTestCase):
    def test_the_legal_division_sees_the_years_figures_with_a_chart_by_form(self) -> None:
        self.plan()
        due = self.responsibility(due_on=D(2026, 3, 31), content="《科学技术普及法》")
        self.responsibility(division=self.other_division, content="《科研诚信案件调查处理规则》")
        self.activity(responsibility=due)
        self.activity(kind="case", audience="internal", reach=30, case_used="某公司违规开展动物实验被处罚案")
        self.activity(
            actor=self.outsider, division=self.other_division, kind="case", case_used="某案", reach=5
        )
        self.login(self.reviewer)
        response = self.client.get(INDEX, {"year": "2026"})
        self.assertEqual(response.context["figures"], publicity_figures(2026))
        html = response.content.decode()
        for row, value in (("activities", 3), ("internal", 1), ("public", 2), ("reach", 155), ("cases", 2)):
            with self.subTest(row=row):
                self.assertRegex(
                    html, rf'<tr id="fig-{row}"><th scope="row">[^<]+</th><td class="num">{value}</td>'
                )
        # The chart by form, from a JSON block the shared charts.js reads (no inline script).
        self.assertContains(response, 'data-chart="chart-kinds"')
        self.assertContains(response, 'src="/static/fazhi/js/charts.js"')
        chart = response.context["chart"]
        self.assertEqual(chart["xAxis"]["data"][:3], ["专题宣讲", "学法培训", "以案释法"])
        self.assertEqual(chart["series"][0]["data"][:3], [1, 0, 2])
        self.assertRegex(html, r'<script id="chart-kinds" type="application/json">')
        self.assertNotRegex(html, r"<script>(?!\s*</script>)")
        self.assertNotIn('style="', html)
        # The plan in force, the list with what is overdue, and what was done lately.
        self.assertContains(response, "科技系统“九五”普法规划")
        self.assertEqual(response.context["overdue"], 1)
        overdue = {item.pk: item.overdue for item in response.context["items"]}
        self.assertTrue(overdue[due.pk])
        self.assertContains(response, "已逾期")
        self.assertEqual(len(response.context["recent"]), 3)
        for url in (ACTIVITY_CREATE, ITEM_CREATE, PLAN_CREATE):
            self.assertContains(response, f'href="{url}"')

    def test_a_division_sees_its_own_counts_list_and_activities(self) -> None:
        self.responsibility(division=self.other_division, content="《科研诚信案件调查处理规则》")
        mine = self.activity()
        self.activity(actor=self.outsider, division=self.other_division, title="诚信宣传周")
        self.login(self.drafter)
        response = self.client.get(INDEX)
        self.assertIsNone(response.context["figures"])
        self.assertEqual(response.context["own"]["activities"], 1)
        self.assertEqual(response.context["chart"]["series"][0]["data"][0], 1)
        self.assertEqual([a.pk for a in response.context["recent"]], [mine.pk])
        self.assertEqual(response.context["items"], [])
        self.assertNotContains(response, "诚信宣传周")
        self.assertContains(response, f'href="{ACTIVITY_CREATE}"')
        self.assertNotContains(response, f'href="{ITEM_CREATE}"')
        self.login(self.director)
        response = self.client.get(INDEX)
        self.assertEqual(response.context["figures"].activities, 2)
        self.assertNotContains(response, f'href="{ACTIVITY_CREATE}"')  # the leadership reads

    def test_another_year_and_a_year_that_is_not_one(self) -> None:
        self.plan(title="科技系统“八五”普法规划", start_year=2021, end_year=2025, adopted_on=D(2021, 11, 1))
        self.login(self.director)
        response = self.client.get(INDEX, {"year": "2024"})
        self.assertEqual(
            (response.context["year"], response.context["figures"].plan), (2024, "科技系统“八五”普法规划")
        )
        self.assertIn(2024, response.context["choices"])
        response = self.client.get(INDEX, {"year": "明年"})
        self.assertEqual(response.context["year"], 2026)
        self.assertIsNone(response.context["plan"])
        self.assertContains(response, "不是有效的年份")


class PlanPageTests(PublicityTestCase):
    def form_data(self, **overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": "科技系统“九五”普法规划",
            "start_year": "2026",
            "end_year": "2030",
            "adopted_on": "2026-03-01",
            "summary": "深入学习宣传习近平法治思想",
        }
        data.update(overrides)
        return data

    def test_the_reviewer_adopts_a_plan_and_attaches_its_text(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(PLAN_CREATE, self.form_data())
        plan = PublicityPlan.objects.get()
        self.assertRedirects(response, detail(plan) + "#attachments", fetch_redirect_response=False)
        self.assertIn("已登记普法规划", flashed(response)[-1])
        self.assertEqual((plan.start_year, plan.end_year, plan.created_by), (2026, 2030, self.reviewer))
        self.assertTrue(AuditEvent.objects.filter(verb="publicity.plan").exists())
        upload = reverse("core:attachment_upload", args=["legal_publicity.publicityplan", plan.pk])
        page = self.client.get(detail(plan))
        self.assertContains(page, f'action="{upload}"')
        self.assertContains(page, "实施中")
        self.client.post(
            upload,
            {
                "file": SimpleUploadedFile("规划.pdf", b"%PDF-1.4 plan", content_type="application/pdf"),
                "next": detail(plan),
            },
        )
        self.assertEqual([a.original_name for a in attachments_of(plan)], ["规划.pdf"])
        self.assertContains(self.client.get(PLANS), "科技系统“九五”普法规划")
        self.login(self.drafter)
        page = self.client.get(detail(plan))
        self.assertContains(page, "规划.pdf")
        self.assertNotContains(page, f'action="{upload}"')

    def test_a_refused_plan_shows_the_reason_next_to_the_field_and_saves_nothing(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(PLAN_CREATE, self.form_data(start_year="2030", end_year="2026"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("规划期限不正确", errors_of(response, "end_year"))
        self.assertContains(response, 'value="科技系统“九五”普法规划"')  # nothing lost
        response = self.client.post(PLAN_CREATE, self.form_data(adopted_on="2026-05-21"))
        self.assertIn("印发日期不能晚于今天", errors_of(response, "adopted_on"))
        response = self.client.post(PLAN_CREATE, self.form_data(start_year="1999"))
        self.assertIn("2000", errors_of(response, "start_year"))
        self.assertFalse(PublicityPlan.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(verb="publicity.plan").exists())


class ResponsibilityPageTests(PublicityTestCase):
    def form_data(self, **overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "year": "2026",
            "division": str(self.sci_division.pk),
            "content": "《中华人民共和国科学技术进步法》",
            "audience": "科研人员",
            "standard": "开展专题宣讲不少于 2 次",
            "due_on": "2026-11-30",
        }
        data.update(overrides)
        return data

    def test_the_reviewer_adds_an_item_for_a_division_with_its_time_limit(self) -> None:
        self.login(self.reviewer)
        offered = set(self.client.get(ITEM_CREATE).context["form"].fields["division"].queryset)
        self.assertEqual(offered, {self.legal_division, self.sci_division, self.other_division})
        response = self.client.post(ITEM_CREATE, self.form_data())
        item = ResponsibilityItem.objects.get()
        self.assertRedirects(response, detail(item), fetch_redirect_response=False)
        self.assertIn("完成时限 2026年11月30日", flashed(response)[-1])
        self.assertEqual((item.division, item.due_on, item.year), (self.sci_division, D(2026, 11, 30), 2026))
        self.assertTrue(AuditEvent.objects.filter(verb="publicity.responsibility").exists())

    def test_a_refused_item_keeps_what_was_typed_and_saves_nothing(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(ITEM_CREATE, self.form_data(division=str(self.bureau.pk), due_on=""))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].errors["division"], ["所选处室不存在"])
        self.assertEqual(response.context["form"].errors["due_on"], ["请填写此项"])
        self.assertContains(response, "开展专题宣讲不少于 2 次")
        response = self.client.post(ITEM_CREATE, self.form_data(year="2101"))
        self.assertIn("年度应在", errors_of(response, "year"))
        self.assertFalse(ResponsibilityItem.objects.exists())

    def test_the_division_completes_its_item_only_after_an_activity(self) -> None:
        item = self.responsibility()
        self.login(self.drafter)
        page = self.client.get(detail(item))
        self.assertIsNotNone(page.context["complete_form"])
        self.assertContains(page, f'href="{ACTIVITY_CREATE}?responsibility={item.pk}"')
        response = self.client.post(complete_url(item), {"complete-evaluation": "开展宣讲 2 次"}, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertIn("尚无落实该事项的普法活动记录", errors_of(response, None, "complete_form"))
        self.assertContains(response, "开展宣讲 2 次")  # the evaluation typed is kept
        item.refresh_from_db()
        self.assertIsNone(item.done_on)
        self.assertFalse(AuditEvent.objects.filter(verb="publicity.responsibility_done").exists())
        response = self.client.post(complete_url(item), {"complete-evaluation": "  "}, follow=True)
        self.assertEqual(response.context["complete_form"].errors["evaluation"], ["请填写完成情况评价"])
        activity = self.activity(responsibility=item)
        response = self.client.post(complete_url(item), {"complete-evaluation": "开展宣讲 2 次"})
        self.assertRedirects(response, detail(item) + "#complete", fetch_redirect_response=False)
        item.refresh_from_db()
        self.assertEqual((item.done_on, item.evaluation), (D(2026, 5, 20), "开展宣讲 2 次"))
        page = self.client.get(detail(item))
        self.assertIsNone(page.context["complete_form"])
        self.assertEqual([a.pk for a in page.context["activities"]], [activity.pk])
        self.login(self.director)
        self.assertIsNone(self.client.get(detail(item)).context["complete_form"])

    def test_the_list_filters_by_year_division_and_completion_and_flags_what_is_overdue(self) -> None:
        late = self.responsibility(due_on=D(2026, 3, 31))
        pending = self.responsibility()
        other = self.responsibility(division=self.other_division)
        last_year = self.responsibility(year=2025, due_on=D(2025, 12, 31))
        self.activity(held_on=D(2025, 12, 1), responsibility=last_year)
        actions.complete_responsibility(last_year, actor=self.drafter, evaluation="已完成")
        self.login(self.reviewer)

        def listed(**params: Any) -> list[int]:
            return [item.pk for item in self.client.get(ITEMS, params).context["page"]]

        self.assertEqual(set(listed()), {late.pk, pending.pk, other.pk, last_year.pk})
        self.assertEqual(set(listed(year=2026)), {late.pk, pending.pk, other.pk})
        self.assertEqual(listed(division=self.other_division.pk), [other.pk])
        self.assertEqual(listed(status="overdue"), [late.pk])
        self.assertEqual(listed(status="done"), [last_year.pk])
        self.assertEqual(set(listed(status="open")), {late.pk, pending.pk, other.pk})
        response = self.client.get(ITEMS, {"year": "x", "status": "lost"})
        self.assertContains(response, "已忽略无效的筛选条件")
        self.assertEqual(len(response.context["page"]), 4)
        self.assertContains(self.client.get(ITEMS), "已逾期")
        self.login(self.drafter)
        self.assertEqual(set(listed()), {late.pk, pending.pk, last_year.pk})


class ActivityPageTests(PublicityTestCase):
    def form_data(self, **overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "held_on": "2026-05-18",
            "division": str(self.sci_division.pk),
            "kind": "lecture",
            "audience": "public",
            "title": "科技进步法进企业",
            "laws": "《中华人民共和国科学技术进步法》",
            "reach": "120",
            "case_used": "",
            "responsibility": "",
        }
        data.update(overrides)
        return data

    def test_a_division_records_its_own_activity_against_its_list_item(self) -> None:
        item = self.responsibility()
        self.responsibility(division=self.other_division)
        self.login(self.drafter)
        form = self.client.get(ACTIVITY_CREATE).context["form"]
        self.assertEqual(list(form.fields["division"].queryset), [self.sci_division])
        self.assertEqual(form["division"].value(), self.sci_division.pk)
        self.assertEqual(list(form.fields["responsibility"].queryset), [item])
        # Opened from the item's page, the form starts from the item.
        form = self.client.get(ACTIVITY_CREATE, {"responsibility": item.pk}).context["form"]
        self.assertEqual(form["responsibility"].value(), item.pk)
        response = self.client.post(ACTIVITY_CREATE, self.form_data(responsibility=str(item.pk)))
        activity = Activity.objects.get()
        self.assertRedirects(response, detail(activity) + "#attachments", fetch_redirect_response=False)
        self.assertEqual(
            (activity.division, activity.responsibility, activity.reach, activity.created_by),
            (self.sci_division, item, 120, self.drafter),
        )
        upload = reverse("core:attachment_upload", args=["legal_publicity.activity", activity.pk])
        page = self.client.get(detail(activity))
        self.assertContains(page, f'action="{upload}"')
        self.assertContains(page, f'href="{detail(item)}"')
        self.client.post(
            upload,
            {
                "file": SimpleUploadedFile("课件.pdf", b"%PDF-1.4 slides", content_type="application/pdf"),
                "next": "/",
            },
        )
        self.assertEqual([a.original_name for a in attachments_of(activity)], ["课件.pdf"])
        self.login(self.director)
        page = self.client.get(detail(activity))
        self.assertContains(page, "课件.pdf")
        self.assertNotContains(page, f'action="{upload}"')

    def test_explaining_the_law_through_a_case_names_the_case_and_refusals_save_nothing(self) -> None:
        self.login(self.drafter)
        response = self.client.post(ACTIVITY_CREATE, self.form_data(kind="case"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("请填写所释案例", errors_of(response, "case_used"))
        self.assertContains(response, 'value="科技进步法进企业"')  # nothing lost
        response = self.client.post(ACTIVITY_CREATE, self.form_data(held_on="2026-05-21"))
        self.assertIn("活动日期不能晚于今天", errors_of(response, "held_on"))
        # A division records for itself only: another division is not among the choices.
        response = self.client.post(ACTIVITY_CREATE, self.form_data(division=str(self.other_division.pk)))
        self.assertEqual(response.context["form"].errors["division"], ["所选处室不存在"])
        self.assertFalse(Activity.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(verb="publicity.activity").exists())
        response = self.client.post(
            ACTIVITY_CREATE, self.form_data(kind="case", case_used="某公司未取得许可证被处罚案")
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Activity.objects.get().case_used, "某公司未取得许可证被处罚案")

    def test_the_list_item_must_be_the_divisions_and_of_the_years_list(self) -> None:
        sci_item = self.responsibility()
        last_year = self.responsibility(year=2025, due_on=D(2025, 12, 31))
        self.login(self.reviewer)
        offered = set(self.client.get(ACTIVITY_CREATE).context["form"].fields["division"].queryset)
        self.assertEqual(offered, {self.legal_division, self.sci_division, self.other_division})
        response = self.client.post(
            ACTIVITY_CREATE,
            self.form_data(division=str(self.other_division.pk), responsibility=str(sci_item.pk)),
        )
        self.assertIn("责任清单事项不属于该处室", errors_of(response, "responsibility"))
        response = self.client.post(ACTIVITY_CREATE, self.form_data(responsibility=str(last_year.pk)))
        self.assertIn("属于 2025 年的清单", errors_of(response, "responsibility"))
        self.assertFalse(Activity.objects.exists())
        response = self.client.post(ACTIVITY_CREATE, self.form_data(division=str(self.other_division.pk)))
        self.assertEqual(Activity.objects.get().division, self.other_division)  # the reviewer chooses
        self.assertEqual(response.status_code, 302)

    def test_the_list_filters_by_year_form_audience_and_division(self) -> None:
        lecture = self.activity()
        case = self.activity(kind="case", audience="internal", case_used="某案")
        old = self.activity(held_on=D(2025, 6, 1))
        other = self.activity(actor=self.outsider, division=self.other_division)
        self.login(self.reviewer)

        def listed(**params: Any) -> set[int]:
            return {a.pk for a in self.client.get(ACTIVITIES, params).context["page"]}

        self.assertEqual(listed(), {lecture.pk, case.pk, old.pk, other.pk})
        self.assertEqual(listed(year=2025), {old.pk})
        self.assertEqual(listed(kind="case"), {case.pk})
        self.assertEqual(listed(audience="internal"), {case.pk})
        self.assertEqual(listed(division=self.other_division.pk), {other.pk})
        response = self.client.get(ACTIVITIES, {"kind": "song", "division": "x"})
        self.assertContains(response, "已忽略无效的筛选条件")
        self.assertEqual(len(response.context["page"]), 4)
        self.login(self.outsider)
        self.assertEqual(listed(), {other.pk})
        self.assertEqual(self.client.get(detail(lecture)).status_code, 404)


class QueryCountTests(PublicityTestCase):
    def add_rows(self) -> None:
        self.plan()
        item = self.responsibility(due_on=D(2026, 3, 31))
        self.responsibility(division=self.other_division)
        self.activity(responsibility=item)
        self.activity(actor=self.outsider, division=self.other_division, kind="case", case_used="某案")

    def test_the_query_counts_do_not_grow_with_the_rows(self) -> None:
        pages = [INDEX, PLANS, ITEMS, ACTIVITIES]
        self.add_rows()
        counts: dict[str, int] = {}
        for user in (self.reviewer, self.drafter):
            self.login(user)
            for url in pages:
                self.client.get(url)  # warm the caches
                with CaptureQueriesContext(connection) as queries:
                    self.client.get(url)
                counts[f"{user.username}{url}"] = len(queries.captured_queries)
        for _n in range(3):
            self.add_rows()
        for user in (self.reviewer, self.drafter):
            self.login(user)
            for url in pages:
                with (
                    self.subTest(user=user.username, url=url),
                    self.assertNumQueries(counts[f"{user.username}{url}"]),
                ):
                    response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
        self.login(self.reviewer)
        self.assertEqual(len(self.client.get(ACTIVITIES).context["page"]), 8)
        self.assertEqual(len(self.client.get(INDEX).context["items"]), 8)
