"""The major-decision figures of a year for the annual report (core.figures): the matters of
the year's catalog, and the procedures carried out in the year (public participation, expert
argumentation, risk assessment, hearings, post-evaluations)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, agency_scope, count_of
from fazhi.decisions.models import Consultation, Hearing, MajorDecision, PostEvaluation

SYSTEM = _("重大行政决策")


def _decisions(agency: Any) -> Any:
    return MajorDecision.objects.filter(agency_scope(agency, "agency"))


def catalog_matters(agency: Any, year: int) -> FigureValue:
    """The matters of the year's catalog (those taken out of it by an adjustment not counted)."""
    return count_of(_decisions(agency).filter(year=year).exclude(stage=MajorDecision.Stage.REMOVED))


def public_participation(agency: Any, year: int) -> FigureValue:
    return count_of(
        Consultation.objects.filter(agency_scope(agency, "decision__agency"), opens_on__year=year),
        "decision__title",
    )


def expert_argumentation(agency: Any, year: int) -> FigureValue:
    """Matters with an expert opinion signed in the year."""
    return count_of(_decisions(agency).filter(expert_opinions__signed_on__year=year).distinct())


def risk_assessments(agency: Any, year: int) -> FigureValue:
    """Matters with a risk assessment made in the year."""
    return count_of(_decisions(agency).filter(risk_assessments__assessed_on__year=year).distinct())


def hearings(agency: Any, year: int) -> FigureValue:
    return count_of(
        Hearing.objects.filter(agency_scope(agency, "decision__agency"), held_on__year=year),
        "decision__title",
    )


def post_evaluations(agency: Any, year: int) -> FigureValue:
    return count_of(
        PostEvaluation.objects.filter(agency_scope(agency, "decision__agency"), evaluated_on__year=year),
        "decision__title",
    )


FIGURES = [
    Figure("decisions.catalog_matters", _("纳入重大行政决策事项目录"), _("个"), catalog_matters, SYSTEM, 10),
    Figure(
        "decisions.public_participation",
        _("公开征求意见的决策事项"),
        _("个"),
        public_participation,
        SYSTEM,
        20,
    ),
    Figure(
        "decisions.expert_argumentation",
        _("开展专家论证的决策事项"),
        _("个"),
        expert_argumentation,
        SYSTEM,
        30,
    ),
    Figure("decisions.risk_assessments", _("开展风险评估的决策事项"), _("个"), risk_assessments, SYSTEM, 40),
    Figure("decisions.hearings", _("举行听证会"), _("次"), hearings, SYSTEM, 50),
    Figure("decisions.post_evaluations", _("开展决策后评估"), _("次"), post_evaluations, SYSTEM, 60),
]
