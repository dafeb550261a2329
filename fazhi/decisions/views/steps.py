"""The steps of the detail page as a table: who may take each (else 404), its form, where on
the page it sits, whether the matter's stage offers it now, and the refusal in the words of the
procedure when it does not."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.agencies import wording
from fazhi.decisions import permissions
from fazhi.decisions.forms import (
    AdjustForm,
    ConsultationForm,
    DraftForm,
    EvaluationForm,
    ExecutionForm,
    ExpertOpinionForm,
    HearingForm,
    InterestForm,
    MeetingForm,
    PublishForm,
    ReportForm,
    ReviseForm,
    RiskForm,
)
from fazhi.decisions.models import PRELIMINARY, Consultation, MajorDecision, RiskAssessment, Step
from fazhi.reviews.models import ReviewRequest

G = MajorDecision.Stage


# Stages after the collective decision: its publication, archive, tracking and adjustment.
AFTER_MEETING = {G.DECIDED, G.PUBLISHED, G.SUSPENDED, G.NOT_ADOPTED}


OPEN_REVIEW = {
    ReviewRequest.Status.DRAFT,
    ReviewRequest.Status.SUBMITTED,
    ReviewRequest.Status.UNDER_REVIEW,
    ReviewRequest.Status.RETURNED,
}


def _place_error(form: forms.Form, hints: list[tuple[str, str]], message: str) -> None:
    """Put an action's message next to the field it names (else above the form)."""
    for words, name in hints:
        if words in message and name in form.fields:
            form.add_error(name, message)
            return
    form.add_error(None, message)


# ---------------------------------------------------------------------------------------------
# The detail page


@dataclass(frozen=True)
class Action:
    """A step of the detail page: who may ever take it (else 404), its name, the procedure it
    belongs to, and where on the page its form is. `stages`, when given, are checked here
    because the action itself does not (the page refuses in the words of the procedure)."""

    may: Callable[[Any, MajorDecision], bool]
    label: Any
    anchor: str
    step: Step | None = None
    stages: frozenset[str] = frozenset()


def _run_it(user: Any, decision: MajorDecision) -> bool:
    return permissions.can_run(user, decision)


def _adjuster(user: Any, decision: MajorDecision) -> bool:
    return permissions.can_compile(user) or permissions.can_record_decision(user)


ACTIONS: dict[str, Action] = {
    "save_draft": Action(_run_it, gettext_lazy("保存决策草案"), "#draft"),
    "start": Action(_run_it, gettext_lazy("启动法定程序"), "#draft"),
    "open_consultation": Action(_run_it, gettext_lazy("公开征求意见"), "#participation"),
    "answer_comment": Action(
        _run_it,
        gettext_lazy("答复意见"),
        "#comments",
        Step.PUBLIC_PARTICIPATION,
        frozenset({G.PUBLIC_PARTICIPATION}),
    ),
    "mark_duplicate": Action(
        _run_it,
        gettext_lazy("归并重复意见"),
        "#comments",
        Step.PUBLIC_PARTICIPATION,
        frozenset({G.PUBLIC_PARTICIPATION}),
    ),
    "schedule_hearing": Action(_run_it, gettext_lazy("公告听证会"), "#participation"),
    "publish_report": Action(_run_it, gettext_lazy("公布意见采纳情况"), "#participation"),
    "complete_participation": Action(_run_it, gettext_lazy("完成公众参与"), "#participation"),
    "declare_interest": Action(
        _run_it,
        gettext_lazy("声明利害关系并回避"),
        "#experts",
        Step.EXPERT_ARGUMENTATION,
        frozenset({G.EXPERT_ARGUMENTATION}),
    ),
    "add_expert_opinion": Action(_run_it, gettext_lazy("记录专家论证意见"), "#experts"),
    "complete_experts": Action(_run_it, gettext_lazy("完成专家论证"), "#experts"),
    "record_risk": Action(_run_it, gettext_lazy("记录风险评估"), "#risk"),
    "revise_draft": Action(_run_it, gettext_lazy("调整决策草案"), "#risk"),
    "complete_risk": Action(_run_it, gettext_lazy("完成风险评估"), "#risk"),
    "submit_review": Action(permissions.is_lead, gettext_lazy("送请合法性审查"), "#review"),
    "send_to_meeting": Action(_run_it, gettext_lazy("提交集体讨论"), "#review"),
    "record_decision": Action(
        lambda user, d: permissions.can_record_decision(user), gettext_lazy("记录集体讨论决定"), "#meeting"
    ),
    "publish": Action(_run_it, gettext_lazy("公布决策"), "#publication"),
    "archive": Action(_run_it, gettext_lazy("移交归档"), "#archive"),
    "execution_report": Action(_run_it, gettext_lazy("报告执行情况"), "#execution"),
    "post_evaluation": Action(_run_it, gettext_lazy("决策后评估"), "#evaluation"),
    "adjust": Action(_adjuster, gettext_lazy("调整或中止决策"), "#adjustment"),
}

