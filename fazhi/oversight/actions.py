"""The steps of an evaluation or inspection received. Each checks permission, enforces its rule
and writes the audit event in the same transaction.

A finding is put on the task ledger through `ledger.actions.create_item` (its division, the
leader in charge, the due date set by whoever records it — no statute fixes it), and is
rectified when that task is signed off as done and its evidence is recorded. The inspection
closes with the rectification report only when every finding is rectified.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max

from fazhi.core.agencies import agency_for, same_agency
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.models import Organization, User
from fazhi.core.roles import Role
from fazhi.core.workflow import (
    DomainError,
    InvalidTransition,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.ledger import actions as ledger_actions
from fazhi.ledger.models import LedgerItem
from fazhi.oversight import permissions
from fazhi.oversight.models import Finding, HeadPart, Oversight

S = Oversight.Status
TRANSITIONS = {
    "rectify": Transition({S.OPEN, S.RECTIFYING}, S.RECTIFYING, "交办整改"),
    "close": Transition({S.OPEN, S.RECTIFYING}, S.CLOSED, "报送整改报告"),
}
MIN_YEAR, MAX_YEAR = 2000, 2100


def _date(value: Any, field: str) -> datetime.date:
    if not isinstance(value, datetime.date) or not MIN_YEAR <= value.year <= MAX_YEAR:
        raise DomainError(f"{field}不正确")
    return value


def _not_future(day: datetime.date, field: str) -> datetime.date:
    if day > _today():
        raise DomainError(f"{field}不能晚于今天")
    return day


def _still_open(oversight: Oversight) -> None:
    if Oversight.objects.filter(pk=oversight.pk).values_list("status", flat=True).get() == S.CLOSED:
        raise InvalidTransition("整改报告已报送，该评估督察已办结")


def _own_division(oversight: Oversight, division: Organization, lead: User) -> None:
    """A finding is rectified by a division of the inspected agency, under one of its leaders."""
    if division.agency_id != oversight.agency_id:
        raise DomainError("整改处室应当是本机关的处室")
    if not same_agency(lead, oversight):
        raise DomainError("分管领导应当是本机关领导")


def create_oversight(
    *,
    actor: User,
    kind: str,
    year: int,
    title: str,
    conducted_by: str,
    started_on: datetime.date,
    scope: str,
    ended_on: datetime.date | None = None,
    team: str = "",
    method: str = "",
) -> Oversight:
    """Record an evaluation or inspection of the actor's agency: who came, when, and what was
    examined."""
    require(permissions.can_manage(actor))
    agency = agency_for(actor)
    if kind not in Oversight.Kind.values:
        raise DomainError("类别不正确")
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError("年度不正确")
    started_on = _date(started_on, "开始日期")
    if ended_on is not None:
        ended_on = _date(ended_on, "结束日期")
        if ended_on < started_on:
            raise DomainError("结束日期不能早于开始日期")
    oversight = Oversight(
        agency=agency,
        kind=kind,
        year=year,
        title=clean_text(title, "名称", limit=200),
        conducted_by=clean_text(conducted_by, "组织或实施单位", limit=200),
        team=clean_text(team, "工作组成员", required=False),
        started_on=started_on,
        ended_on=ended_on,
        scope=clean_text(scope, "评估或督察内容"),
        method=clean_text(method, "方式", required=False),
        created_by=actor,
    )
    with transaction.atomic():
        oversight.save()
        record_event(
            "oversight.create",
            actor=actor,
            obj=oversight,
            to_status=oversight.status,
            data={"kind": kind, "year": year, "title": oversight.title, "started_on": started_on.isoformat()},
        )
    return oversight


def record_head_part(
    oversight: Oversight, *, actor: User, kind: str, leader: User, on: datetime.date, content: str
) -> HeadPart:
    """The heads' part: an instruction, a report in person to the inspectors, a meeting chaired."""
    require(permissions.can_manage(actor, oversight))
    if kind not in HeadPart.Kind.values:
        raise DomainError("方式不正确")
    if not leader.has_role(Role.LEADERSHIP) or not same_agency(leader, oversight):
        raise DomainError("履职的应当是机关领导")
    on = _not_future(_date(on, "日期"), "日期")
    with transaction.atomic():
        part = HeadPart.objects.create(
            oversight=oversight,
            kind=kind,
            leader=leader,
            on=on,
            content=clean_text(content, "内容"),
            recorded_by=actor,
        )
        record_event(
            "oversight.head_part",
            actor=actor,
            obj=oversight,
            data={"kind": kind, "leader": leader.display_name, "on": on.isoformat()},
        )
    return part


def record_feedback(
    oversight: Oversight,
    *,
    actor: User,
    feedback_on: datetime.date,
    result: str,
    ended_on: datetime.date | None = None,
) -> None:
    """The conclusion the evaluators or inspectors fed back (the findings follow one by one)."""
    require(permissions.can_manage(actor, oversight))
    _still_open(oversight)
    feedback_on = _not_future(_date(feedback_on, "反馈意见日期"), "反馈意见日期")
    if feedback_on < oversight.started_on:
        raise DomainError("反馈意见日期不能早于开始日期")
    ended = ended_on or oversight.ended_on
    if ended is not None and ended < oversight.started_on:
        raise DomainError("结束日期不能早于开始日期")
    text = clean_text(result, "评估或督察结论")
    with transaction.atomic():
        Oversight.objects.filter(pk=oversight.pk).update(feedback_on=feedback_on, result=text, ended_on=ended)
        record_event(
            "oversight.feedback", actor=actor, obj=oversight, data={"feedback_on": feedback_on.isoformat()}
        )
    oversight.feedback_on, oversight.result, oversight.ended_on = feedback_on, text, ended


