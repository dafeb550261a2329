"""The counting rules of DOMAIN.md §3, checked against the official 2026 calendar and, by
property-based tests, against the chinesecalendar package itself."""

from __future__ import annotations

import datetime

import chinese_calendar
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from fazhi.core.calendar import (
    CalendarNotCovered,
    InvalidPeriod,
    UnknownRule,
    WorkCalendar,
    add_calendar_days,
    add_months,
    add_working_days,
    compute_deadline,
    compute_period,
    create_calendar_year,
    current_rule,
    deadline_cache,
    deadline_for_rule,
    delete_calendar_day,
    is_working_day,
    package_years,
    seed_calendar_years,
    set_calendar_day,
    shift_months,
)
from fazhi.core.models import AuditEvent, CalendarDay, CalendarYear, DeadlineRule
from fazhi.core.rulebook import create_rule_version
from fazhi.core.testing import BaseTestCase, without_calendar_year

D = datetime.date


class OfficialCalendar2026Test(TestCase):
    """The oracle of DOMAIN.md §3, as seeded by the data migration."""

    def test_spring_festival_2026_is_15_to_23_february(self) -> None:
        for day in range(15, 24):
            self.assertFalse(is_working_day(D(2026, 2, day)), day)
        self.assertTrue(is_working_day(D(2026, 2, 24)))
        self.assertEqual(CalendarDay.objects.get(date=D(2026, 2, 16)).name, "春节")

    def test_saturdays_14_and_28_february_2026_are_working_days(self) -> None:
        self.assertEqual(D(2026, 2, 14).weekday(), 5)
        self.assertTrue(is_working_day(D(2026, 2, 14)))
        self.assertTrue(is_working_day(D(2026, 2, 28)))
        self.assertFalse(is_working_day(D(2026, 2, 7)))  # an ordinary Saturday

    def test_national_day_2026_is_1_to_7_october_with_10_october_working(self) -> None:
        for day in range(1, 8):
            self.assertFalse(is_working_day(D(2026, 10, day)), day)
        self.assertTrue(is_working_day(D(2026, 10, 8)))
        self.assertTrue(is_working_day(D(2026, 10, 10)))
        self.assertEqual(CalendarDay.objects.get(date=D(2026, 10, 3)).name, "国庆节")

    def test_the_seed_agrees_with_the_package_on_the_oracle(self) -> None:
        for day in (D(2026, 2, 14), D(2026, 2, 15), D(2026, 2, 23), D(2026, 2, 28), D(2026, 10, 10)):
            self.assertEqual(is_working_day(day), chinese_calendar.is_workday(day), day)

    def test_every_year_the_package_covers_is_seeded(self) -> None:
        years = set(CalendarYear.objects.values_list("year", flat=True))
        self.assertTrue(set(package_years()) <= years)
        self.assertIn("chinesecalendar", CalendarYear.objects.get(year=2026).source)

    def test_seeding_again_changes_nothing(self) -> None:
        before = CalendarDay.objects.count()
        self.assertEqual(seed_calendar_years(), (0, 0))
        self.assertEqual(CalendarDay.objects.count(), before)

    def test_seeding_keeps_a_correction_unless_told_to_overwrite(self) -> None:
        CalendarDay.objects.filter(date=D(2026, 10, 10)).update(name="改过")
        seed_calendar_years([2026])
        self.assertEqual(CalendarDay.objects.get(date=D(2026, 10, 10)).name, "改过")
        self.assertEqual(seed_calendar_years([2026], overwrite=True), (0, 1))
        self.assertEqual(CalendarDay.objects.get(date=D(2026, 10, 10)).name, "国庆节")

    def test_seeding_recreates_a_deleted_year(self) -> None:
        CalendarYear.objects.filter(year=2025).delete()
        created, days = seed_calendar_years([2025])
        self.assertEqual(created, 1)
        self.assertGreater(days, 20)
        self.assertFalse(is_working_day(D(2025, 1, 29)))  # 春节 2025


