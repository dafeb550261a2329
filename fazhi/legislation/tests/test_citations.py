from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied

from fazhi.core import figures, laws
from fazhi.core.models import DeadlineRule, Law, LawVersion
from fazhi.core.workflow import DomainError
from fazhi.documents import actions as document_actions
from fazhi.legislation import actions
from fazhi.legislation.citations import cited_names
from fazhi.legislation.models import CitationFlag, LegislativeProject
from fazhi.legislation.tests.base import TITLE, D, LegislationTestCase, on
from fazhi.legislation.worklist import legislation_items


class CitationFlagTests(LegislationTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.citing = document_actions.create_document(
            actor=cls.drafter, title="天津市科普基地管理办法", text=f"第一条 根据《{TITLE}》，制定本办法。"
        )
        cls.other = document_actions.create_document(
            actor=cls.drafter, title="某其他文件", text="根据《天津市科学技术普及条例实施细则》制定。"
        )
        cls.rule = DeadlineRule.objects.create(
            code="test.popularisation",
            name="科普测试期限",
            amount=10,
            unit="calendar_days",
            starts_from="某日",
            basis=f"《{TITLE}》第十条",
            source_tag="U",
        )

    def amend(self, effective_on: datetime.date) -> LawVersion:
        return laws.record_law_version(
            self.law, kind="amended", adopted_on=D(2026, 2, 1), effective_on=effective_on, actor=self.reviewer
        )

    def test_a_version_in_effect_flags_the_documents_citing_the_law_by_its_title(self) -> None:
        version = self.amend(D(2026, 3, 1))
        flags = CitationFlag.objects.filter(version=version, subject="document")
        self.assertEqual([f.subject_key for f in flags], [str(self.citing.pk)])
        self.assertEqual((flags[0].owner, flags[0].division), (self.drafter, self.sci_division))

    def test_a_version_in_effect_flags_the_rule_book_rows_whose_basis_names_the_law_and_changes_none(
        self,
    ) -> None:
        version = self.amend(D(2026, 3, 1))
        flag = CitationFlag.objects.get(version=version, subject="rule")
        self.assertEqual(flag.subject_key, "test.popularisation")
        self.rule.refresh_from_db()
        self.assertEqual((self.rule.amount, self.rule.version), (10, 1))

    def test_a_version_not_yet_in_effect_flags_when_the_daily_command_reaches_its_date(self) -> None:
        version = self.amend(D(2026, 4, 1))
        self.assertFalse(CitationFlag.objects.exists())
        self.assertEqual(laws.apply_effective_versions(today=D(2026, 3, 31)), 0)
        self.assertEqual(laws.apply_effective_versions(today=D(2026, 4, 1)), 1)
        self.assertEqual(CitationFlag.objects.filter(version=version).count(), 2)
        self.assertEqual(laws.apply_effective_versions(today=D(2026, 4, 2)), 0)  # safe to repeat

    def test_the_drafter_is_asked_to_check_and_records_the_check(self) -> None:
        self.amend(D(2026, 3, 1))
        flag = CitationFlag.objects.get(subject="document")
        titles = [item.title for item in legislation_items(self.drafter)]
        self.assertTrue(any("天津市科普基地管理办法" in t for t in titles), titles)
        self.assertEqual([i for i in legislation_items(self.outsider)], [])
        with self.assertRaises(PermissionDenied):
            actions.check_flag(flag, actor=self.outsider, note="看过")
        actions.check_flag(flag, actor=self.drafter, note="所引第十条未变，无需修改")
        with self.assertRaisesMessage(DomainError, "该事项已核对"):
            actions.check_flag(flag, actor=self.drafter, note="再看")
        self.assertEqual(legislation_items(self.drafter), [])

    def test_rule_book_rows_are_checked_by_the_rule_books_keepers(self) -> None:
        self.amend(D(2026, 3, 1))
        flag = CitationFlag.objects.get(subject="rule")
        with self.assertRaises(PermissionDenied):
            actions.check_flag(flag, actor=self.drafter, note="看过")
        actions.check_flag(flag, actor=self.city_admin, note="期限未变")

    def test_a_national_law_is_also_found_by_its_short_title(self) -> None:
        self.assertEqual(cited_names("中华人民共和国行政处罚法"), ["中华人民共和国行政处罚法", "行政处罚法"])


class FigureTests(LegislationTestCase):
    def test_regulations_amended_in_a_year_are_counted_with_their_records(self) -> None:
        with on("2021-12-01"):
            laws.record_law_version(
                self.law,
                kind="amended",
                adopted_on=D(2021, 11, 29),
                effective_on=D(2021, 11, 29),
                actor=self.reviewer,
            )
        other = laws.create_law(title="中华人民共和国科学技术进步法", kind=Law.Kind.LAW, actor=self.reviewer)
        laws.record_law_version(
            other, kind="adopted", adopted_on=D(1993, 7, 2), effective_on=D(1993, 10, 1), actor=self.reviewer
        )
        laws.record_law_version(
            other, kind="revised", adopted_on=D(2021, 12, 24), effective_on=D(2022, 1, 1), actor=self.reviewer
        )
        value = figures.compute("legislation.regulations_amended", None, 2021)
        self.assertEqual(value.value, 1)  # a national law is not a regulation the bureau helps make
        self.assertIn(TITLE, value.records[0].title)
        self.assertEqual(figures.compute("legislation.regulations_made", None, 2015).value, 1)

    def test_projects_are_counted_by_stage(self) -> None:
        self.drafted()
        self.project(title="第二个项目")
        self.assertEqual(figures.compute("legislation.projects", None, 2026).value, 2)
        self.assertEqual(figures.compute("legislation.projects.drafting", None, 2026).value, 1)
        self.assertEqual(figures.compute("legislation.projects.planned", None, 2026).value, 1)
        with self.assertNumQueries(1):
            figures.compute("legislation.projects.planned", None, 2026)

    def test_every_stage_has_a_figure(self) -> None:
        keys = {f.key for f in figures.all_figures()}
        for stage in LegislativeProject.Stage:
            self.assertIn(f"legislation.projects.{stage.value}", keys)


class CommandTests(LegislationTestCase):
    def test_fazhi_laws_apply_flags_the_versions_that_took_effect(self) -> None:
        from io import StringIO

        from django.core.management import call_command

        laws.record_law_version(
            self.law,
            kind="amended",
            adopted_on=D(2026, 2, 1),
            effective_on=D(2026, 3, 5),
            actor=self.reviewer,
        )
        out = StringIO()
        with on("2026-03-05"):
            call_command("laws", "apply", stdout=out)
        self.assertIn("1", out.getvalue())
