"""Publication, execution tracking, post-decision evaluation, adjustment (713号 Art 32–37)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction

from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import deadline_or_pending, in_time
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    InvalidTransition,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.decisions import permissions
from fazhi.decisions.actions._common import G
from fazhi.decisions.models import (
    PRELIMINARY,
    STEP_ORDER,
    Adjustment,
    ExecutionReport,
    MajorDecision,
    PostEvaluation,
    Step,
)

# --- publication, archive, tracking, evaluation, adjustment --------------------------------


def publish_decision(
    decision: MajorDecision, *, actor: User, published_on: datetime.date, channel: str
) -> None:
    """Publish the decision (713号 Art 32); the archive hand-over is due 30 days after it was
    made (rule `decision.archive_handover`)."""
    require(permissions.can_run(actor, decision))
    if decision.meeting_on and published_on < decision.meeting_on:
        raise DomainError("公布日期不能早于决定日期")
    if published_on > _today():
        raise DomainError("公布日期不能晚于今天")
    # Pending while a year it needs is not entered: filled by `fill_pending_archive_dues`.
    due = deadline_or_pending(decision.meeting_on or published_on, "decision.archive_handover")
    apply_transition(
        decision,
        Transition({G.DECIDED}, G.PUBLISHED, "公布决策", rule="经集体讨论决定后方可公布"),
        actor=actor,
        verb="decision.publish",
        status_field="stage",
        data={
            "published_on": published_on.isoformat(),
            "archive_due_on": due.due.isoformat() if due else None,
            "rule": "decision.archive_handover",
            "rule_version": due.rule_version if due else None,
            # What is published is the decided text, exactly (issue 15).
            "sha256": decision.decision_sha256,
        },
        published_on=published_on,
        publication_channel=clean_text(channel, "公布载体", limit=100),
        archive_due_on=due.due if due else None,
        archive_rule_id=due.rule_id if due else None,
        # A decision published again after an adjustment is handed over again.
        archived_on=None,
        archive_sha256="",
    )


def add_execution_report(
    decision: MajorDecision,
    *,
    actor: User,
    execution_unit: str,
    period: str,
    progress: str,
    problems: str = "",
) -> ExecutionReport:
    """Execution tracking (713号 Art 34–35): the execution unit reports progress and problems."""
    require(permissions.can_run(actor, decision))
    if decision.stage != G.PUBLISHED:
        raise InvalidTransition("决策公布后方可报告执行情况")
    with transaction.atomic():
        report = ExecutionReport.objects.create(
            decision=decision,
            execution_unit=clean_text(execution_unit, "执行单位", limit=100),
            period=clean_text(period, "报告期", limit=50),
            progress=clean_text(progress, "执行进展"),
            problems=problems.strip(),
            reported_on=_today(),
            reported_by=actor,
        )
        record_event(
            "decision.execution",
            actor=actor,
            obj=decision,
            data={"period": report.period, "problems": bool(report.problems)},
        )
    return report


def pre_decision_assessors(decision: MajorDecision) -> set[str]:
    """Units that did the main pre-decision assessment: risk assessors and the arguing experts' units."""
    units = set(decision.risk_assessments.values_list("assessor", flat=True))
    units |= set(
        decision.expert_opinions.filter(declared_interest=False).values_list(
            "expert__organization", flat=True
        )
    )
    return {u.strip() for u in units if u}


def record_post_evaluation(
    decision: MajorDecision, *, actor: User, evaluator: str, trigger: str, report: str, conclusion: str
) -> PostEvaluation:
    """Post-decision evaluation (713号 Art 36), never by a unit that did the pre-decision assessment."""
    require(permissions.can_run(actor, decision))
    if decision.stage != G.PUBLISHED:
        raise InvalidTransition("决策公布并实施后方可进行决策后评估")
    evaluator = clean_text(evaluator, "评估单位", limit=100)
    if evaluator in pre_decision_assessors(decision):
        raise LegalGateClosed(
            f"{evaluator}承担了决策前的评估论证工作，不得承担决策后评估（《重大行政决策程序暂行条例》第三十六条）"
        )
    with transaction.atomic():
        evaluation = PostEvaluation.objects.create(
            decision=decision,
            evaluator=evaluator,
            trigger=clean_text(trigger, "评估原因"),
            report=clean_text(report, "评估报告", limit=200_000),
            conclusion=clean_text(conclusion, "评估结论"),
            evaluated_on=_today(),
        )
        record_event("decision.post_evaluation", actor=actor, obj=decision, data={"evaluator": evaluator})
    return evaluation


def adjust_decision(
    decision: MajorDecision, *, actor: User, kind: str, reason: str, rerun: Iterable[str] = ()
) -> Adjustment:
    """Suspend, or adjust a published decision by re-running the procedures the change needs
    (713号 Art 37): the matter goes back to the first of them."""
    require(permissions.can_compile(actor, decision) or permissions.can_record_decision(actor, decision))
    if kind not in Adjustment.Kind.values:
        raise DomainError("调整类型不正确")
    wanted = set(rerun)
    steps: list[Step] = [s for s in STEP_ORDER if s.value in wanted]
    if kind == Adjustment.Kind.ADJUST and not steps:
        raise DomainError("调整决策应当重新履行相关法定程序，请选择需要重新履行的程序")
    reason = clean_text(reason, "理由")
    with transaction.atomic():
        adjustment = Adjustment.objects.create(
            decision=decision,
            kind=kind,
            reason=reason,
            rerun=[s.value for s in steps],
            on=_today(),
            recorded_by=actor,
        )
        target = G.SUSPENDED if kind == Adjustment.Kind.SUSPEND else str(steps[0])
        sources = {G.PUBLISHED} if kind == Adjustment.Kind.SUSPEND else {G.PUBLISHED, G.SUSPENDED}
        waivers = {k: v for k, v in decision.waivers.items() if k not in {s.value for s in steps}}
        # The preliminary procedures not re-run stand as completed in the new round; the ones
        # re-run are open side by side (713号 fixes no order among them).
        updates: dict = {}
        if kind == Adjustment.Kind.ADJUST:
            updates["completed_procedures"] = [
                s.value for s in PRELIMINARY if s not in steps and s.value not in waivers
            ]
        apply_transition(
            decision,
            Transition(sources, target, str(Adjustment.Kind(kind).label)),
            actor=actor,
            verb=f"decision.{kind}",
            status_field="stage",
            data={"reason": reason, "rerun": adjustment.rerun},
            waivers=waivers,
            **updates,
        )
    return adjustment


def fill_pending_archive_dues() -> int:
    """Archive hand-over dates left pending for want of a calendar year (core.deadlines)."""
    filled = 0
    for decision in MajorDecision.objects.filter(published_on__isnull=False, archive_due_on__isnull=True):
        assert decision.published_on is not None
        due = deadline_or_pending(decision.meeting_on or decision.published_on, "decision.archive_handover")
        if due is None:
            continue
        with transaction.atomic():
            MajorDecision.objects.filter(pk=decision.pk).update(
                archive_due_on=due.due, archive_rule_id=due.rule_id
            )
            record_event(
                "decision.deadlines_computed",
                actor=None,
                obj=decision,
                data={
                    "archive_due_on": due.due.isoformat(),
                    "rule": due.rule_code,
                    "rule_version": due.rule_version,
                    "in_time": in_time(decision.archived_on, due.due),
                },
            )
        filled += 1
    return filled
