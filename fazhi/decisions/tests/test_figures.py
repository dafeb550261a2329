"""The major-decision figures of the annual report, against hand-built records."""

from __future__ import annotations

from typing import Any

from fazhi.core.models import DeadlineRule
from fazhi.core.tests.figure_cases import LAST_DAY, NEXT_YEAR, YEAR, FigureTestCase
from fazhi.decisions.models import (
    Consultation,
    DecisionExpert,
    ExpertOpinion,
    Hearing,
    MajorDecision,
    PostEvaluation,
    RiskAssessment,
)


class DecisionFigureTests(FigureTestCase):
    def decision(
        self, year: int = YEAR, *, agency: Any = None, stage: str = MajorDecision.Stage.PUBLISHED
    ) -> Any:
        agency = agency or self.bureau
        return MajorDecision.objects.create(
            agency=agency,
            year=year,
            title=f"决策{MajorDecision.objects.count() + 1}",
            lead_division=self.sci_division if agency == self.bureau else self.foreign_division,
            legal_basis="依据",
            reason="理由",
            proposed_by=self.drafter,
            stage=stage,
        )

    def procedures(self, decision: Any, day: Any) -> None:
        Consultation.objects.create(
            decision=decision,
            draft_text="稿",
            explanation="说明",
            opens_on=day,
            closes_on=day,
            rule=DeadlineRule.objects.filter(code="decision.comment_min").first(),  # type: ignore[misc]
        )
        Hearing.objects.create(
            decision=decision, held_on=day, place="局", notice_published_on=day, participants="代表"
        )
        for name in ("专家甲", "专家乙"):
            expert = DecisionExpert.objects.create(
                agency=decision.agency, name=name, organization="大学", field="法学"
            )
            ExpertOpinion.objects.create(decision=decision, expert=expert, opinion="同意", signed_on=day)
        RiskAssessment.objects.create(
            decision=decision,
            assessor="中心",
            level="low",
            risk_points="无",
            mitigations="无",
            assessed_on=day,
        )
        PostEvaluation.objects.create(
            decision=decision,
            evaluator="第三方",
            trigger="到期",
            report="报告",
            conclusion="良好",
            evaluated_on=day,
        )

    def test_catalog_matters_of_the_year_without_those_taken_out(self) -> None:
        self.decision()
        self.decision()
        self.decision(stage=MajorDecision.Stage.REMOVED)
        self.decision(YEAR + 1)
        self.decision(agency=self.other_agency)
        self.assertFigure("decisions.catalog_matters", 2)
        self.assertFigure("decisions.catalog_matters", 3, agency=None)

    def test_procedures_count_in_the_year_they_were_carried_out(self) -> None:
        self.procedures(self.decision(), LAST_DAY)
        self.procedures(self.decision(), NEXT_YEAR)
        self.procedures(self.decision(agency=self.other_agency), LAST_DAY)
        for key in (
            "public_participation",
            "expert_argumentation",  # a matter with two expert opinions counts once
            "risk_assessments",
            "hearings",
            "post_evaluations",
        ):
            with self.subTest(key=key):
                self.assertFigure(f"decisions.{key}", 1)
                self.assertFigure(f"decisions.{key}", 2, agency=None)
