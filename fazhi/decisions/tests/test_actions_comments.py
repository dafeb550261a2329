"""The public's comments on a draft decision, grouped when they repeat one another."""

from __future__ import annotations

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import DomainError, LegalGateClosed
from fazhi.decisions import actions
from fazhi.decisions.tests.factories import (
    at,
    decided,
    through_expert_and_risk,
    through_participation,
    through_review,
)
from fazhi.decisions.tests.test_actions import D, DecisionTestCase


class CommentGroupTests(DecisionTestCase):
    def consultation(self):  # type: ignore[no-untyped-def]
        decision = self.new()
        with at("2026-01-06"):
            return decision, actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 2, 10))

    def test_a_group_leader_cannot_join_its_own_group(self) -> None:
        _decision, consultation = self.consultation()
        with at("2026-01-20"):
            a = actions.add_public_comment(consultation, text="甲")
            b = actions.add_public_comment(consultation, text="乙")
            actions.mark_duplicate(b, of=a, actor=self.drafter)
            with self.assertRaisesMessage(DomainError, "不能再归并到本组"):
                actions.mark_duplicate(a, of=b, actor=self.drafter)

    def test_merging_a_group_into_another_moves_its_members_and_one_answer_covers_all(self) -> None:
        decision, consultation = self.consultation()
        with at("2026-01-20"):
            a, b, c = (actions.add_public_comment(consultation, text=t) for t in "甲乙丙")
            actions.mark_duplicate(b, of=a, actor=self.drafter)
            actions.mark_duplicate(a, of=c, actor=self.drafter)
        with at("2026-02-11"):
            actions.answer_comment(c, actor=self.drafter, adoption="adopted", answer="")
            actions.publish_adoption_report(decision, actor=self.drafter, report="采纳3条")
            with self.assertRaisesMessage(DomainError, "答复不能再修改"):
                actions.answer_comment(c, actor=self.drafter, adoption="not_adopted", answer="改变主意")
        self.assertEqual(set(consultation.comments.values_list("adoption", flat=True)), {"adopted"})
        self.assertEqual(
            set(consultation.comments.exclude(pk=c.pk).values_list("duplicate_of", flat=True)), {c.pk}
        )

    def test_an_adjustment_reruns_public_participation_in_a_new_round(self) -> None:

        decision = through_expert_and_risk(
            through_participation(self.new(), self.drafter), self.drafter, self.expert
        )
        decision = decided(through_review(decision, self.drafter, self.reviewer, self.counsel), self.director)
        with at("2026-03-05"):
            actions.publish_decision(
                decision, actor=self.reviewer, published_on=D(2026, 3, 5), channel="局网站"
            )
        with at("2026-07-01"):
            actions.adjust_decision(
                decision,
                actor=self.reviewer,
                kind="adjust",
                reason="目标调整",
                rerun=["public_participation", "expert_argumentation"],
            )
            decision.refresh_from_db()
            # The risk assessment, not re-run, stands; the two re-run are open side by side.
            self.assertEqual(decision.completed_procedures, ["risk_assessment"])
            with self.assertRaisesMessage(LegalGateClosed, "公众意见采纳情况尚未公布"):
                actions.complete_public_participation(decision, actor=self.drafter)
            actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 8, 10))
        with at("2026-08-11"):
            actions.publish_adoption_report(decision, actor=self.drafter, report="第二轮未收到意见")
            actions.complete_public_participation(decision, actor=self.drafter)
            # The earlier round's expert opinion and risk assessment do not count for the new one.
            with self.assertRaisesMessage(LegalGateClosed, "尚无本轮专家论证意见"):
                actions.complete_expert_argumentation(decision, actor=self.drafter)
        event = AuditEvent.objects.filter(verb="decision.consultation.open").order_by("-seq").first()
        assert event is not None
        self.assertEqual(event.data["previous_round"]["report"], "未收到意见。")
