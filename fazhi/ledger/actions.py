"""The steps of the task ledger. Each checks permission, enforces its rule and writes the audit
event in the same transaction.

A task is done only when the leader in charge confirms it (sign-off), after the owning
division's head submits it at 100% with no unfinished prerequisite; a returned task goes back
to work with the reason; a cancelled one keeps its reason. Supervision (督办) carries the date by
which the division must answer, set by the leader; nothing here invents a time limit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from fazhi.core.agencies import agency_for, same_agency, wording
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
from fazhi.ledger import permissions
from fazhi.ledger.models import LeadingGroupMember, LedgerItem, ProgressReport, Supervision

S = LedgerItem.Status
TRANSITIONS = {
    "submit": Transition({S.OPEN, S.IN_PROGRESS}, S.PENDING_SIGNOFF, "提请确认完成"),
    "sign_off": Transition({S.PENDING_SIGNOFF}, S.DONE, "确认完成"),
    "return": Transition({S.PENDING_SIGNOFF}, S.IN_PROGRESS, "退回"),
    "cancel": Transition({S.OPEN, S.IN_PROGRESS, S.PENDING_SIGNOFF}, S.CANCELLED, "撤销"),
}
MIN_YEAR, MAX_YEAR = 2000, 2100


def _year(year: Any) -> int:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError("年度不正确")
    return year


def _date(value: Any, field: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(f"{field}不正确")
    return value


# --- the leading group -----------------------------------------------------------------------


def set_leading_group(
    year: int,
    *,
    actor: User,
    head: tuple[str, str, Organization, User | None],
    deputies: Iterable[tuple[str, str, Organization, User | None]],
    members: Iterable[tuple[str, str, Organization, User | None]],
) -> list[LeadingGroupMember]:
    """Record (or adjust) the leading group of the actor's agency for a year: one head, deputies,
    the office's members, each as (name, title, organization, account or None), all of the
    agency. An adjustment replaces that agency's list (another agency's group is untouched)."""
    require(permissions.can_manage(actor))
    agency = agency_for(actor)
    year = _year(year)
    rows = [(LeadingGroupMember.Position.HEAD, head)]
    rows += [(LeadingGroupMember.Position.DEPUTY, d) for d in deputies]
    rows += [(LeadingGroupMember.Position.MEMBER, m) for m in members]
    built = []
    for position, (name, title, organization, user) in rows:
        if organization is None:
            raise DomainError(f"{name}未归属任何单位")
        if organization.agency_id != agency.pk or (user is not None and not same_agency(user, agency.pk)):
            raise DomainError(f"{name}不是本机关的人员")
        built.append(
            LeadingGroupMember(
                agency=agency,
                year=year,
                position=position,
                name=clean_text(name, "姓名", limit=50),
                title=clean_text(title, "本职", required=False, limit=100),
                organization=organization,
                user=user,
            )
        )
    with transaction.atomic():
        LeadingGroupMember.objects.filter(agency=agency, year=year).delete()
        LeadingGroupMember.objects.bulk_create(built)
        record_event(
            "ledger.leading_group",
            actor=actor,
            object_type="ledger.leadinggroup",
            object_id=str(year),
            data={
                "year": year,
                "head": built[0].name,
                "deputies": [m.name for m in built if m.position == LeadingGroupMember.Position.DEPUTY],
                "members": len([m for m in built if m.position == LeadingGroupMember.Position.MEMBER]),
            },
        )
    return built


# --- tasks -----------------------------------------------------------------------------------


def create_item(
    *,
    actor: User,
    year: int,
    title: str,
    division: Organization,
    lead: User,
    due_on: datetime.date,
    description: str = "",
    source: str = "",
    blocked_by: Iterable[LedgerItem] = (),
) -> LedgerItem:
    """Put a key task on the ledger of the actor's agency: its division, the leader in charge and
    the date it is due."""
    require(permissions.can_manage(actor))
    agency = agency_for(actor)
    year = _year(year)
    due_on = _date(due_on, "完成时限")
    if not lead.has_role(Role.LEADERSHIP) or not same_agency(lead, agency.pk):
        raise DomainError(f"分管领导应当是{wording(agency).leaders}")
    if division.kind != Organization.Kind.DIVISION or division.agency_id != agency.pk:
        raise DomainError("责任处室应当是本机关的处室")
    prerequisites = list(blocked_by)
    if any(p.year != year or p.agency_id != agency.pk for p in prerequisites):
        raise DomainError("前置任务应当是本机关同一年度的任务")
    item = LedgerItem(
        agency=agency,
        year=year,
        title=clean_text(title, "任务", limit=200),
        description=clean_text(description, "目标和措施", required=False),
        source=clean_text(source, "任务来源", required=False, limit=100),
        division=division,
        lead=lead,
        due_on=due_on,
        created_by=actor,
    )
    with transaction.atomic():
        item.save()
        item.blocked_by.set(prerequisites)
        record_event(
            "ledger.create",
            actor=actor,
            obj=item,
            to_status=item.status,
            data={
                "title": item.title,
                "division": division.name,
                "lead": lead.display_name,
                "due_on": due_on.isoformat(),
                "blocked_by": [p.pk for p in prerequisites],
            },
        )
    return item


def report_progress(item: LedgerItem, *, actor: User, progress: int, note: str) -> ProgressReport:
    """The owning division reports how far the task has come (0–100%)."""
    require(permissions.is_owner(actor, item))
    if item.status not in (S.OPEN, S.IN_PROGRESS):
        raise InvalidTransition("任务已提请确认、已完成或已撤销，不再报告进展")
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        raise DomainError("进度应当在 0 至 100 之间")
    today = _today()
    text = clean_text(note, "进展情况")
    with transaction.atomic():
        report = ProgressReport.objects.create(
            item=item, reported_on=today, progress=progress, note=text, reported_by=actor
        )
        moved = LedgerItem.objects.filter(pk=item.pk, status__in=[S.OPEN, S.IN_PROGRESS]).update(
            progress=progress, status=S.IN_PROGRESS
        )
        if not moved:  # submitted, signed off or cancelled meanwhile
            raise InvalidTransition("任务已提请确认、已完成或已撤销，不再报告进展")
        record_event(
            "ledger.progress",
            actor=actor,
            obj=item,
            from_status=item.status,
            to_status=S.IN_PROGRESS,
            data={"progress": progress, "note": text},
        )
    item.progress, item.status = progress, S.IN_PROGRESS
    return report


def submit_for_signoff(item: LedgerItem, *, actor: User) -> None:
    """The division head reports the task complete: at 100%, with every prerequisite done."""
    require(permissions.is_owner_head(actor, item))
    if item.progress < 100:
        raise LegalGateClosed("进度达到 100% 后方可提请确认完成")
    # A cancelled prerequisite no longer holds the task back.
    unfinished = [p.title for p in item.blocked_by.exclude(status__in=[S.DONE, S.CANCELLED])]
    if unfinished:
        raise LegalGateClosed("前置任务尚未完成：" + "、".join(unfinished))
    apply_transition(item, TRANSITIONS["submit"], actor=actor, verb="ledger.submit", completed_on=_today())


def sign_off(item: LedgerItem, *, actor: User) -> None:
    """The leader in charge (or another leader of the agency) confirms the task complete."""
    require(permissions.is_item_leader(actor, item))
    apply_transition(
        item,
        TRANSITIONS["sign_off"],
        actor=actor,
        verb="ledger.sign_off",
        data={"completed_on": item.completed_on.isoformat() if item.completed_on else None},
        signed_off_on=_today(),
    )


def return_item(item: LedgerItem, *, actor: User, reason: str) -> None:
    """Not complete yet: back to the division with the reason."""
    require(permissions.is_item_leader(actor, item))
    text = clean_text(reason, "退回理由")
    apply_transition(
        item,
        TRANSITIONS["return"],
        actor=actor,
        verb="ledger.return",
        data={"reason": text},
        completed_on=None,
    )


def cancel_item(item: LedgerItem, *, actor: User, reason: str) -> None:
    require(permissions.can_manage_item(actor, item))
    text = clean_text(reason, "撤销理由")
    apply_transition(
        item,
        TRANSITIONS["cancel"],
        actor=actor,
        verb="ledger.cancel",
        data={"reason": text},
        cancel_reason=text,
    )


def supervise(item: LedgerItem, *, actor: User, instruction: str, respond_by: datetime.date) -> Supervision:
    """A leader of the agency supervises a task (督办); the division answers by `respond_by`."""
    require(permissions.is_item_leader(actor, item))
    if not item.is_open:
        raise InvalidTransition("已完成或已撤销的任务不再督办")
    today = _today()
    respond_by = _date(respond_by, "反馈时限")
    if respond_by < today:
        raise DomainError("反馈时限不能早于今天")
    with transaction.atomic():
        supervision = Supervision.objects.create(
            item=item,
            issued_on=today,
            issued_by=actor,
            instruction=clean_text(instruction, "督办意见"),
            respond_by=respond_by,
        )
        record_event(
            "ledger.supervise",
            actor=actor,
            obj=item,
            data={"supervision_id": supervision.pk, "respond_by": respond_by.isoformat()},
        )
    return supervision


def respond(supervision: Supervision, *, actor: User, response: str) -> None:
    require(permissions.is_owner(actor, supervision.item))
    if not supervision.is_open:
        raise DomainError("该督办已反馈")
    if not supervision.item.is_open:
        raise InvalidTransition("任务已完成或已撤销，不再反馈督办")
    today = _today()
    text = clean_text(response, "反馈情况")
    with transaction.atomic():
        Supervision.objects.filter(pk=supervision.pk).update(responded_on=today, response=text)
        record_event(
            "ledger.respond",
            actor=actor,
            obj=supervision.item,
            data={
                "supervision_id": supervision.pk,
                "in_time": today <= supervision.respond_by,
            },
        )
    supervision.responded_on, supervision.response = today, text


def assess(item: LedgerItem, *, actor: User, assessment: str, note: str = "") -> None:
    """The year-end assessment by the leadership, once the task is done or its date has passed."""
    require(permissions.is_item_leader(actor, item))
    if assessment not in LedgerItem.Assessment.values:
        raise DomainError("评价结果不正确")
    if item.status == S.CANCELLED:
        raise InvalidTransition("已撤销的任务不作评价")
    if item.status != S.DONE and item.due_on >= _today():
        raise LegalGateClosed("任务完成或完成时限届满后方可评价")
    text = clean_text(note, "评价意见", required=assessment != LedgerItem.Assessment.COMPLETED)
    with transaction.atomic():
        LedgerItem.objects.filter(pk=item.pk).update(assessment=assessment, assessment_note=text)
        record_event("ledger.assess", actor=actor, obj=item, data={"assessment": assessment, "note": text})
    item.assessment, item.assessment_note = assessment, text


def enter_completed_item(
    *,
    actor: User,
    year: int,
    title: str,
    division: Organization,
    lead: User,
    due_on: datetime.date,
    completed_on: datetime.date,
    signed_off_on: datetime.date,
    description: str = "",
    source: str = "",
) -> LedgerItem:
    """A task finished in an earlier year, entered from the paper archive with its dates: put on
    the ledger and signed off as done, in one audited step (the demo's and history's way; other
    apps that track rectification through the ledger use it for their archived records)."""
    require(permissions.can_manage(actor))
    completed_on = _date(completed_on, "完成日期")
    signed_off_on = _date(signed_off_on, "确认日期")
    if not completed_on <= signed_off_on <= _today():
        raise DomainError("完成日期、确认日期应当依次不晚于今天")
    with transaction.atomic():
        item = create_item(
            actor=actor,
            year=year,
            title=title,
            division=division,
            lead=lead,
            due_on=due_on,
            description=description,
            source=source,
        )
        LedgerItem.objects.filter(pk=item.pk).update(
            status=S.DONE, progress=100, completed_on=completed_on, signed_off_on=signed_off_on
        )
        record_event(
            "ledger.enter_completed",
            actor=actor,
            obj=item,
            from_status=S.OPEN,
            to_status=S.DONE,
            data={"completed_on": completed_on.isoformat(), "signed_off_on": signed_off_on.isoformat()},
        )
    item.status, item.progress, item.completed_on, item.signed_off_on = (
        S.DONE,
        100,
        completed_on,
        signed_off_on,
    )
    return item