class CountingTest(TestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)  # next year missing, whatever the test clock

    def test_the_start_day_is_not_counted(self) -> None:
        # Monday 2026-03-02 + 1 working day = Tuesday.
        self.assertEqual(add_working_days(D(2026, 3, 2), 1), D(2026, 3, 3))
        self.assertEqual(add_calendar_days(D(2026, 3, 2), 1), D(2026, 3, 3))
        self.assertEqual(add_working_days(D(2026, 3, 2), 0), D(2026, 3, 2))

    def test_working_days_across_spring_festival_count_the_make_up_saturdays(self) -> None:
        # From Friday 13 Feb: Sat 14 (make-up) is the 1st; 15–23 are holidays; 24–27 are the
        # 2nd–5th; Sat 28 (make-up) the 6th; Monday 2 March the 7th.
        self.assertEqual(add_working_days(D(2026, 2, 13), 1), D(2026, 2, 14))
        self.assertEqual(add_working_days(D(2026, 2, 13), 5), D(2026, 2, 27))
        self.assertEqual(add_working_days(D(2026, 2, 13), 6), D(2026, 2, 28))
        self.assertEqual(add_working_days(D(2026, 2, 13), 7), D(2026, 3, 2))

    def test_working_days_across_national_day(self) -> None:
        # Wednesday 30 September + 3 working days: 1–7 Oct off, 8, 9, and Saturday 10 working.
        self.assertEqual(add_working_days(D(2026, 9, 30), 3), D(2026, 10, 10))

    def test_working_days_before_a_date(self) -> None:
        self.assertEqual(add_working_days(D(2026, 3, 2), 7, before=True), D(2026, 2, 13))

    def test_a_calendar_day_period_ending_on_a_holiday_ends_on_the_next_working_day(self) -> None:
        # 13 Feb + 5 days = 18 Feb, in the Spring Festival: the period ends on Tuesday 24 Feb.
        self.assertEqual(add_calendar_days(D(2026, 2, 13), 5), D(2026, 2, 24))
        # Ending on an ordinary Sunday moves to Monday.
        self.assertEqual(add_calendar_days(D(2026, 3, 1), 7), D(2026, 3, 9))
        # Ending on a make-up Saturday does not move.
        self.assertEqual(add_calendar_days(D(2026, 2, 27), 1), D(2026, 2, 28))

    def test_without_extension_a_calendar_day_period_ends_where_it_falls(self) -> None:
        self.assertEqual(add_calendar_days(D(2026, 2, 13), 5, extend=False), D(2026, 2, 18))

    def test_months_end_on_the_corresponding_day_or_the_months_last_day(self) -> None:
        self.assertEqual(shift_months(D(2026, 1, 31), 1), D(2026, 2, 28))
        self.assertEqual(shift_months(D(2024, 1, 31), 1), D(2024, 2, 29))
        self.assertEqual(shift_months(D(2026, 3, 31), 6), D(2026, 9, 30))
        self.assertEqual(shift_months(D(2025, 11, 15), 3), D(2026, 2, 15))
        self.assertEqual(shift_months(D(2026, 8, 31), -6), D(2026, 2, 28))
        # 15 Feb 2026 + 1 month = Sunday 15 March → Monday 16 March.
        self.assertEqual(add_months(D(2026, 2, 15), 1), D(2026, 3, 16))
        self.assertEqual(add_months(D(2026, 2, 15), 1, extend=False), D(2026, 3, 15))

    def test_before_direction_counts_back_without_extension(self) -> None:
        # Expiry Saturday 2026-08-22 → evaluation six months before: Sunday 22 February (in
        # the Spring Festival holiday) stays where it falls.
        deadline = compute_deadline(D(2026, 8, 22), "document.evaluation_before_expiry")
        self.assertEqual(deadline.due, D(2026, 2, 22))
        self.assertEqual(add_calendar_days(D(2026, 2, 22), 7, before=True), D(2026, 2, 15))

    def test_annual_date_is_that_day_of_the_following_year(self) -> None:
        submit = compute_deadline(D(2025, 6, 30), "annual_report.submit")
        publish = compute_deadline(D(2025, 12, 31), "annual_report.publish")
        self.assertEqual(submit.due, D(2026, 3, 1))
        self.assertEqual(publish.due, D(2026, 4, 1))
        self.assertEqual(submit.period_label, "次年3月1日")

    def test_a_missing_year_raises_an_error_naming_it(self) -> None:
        with self.assertRaises(CalendarNotCovered) as caught:
            add_working_days(D(2026, 12, 20), 15)
        self.assertEqual(caught.exception.year, 2027)
        self.assertIn("2027 年的工作日历尚未录入", str(caught.exception))
        with self.assertRaisesMessage(CalendarNotCovered, "2027"):
            compute_deadline(D(2026, 12, 25), "litigation.defence")
        with self.assertRaisesMessage(CalendarNotCovered, "2003"):
            is_working_day(D(2003, 5, 1))

    def test_a_period_needing_no_calendar_is_computed_in_an_uncovered_year(self) -> None:
        # A validity period is not extended, so it needs no calendar of its last year.
        self.assertEqual(compute_deadline(D(2026, 3, 1), "document.validity").due, D(2031, 3, 1))

    def test_a_covered_year_without_exception_days_follows_the_weekday_rule(self) -> None:
        CalendarYear.objects.create(year=2027, source="测试")
        self.assertEqual(add_working_days(D(2026, 12, 31), 1), D(2027, 1, 1))

    def test_dates_at_the_ends_of_the_calendar_are_errors_not_crashes(self) -> None:
        with self.assertRaises(InvalidPeriod):
            compute_period(D(9999, 12, 30), months=1)
        with self.assertRaises(InvalidPeriod):
            compute_period(D(9999, 12, 30), days=3650)
        with self.assertRaises(CalendarNotCovered):
            compute_period(D(1, 1, 1), working_days=5)
        notice = DeadlineRule.objects.get(code="decision.hearing_materials_min", version=1)
        with self.assertRaises(InvalidPeriod):
            deadline_for_rule(D(1, 1, 3), notice)

    def test_a_period_must_be_exactly_one_unit_and_within_the_cap(self) -> None:
        with self.assertRaises(InvalidPeriod):
            compute_period(D(2026, 3, 2))
        with self.assertRaises(InvalidPeriod):
            compute_period(D(2026, 3, 2), days=3, months=1)
        with self.assertRaises(InvalidPeriod):
            compute_period(D(2026, 3, 2), days=-1)
        with self.assertRaises(InvalidPeriod):
            compute_period(D(2026, 3, 2), months=121)

    def test_a_period_without_a_rule_names_the_civil_code(self) -> None:
        deadline = compute_period(D(2026, 2, 13), working_days=5)
        self.assertEqual(deadline.due, D(2026, 2, 27))
        self.assertIsNone(deadline.rule_code)
        self.assertIn("民法典", deadline.basis)
        self.assertEqual(deadline.period_label, "起算后5个工作日")
        self.assertEqual(
            deadline.as_dict(),
            {
                "start": "2026-02-13",
                "due": "2026-02-27",
                "rule": None,
                "rule_version": None,
                "basis": deadline.basis,
                "period": "起算后5个工作日",
                "unit": "working_days",
                "amount": 5,
            },
        )

    def test_a_shared_cache_reads_each_year_and_rule_once(self) -> None:
        starts = [D(2026, 1, 5) + datetime.timedelta(days=i) for i in range(50)]
        with CaptureQueriesContext(connection) as queries, deadline_cache():
            for start in starts:
                compute_deadline(start, "reconsideration.reply")
                compute_deadline(start, "litigation.defence")
        self.assertEqual(len(queries), 3)  # two rules, one year

    def test_without_a_cache_each_deadline_costs_a_few_queries_not_one_per_day(self) -> None:
        with CaptureQueriesContext(connection) as queries:
            compute_deadline(D(2026, 1, 5), "inspection.result_publicity")
        self.assertEqual(len(queries), 2)

    def test_a_work_calendar_loads_several_years_in_one_query(self) -> None:
        calendar = WorkCalendar()
        with CaptureQueriesContext(connection) as queries:
            calendar.preload([2024, 2025, 2026, 2027])
            self.assertTrue(calendar.covers(2025))
            self.assertFalse(calendar.covers(2027))
            calendar.add_working_days(D(2024, 1, 2), 500)
        self.assertEqual(len(queries), 1)


