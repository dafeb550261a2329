"""The steps of a complaint. Each checks permission, enforces its rule and writes the audit
event in the same transaction. The complainant's contact details never enter the audit chain.

    portal form ── submit_public_complaint ──▶ submitted ── register ──▶ registered
    staff entry ── enter_complaint (letter, visit, 12345) ─────────────▶ registered
    submitted ── dismiss (spam, empty, a duplicate: with the reason) ──▶ dismissed
    registered ── accept (division, reason, notice) ──▶ accepted ── answer ──▶ answered
    registered ── transfer (competent authority, reason, notice) ──▶ transferred
    accepted / answered: link_enforcement_case, record_judicial_transfer

The acceptance decision is due by `complaint.acceptance` after registration, the reply by
`complaint.reply` after acceptance: rule-book rows to be confirmed (DOMAIN.md §15 gives no
national period). A due date that needs a year the calendar lacks is left pending, never
guessed, and filled at the next step (`fill_pending_deadlines`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction

from fazhi.complaints import permissions, receipt
from fazhi.complaints.models import Complaint
from fazhi.core.agencies import agencies, agency_of
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import deadline_or_pending
from fazhi.core.models import Organization, User
from fazhi.core.workflow import (
    DomainError,
    InvalidTransition,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.enforcement.models import EnforcementCase

S = Complaint.Status
M = Complaint.NoticeMethod
TRANSITIONS = {
    "register": Transition({S.SUBMITTED}, S.REGISTERED, "登记"),
    "dismiss": Transition({S.SUBMITTED}, S.DISMISSED, "不予登记"),
    "accept": Transition({S.REGISTERED}, S.ACCEPTED, "作出受理决定"),
    "transfer": Transition({S.REGISTERED}, S.TRANSFERRED, "转交有权处理的机关"),
    "answer": Transition({S.ACCEPTED}, S.ANSWERED, "答复"),
}
ACCEPTANCE_RULE = "complaint.acceptance"
REPLY_RULE = "complaint.reply"
HANDLED = (S.ACCEPTED, S.ANSWERED)
EARLIEST = datetime.date(2000, 1, 1)


def _day(
    value: Any, field: str, *, not_before: datetime.date | None = None, before_label: str = ""
) -> datetime.date:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise DomainError(f"{field}不正确")
    if value > _today():
        raise DomainError(f"{field}不能晚于今天")
    if value < EARLIEST:
        raise DomainError(f"{field}不正确")
    if not_before is not None and value < not_before:
        raise DomainError(f"{field}不能早于{before_label}（{not_before:%Y-%m-%d}）")
    return value


# --- the complainant ---------------------------------------------------------------------------


def _complainant(*, anonymous: bool, name: str, phone: str, email: str, address: str) -> dict[str, Any]:
    fields = {
        "contact_name": clean_text(name, "姓名或单位", required=False, limit=100),
        "contact_phone": clean_text(phone, "联系电话", required=False, limit=30),
        "contact_email": clean_text(email, "电子邮箱", required=False, limit=100),
        "contact_address": clean_text(address, "通讯地址", required=False, limit=200),
    }
    if anonymous and any(fields.values()):
        raise DomainError("匿名投诉举报不填写姓名和联系方式；如需留下联系方式，请取消“匿名”")
    if fields["contact_email"] and "@" not in fields["contact_email"]:
        raise DomainError("电子邮箱格式不正确")
    return {"anonymous": bool(anonymous), **fields}


def _check_method(complaint: Complaint, method: str, what: str) -> str:
    """A notice or reply goes by a way the complainant can be reached: an anonymous complainant
    (or one who left no contact) reads it on the portal with the receipt code."""
    if method not in M.values:
        raise DomainError(f"{what}方式不正确")
    needs = {M.PHONE: "contact_phone", M.EMAIL: "contact_email", M.LETTER: "contact_address"}
    if method in needs and not getattr(complaint, needs[M(method)]):
        label = {M.PHONE: "联系电话", M.EMAIL: "电子邮箱", M.LETTER: "通讯地址"}[M(method)]
        raise LegalGateClosed(
            f"投诉举报人未留{label}，不能以{M(method).label}方式{what}；可凭查询码在网站查看"
        )
    if method == M.IN_PERSON and complaint.channel != Complaint.Channel.VISIT and complaint.anonymous:
        raise LegalGateClosed(f"匿名投诉举报人无法当面{what}；可凭查询码在网站查看")
    return method


def _text_fields(kind: str, subject: str, content: str, respondent: str) -> dict[str, Any]:
    if kind not in Complaint.Kind.values:
        raise DomainError("类别应为投诉或举报")
    return {
        "kind": kind,
        "subject": clean_text(subject, "事由", limit=200),
        "content": clean_text(content, "投诉举报内容"),
        "respondent": clean_text(respondent, "被投诉举报的单位或执法行为", required=False, limit=200),
    }


def _new(fields: dict[str, Any]) -> tuple[Complaint, str]:
    """A complaint with a fresh receipt code (drawn again in the unlikely case of a clash)."""
    for _attempt in range(5):
        code = receipt.new_code()
        complaint = Complaint(receipt_digest=receipt.digest(code) or "", **fields)
        try:
            with transaction.atomic():
                complaint.save()
        except IntegrityError as exc:
            if "hotline" in str(exc).lower():  # a concurrent entry of the same 12345 ticket
                raise DomainError(f"12345 工单号 {fields['hotline_ticket']} 已登记") from exc
            continue
        return complaint, code
    raise DomainError("未能生成查询码，请重试")  # pragma: no cover - 100 bits never clash five times


def _public_data(complaint: Complaint) -> dict[str, Any]:
    """What the audit event keeps of a new complaint: never the complainant's details."""
    return {
        "kind": complaint.kind,
        "channel": complaint.channel,
        "subject": complaint.subject,
        "received_on": complaint.received_on.isoformat(),
        "anonymous": complaint.anonymous,
        "hotline_ticket": complaint.hotline_ticket,
    }


