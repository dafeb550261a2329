from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent, Law, LawVersion
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.legislation import actions
from fazhi.legislation.models import Deliberation, DraftComment, LegislativeProject
from fazhi.legislation.tests.base import D, LegislationTestCase, P, on

G = LegislativeProject.Stage
B = Deliberation.Body
OC = Deliberation.Outcome


class ProjectTests(LegislationTestCase):
    def test_the_legal_affairs_division_enters_a_project_of_the_plan(self) -> None:
        project = self.project()
        self.assertEqual(project.stage, G.PLANNED)
        self.assertTrue(
            AuditEvent.objects.filter(verb="legislation.create", object_id=str(project.pk)).exists()
        )

    def test_a_division_member_cannot_enter_a_project(self) -> None:
        with self.assertRaises(PermissionDenied):
            self.project(actor=self.drafter)

    def test_an_amendment_names_the_law_it_amends(self) -> None:
        with self.assertRaisesMessage(DomainError, "修改项目应当选择所修改的法规规章"):
            self.project(law=None)

    def test_the_law_amended_must_be_of_the_form_of_the_project(self) -> None:
        with self.assertRaisesMessage(DomainError, "与立法形式不一致"):
            self.project(law_kind=P.LawKind.GOVERNMENT_RULE)

    def test_a_new_regulation_names_no_law(self) -> None:
        with self.assertRaisesMessage(DomainError, "不选择所修改的法规规章"):
            self.project(change=P.Change.NEW)


class CommentTests(LegislationTestCase):
    def test_the_comment_window_is_at_least_the_rule_books_period(self) -> None:
        project = self.drafted(
            law_kind=P.LawKind.GOVERNMENT_RULE, change=P.Change.NEW, law=None, title="天津市某办法"
        )
        with self.assertRaisesMessage(LegalGateClosed, "规章制定程序条例"):
            actions.open_comment(project, actor=self.reviewer, closes_on=D(2026, 3, 20))
        actions.open_comment(project, actor=self.reviewer, closes_on=D(2026, 4, 1))
        project.refresh_from_db()
        self.assertEqual(project.stage, G.PUBLIC_COMMENT)
        self.assertEqual(project.comment_rule.code, "legislation.comment_min_rule")  # type: ignore[union-attr]

    def test_a_draft_regulations_window_cites_the_row_to_be_confirmed(self) -> None:
        project = self.drafted()
        with self.assertRaisesMessage(LegalGateClosed, "待确认"):
            actions.open_comment(project, actor=self.reviewer, closes_on=D(2026, 3, 20))

    def test_a_project_the_bureau_only_joins_does_not_consult_the_public(self) -> None:
        project = self.drafted(part=P.Part.JOIN)
        with self.assertRaisesMessage(LegalGateClosed, "由牵头单位组织"):
            actions.open_comment(project, actor=self.reviewer, closes_on=D(2026, 4, 1))

    def test_no_comment_window_without_a_draft(self) -> None:
        project = self.project()
        actions.start_drafting(project, actor=self.reviewer)
        with self.assertRaisesMessage(DomainError, "请先保存草案文本"):
            actions.open_comment(project, actor=self.reviewer, closes_on=D(2026, 4, 1))

    def test_the_public_comments_only_while_the_window_is_open(self) -> None:
        project = self.commented()
        comment = actions.add_comment(project, text="建议增加科普场馆免费开放的规定", contact="138")
        self.assertEqual(comment.source, DraftComment.Source.PUBLIC)
        with on("2026-04-02"), self.assertRaisesMessage(DomainError, "不在征求意见期内"):
            actions.add_comment(project, text="迟到的意见")

    def test_a_division_member_cannot_enter_comments_for_the_project(self) -> None:
        project = self.commented()
        with self.assertRaises(PermissionDenied):
            actions.add_comment(project, text="意见", source="organ", actor=self.drafter)

    def test_not_adopting_a_comment_needs_a_reason(self) -> None:
        project = self.commented()
        comment = actions.add_comment(project, text="意见")
        with self.assertRaisesMessage(DomainError, "请填写不采纳或部分采纳的理由"):
            actions.answer_comment(comment, actor=self.reviewer, adoption="not_adopted", answer=" ")
        actions.answer_comment(comment, actor=self.reviewer, adoption="adopted", answer="")
        comment.refresh_from_db()
        self.assertEqual(comment.adoption, "adopted")