class RuleVersionTest(BaseTestCase):
    def test_a_deadline_records_the_rule_version_that_produced_it(self) -> None:
        deadline = compute_deadline(D(2026, 2, 13), "decision.legality_review_min")
        rule = DeadlineRule.objects.get(code="decision.legality_review_min", version=1)
        self.assertEqual(deadline.due, D(2026, 3, 2))
        self.assertEqual(
            (deadline.rule_code, deadline.rule_version, deadline.rule_id), (rule.code, 1, rule.pk)
        )
        self.assertEqual(deadline.basis, rule.basis)
        self.assertEqual(deadline.period_label, "送请合法性审查之日后7个工作日")

    def test_a_new_version_applies_from_its_date(self) -> None:
        create_rule_version(
            "reconsideration.reply", actor=self.city_admin, amount=5, applies_from=D(2026, 6, 1), note="测试"
        )
        before = compute_deadline(D(2026, 5, 29), "reconsideration.reply")
        after = compute_deadline(D(2026, 6, 1), "reconsideration.reply")
        self.assertEqual((before.rule_version, before.amount), (1, 10))
        self.assertEqual((after.rule_version, after.amount), (2, 5))
        self.assertEqual(after.due, D(2026, 6, 8))
        self.assertEqual(current_rule("reconsideration.reply", D(2026, 5, 31)).version, 1)
        self.assertEqual(current_rule("reconsideration.reply", D(2026, 6, 1)).version, 2)
        # `on` chooses the version independently of the start day.
        self.assertEqual(
            compute_deadline(D(2026, 5, 29), "reconsideration.reply", on=D(2026, 6, 2)).rule_version, 2
        )

    def test_an_unknown_rule_is_an_error(self) -> None:
        with self.assertRaisesMessage(UnknownRule, "no.such_rule"):
            compute_deadline(D(2026, 3, 2), "no.such_rule")
        with self.assertRaises(UnknownRule):
            current_rule("litigation.defence", D(1999, 1, 1))