def _addressee(agency: Organization | None) -> Organization:
    """The department a portal complaint is addressed to: the one chosen, which must be a
    department of the installation; none chosen is allowed only when there is one department."""
    departments = agencies()
    if agency is not None:
        if not departments.filter(pk=agency.pk).exists():
            raise DomainError("请选择投诉举报的部门")
        return agency
    only = list(departments[:2])
    if len(only) != 1:
        raise DomainError("请选择投诉举报的部门")
    return only[0]


def submit_public_complaint(
    *,
    agency: Organization | None = None,
    kind: str,
    subject: str,
    content: str,
    respondent: str = "",
    anonymous: bool = False,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    contact_address: str = "",
) -> tuple[Complaint, str]:
    """A complaint filed on the portal without an account, addressed to `agency` (the
    department chosen on the form; the only one when the installation has one); returns it and
    its receipt code, which is shown once and never stored."""
    fields = {
        "agency": _addressee(agency),
        **_text_fields(kind, subject, content, respondent),
        **_complainant(
            anonymous=anonymous,
            name=contact_name,
            phone=contact_phone,
            email=contact_email,
            address=contact_address,
        ),
        "channel": Complaint.Channel.PORTAL,
        "received_on": _today(),
        "status": S.SUBMITTED,
    }
    with transaction.atomic():
        complaint, code = _new(fields)
        record_event(
            "complaint.submit", actor=None, obj=complaint, to_status=S.SUBMITTED, data=_public_data(complaint)
        )
    return complaint, code