class ReviewAndDeliberationTests(LegislationTestCase):
    def test_the_draft_goes_to_review_only_after_the_window_closed(self) -> None:
        project = self.commented()
        with on("2026-04-01"), self.assertRaisesMessage(LegalGateClosed, "届满后方可报送"):
            actions.submit_for_review(project, actor=self.reviewer, submitted_on=D(2026, 4, 1))

    def test_every_comment_is_answered_before_the_draft_moves_on(self) -> None:
        project = self.commented()
        comment = actions.add_comment(project, text="意见")
        with on("2026-04-10"):
            with self.assertRaisesMessage(LegalGateClosed, "尚有 1 条意见未答复"):
                actions.submit_for_review(project, actor=self.reviewer, submitted_on=D(2026, 4, 10))
            actions.answer_comment(comment, actor=self.reviewer, adoption="partly_adopted", answer="部分吸收")
            actions.submit_for_review(project, actor=self.reviewer, submitted_on=D(2026, 4, 10))
        project.refresh_from_db()
        self.assertEqual(project.stage, G.LEGALITY_REVIEW)
        with on("2026-04-11"), self.assertRaisesMessage(LegalGateClosed, "意见答复不能再修改"):
            actions.answer_comment(comment, actor=self.reviewer, adoption="adopted", answer="")

    def test_a_lead_project_cannot_skip_the_public_comment(self) -> None:
        project = self.drafted()
        with self.assertRaisesMessage(LegalGateClosed, "应当先公开征求意见"):
            actions.submit_for_review(project, actor=self.reviewer, submitted_on=D(2026, 3, 2))

    def test_a_joined_project_goes_to_review_from_drafting(self) -> None:
        project = self.drafted(part=P.Part.JOIN)
        actions.submit_for_review(project, actor=self.reviewer, submitted_on=D(2026, 3, 2))
        self.assertEqual(project.stage, G.LEGALITY_REVIEW)

    def test_a_regulation_goes_to_the_standing_committee_after_the_government_meeting(self) -> None:
        project = self.under_deliberation()
        with on("2026-06-01"):
            with self.assertRaisesMessage(LegalGateClosed, "市政府常务会议讨论通过后"):
                actions.record_deliberation(
                    project,
                    actor=self.reviewer,
                    body=B.STANDING_COMMITTEE,
                    held_on=D(2026, 6, 1),
                    outcome=OC.PASSED,
                )
            actions.record_deliberation(
                project,
                actor=self.reviewer,
                body=B.GOVERNMENT_MEETING,
                held_on=D(2026, 6, 1),
                outcome=OC.PASSED,
            )
        project.refresh_from_db()
        self.assertEqual(project.stage, G.DELIBERATION)  # the government agreed to submit it
        with on("2026-07-01"):
            first = actions.record_deliberation(
                project,
                actor=self.reviewer,
                body=B.STANDING_COMMITTEE,
                held_on=D(2026, 7, 1),
                outcome=OC.CONTINUED,
            )
        with on("2026-07-30"):
            second = actions.record_deliberation(
                project,
                actor=self.reviewer,
                body=B.STANDING_COMMITTEE,
                held_on=D(2026, 7, 30),
                outcome=OC.PASSED,
            )
        self.assertEqual((first.reading, second.reading), (1, 2))
        project.refresh_from_db()
        self.assertEqual((project.stage, project.adopted_on), (G.ADOPTED, D(2026, 7, 30)))
        self.assertEqual(project.adopted_by, "天津市人民代表大会常务委员会")

    def test_a_rule_is_not_sent_to_the_standing_committee(self) -> None:
        project = self.under_deliberation(
            law_kind=P.LawKind.GOVERNMENT_RULE, change=P.Change.NEW, law=None, title="天津市某办法"
        )
        with on("2026-06-01"):
            with self.assertRaisesMessage(DomainError, "不提请人大常委会审议"):
                actions.record_deliberation(
                    project,
                    actor=self.reviewer,
                    body=B.STANDING_COMMITTEE,
                    held_on=D(2026, 6, 1),
                    outcome=OC.PASSED,
                )
            actions.record_deliberation(
                project,
                actor=self.reviewer,
                body=B.GOVERNMENT_MEETING,
                held_on=D(2026, 6, 1),
                outcome=OC.PASSED,
            )
        project.refresh_from_db()
        self.assertEqual(project.stage, G.ADOPTED)

    def test_no_deliberation_before_the_legality_review(self) -> None:
        project = self.commented()
        with self.assertRaisesMessage(LegalGateClosed, "经合法性审查后"):
            actions.record_deliberation(
                project,
                actor=self.reviewer,
                body=B.GOVERNMENT_MEETING,
                held_on=D(2026, 3, 2),
                outcome=OC.PASSED,
            )

    def test_a_meeting_date_cannot_be_in_the_future(self) -> None:
        project = self.under_deliberation()
        with on("2026-06-01"), self.assertRaisesMessage(DomainError, "会议日期不能晚于今天"):
            actions.record_deliberation(
                project,
                actor=self.reviewer,
                body=B.GOVERNMENT_MEETING,
                held_on=D(2026, 6, 2),
                outcome=OC.PASSED,
            )

    def test_a_terminated_project_takes_no_further_step(self) -> None:
        project = self.drafted()
        actions.terminate(project, actor=self.reviewer, reason="列入下年度计划")
        with self.assertRaises(InvalidTransition):
            actions.open_comment(project, actor=self.reviewer, closes_on=D(2026, 4, 1))


