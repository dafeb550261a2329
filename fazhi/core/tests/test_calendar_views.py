"""Pages of the rule book, the calendar and the deadline calculator: who may read and write,
Chinese errors next to the fields, nothing saved on bad input, every change audited."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import AuditEvent, CalendarDay, CalendarYear, DeadlineRule
from fazhi.core.rulebook import create_rule_version
from fazhi.core.testing import BaseTestCase, without_calendar_year

D = datetime.date
RULE = "reconsideration.reply"


def version_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "amount": "10",
        "unit": "working_days",
        "direction": "after",
        "extend_on_rest_day": "on",
        "starts_from": "收到申请书副本或申请笔录复印件之日",
        "basis": "《行政复议法》第四十八条、第八十八条",
        "source_tag": "V",
        "applies_from": "2026-07-01",
        "note": "核对原文后调整",
    }
    data.update(overrides)
    return data


class RulePagesTest(BaseTestCase):
    def test_anonymous_visitors_are_sent_to_the_login_page(self) -> None:
        for url in (
            reverse("core:rule_list"),
            reverse("core:rule_detail", args=[RULE]),
            reverse("core:rule_new_version", args=[RULE]),
            reverse("core:calendar"),
            reverse("core:calendar_year", args=[2026]),
            reverse("core:deadline_calculator"),
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn(reverse("login"), response["Location"])

    def test_every_staff_member_reads_the_rule_book(self) -> None:
        self.login(self.outsider)
        response = self.client.get(reverse("core:rule_list"))
        self.assertContains(response, "行政复议书面答复期限")
        self.assertContains(response, "收到申请书副本或申请笔录复印件之日后10个工作日")
        self.assertContains(response, "转引 · 可配置默认值")
        self.assertContains(response, "已核对原文")
        self.assertNotContains(response, "新建版本")
        self.assertNotContains(response, 'style="')

    def test_the_rule_list_costs_the_same_queries_however_many_versions(self) -> None:
        self.login(self.drafter)
        url = reverse("core:rule_list")
        self.client.get(url)
        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        for code in ("document.filing", "litigation.defence", RULE):
            create_rule_version(code, actor=self.city_admin, note="x", applies_from=D(2099, 1, 1))
        with CaptureQueriesContext(connection) as after:
            response = self.client.get(url)
        self.assertEqual(len(after), len(before))
        self.assertContains(response, "第 2 版自 2099年1月1日 起适用")

    def test_the_detail_page_shows_the_version_history(self) -> None:
        create_rule_version(
            RULE, actor=self.city_admin, amount=5, applies_from=D(2026, 1, 1), note="第二版说明"
        )
        self.login(self.reviewer)
        response = self.client.get(reverse("core:rule_detail", args=[RULE]))
        self.assertContains(response, "第 1 版")
        self.assertContains(response, "第 2 版")
        self.assertContains(response, "第二版说明")
        self.assertContains(response, "全市管理")
        self.assertNotContains(response, reverse("core:rule_new_version", args=[RULE]))
        self.assertEqual(self.client.get(reverse("core:rule_detail", args=["no.such"])).status_code, 404)
        self.assertEqual(self.client.get("/work/rules/no%00such/").status_code, 404)

    def test_only_a_rulebook_manager_sees_and_uses_the_new_version_form(self) -> None:
        url = reverse("core:rule_new_version", args=[RULE])
        for user in (self.reviewer, self.director, self.drafter):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url, version_data(amount="5")).status_code, 404)
        self.assertEqual(DeadlineRule.objects.filter(code=RULE).count(), 1)
        self.assertFalse(AuditEvent.objects.filter(verb="rule.new_version").exists())

    def test_an_administrator_creates_a_version_and_it_is_audited(self) -> None:
        self.login(self.city_admin)
        detail = reverse("core:rule_detail", args=[RULE])
        self.assertContains(self.client.get(detail), reverse("core:rule_new_version", args=[RULE]))
        response = self.client.post(reverse("core:rule_new_version", args=[RULE]), version_data(amount="5"))
        self.assertRedirects(response, detail, fetch_redirect_response=False)
        rule = DeadlineRule.objects.get(code=RULE, version=2)
        self.assertEqual(
            (rule.amount, rule.applies_from, rule.created_by), (5, D(2026, 7, 1), self.city_admin)
        )
        event = AuditEvent.objects.get(verb="rule.new_version")
        self.assertEqual(event.data["changes"]["amount"], [10, 5])
        self.assertContains(self.client.get(detail), f"已新建“{rule.name}”第 2 版，自 2026年7月1日 起适用。")

    def test_the_form_is_prefilled_from_the_latest_version(self) -> None:
        self.login(self.city_admin)
        response = self.client.get(reverse("core:rule_new_version", args=[RULE]))
        self.assertContains(response, 'value="10"')
        self.assertContains(response, timezone.localdate().isoformat())

    def test_bad_input_shows_chinese_errors_next_to_the_fields_and_saves_nothing(self) -> None:
        self.login(self.city_admin)
        url = reverse("core:rule_new_version", args=[RULE])
        cases = [
            (version_data(amount="abc"), "输入整数"),
            (version_data(amount="-3"), "大于或等于"),
            (version_data(amount="9999"), "期限过长"),
            (version_data(unit="annual_date", amount="1345"), "次年固定日期须写作月日"),
            (version_data(basis=""), "这个字段是必填项"),
            (version_data(applies_from="2026-02-30"), "有效的日期"),
            (version_data(note=""), "这个字段是必填项"),
            (version_data(amount="10", applies_from="2000-01-01"), "与现行版本相同"),
        ]
        for data, message in cases:
            response = self.client.post(url, data)
            self.assertEqual(response.status_code, 200, data)
            self.assertContains(response, message)
            self.assertContains(response, "field-error" if message != "与现行版本相同" else "form-errors")
        self.assertEqual(DeadlineRule.objects.filter(code=RULE).count(), 1)
        self.assertFalse(AuditEvent.objects.filter(verb="rule.new_version").exists())

    def test_an_unknown_rule_has_no_form(self) -> None:
        self.login(self.city_admin)
        self.assertEqual(self.client.get(reverse("core:rule_new_version", args=["no.such"])).status_code, 404)


class CalendarPagesTest(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)  # next year missing, whatever the test clock

    def test_staff_see_the_covered_years_with_counts(self) -> None:
        self.login(self.drafter)
        response = self.client.get(reverse("core:calendar"))
        self.assertContains(response, reverse("core:calendar_year", args=[2026]))
        self.assertContains(response, "chinesecalendar")
        year = next(y for y in response.context["years"] if y.year == 2026)
        self.assertEqual(year.working_days, 6)
        self.assertContains(response, reverse("core:calendar_year", args=[2027]))  # the missing year

    def test_the_year_page_lists_holidays_and_make_up_days(self) -> None:
        self.login(self.drafter)
        response = self.client.get(reverse("core:calendar_year", args=[2026]))
        self.assertContains(response, "春节")
        self.assertContains(response, '<time datetime="2026-02-14">2月14日</time>')
        self.assertContains(response, "调休上班")
        self.assertNotContains(response, 'name="action"')

    def test_an_uncovered_year_says_so_and_offers_the_form_only_to_an_administrator(self) -> None:
        url = reverse("core:calendar_year", args=[2027])
        self.login(self.reviewer)
        response = self.client.get(url)
        self.assertContains(response, "2027 年的工作日历尚未录入")
        self.assertNotContains(response, "create_year")
        self.login(self.city_admin)
        self.assertContains(self.client.get(url), "create_year")
        self.assertEqual(self.client.get(reverse("core:calendar_year", args=[99999])).status_code, 404)

    def test_a_non_administrator_gets_404_on_every_calendar_write(self) -> None:
        self.login(self.director)
        for url, data in (
            (
                reverse("core:calendar_year", args=[2026]),
                {"action": "set_day", "date": "2026-03-02", "is_working_day": "0", "name": "x"},
            ),
            (reverse("core:calendar_year", args=[2026]), {"action": "delete_day", "date": "2026-10-10"}),
            (reverse("core:calendar_year", args=[2027]), {"action": "create_year", "source": "x"}),
        ):
            self.assertEqual(self.client.post(url, data).status_code, 404, data)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())
        self.assertTrue(CalendarDay.objects.filter(date=D(2026, 10, 10)).exists())
        self.assertFalse(CalendarDay.objects.filter(date=D(2026, 3, 2)).exists())
        self.assertFalse(AuditEvent.objects.filter(verb__startswith="calendar.").exists())

    def test_an_administrator_registers_2027_and_adds_its_days(self) -> None:
        self.login(self.city_admin)
        url = reverse("core:calendar_year", args=[2027])
        response = self.client.post(
            url, {"action": "create_year", "source": "国务院办公厅关于2027年部分节假日安排的通知"}
        )
        self.assertRedirects(response, url)
        response = self.client.post(
            url, {"action": "set_day", "date": "2027-01-01", "is_working_day": "0", "name": "元旦"}
        )
        self.assertRedirects(response, url)
        self.assertFalse(CalendarDay.objects.get(date=D(2027, 1, 1)).is_working_day)
        self.assertEqual(
            list(AuditEvent.objects.order_by("seq").values_list("verb", flat=True)),
            ["calendar.year_created", "calendar.day_set"],
        )
        page = self.client.get(url)
        self.assertContains(page, "元旦")
        self.assertContains(page, "全市管理")

    def test_an_administrator_corrects_and_deletes_a_day(self) -> None:
        self.login(self.city_admin)
        url = reverse("core:calendar_year", args=[2026])
        prefilled = self.client.get(url + "?date=2026-10-10")
        self.assertContains(prefilled, 'value="2026-10-10"')
        self.client.post(
            url, {"action": "set_day", "date": "2026-10-10", "is_working_day": "0", "name": "国庆节"}
        )
        self.assertFalse(CalendarDay.objects.get(date=D(2026, 10, 10)).is_working_day)
        response = self.client.post(url, {"action": "delete_day", "date": "2026-10-10"})
        self.assertRedirects(response, url)
        self.assertFalse(CalendarDay.objects.filter(date=D(2026, 10, 10)).exists())
        verbs = list(AuditEvent.objects.order_by("seq").values_list("verb", flat=True))
        self.assertEqual(verbs, ["calendar.day_set", "calendar.day_deleted"])

    def test_bad_day_input_shows_chinese_errors_and_saves_nothing(self) -> None:
        self.login(self.city_admin)
        url = reverse("core:calendar_year", args=[2026])
        cases = [
            ({"date": "2026-02-30", "is_working_day": "0", "name": "x"}, "有效的日期"),
            ({"date": "2025-05-01", "is_working_day": "0", "name": "劳动节"}, "日期须在 2026 年内"),
            ({"date": "2026-03-02", "is_working_day": "1", "name": ""}, "周一至周五本来就是工作日"),
            ({"date": "2026-03-02", "is_working_day": "0", "name": ""}, "须注明节日名称"),
            ({"date": "2026-03-02", "is_working_day": "maybe", "name": "x"}, "选择一个有效的选项"),
        ]
        for data, message in cases:
            response = self.client.post(url, {"action": "set_day", **data})
            self.assertEqual(response.status_code, 200, data)
            self.assertContains(response, message)
        self.assertFalse(CalendarDay.objects.filter(date=D(2026, 3, 2)).exists())
        response = self.client.post(
            reverse("core:calendar_year", args=[2026]), {"action": "create_year", "source": "x"}, follow=True
        )
        self.assertContains(response, "已经录入")
        response = self.client.post(
            reverse("core:calendar_year", args=[2027]), {"action": "create_year", "source": "  "}
        )
        self.assertContains(response, "这个字段是必填项")
        response = self.client.post(
            reverse("core:calendar_year", args=[2027]),
            {"action": "set_day", "date": "2027-01-01", "is_working_day": "0", "name": "元旦"},
            follow=True,
        )
        self.assertContains(response, "请先登记 2027 年")
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())
        self.assertFalse(CalendarDay.objects.filter(date=D(2027, 1, 1)).exists())
        self.assertFalse(AuditEvent.objects.exists())


class DeadlineCalculatorPageTest(BaseTestCase):
    def setUp(self) -> None:
        without_calendar_year(2027)  # next year missing, whatever the test clock
        self.login(self.drafter)
        self.url = reverse("core:deadline_calculator")

    def test_the_empty_form_lists_the_rules(self) -> None:
        response = self.client.get(self.url)
        self.assertContains(response, 'value="decision.legality_review_min"')
        self.assertNotContains(response, "field-error")

    def test_a_rule_deadline_is_shown_with_its_basis(self) -> None:
        response = self.client.get(self.url, {"start": "2026-02-13", "rule": "decision.legality_review_min"})
        self.assertContains(response, '<time datetime="2026-03-02">2026年3月2日</time>')
        self.assertContains(response, "国务院令第713号")
        self.assertContains(response, "basis-tip")

    def test_a_number_of_working_days(self) -> None:
        response = self.client.get(self.url, {"start": "2026-02-13", "amount": "5", "unit": "working_days"})
        self.assertContains(response, '<time datetime="2026-02-27">')

    def test_a_missing_year_is_a_clear_chinese_error(self) -> None:
        response = self.client.get(self.url, {"start": "2026-12-20", "amount": "15", "unit": "working_days"})
        self.assertContains(response, "2027 年的工作日历尚未录入")
        self.assertIsNone(response.context["result"])

    def test_bad_input_gets_chinese_errors(self) -> None:
        for params, message in (
            ({"start": "2026-02-13"}, "请选择一条期限规则，或填写期限和单位"),
            (
                {"start": "2026-02-13", "rule": "litigation.defence", "amount": "3", "unit": "days"},
                "不要同时填写",
            ),
            ({"start": "nope", "rule": "litigation.defence"}, "有效的日期"),
            ({"start": "2026-02-13", "rule": "no.such"}, "选择一个有效的选项"),
            ({"start": "2026-02-13", "amount": "99999", "unit": "calendar_days"}, "小于或等于"),
            ({"start": "2026-02-13", "amount": "500", "unit": "months"}, "月数不得超过"),
            ({"start": "9999-12-31", "amount": "3650", "unit": "calendar_days"}, "日期超出可计算范围"),
        ):
            response = self.client.get(self.url, params)
            self.assertEqual(response.status_code, 200, params)
            self.assertContains(response, message)
            self.assertIsNone(response.context["result"])
