"""Helpers shared by the major-decision pages and the work list: the deadlines stored with their
rule (shown with the legal basis on hover), the next step of a matter, where it stands in each of
the five procedures, what is overdue, and the timeline of audit events."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.audit import verb_label
from fazhi.core.calendar import Deadline, stored_deadline
from fazhi.core.formats import date_text
from fazhi.core.models import AuditEvent
from fazhi.decisions.models import (
    PRELIMINARY,
    STEP_ORDER,
    Consultation,
    DecisionCatalog,
    DecisionComment,
    MajorDecision,
    RiskAssessment,
    Step,
)

G = MajorDecision.Stage
DECISION_TYPE = "decisions.majordecision"
# Stages in which the procedures are still to be run; a matter past them is decided.
AFTER_DECISION = {G.DECIDED, G.PUBLISHED, G.SUSPENDED}


def archive_deadline(decision: MajorDecision) -> Deadline | None:
    """The archive hand-over deadline (rule `decision.archive_handover`, from the decision)."""
    start = decision.meeting_on or decision.published_on
    return stored_deadline(start, decision.archive_due_on, decision.archive_rule)


def consultation_deadline(consultation: Consultation) -> Deadline | None:
    return stored_deadline(consultation.opens_on, consultation.closes_on, consultation.rule)


def _consultation(decision: MajorDecision) -> Consultation | None:
    try:
        return decision.consultation
    except Consultation.DoesNotExist:
        return None


# --- where a matter stands ---------------------------------------------------------------------


@dataclass(frozen=True)
class NextStep:
    text: str
    anchor: str = ""


STEP_ANCHORS = {
    Step.PUBLIC_PARTICIPATION: "#participation",
    Step.EXPERT_ARGUMENTATION: "#experts",
    Step.RISK_ASSESSMENT: "#risk",
    Step.LEGALITY_REVIEW: "#review",
    Step.COLLECTIVE_DECISION: "#meeting",
}


def next_step(decision: MajorDecision, today: datetime.date) -> NextStep:
    """What the matter waits for, in a few words, and where on its page it is done."""
    stage = decision.stage
    if stage == G.PROPOSED:
        return NextStep(_("待编入年度目录，经党委（党组）会议审议后公布"))
    if stage == G.DRAFTING:
        has_draft = getattr(decision, "has_draft", None)  # annotated by the board
        if not (decision.draft_text.strip() if has_draft is None else has_draft):
            return NextStep(_("起草决策草案和起草说明"), "#draft")
        return NextStep(_("启动法定程序"), "#draft")
    if stage == G.PUBLIC_PARTICIPATION:
        consultation = _consultation(decision)
        if consultation is None:
            return NextStep(_("公开征求意见"), "#participation")
        if consultation.report_published_on:
            return NextStep(_("完成公众参与程序"), "#participation")
        if today <= consultation.closes_on:
            return NextStep(
                _("征求意见中，至 %(d)s") % {"d": date_text(consultation.closes_on)}, "#participation"
            )
        return NextStep(_("答复公众意见并公布采纳情况"), "#comments")
    if stage in STEP_ANCHORS:
        open_now = decision.open_procedures()
        if len(open_now) > 1:
            return NextStep("、".join(str(s.label) for s in open_now), STEP_ANCHORS[open_now[0]])
        return NextStep(str(Step(stage).label), STEP_ANCHORS[Step(stage)])
    if stage == G.DECIDED:
        return NextStep(_("公布决策"), "#publication")
    if stage == G.PUBLISHED:
        if decision.archived_on is None:
            return NextStep(_("移交归档"), "#archive")
        return NextStep(_("执行跟踪"), "#execution")
    if stage == G.SUSPENDED:
        return NextStep(_("已中止，待调整后重新履行程序"), "#adjustment")
    return NextStep("—")


@dataclass(frozen=True)
class StepCell:
    """One procedure of a matter on the board: done, current, waived (with the reason) or
    pending."""

    label: Any
    state: str
    reason: str = ""

    @property
    def state_label(self) -> str:
        return str(CELL_LABELS[self.state])


CELL_LABELS = {
    "done": gettext_lazy("已完成"),
    "current": gettext_lazy("进行中"),
    "waived": gettext_lazy("不适用"),
    "pending": gettext_lazy("未开始"),
}


def step_cells(decision: MajorDecision) -> list[StepCell]:
    stage = decision.stage
    waivers = decision.waivers or {}
    if stage in {s.value for s in STEP_ORDER}:
        current = STEP_ORDER.index(Step(stage))
    elif stage in AFTER_DECISION or stage == G.NOT_ADOPTED:
        current = len(STEP_ORDER)
    else:
        current = -1  # proposed, drafting, removed: nothing run yet
    # The preliminary procedures run side by side: each open one is current, each completed one done.
    open_now = set(decision.open_procedures())
    completed = set(decision.completed_procedures or []) if open_now else set()
    cells = []
    for index, step in enumerate(STEP_ORDER):
        if step.value in waivers:
            cells.append(StepCell(step.label, "waived", waivers[step.value]))
        elif step in open_now:
            cells.append(StepCell(step.label, "current"))
        elif step.value in completed:
            cells.append(StepCell(step.label, "done"))
        elif open_now and step in PRELIMINARY:
            cells.append(StepCell(step.label, "pending"))
        elif index < current:
            cells.append(StepCell(step.label, "done"))
        elif index == current:
            cells.append(StepCell(step.label, "current"))
        else:
            cells.append(StepCell(step.label, "pending"))
    return cells


def overdue_notes(decision: MajorDecision, today: datetime.date) -> list[str]:
    """What is late, in words (the board shows them as red badges, never colour alone)."""
    notes = []
    closed = {G.NOT_ADOPTED, G.REMOVED}
    if (
        decision.planned_end
        and decision.planned_end < today
        and decision.published_on is None
        and decision.stage not in closed | {G.PUBLISHED, G.SUSPENDED}
    ):
        notes.append(_("超过计划完成日期（%(d)s）未公布") % {"d": date_text(decision.planned_end)})
    consultation = _consultation(decision)
    if (
        consultation is not None
        and consultation.closes_on < today
        and consultation.report_published_on is None
        and decision.stage == G.PUBLIC_PARTICIPATION
    ):
        notes.append(_("征求意见期满未公布采纳情况"))
    if decision.archive_due_on and decision.archive_due_on < today and decision.archived_on is None:
        notes.append(_("超过归档期限（%(d)s）未移交") % {"d": date_text(decision.archive_due_on)})
    return notes


def archive_on_time(decision: MajorDecision) -> bool | None:
    if decision.archived_on is None or decision.archive_due_on is None:
        return None
    return decision.archived_on <= decision.archive_due_on


# --- the timeline ------------------------------------------------------------------------------

VERB_LABELS: dict[str, Any] = {
    "decision.deadlines_computed": gettext_lazy("工作日历录入后计算期限"),
    "decision.consultation.extended": gettext_lazy("征求意见期顺延至最短期限"),
    "decision.propose": gettext_lazy("提出决策事项"),
    "decision.enter_catalog": gettext_lazy("列入目录"),
    "decision.remove": gettext_lazy("调出目录"),
    "decision.draft": gettext_lazy("保存决策草案"),
    "decision.start": gettext_lazy("启动法定程序"),
    "decision.consultation.open": gettext_lazy("公开征求意见"),
    "decision.comment": gettext_lazy("收到公众意见"),
    "decision.comment.duplicate": gettext_lazy("归并重复意见"),
    "decision.comment.answer": gettext_lazy("答复意见"),
    "decision.hearing.schedule": gettext_lazy("公告听证会"),
    "decision.consultation.report": gettext_lazy("公布意见采纳情况"),
    "decision.public_participation.done": gettext_lazy("完成公众参与"),
    "decision.expert.interest": gettext_lazy("专家声明利害关系并回避"),
    "decision.expert.opinion": gettext_lazy("记录专家论证意见"),
    "decision.expert_argumentation.done": gettext_lazy("完成专家论证"),
    "decision.risk": gettext_lazy("记录风险评估"),
    "decision.risk.revise": gettext_lazy("据风险评估调整草案"),
    "decision.risk_assessment.done": gettext_lazy("完成风险评估"),
    "decision.legality_review.submit": gettext_lazy("送请合法性审查"),
    "decision.legality_review.done": gettext_lazy("提交集体讨论"),
    "decision.collective_decision": gettext_lazy("集体讨论决定"),
    "decision.publish": gettext_lazy("公布决策"),
    "decision.archive": gettext_lazy("移交归档"),
    "decision.execution": gettext_lazy("报告执行情况"),
    "decision.post_evaluation": gettext_lazy("决策后评估"),
    "decision.adjust": gettext_lazy("调整决策"),
    "decision.suspend": gettext_lazy("中止执行"),
    "attachment.upload": gettext_lazy("上传附件"),
}


def _step_names(values: list[str]) -> str:
    return "、".join(str(Step(v).label) for v in values if v in Step.values)


def _event_detail(event: AuditEvent) -> str:
    data = event.data if isinstance(event.data, dict) else {}
    verb = event.verb
    if verb == "decision.propose":
        waivers = data.get("waivers") or {}
        if waivers:
            return _("不适用：%(s)s") % {"s": _step_names(list(waivers))}
        return ""
    if verb == "decision.consultation.open":
        text = _("征求意见期 %(a)s 至 %(b)s") % {"a": data.get("opens_on"), "b": data.get("closes_on")}
        if data.get("short_reason"):
            text += _("；缩短期限的理由：%(r)s") % {"r": data["short_reason"]}
        return text
    if verb == "decision.comment.answer":
        return str(dict(DecisionComment.Adoption.choices).get(str(data.get("adoption") or ""), ""))
    if verb == "decision.hearing.schedule":
        return _("听证日期 %(d)s，公告日期 %(n)s") % {"d": data.get("held_on"), "n": data.get("notice_on")}
    if verb == "decision.risk":
        level = dict(RiskAssessment.Level.choices).get(str(data.get("level") or ""), "")
        return f"{data.get('assessor', '')}：{level}"
    if verb == "decision.collective_decision":
        result = _("通过") if data.get("adopted") else _("未通过")
        return f"{data.get('meeting', '')} {data.get('meeting_on', '')}：{result}"
    if verb == "decision.publish":
        return _("公布 %(p)s，归档期限 %(a)s") % {
            "p": data.get("published_on"),
            "a": data.get("archive_due_on"),
        }
    if verb == "decision.archive":
        timing = _("按期") if data.get("on_time") else _("逾期")
        return _("档案包 SHA-256 %(h)s…，%(t)s") % {"h": str(data.get("sha256", ""))[:16], "t": timing}
    if verb in {"decision.adjust", "decision.suspend"}:
        text = _("理由：%(r)s") % {"r": data.get("reason", "")}
        if data.get("rerun"):
            text += _("；重新履行：%(s)s") % {"s": _step_names(data["rerun"])}
        return text
    if verb == "decision.post_evaluation":
        return str(data.get("evaluator", ""))
    if verb == "decision.execution":
        return str(data.get("period", ""))
    if verb == "attachment.upload":
        return str(data.get("name", ""))
    return ""


def timeline(decision: MajorDecision) -> list[AuditEvent]:
    events = list(
        AuditEvent.objects.filter(Q(object_type=DECISION_TYPE, object_id=str(decision.pk)))
        .defer("prev_hash", "hash")
        .order_by("seq")
    )
    stages = dict(G.choices)
    for event in events:
        event.verb_label = verb_label(event.verb, VERB_LABELS)  # type: ignore[attr-defined]
        event.from_label = stages.get(event.from_status, event.from_status)  # type: ignore[attr-defined]
        event.to_label = stages.get(event.to_status, event.to_status)  # type: ignore[attr-defined]
        event.detail = _event_detail(event)  # type: ignore[attr-defined]
    return events


CATALOG_VERBS: dict[str, Any] = {
    "catalog.create": gettext_lazy("创建目录"),
    "catalog.add": gettext_lazy("列入事项"),
    "catalog.remove": gettext_lazy("调出事项"),
    "catalog.approve": gettext_lazy("审议通过"),
    "catalog.publish": gettext_lazy("公布"),
    "catalog.adjust": gettext_lazy("发起调整"),
    "catalog.import": gettext_lazy("据档案录入目录"),
}


def catalog_timeline(catalog: DecisionCatalog) -> list[AuditEvent]:
    events = list(
        AuditEvent.objects.filter(object_type="decisions.decisioncatalog", object_id=str(catalog.pk))
        .defer("prev_hash", "hash")
        .order_by("seq")
    )
    statuses = dict(DecisionCatalog.Status.choices)
    for event in events:
        data = event.data if isinstance(event.data, dict) else {}
        event.verb_label = verb_label(event.verb, CATALOG_VERBS)  # type: ignore[attr-defined]
        event.to_label = statuses.get(event.to_status, event.to_status)  # type: ignore[attr-defined]
        detail = data.get("title") or data.get("reason") or data.get("note") or ""
        if event.verb == "catalog.approve":
            detail = f"{data.get('meeting', '')} {data.get('approved_on', '')}"
        event.detail = str(detail)  # type: ignore[attr-defined]
    return events