class PromulgationTests(LegislationTestCase):
    def adopted(self, **overrides: object) -> LegislativeProject:
        project = self.under_deliberation(**overrides)
        with on("2026-06-01"):
            actions.record_deliberation(
                project,
                actor=self.reviewer,
                body=B.GOVERNMENT_MEETING,
                held_on=D(2026, 6, 1),
                outcome=OC.PASSED,
            )
        if project.law_kind == P.LawKind.LOCAL_REGULATION:
            with on("2026-07-30"):
                actions.record_deliberation(
                    project,
                    actor=self.reviewer,
                    body=B.STANDING_COMMITTEE,
                    held_on=D(2026, 7, 30),
                    outcome=OC.PASSED,
                )
        project.refresh_from_db()
        return project

    def test_promulgation_records_the_new_version_in_the_register(self) -> None:
        project = self.adopted()
        with on("2026-07-31"):
            version = actions.promulgate(
                project,
                actor=self.reviewer,
                promulgated_on=D(2026, 7, 31),
                effective_on=D(2026, 9, 1),
                number="公告第1号",
            )
        self.assertEqual(
            (version.kind, version.law, version.adopted_on),
            (LawVersion.Kind.AMENDED, self.law, D(2026, 7, 30)),
        )
        project.refresh_from_db()
        self.assertEqual((project.stage, project.law_version), (G.PROMULGATED, version))
        self.assertIsNone(version.flagged_at)  # not yet in effect

    def test_a_new_rule_enters_the_register_as_a_new_law(self) -> None:
        project = self.adopted(
            law_kind=P.LawKind.GOVERNMENT_RULE, change=P.Change.NEW, law=None, title="天津市科技某管理办法"
        )
        with on("2026-06-05"):
            version = actions.promulgate(
                project, actor=self.reviewer, promulgated_on=D(2026, 6, 5), effective_on=D(2026, 7, 1)
            )
        self.assertEqual(version.kind, LawVersion.Kind.ADOPTED)
        self.assertEqual(Law.objects.get(title="天津市科技某管理办法").kind, Law.Kind.GOVERNMENT_RULE)

    def test_the_effective_date_is_not_before_promulgation(self) -> None:
        project = self.adopted()
        with on("2026-07-31"), self.assertRaisesMessage(DomainError, "施行日期不能早于公布日期"):
            actions.promulgate(
                project, actor=self.reviewer, promulgated_on=D(2026, 7, 31), effective_on=D(2026, 7, 1)
            )
        project.refresh_from_db()
        self.assertEqual(project.stage, G.ADOPTED)
        self.assertFalse(LawVersion.objects.filter(law=self.law, kind="amended").exists())