class CalendarAdministrationTest(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)  # next year missing, whatever the test clock

    def test_an_administrator_registers_a_new_year_and_its_days(self) -> None:
        create_calendar_year(2027, source="国办发明电〔2026〕X号", actor=self.city_admin)
        set_calendar_day(D(2027, 1, 1), is_working_day=False, name="元旦", actor=self.city_admin)
        set_calendar_day(D(2027, 1, 9), is_working_day=True, name="元旦", actor=self.city_admin)
        self.assertFalse(is_working_day(D(2027, 1, 1)))
        self.assertTrue(is_working_day(D(2027, 1, 9)))
        self.assertEqual(add_working_days(D(2026, 12, 31), 1), D(2027, 1, 4))
        verbs = list(AuditEvent.objects.order_by("seq").values_list("verb", flat=True))
        self.assertEqual(verbs[-3:], ["calendar.year_created", "calendar.day_set", "calendar.day_set"])
        self.assertEqual(CalendarYear.objects.get(year=2027).updated_by, self.city_admin)

    def test_correcting_and_deleting_a_day_is_audited_with_the_previous_value(self) -> None:
        set_calendar_day(D(2026, 10, 10), is_working_day=False, name="国庆节", actor=self.city_admin)
        event = AuditEvent.objects.order_by("-seq").first()
        self.assertEqual(event.data["previous"], {"is_working_day": True, "name": "国庆节"})
        self.assertFalse(is_working_day(D(2026, 10, 10)))
        delete_calendar_day(D(2026, 10, 10), actor=self.city_admin)
        self.assertFalse(CalendarDay.objects.filter(date=D(2026, 10, 10)).exists())
        self.assertEqual(AuditEvent.objects.order_by("-seq").first().verb, "calendar.day_deleted")

    def test_only_an_administrator_may_change_the_calendar(self) -> None:
        with self.assertRaises(PermissionDenied):
            create_calendar_year(2027, source="x", actor=self.reviewer)
        with self.assertRaises(PermissionDenied):
            set_calendar_day(D(2026, 3, 2), is_working_day=False, name="x", actor=self.director)
        with self.assertRaises(PermissionDenied):
            delete_calendar_day(D(2026, 10, 10), actor=self.drafter)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())

    def test_a_make_up_working_day_must_fall_on_a_weekend(self) -> None:
        with self.assertRaises(ValidationError):
            set_calendar_day(D(2026, 3, 2), is_working_day=True, name="", actor=self.city_admin)

    def test_a_day_of_an_unregistered_year_is_refused(self) -> None:
        with self.assertRaisesMessage(Exception, "2027 年的工作日历尚未登记"):
            set_calendar_day(D(2027, 1, 1), is_working_day=False, name="元旦", actor=self.city_admin)


