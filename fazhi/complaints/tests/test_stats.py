"""The year's complaint figures and their place in the report-figure registry (core.figures), and
the rule-book rows (待确认) seeded by the migration the same as core.rulebook has them."""

from __future__ import annotations

from fazhi.complaints import actions
from fazhi.complaints.migrations import __name__ as migrations_package
from fazhi.complaints.models import Complaint
from fazhi.complaints.stats import complaint_figures
from fazhi.complaints.tests.base import ComplaintTestCase, D
from fazhi.core import figures
from fazhi.core.models import DeadlineRule
from fazhi.core.rulebook import DEFAULT_RULES
from fazhi.enforcement.models import EnforcementCase

KEYS = [
    "complaints.received",
    "complaints.accepted",
    "complaints.answered_in_time",
    "complaints.led_to_cases",
    "complaints.transferred",
    "complaints.judicial_transfers",
]


class FigureTests(ComplaintTestCase):
    def test_a_year_without_complaints_counts_zero(self) -> None:
        self.assertEqual(complaint_figures(2021).received, 0)
        for key in KEYS:
            self.assertEqual(figures.compute(key, None, 2021).value, 0)

    def test_the_figures_count_the_registered_complaints_of_the_year(self) -> None:
        answered = self.answered()
        case = EnforcementCase.objects.create(
            title="案件",
            category="penalty",
            division=self.other_division,
            party_name="某公司",
            party_kind="organization",
            facts="投诉线索",
            discovered_on=D(2026, 11, 6),
            filed_on=D(2026, 11, 6),
            filed_by=self.officer,
        )
        actions.link_enforcement_case(answered, actor=self.reviewer, case=case)
        passed = self.entered(hotline_ticket="GD2")
        actions.transfer_complaint(
            passed,
            actor=self.reviewer,
            decided_on=D(2026, 11, 4),
            authority="市场监管委",
            reason="非本局职责",
            notice="已转交",
            notice_method="phone",
        )
        self.entered(hotline_ticket="GD3", received_on=D(2025, 12, 30), registered_on=D(2026, 1, 4))
        spam, _code = actions.submit_public_complaint(kind="complaint", subject="广告", content="广告")
        actions.dismiss_complaint(spam, actor=self.reviewer, reason="广告")
        actions.submit_public_complaint(kind="report", subject="未登记", content="c")
        got = complaint_figures(2026)
        self.assertEqual(
            (
                got.received,
                got.accepted,
                got.answered,
                got.answered_in_time,
                got.led_to_cases,
                got.transferred,
            ),
            (2, 1, 1, 1, 1, 1),
        )
        value = figures.compute("complaints.led_to_cases", None, 2026)
        self.assertEqual([r.pk for r in value.records], [answered.pk])
        self.assertEqual(value.records[0].url, f"/work/complaints/{answered.pk}/")
        self.assertEqual(figures.compute("complaints.received", None, 2025).value, 1)

    def test_every_figure_is_registered_from_the_app(self) -> None:
        registered = [f.key for f in figures.all_figures()]
        for key in KEYS:
            self.assertIn(key, registered)
        self.assertEqual(str(figures.get("complaints.received").system), "执法投诉举报")

    def test_a_figure_counts_in_a_fixed_number_of_queries(self) -> None:
        for n in range(5):
            self.entered(hotline_ticket=f"GD{n}")
        with self.assertNumQueries(1):
            figures.compute("complaints.received", None, 2026)


class RuleBookTests(ComplaintTestCase):
    def test_the_migration_seeds_the_rows_of_the_rule_book_marked_to_be_confirmed(self) -> None:
        from importlib import import_module

        migration = import_module(f"{migrations_package}.0002_complaint_rules")
        defaults = {r["code"]: r for r in DEFAULT_RULES if r["code"].startswith("complaint.")}
        self.assertEqual({r["code"]: r for r in migration.RULES}, defaults)
        for code, row in defaults.items():
            rule = DeadlineRule.objects.get(code=code)
            self.assertEqual((rule.amount, rule.unit, rule.source_tag), (row["amount"], row["unit"], "U"))
            self.assertIn("待确认", rule.name)
            self.assertIn("待确认", rule.basis)

    def test_a_complaint_keeps_the_rule_version_that_set_its_due_date(self) -> None:
        complaint = self.accepted()
        complaint.refresh_from_db()
        self.assertEqual(complaint.reply_rule, DeadlineRule.objects.get(code="complaint.reply"))
        self.assertEqual(Complaint.objects.filter(decision_rule__code="complaint.acceptance").count(), 1)