def enter_complaint(
    *,
    actor: User,
    channel: str,
    kind: str,
    subject: str,
    content: str,
    received_on: datetime.date,
    respondent: str = "",
    hotline_ticket: str = "",
    anonymous: bool = False,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    contact_address: str = "",
    registered_on: datetime.date | None = None,
) -> tuple[Complaint, str]:
    """A complaint received by letter, at a visit or as a 12345 hotline transfer, entered and
    registered by the legal affairs division; returns it and its receipt code (for the notice)."""
    require(permissions.can_register(actor))
    if channel not in Complaint.Channel.values or channel == Complaint.Channel.PORTAL:
        raise DomainError("来源应为来信、来访或12345热线转办（网上投诉举报由公众在门户网站提交）")
    ticket = clean_text(hotline_ticket, "12345 工单号", required=False, limit=40)
    if channel == Complaint.Channel.HOTLINE and not ticket:
        raise DomainError("12345热线转办的投诉举报应填写 12345 工单号")
    if channel != Complaint.Channel.HOTLINE and ticket:
        raise DomainError("只有12345热线转办的投诉举报填写 12345 工单号")
    agency = agency_of(actor)
    if agency is None:
        raise DomainError("登记人未归属任何机关")
    if ticket and Complaint.objects.filter(agency=agency, hotline_ticket=ticket).exists():
        raise DomainError(f"12345 工单号 {ticket} 已登记")
    received_on = _day(received_on, "收到日期")
    registered_on = _day(
        registered_on or _today(), "登记日期", not_before=received_on, before_label="收到日期"
    )
    fields = {
        **_text_fields(kind, subject, content, respondent),
        **_complainant(
            anonymous=anonymous,
            name=contact_name,
            phone=contact_phone,
            email=contact_email,
            address=contact_address,
        ),
        "agency": agency,
        "channel": channel,
        "hotline_ticket": ticket,
        "received_on": received_on,
        "created_by": actor,
        "status": S.REGISTERED,
    }
    with transaction.atomic():
        complaint, code = _new({**fields, **_registered_fields(registered_on)})
        record_event(
            "complaint.enter",
            actor=actor,
            obj=complaint,
            to_status=S.REGISTERED,
            data={**_public_data(complaint), **_due_data(complaint.decision_due_on, registered_on)},
        )
    return complaint, code


def _registered_fields(registered_on: datetime.date) -> dict[str, Any]:
    due = deadline_or_pending(registered_on, ACCEPTANCE_RULE)
    return {
        "registered_on": registered_on,
        "decision_due_on": due.due if due else None,
        "decision_rule_id": due.rule_id if due else None,
    }


def _due_data(due: datetime.date | None, start: datetime.date) -> dict[str, Any]:
    return {"start": start.isoformat(), "due_on": due.isoformat() if due else None, "pending": due is None}


def register_complaint(
    complaint: Complaint, *, actor: User, registered_on: datetime.date | None = None
) -> None:
    """Put a portal submission on the register; the acceptance decision is due from today."""
    require(permissions.can_register(actor, complaint))
    day = _day(
        registered_on or _today(), "登记日期", not_before=complaint.received_on, before_label="收到日期"
    )
    updates = _registered_fields(day)
    apply_transition(
        complaint,
        TRANSITIONS["register"],
        actor=actor,
        verb="complaint.register",
        data=_due_data(updates["decision_due_on"], day),
        **updates,
    )


def dismiss_complaint(complaint: Complaint, *, actor: User, reason: str) -> None:
    """A portal submission that is not a complaint (advertising, empty, a repeat of one already
    registered) is not registered; the reason is kept."""
    require(permissions.can_register(actor, complaint))
    text = clean_text(reason, "不予登记的理由")
    apply_transition(
        complaint,
        TRANSITIONS["dismiss"],
        actor=actor,
        verb="complaint.dismiss",
        data={"reason": text},
        dismissal_reason=text,
    )


