"""`fazhi calendar deadline | seed | show`."""

from __future__ import annotations

import io
import json

from django.core.management import CommandError, call_command
from django.test import TestCase

from fazhi.core.models import CalendarDay, CalendarYear, DeadlineRule
from fazhi.core.testing import without_calendar_year


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("calendar", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


class CalendarDeadlineCommandTest(TestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)  # next year missing, whatever the test clock

    def test_a_rule_deadline_is_printed_as_one_json_object(self) -> None:
        code, out, _err = run("deadline", "--from", "2026-02-13", "--rule", "decision.legality_review_min")
        self.assertEqual(code, 0)
        body = json.loads(out)
        self.assertEqual(body["due"], "2026-03-02")
        self.assertEqual(body["rule"], "decision.legality_review_min")
        self.assertEqual(body["rule_version"], 1)
        self.assertIn("国务院令第713号", out)  # not \u-escaped

    def test_working_days_days_and_months(self) -> None:
        for args, due in (
            (("--working-days", "5"), "2026-02-27"),
            (("--days", "30"), "2026-03-16"),
            (("--months", "1"), "2026-03-13"),
        ):
            code, out, _err = run("deadline", "--from", "2026-02-13", *args)
            self.assertEqual(code, 0, args)
            body = json.loads(out)
            self.assertEqual(body["due"], due, args)
            self.assertIsNone(body["rule"])
            self.assertIn("民法典", body["basis"])

    def test_a_missing_year_exits_1_naming_it_on_stderr(self) -> None:
        code, out, err = run("deadline", "--from", "2026-12-20", "--working-days", "15")
        self.assertEqual((code, out), (1, ""))
        self.assertIn("2027 年的工作日历尚未录入", err)

    def test_an_unknown_rule_exits_1(self) -> None:
        code, _out, err = run("deadline", "--from", "2026-02-13", "--rule", "no.such_rule")
        self.assertEqual(code, 1)
        self.assertIn("未找到期限规则", err)

    def test_a_bad_date_or_two_periods_are_usage_errors(self) -> None:
        with self.assertRaises(CommandError):
            run("deadline", "--from", "2026-02-30", "--days", "1")
        with self.assertRaises(CommandError):
            run("deadline", "--from", "2026-02-13", "--days", "1", "--months", "1")


class CalendarSeedAndShowCommandTest(TestCase):
    def test_seed_restores_a_deleted_year_and_is_idempotent(self) -> None:
        CalendarYear.objects.filter(year=2026).delete()
        DeadlineRule.objects.filter(code="litigation.defence").delete()
        code, out, _err = run("seed")
        self.assertEqual(code, 0)
        self.assertIn("新增 1 个年度", out)
        self.assertIn("新增 1 条", out)
        self.assertTrue(CalendarDay.objects.filter(date="2026-02-14", is_working_day=True).exists())
        _code, out, _err = run("seed")
        self.assertIn("新增 0 个年度，写入 0 个日期", out)

    def test_show_lists_the_exception_days(self) -> None:
        code, out, _err = run("show", "2026")
        self.assertEqual(code, 0)
        self.assertIn("2026-02-14  周六  调休上班  春节", out)
        self.assertIn("2026-10-01  周四  休息  国庆节", out)

    def test_show_of_an_uncovered_year_exits_1(self) -> None:
        without_calendar_year(2027)  # next year missing, whatever the test clock
        code, _out, err = run("show", "2027")
        self.assertEqual(code, 1)
        self.assertIn("2027", err)