# Words of an action's refusal → the field it concerns, so the message stands next to it.
FIELD_HINTS: dict[str, list[tuple[str, str]]] = {
    "save_draft": [("起草说明", "explanation"), ("决策草案", "draft_text")],
    "open_consultation": [("截止", "closes_on")],
    "answer_comment": [("理由", "answer"), ("采纳", "adoption")],
    "mark_duplicate": [("归并", "of")],
    "schedule_hearing": [
        ("材料", "materials_delivered_on"),
        ("听证会", "held_on"),
        ("地点", "place"),
        ("听证参加人", "participants"),
    ],
    "publish_report": [("采纳情况报告", "report")],
    "declare_interest": [("利害关系", "note")],
    "add_expert_opinion": [("专家库", "expert"), ("回避", "expert"), ("论证意见", "opinion")],
    "record_risk": [("评估单位", "assessor"), ("风险点", "risk_points"), ("措施", "mitigations")],
    "revise_draft": [("调整说明", "note"), ("决策草案", "draft_text")],
    "record_decision": [
        ("会议日期", "meeting_on"),
        ("决策会议", "meeting_name"),
        ("出席人员", "attendees"),
        ("决定内容", "decision_text"),
    ],
    "publish": [("公布日期", "published_on"), ("公布载体", "channel")],
    "execution_report": [("执行单位", "execution_unit"), ("报告期", "period"), ("执行进展", "progress")],
    "post_evaluation": [
        ("决策后评估", "evaluator"),
        ("评估单位", "evaluator"),
        ("评估原因", "trigger"),
        ("评估报告", "report"),
        ("评估结论", "conclusion"),
    ],
    "adjust": [("重新履行", "rerun"), ("类型", "kind"), ("理由", "reason")],
}

FILE_FIELDS = {"add_expert_opinion": "signed_copy", "record_risk": "report", "record_decision": "minutes"}


class Empty(forms.Form):
    """A step with nothing to type: a button."""


def _step_form(
    action: str, decision: MajorDecision, today: datetime.date, data: Any = None, files: Any = None
) -> forms.Form:
    makers: dict[str, Callable[[], forms.Form]] = {
        "save_draft": lambda: DraftForm(
            data,
            prefix="draft",
            initial={"draft_text": decision.draft_text, "explanation": decision.explanation},
        ),
        "open_consultation": lambda: ConsultationForm(data, prefix="consultation"),
        "schedule_hearing": lambda: HearingForm(data, prefix="hearing"),
        "publish_report": lambda: ReportForm(data, prefix="report"),
        "declare_interest": lambda: InterestForm(data, prefix="interest"),
        "add_expert_opinion": lambda: ExpertOpinionForm(
            data, files, prefix="opinion", initial={"signed_on": today}
        ),
        "record_risk": lambda: RiskForm(data, files, prefix="risk"),
        "revise_draft": lambda: ReviseForm(
            data, prefix="revise", initial={"draft_text": decision.draft_text}
        ),
        "record_decision": lambda: MeetingForm(
            data,
            files,
            prefix="meeting",
            initial={"meeting_on": today, "meeting_name": wording(decision.agency).office_meeting},
        ),
        "publish": lambda: PublishForm(data, prefix="publish", initial={"published_on": today}),
        "execution_report": lambda: ExecutionForm(data, prefix="execution"),
        "post_evaluation": lambda: EvaluationForm(data, prefix="evaluation"),
        "adjust": lambda: AdjustForm(data, prefix="adjust"),
    }
    maker = makers.get(action)
    form = maker() if maker is not None else Empty(data)
    if "expert" in form.fields:
        # Only the experts of the decision organ's own pool.
        field = form.fields["expert"]
        field.queryset = field.queryset.filter(agency_id=decision.agency_id)  # type: ignore[attr-defined]
    return form