def _decision(
    complaint: Complaint, *, decided_on: Any, reason: str, notice: str, notice_method: str
) -> dict[str, Any]:
    if complaint.registered_on is None:
        raise InvalidTransition("投诉举报尚未登记")
    return {
        "decided_on": _day(
            decided_on, "决定日期", not_before=complaint.registered_on, before_label="登记日期"
        ),
        "decision_reason": clean_text(reason, "决定理由"),
        "notice": clean_text(notice, "告知内容"),
        "notice_method": _check_method(complaint, notice_method, "告知"),
    }


def accept_complaint(
    complaint: Complaint,
    *,
    actor: User,
    decided_on: datetime.date,
    division: Organization,
    reason: str,
    notice: str,
    notice_method: str,
) -> None:
    """Accept the complaint and give it to the division that handles it; the reply is due by
    `complaint.reply` from the decision."""
    require(permissions.can_register(actor, complaint))
    if (
        division is None
        or division.kind != Organization.Kind.DIVISION
        or division.parent_id != complaint.agency_id
    ):
        raise DomainError("承办处室应当是本机关处室")
    updates = _decision(
        complaint, decided_on=decided_on, reason=reason, notice=notice, notice_method=notice_method
    )
    due = deadline_or_pending(updates["decided_on"], REPLY_RULE)
    apply_transition(
        complaint,
        TRANSITIONS["accept"],
        actor=actor,
        verb="complaint.accept",
        data={
            "division": division.name,
            "reason": updates["decision_reason"],
            "notice_method": notice_method,
            "in_time": _in_time(updates["decided_on"], complaint.decision_due_on),
            **_due_data(due.due if due else None, updates["decided_on"]),
        },
        decided_by=actor,
        division=division,
        reply_due_on=due.due if due else None,
        reply_rule_id=due.rule_id if due else None,
        **updates,
    )


def transfer_complaint(
    complaint: Complaint,
    *,
    actor: User,
    decided_on: datetime.date,
    authority: str,
    reason: str,
    notice: str,
    notice_method: str,
) -> None:
    """Pass a complaint the bureau has no power to handle to the authority that has, and tell
    the complainant so."""
    require(permissions.can_register(actor, complaint))
    organ = clean_text(authority, "有权处理的机关", limit=200)
    updates = _decision(
        complaint, decided_on=decided_on, reason=reason, notice=notice, notice_method=notice_method
    )
    apply_transition(
        complaint,
        TRANSITIONS["transfer"],
        actor=actor,
        verb="complaint.transfer",
        data={
            "authority": organ,
            "reason": updates["decision_reason"],
            "notice_method": notice_method,
            "in_time": _in_time(updates["decided_on"], complaint.decision_due_on),
        },
        decided_by=actor,
        competent_authority=organ,
        **updates,
    )


def _in_time(day: datetime.date, due: datetime.date | None) -> bool | None:
    return None if due is None else day <= due


def answer_complaint(
    complaint: Complaint,
    *,
    actor: User,
    replied_on: datetime.date,
    findings: str,
    reply: str,
    reply_method: str,
    late_reason: str = "",
) -> None:
    """The handling division answers: what it found and the reply given to the complainant. A
    reply after the due date states why."""
    require(permissions.is_handler(actor, complaint))
    if complaint.status != S.ACCEPTED or complaint.decided_on is None:
        raise InvalidTransition(f"当前状态为“{complaint.get_status_display()}”，不能答复")
    fill_pending_deadlines(complaint)
    day = _day(replied_on, "答复日期", not_before=complaint.decided_on, before_label="受理日期")
    late = complaint.reply_due_on is not None and day > complaint.reply_due_on
    why = clean_text(late_reason, "超过答复期限的理由", required=late)
    if not late:
        why = ""
    method = _check_method(complaint, reply_method, "答复")
    apply_transition(
        complaint,
        TRANSITIONS["answer"],
        actor=actor,
        verb="complaint.answer",
        data={
            "replied_on": day.isoformat(),
            "method": method,
            "in_time": _in_time(day, complaint.reply_due_on),
            "late_reason": why,
        },
        replied_on=day,
        replied_by=actor,
        findings=clean_text(findings, "调查核实情况"),
        reply=clean_text(reply, "答复内容"),
        reply_method=method,
        late_reason=why,
    )