def add_finding(
    oversight: Oversight,
    *,
    actor: User,
    text: str,
    division: Organization,
    lead: User,
    due_on: datetime.date,
    measures: str = "",
) -> Finding:
    """A finding becomes a rectification task on the ledger: its division, the leader in
    charge, the due date (set here: no statute fixes it)."""
    require(permissions.can_manage(actor, oversight))
    _still_open(oversight)
    _own_division(oversight, division, lead)
    due_on = _date(due_on, "整改时限")
    problem = clean_text(text, "问题")
    plan = clean_text(measures, "整改措施", required=False)
    with transaction.atomic():
        number = (oversight.findings.aggregate(n=Max("number"))["n"] or 0) + 1
        task = ledger_actions.create_item(
            actor=actor,
            year=due_on.year,
            title=clean_text(f"整改：{problem}", "问题", limit=10_000)[:200],
            description=plan or problem,
            source=f"{oversight.get_kind_display()}反馈问题"[:100],
            division=division,
            lead=lead,
            due_on=due_on,
        )
        finding = Finding.objects.create(
            oversight=oversight, number=number, text=problem, measures=plan, task=task
        )
        record_event(
            "oversight.finding",
            actor=actor,
            obj=oversight,
            data={"finding": finding.pk, "number": number, "task": task.pk, "due_on": due_on.isoformat()},
        )
        if oversight.status == S.OPEN:
            apply_transition(oversight, TRANSITIONS["rectify"], actor=actor, verb="oversight.rectify")
    return finding


def record_evidence(finding: Finding, *, actor: User, evidence: str) -> None:
    """The evidence that the finding is rectified (the documents made, the measures in place)."""
    require(permissions.can_manage(actor, finding.oversight))
    _still_open(finding.oversight)
    text = clean_text(evidence, "整改完成佐证")
    today = _today()
    with transaction.atomic():
        Finding.objects.filter(pk=finding.pk).update(evidence=text, evidence_on=today, evidence_by=actor)
        record_event(
            "oversight.evidence",
            actor=actor,
            obj=finding.oversight,
            data={"finding": finding.pk, "number": finding.number},
        )
    finding.evidence, finding.evidence_on, finding.evidence_by = text, today, actor


def close_oversight(
    oversight: Oversight, *, actor: User, report: str, closed_on: datetime.date, report_to: str = ""
) -> None:
    """The rectification report closes the inspection, once every finding's task is signed off
    as done and its evidence recorded."""
    require(permissions.can_manage(actor, oversight))
    closed_on = _not_future(_date(closed_on, "整改报告报送日期"), "整改报告报送日期")
    if closed_on < oversight.started_on:
        raise DomainError("整改报告报送日期不能早于开始日期")
    pending = [
        f.number
        for f in oversight.findings.select_related("task").order_by("number")
        if f.task.status != LedgerItem.Status.DONE
    ]
    if pending:
        raise LegalGateClosed(
            "以下问题的整改任务尚未确认完成，不能报送整改报告：第" + "、".join(str(n) for n in pending) + "项"
        )
    missing = list(oversight.findings.filter(evidence="").order_by("number").values_list("number", flat=True))
    if missing:
        raise LegalGateClosed(
            "以下问题尚未登记整改完成佐证，不能报送整改报告：第" + "、".join(str(n) for n in missing) + "项"
        )
    text = clean_text(report, "整改报告", limit=100_000)
    apply_transition(
        oversight,
        TRANSITIONS["close"],
        actor=actor,
        verb="oversight.close",
        data={"closed_on": closed_on.isoformat(), "findings": oversight.findings.count()},
        report=text,
        closed_on=closed_on,
        report_to=clean_text(report_to, "整改报告报送单位", required=False, limit=200),
    )


def enter_rectified_finding(
    oversight: Oversight,
    *,
    actor: User,
    text: str,
    division: Organization,
    lead: User,
    due_on: datetime.date,
    completed_on: datetime.date,
    evidence: str,
    measures: str = "",
) -> Finding:
    """A finding of an earlier year rectified on paper, entered from the archive: its task goes on
    the ledger as done (`ledger.actions.enter_completed_item`, signed off on the day it was
    completed) with the evidence."""
    require(permissions.can_manage(actor, oversight))
    _still_open(oversight)
    _own_division(oversight, division, lead)
    due_on = _date(due_on, "整改时限")
    problem = clean_text(text, "问题")
    proof = clean_text(evidence, "整改完成佐证")
    plan = clean_text(measures, "整改措施", required=False)
    with transaction.atomic():
        number = (oversight.findings.aggregate(n=Max("number"))["n"] or 0) + 1
        task = ledger_actions.enter_completed_item(
            actor=actor,
            year=due_on.year,
            title=f"整改：{problem}"[:200],
            description=plan or problem,
            source=f"{oversight.get_kind_display()}反馈问题"[:100],
            division=division,
            lead=lead,
            due_on=due_on,
            completed_on=completed_on,
            signed_off_on=completed_on,
        )
        finding = Finding.objects.create(
            oversight=oversight,
            number=number,
            text=problem,
            measures=plan,
            task=task,
            evidence=proof,
            evidence_on=completed_on,
            evidence_by=actor,
        )
        record_event(
            "oversight.finding",
            actor=actor,
            obj=oversight,
            data={"finding": finding.pk, "number": number, "task": task.pk, "archive": True},
        )
        if oversight.status == S.OPEN:
            apply_transition(oversight, TRANSITIONS["rectify"], actor=actor, verb="oversight.rectify")
    return finding