def _stage_refusal(decision: MajorDecision, action: Action) -> str | None:
    """The refusal of a step the action does not guard by stage itself, in the same words as the
    actions' own guard (the procedures' order is free: 713号 fixes none)."""
    if not action.stages or decision.stage in action.stages:
        return None
    assert action.step is not None
    if action.step in PRELIMINARY and decision.may_run(action.step):
        return None
    return _("该事项当前处于“%(stage)s”阶段，不能%(action)s") % {
        "stage": decision.get_stage_display(),
        "action": action.label,
    }


@dataclass
class Context:
    """What the detail page knows of the matter, loaded once."""

    consultation: Consultation | None
    reviews: list[ReviewRequest]
    latest_risk: RiskAssessment | None


def _offered(name: str, decision: MajorDecision, ctx: Context, gate: Any, today: datetime.date) -> bool:
    """Whether the page shows the step's form now (the action still has the last word)."""
    stage = decision.stage
    consultation = ctx.consultation
    # The preliminary procedures are open side by side (713号 fixes no order among them).
    participation = decision.may_run(Step.PUBLIC_PARTICIPATION)
    risk = decision.may_run(Step.RISK_ASSESSMENT)
    if name == "save_draft":
        return stage in {G.DRAFTING, G.PUBLIC_PARTICIPATION, G.EXPERT_ARGUMENTATION, G.RISK_ASSESSMENT}
    if name == "start":
        return stage == G.DRAFTING
    if name == "open_consultation":
        return participation and consultation is None
    if name == "schedule_hearing":
        return participation
    if name == "publish_report":
        # The report follows the window (the action refuses it earlier).
        return (
            participation
            and consultation is not None
            and not consultation.report_published_on
            and today > consultation.closes_on
        )
    if name == "complete_participation":
        return participation and consultation is not None and bool(consultation.report_published_on)
    if name in {"declare_interest", "add_expert_opinion", "complete_experts"}:
        return decision.may_run(Step.EXPERT_ARGUMENTATION)
    if name == "record_risk":
        return risk
    if name == "revise_draft":
        latest = ctx.latest_risk
        return (
            risk
            and latest is not None
            and latest.level == RiskAssessment.Level.UNCONTROLLABLE
            and not latest.revised_draft
        )
    if name == "complete_risk":
        return risk and ctx.latest_risk is not None
    if name == "submit_review":
        return (
            stage == G.LEGALITY_REVIEW
            and not (gate and gate.allowed)
            and not any(r.status in OPEN_REVIEW for r in ctx.reviews)
        )
    if name == "send_to_meeting":
        return stage == G.LEGALITY_REVIEW and bool(gate and gate.allowed)
    if name == "record_decision":
        return stage == G.COLLECTIVE_DECISION
    if name == "publish":
        return stage == G.DECIDED
    if name in {"archive", "execution_report", "post_evaluation"}:
        return stage == G.PUBLISHED
    if name == "adjust":
        return stage in {G.PUBLISHED, G.SUSPENDED}
    return False


def _refused(request: HttpRequest, decision_pk: int, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("decisions:detail", pk=decision_pk)