# --- what it led to ----------------------------------------------------------------------------


def link_enforcement_case(complaint: Complaint, *, actor: User, case: EnforcementCase) -> None:
    """Record that the complaint led to an enforcement case (one case per complaint)."""
    require(permissions.can_register(actor, complaint))
    if case is None or not EnforcementCase.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise DomainError("未找到该执法案件")
    if complaint.status not in HANDLED:
        raise InvalidTransition("受理后方可关联由此立案的执法案件")
    if case.filed_on < complaint.received_on:
        raise LegalGateClosed(
            f"该案件立案日期（{case.filed_on:%Y-%m-%d}）早于收到投诉举报之日，不是由本件投诉举报引起的"
        )
    with transaction.atomic():
        moved = Complaint.objects.filter(
            pk=complaint.pk, enforcement_case__isnull=True, status__in=HANDLED
        ).update(enforcement_case=case)
        if not moved:
            raise InvalidTransition("该投诉举报已关联执法案件")
        record_event(
            "complaint.link_case",
            actor=actor,
            obj=complaint,
            data={"case": case.pk, "title": case.title, "filed_on": case.filed_on.isoformat()},
        )
    complaint.enforcement_case = case


def record_judicial_transfer(
    complaint: Complaint, *, actor: User, transferred_on: datetime.date, organ: str, reason: str
) -> None:
    """Record that the matter reported was transferred to judicial organs (行刑衔接)."""
    require(permissions.can_register(actor, complaint))
    if complaint.status not in HANDLED:
        raise InvalidTransition("受理后方可记录移送司法机关")
    day = _day(transferred_on, "移送日期", not_before=complaint.received_on, before_label="收到日期")
    organ_text = clean_text(organ, "接收移送的司法机关", limit=100)
    reason_text = clean_text(reason, "移送理由")
    with transaction.atomic():
        moved = Complaint.objects.filter(
            pk=complaint.pk, judicial_transferred_on__isnull=True, status__in=HANDLED
        ).update(judicial_transferred_on=day, judicial_organ=organ_text, judicial_reason=reason_text)
        if not moved:
            raise InvalidTransition("已记录移送司法机关")
        record_event(
            "complaint.judicial_transfer",
            actor=actor,
            obj=complaint,
            data={"transferred_on": day.isoformat(), "organ": organ_text, "reason": reason_text},
        )
    complaint.judicial_transferred_on, complaint.judicial_organ, complaint.judicial_reason = (
        day,
        organ_text,
        reason_text,
    )


def fill_pending_deadlines(complaint: Complaint | None = None) -> int:
    """Store the due dates left pending for want of a year's calendar, now that it may be in.
    Returns how many were filled."""
    filled = 0
    rows = Complaint.objects.all() if complaint is None else Complaint.objects.filter(pk=complaint.pk)
    for row in rows.filter(status=S.REGISTERED, decision_due_on__isnull=True, registered_on__isnull=False):
        due = deadline_or_pending(row.registered_on, ACCEPTANCE_RULE)  # type: ignore[arg-type]
        if due:
            filled += Complaint.objects.filter(pk=row.pk, decision_due_on__isnull=True).update(
                decision_due_on=due.due, decision_rule_id=due.rule_id
            )
    for row in rows.filter(status=S.ACCEPTED, reply_due_on__isnull=True, decided_on__isnull=False):
        due = deadline_or_pending(row.decided_on, REPLY_RULE)  # type: ignore[arg-type]
        if due:
            filled += Complaint.objects.filter(pk=row.pk, reply_due_on__isnull=True).update(
                reply_due_on=due.due, reply_rule_id=due.rule_id
            )
    if complaint is not None and filled:
        complaint.refresh_from_db()
    return filled
