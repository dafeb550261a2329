"""The rule book: the defaults of DOMAIN.md §2 as data, and changes only as audited versions."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.utils import timezone

from fazhi.core.calendar import UnknownRule, compute_deadline, current_rule
from fazhi.core.models import AuditEvent, DeadlineRule
from fazhi.core.rulebook import DEFAULT_RULES, create_rule_version, seed_rulebook, validate_rule_values
from fazhi.core.testing import BaseTestCase

D = datetime.date

# (code, amount, unit, direction, extend_on_rest_day) — DOMAIN.md §2, read row by row.
EXPECTED = [
    ("document.comment_min", 7, "working_days", "after", True),
    ("document.comment_min_market", 30, "calendar_days", "after", True),
    ("document.legality_review_max", 15, "working_days", "after", True),
    ("document.legality_review_floor", 5, "working_days", "after", True),
    ("document.filing", 30, "calendar_days", "after", True),
    ("document.validity", 60, "months", "after", False),
    ("document.validity_max", 120, "months", "after", False),
    ("document.validity_provisional", 24, "months", "after", False),
    ("document.evaluation_before_expiry", 6, "months", "before", False),
    ("decision.comment_min", 30, "calendar_days", "after", True),
    ("decision.hearing_materials_min", 7, "calendar_days", "before", False),
    ("decision.legality_review_min", 7, "working_days", "after", True),
    ("decision.archive_handover", 30, "calendar_days", "after", True),
    ("inspection.result_publicity", 20, "working_days", "after", True),
    ("enforcement.publicity_penalty", 7, "working_days", "after", True),
    ("enforcement.publicity_other", 20, "working_days", "after", True),
    ("enforcement.publicity_withdrawal", 3, "working_days", "after", True),
    ("enforcement.decision_max", 90, "calendar_days", "after", True),
    # The penalty procedure's other limits, from the research notes §4 (行政处罚法 Art 36, 61, 64, 85).
    ("enforcement.hearing_request", 5, "working_days", "after", True),
    ("enforcement.hearing_notice", 7, "working_days", "before", True),
    ("enforcement.service", 7, "working_days", "after", True),
    ("enforcement.limitation", 24, "months", "after", False),
    ("enforcement.limitation_grave", 60, "months", "after", False),
    # Not in DOMAIN.md §2: the platform's own configurable default (tag U) for reviews without a rule.
    ("review.general_max", 15, "working_days", "after", True),
    ("reconsideration.reply", 10, "working_days", "after", True),
    ("reconsideration.opinion_report", 60, "calendar_days", "after", True),
    ("litigation.defence", 15, "calendar_days", "after", True),
    ("annual_report.submit", 301, "annual_date", "after", False),
    ("annual_report.publish", 401, "annual_date", "after", False),
    # DOMAIN.md §15: no national period for complaints; configurable defaults marked 待确认 (tag U).
    ("complaint.acceptance", 5, "working_days", "after", True),
    ("complaint.reply", 30, "calendar_days", "after", True),
    # DOMAIN.md §15: a draft rule's comment window (R); a draft regulation's, to be confirmed (U).
    ("legislation.comment_min_rule", 30, "calendar_days", "after", True),
    ("legislation.comment_min_regulation", 30, "calendar_days", "after", True),
]


class DefaultRulesTest(TestCase):
    def test_every_row_of_the_domain_table_is_seeded_as_version_1(self) -> None:
        for code, amount, unit, direction, extend in EXPECTED:
            rule = DeadlineRule.objects.get(code=code, version=1)
            self.assertEqual(
                (rule.amount, rule.unit, rule.direction, rule.extend_on_rest_day),
                (amount, unit, direction, extend),
                code,
            )
            self.assertTrue(rule.basis and rule.starts_from and rule.name, code)
        self.assertEqual({r["code"] for r in DEFAULT_RULES}, {row[0] for row in EXPECTED})

    def test_commitment_verification_is_set_per_matter_and_has_no_default(self) -> None:
        self.assertFalse(DeadlineRule.objects.filter(code="commitment.verification").exists())

    def test_source_tags_follow_the_domain_table(self) -> None:
        tags = dict(DeadlineRule.objects.values_list("code", "source_tag"))
        self.assertEqual(tags["document.comment_min"], "R")
        self.assertEqual(tags["document.comment_min_market"], "V")
        self.assertEqual(tags["document.legality_review_max"], "U")
        self.assertEqual(tags["decision.legality_review_min"], "V")
        self.assertEqual(tags["reconsideration.reply"], "V")
        self.assertEqual(tags["annual_report.submit"], "R")
        self.assertEqual((tags["complaint.acceptance"], tags["complaint.reply"]), ("U", "U"))

    def test_seeding_again_creates_nothing_and_restores_a_missing_code(self) -> None:
        self.assertEqual(seed_rulebook(), 0)
        DeadlineRule.objects.filter(code="litigation.defence").delete()
        self.assertEqual(seed_rulebook(), 1)
        self.assertEqual(DeadlineRule.objects.filter(code="litigation.defence").count(), 1)

    def test_the_short_periods_of_the_administrative_penalty_and_reconsideration_laws_are_working_days(
        self,
    ) -> None:
        # 行政处罚法第八十五条, 行政复议法第八十八条.
        self.assertEqual(
            compute_deadline(D(2026, 2, 13), "enforcement.publicity_withdrawal").due, D(2026, 2, 25)
        )
        self.assertEqual(compute_deadline(D(2026, 2, 13), "reconsideration.reply").due, D(2026, 3, 5))

    def test_a_validity_period_is_not_extended_and_its_evaluation_is_six_months_earlier(self) -> None:
        expiry = compute_deadline(D(2026, 2, 28), "document.validity").due
        self.assertEqual(expiry, D(2031, 2, 28))
        self.assertEqual(compute_deadline(expiry, "document.evaluation_before_expiry").due, D(2030, 8, 28))
        self.assertEqual(compute_deadline(D(2026, 3, 1), "document.validity_provisional").due, D(2028, 3, 1))


class RuleVersionsTest(BaseTestCase):
    def test_a_new_version_copies_the_old_one_with_the_changes_and_is_audited(self) -> None:
        rule = create_rule_version(
            "document.filing",
            actor=self.city_admin,
            amount=20,
            source_tag="V",
            applies_from=D(2026, 7, 1),
            note="已核对天津现行规定",
        )
        old = DeadlineRule.objects.get(code="document.filing", version=1)
        self.assertEqual((rule.version, rule.amount, rule.unit, rule.basis), (2, 20, old.unit, old.basis))
        self.assertEqual(rule.created_by, self.city_admin)
        self.assertEqual((old.amount, old.source_tag), (30, "U"))  # the old row is untouched
        event = AuditEvent.objects.order_by("-seq").first()
        self.assertEqual(event.verb, "rule.new_version")
        self.assertEqual(event.object_id, str(rule.pk))
        self.assertEqual(event.actor_id, self.city_admin.pk)
        self.assertEqual(event.data["changes"]["amount"], [30, 20])
        self.assertEqual(event.data["changes"]["applies_from"], ["2000-01-01", "2026-07-01"])
        self.assertEqual(event.data["previous_version"], 1)

    def test_a_new_version_applies_from_today_unless_a_date_is_given(self) -> None:
        rule = create_rule_version("litigation.defence", actor=self.city_admin, note="改正说明")
        self.assertEqual(rule.applies_from, timezone.localdate())
        self.assertEqual(current_rule("litigation.defence").version, 2)
        self.assertEqual(current_rule("litigation.defence", D(2025, 1, 1)).version, 1)

    def test_only_a_rulebook_manager_may_make_a_version(self) -> None:
        for user in (self.drafter, self.reviewer, self.director, self.outsider):
            with self.assertRaises(PermissionDenied):
                create_rule_version("document.filing", actor=user, amount=20)
        self.assertEqual(DeadlineRule.objects.filter(code="document.filing").count(), 1)
        self.assertFalse(AuditEvent.objects.filter(verb="rule.new_version").exists())

    def test_an_unknown_code_is_refused(self) -> None:
        with self.assertRaises(UnknownRule):
            create_rule_version("no.such_rule", actor=self.city_admin, amount=1)

    def test_impossible_values_are_refused_in_chinese_and_nothing_is_saved(self) -> None:
        cases = [
            {"amount": 5000},
            {"unit": "weeks"},
            {"unit": "annual_date", "amount": 1345},
            {"unit": "annual_date", "amount": 301, "direction": "before"},
            {"basis": "  "},
        ]
        for changes in cases:
            with self.assertRaises(ValidationError) as caught:
                create_rule_version("document.filing", actor=self.city_admin, **changes)
            self.assertTrue(all("\u4e00" <= m[0] <= "\u9fff" for m in caught.exception.messages), changes)
        self.assertEqual(DeadlineRule.objects.filter(code="document.filing").count(), 1)

    def test_validate_accepts_every_default(self) -> None:
        for row in DEFAULT_RULES:
            validate_rule_values(row)


class LegalCorrectionsTest(TestCase):
    """The rows an administrative-law review corrected (issue 10; DOMAIN.md §2, §14)."""

    def test_filing_cites_the_2019_tianjin_rule_and_is_marked_to_be_confirmed(self) -> None:
        """《天津市行政规范性文件管理规定》(2019年天津市人民政府令第15号, in force 2019-12-01)
        repealed 津政令第125号; its filing period could not be read, so the row says 待确认."""
        rule = DeadlineRule.objects.get(code="document.filing", version=1)
        self.assertIn("2019年天津市人民政府令第15号", rule.basis)
        self.assertIn("待确认", rule.basis)
        self.assertNotIn("125号", rule.basis)
        self.assertEqual(rule.source_tag, "U")

    def test_hearing_materials_not_a_notice_period(self) -> None:
        """713号 第十六条第三款: "听证会材料应当于召开听证会7日前送达听证参加人"."""
        self.assertFalse(DeadlineRule.objects.filter(code="decision.hearing_notice_min").exists())
        rule = DeadlineRule.objects.get(code="decision.hearing_materials_min")
        self.assertEqual(rule.basis, "《重大行政决策程序暂行条例》（国务院令第713号）第十六条第三款")
        self.assertEqual(
            compute_deadline(D(2026, 1, 12), "decision.hearing_materials_min").due, D(2026, 1, 5)
        )

    def test_result_publicity_cites_no_untraceable_title(self) -> None:
        rule = DeadlineRule.objects.get(code="inspection.result_publicity")
        self.assertNotIn("细则", rule.basis)
        self.assertIn("国家市场监督管理总局2018年", rule.basis)

    def test_the_withdrawal_runs_from_legal_effect_and_the_limitation_from_the_act(self) -> None:
        """行政处罚法 第四十八条: "……被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内
        撤回行政处罚决定信息并公开说明理由"; 第三十六条: "前款规定的期限，从违法行为发生之日起计算；
        违法行为有连续或者继续状态的，从行为终了之日起计算"."""
        withdrawal = DeadlineRule.objects.get(code="enforcement.publicity_withdrawal")
        self.assertIn("发生法律效力之日", withdrawal.starts_from)
        for code in ("enforcement.limitation", "enforcement.limitation_grave"):
            self.assertEqual(
                DeadlineRule.objects.get(code=code).starts_from,
                "违法行为发生之日（有连续或者继续状态的，行为终了之日）",
            )

    def test_a_database_seeded_before_the_corrections_gets_them_as_new_versions(self) -> None:
        import importlib

        from django.apps import apps

        migration = importlib.import_module("fazhi.core.migrations.0004_rulebook_legal_corrections")
        DeadlineRule.objects.filter(code="inspection.result_publicity").update(
            basis="市场监管总局2018年双随机、一公开监管工作细则"
        )
        DeadlineRule.objects.create(
            code="decision.hearing_notice_min",
            name="重大行政决策听证会提前公告期限",
            amount=7,
            unit="calendar_days",
            direction="before",
            extend_on_rest_day=False,
            starts_from="听证会召开之日",
            basis="《重大行政决策程序暂行条例》（国务院令第713号）第十六条",
            source_tag="V",
        )
        migration.correct(apps, None)
        latest = current_rule("inspection.result_publicity", D(2021, 6, 1))
        self.assertEqual((latest.version, latest.amount), (2, 20))
        self.assertIn("国家市场监督管理总局2018年", latest.basis)
        self.assertFalse(DeadlineRule.objects.filter(code="decision.hearing_notice_min").exists())
        migration.correct(apps, None)  # idempotent
        self.assertEqual(DeadlineRule.objects.filter(code="inspection.result_publicity").count(), 2)
