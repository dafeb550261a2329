"""After publication: the archive hand-over, execution reports and post-evaluations entered
from the archive."""

from __future__ import annotations

import datetime
import hashlib

from django.db import transaction

from fazhi.core.audit import record_event
from fazhi.core.formats import cn_date
from fazhi.core.models import User
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed, clean_text, require
from fazhi.decisions import permissions
from fazhi.decisions.actions import pre_decision_assessors
from fazhi.decisions.archive import build_package
from fazhi.decisions.history._common import G, _not_future
from fazhi.decisions.models import (
    ExecutionReport,
    MajorDecision,
    PostEvaluation,
)

# --- after publication -------------------------------------------------------------------------


def _published(decision: MajorDecision) -> MajorDecision:
    fresh = MajorDecision.objects.get(pk=decision.pk)
    if fresh.stage != G.PUBLISHED or fresh.published_on is None:
        raise InvalidTransition("决策公布后方可录入归档、执行和评估记录")
    return fresh


def record_archive_handover(decision: MajorDecision, *, actor: User, archived_on: datetime.date) -> bytes:
    """The hand-over of an archived matter's package on the archive's date: the same package as
    `archive.archive_decision` builds, its hash in the audit chain, on time or not against
    the deadline computed at import."""
    require(permissions.can_run(actor, decision))
    fresh = _published(decision)
    _not_future(archived_on)
    if fresh.archived_on is not None:
        raise InvalidTransition(f"该事项已于 {cn_date(fresh.archived_on)} 归档")
    if fresh.meeting_on and archived_on < fresh.meeting_on:
        raise DomainError("归档日期不能早于决定日期")
    package, manifest = build_package(fresh)
    digest = hashlib.sha256(package).hexdigest()
    with transaction.atomic():
        MajorDecision.objects.filter(pk=decision.pk).update(archived_on=archived_on, archive_sha256=digest)
        record_event(
            "decision.archive",
            actor=actor,
            obj=decision,
            data={
                "sha256": digest,
                "files": len(manifest["files"]),
                "records": len(manifest["records"]),
                "archived_on": archived_on.isoformat(),
                "due_on": fresh.archive_due_on.isoformat() if fresh.archive_due_on else None,
                "on_time": bool(fresh.archive_due_on and archived_on <= fresh.archive_due_on),
                "from_archive": True,
            },
        )
    decision.archived_on, decision.archive_sha256 = archived_on, digest
    return package


def import_execution_report(
    decision: MajorDecision,
    *,
    actor: User,
    execution_unit: str,
    period: str,
    progress: str,
    reported_on: datetime.date,
    problems: str = "",
) -> ExecutionReport:
    """An execution report of the archive (713号 Art 34–35), dated as it was made."""
    require(permissions.can_run(actor, decision))
    fresh = _published(decision)
    _not_future(reported_on)
    assert fresh.published_on is not None
    if reported_on < fresh.published_on:
        raise DomainError("执行情况报告的日期不能早于决策公布日期")
    with transaction.atomic():
        report = ExecutionReport.objects.create(
            decision=decision,
            execution_unit=clean_text(execution_unit, "执行单位", limit=100),
            period=clean_text(period, "报告期", limit=50),
            progress=clean_text(progress, "执行进展"),
            problems=problems.strip(),
            reported_on=reported_on,
            reported_by=actor,
        )
        record_event(
            "decision.execution.import",
            actor=actor,
            obj=decision,
            data={
                "period": report.period,
                "reported_on": reported_on.isoformat(),
                "problems": bool(report.problems),
            },
        )
    return report


def import_post_evaluation(
    decision: MajorDecision,
    *,
    actor: User,
    evaluator: str,
    trigger: str,
    report: str,
    conclusion: str,
    evaluated_on: datetime.date,
) -> PostEvaluation:
    """A post-decision evaluation of the archive, never by a unit that did the pre-decision
    assessment (713号 Art 36)."""
    require(permissions.can_run(actor, decision))
    fresh = _published(decision)
    _not_future(evaluated_on)
    assert fresh.published_on is not None
    if evaluated_on < fresh.published_on:
        raise DomainError("决策后评估的日期不能早于决策公布日期")
    evaluator = clean_text(evaluator, "评估单位", limit=100)
    if evaluator in pre_decision_assessors(fresh):
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
            evaluated_on=evaluated_on,
        )
        record_event(
            "decision.post_evaluation.import",
            actor=actor,
            obj=decision,
            data={"evaluator": evaluator, "evaluated_on": evaluated_on.isoformat()},
        )
    return evaluation