# --- property-based comparison with the package -----------------------------------------

# The years of the chinesecalendar package itself (a shifted-clock run may enter more, see
# fazhi/conftest.py; those are not the package's to check against).
_PACKAGE_YEARS = sorted({d.year for d in chinese_calendar.constants.holidays})
FIRST = D(_PACKAGE_YEARS[0], 1, 1)
LAST = D(_PACKAGE_YEARS[-1], 12, 31)


def reference_working_days(start: datetime.date, n: int) -> datetime.date:
    """A naive day-by-day count on chinese_calendar.is_workday (raises past its range)."""
    day, counted = start, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


def reference_calendar_days(start: datetime.date, n: int) -> datetime.date:
    day = start + datetime.timedelta(days=n)
    while not chinese_calendar.is_workday(day):
        day += datetime.timedelta(days=1)
    return day


class AgainstThePackageTest(HypothesisTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)  # next year missing, whatever the test clock

    @settings(max_examples=200, deadline=None)
    @given(start=st.dates(min_value=FIRST, max_value=LAST), n=st.integers(min_value=0, max_value=60))
    def test_add_working_days_matches_a_naive_count_on_the_package(
        self, start: datetime.date, n: int
    ) -> None:
        try:
            expected = reference_working_days(start, n)
        except NotImplementedError:
            with self.assertRaisesMessage(CalendarNotCovered, str(LAST.year + 1)):
                add_working_days(start, n)
        else:
            self.assertEqual(add_working_days(start, n), expected)

    @settings(max_examples=200, deadline=None)
    @given(start=st.dates(min_value=FIRST, max_value=LAST), n=st.integers(min_value=0, max_value=120))
    def test_add_calendar_days_matches_a_naive_extension_on_the_package(
        self, start: datetime.date, n: int
    ) -> None:
        try:
            expected = reference_calendar_days(start, n)
        except NotImplementedError:
            with self.assertRaisesMessage(CalendarNotCovered, str(LAST.year + 1)):
                add_calendar_days(start, n)
        else:
            self.assertEqual(add_calendar_days(start, n), expected)

    @settings(max_examples=200, deadline=None)
    @given(day=st.dates(min_value=FIRST, max_value=LAST))
    def test_is_working_day_matches_the_package(self, day: datetime.date) -> None:
        self.assertEqual(is_working_day(day), chinese_calendar.is_workday(day))
