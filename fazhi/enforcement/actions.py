"""The steps of an enforcement case. Each checks permission, enforces its legal gate and writes
the audit event in the same transaction (core.workflow). Pages and the API call these only.

The rules, each cited in its refusal (research notes §4, 行政处罚法 2021):
- at least two enforcement officers, each with a certificate valid on the day (Art 42);
- no penalty for a violation not discovered within two years, five where life, health or
  financial security was harmed; counted from the day the act occurred, or from the day it ended
  for a continuing or repeated act (Art 36);
- the party is told the intended decision with its facts, reasons and basis and their rights
  (Art 44), their statement and defence are heard (Art 45), and no decision is made without
  them unless the party expressly waives them (Art 62); a hearing is asked for within 5 working
  days of the notice and announced 7 working days before it is held (Art 64, 85);
- a major decision is checked for legality before the head decides, and cannot be made without
  a check or against a failed one (Art 58);
- the decision within 90 days of filing unless a law, regulation or rule provides otherwise —
  a later decision names that provision (Art 60); served within 7 working days (Art 61, 85);
- licence and penalty decisions published within 7 working days, others within 20 (国办发
  〔2018〕118号); a published decision that is reversed is withdrawn within 3 working days of
  the day the reversing decision or judgment takes legal effect, with the reason (Art 48, 85);
- a case that may be a crime is transferred to the judicial organs (DOMAIN.md §11).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.db.models import Q

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.calendar import compute_deadline
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import (
    PendingGate,
    deadline_or_pending,
    earliest_due,
    in_time,
    notice_in_time_without_calendar,
    within,
)
from fazhi.core.formats import cn_date
from fazhi.core.models import Inspector, NumberSeries, User
from fazhi.core.numbering import issue_number
from fazhi.core.uscc import normalize_uscc, validate_uscc
from fazhi.core.workflow import (
    DomainError,
    InvalidTransition,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.enforcement import permissions
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.reviews import actions as review_actions
from fazhi.reviews.gate import require_cleared_review
from fazhi.reviews.models import ReviewRequest, subject_key

S = EnforcementCase.Status
C = EnforcementCase.Category
O = EnforcementCase.Outcome  # noqa: E741 - the outcome choices
G = EnforcementCase.MajorGround
Step = CaseRecord.Step

TRANSITIONS = {
    "notify": Transition({S.INVESTIGATING}, S.NOTIFIED, "告知"),
    "decide": Transition({S.NOTIFIED}, S.DECIDED, "作出决定"),
    "serve": Transition({S.DECIDED}, S.SERVED, "送达"),
    "execute": Transition({S.SERVED}, S.EXECUTED, "执行"),
    "close": Transition({S.SERVED, S.EXECUTED}, S.CLOSED, "结案归档"),
    "transfer": Transition({S.INVESTIGATING, S.NOTIFIED}, S.TRANSFERRED, "移送司法机关"),
}

TWO_OFFICERS = "执法人员不得少于两人，且应当持有有效的行政执法证件（《行政处罚法》第四十二条）"
LIMITATION = "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，延长至五年。期限从违法行为发生之日起计算；违法行为有连续或者继续状态的，从行为终了之日起计算（《行政处罚法》第三十六条）"
# The notice, the statement and defence, and no decision without them (DOMAIN.md §14).
HEAR_FIRST = "作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据和依法享有的陈述、申辩、要求听证等权利（《行政处罚法》第四十四条），充分听取当事人的陈述、申辩（第四十五条）；未告知或者拒绝听取的，不得作出行政处罚决定，当事人明确放弃陈述或者申辩权利的除外（第六十二条）"
HEARING_REQUEST = "当事人要求听证的，应当在行政机关告知后五日内提出（《行政处罚法》第六十四条）"
HEARING_NOTICE = (
    "行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点（《行政处罚法》第六十四条）"
)
DECISION_MAX = "行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定；法律、法规、规章另有规定的，从其规定（《行政处罚法》第六十条）：逾期作出决定的，应当写明所依据的法律、法规或者规章的名称和条文，如“《××规定》第××条”"
WITHDRAWAL = "公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由（《行政处罚法》第四十八条）；三日自变更、撤销的决定或者裁判发生法律效力之日起计算"
# A provision as cited in an official text: the title in 《》 and an article number.
CITATION = re.compile(r"《[^《》]{2,100}》第[〇零一二三四五六七八九十百千两0-9]+条")
RECORD = "行政执法全过程应当有文字、音像记录并归档保存（《行政处罚法》第四十七条；国办发〔2018〕118号）"
MAX_FINE = Decimal("999999999999.99")


# `deadline_or_pending` (core.deadlines): a step is never refused because a later limit cannot
# be computed yet (a case must be filed, a decision made, in December too): the due date is left
# pending — shown as such, never guessed — and `fill_pending_deadlines` stores it once the
# year's calendar is in (core.deadlines.fill_all runs it for every case).


def _pending_year(start: datetime.date) -> int:
    return start.year + 1


def publicity_rule(category: str, outcome: str) -> str:
    """Licence and penalty decisions: 7 working days; other decisions: 20 (国办发〔2018〕118号)."""
    if category == C.PENALTY and outcome == O.PENALTY:
        return "enforcement.publicity_penalty"
    return "enforcement.publicity_other"


# (start field, due field, rule field, rule code or a function of the case) of each stored limit.
PENDABLE: list[tuple[str, str, str, Any]] = [
    ("filed_on", "decision_due_on", "decision_rule", "enforcement.decision_max"),
    ("notified_on", "hearing_request_due_on", "hearing_request_rule", "enforcement.hearing_request"),
    ("hearing_on", "hearing_notice_due_on", "hearing_notice_rule", "enforcement.hearing_notice"),
    ("decided_on", "service_due_on", "service_rule", "enforcement.service"),
    (
        "decided_on",
        "publicity_due_on",
        "publicity_rule",
        lambda case: publicity_rule(case.category, case.outcome),
    ),
    ("reversal_effective_on", "withdrawal_due_on", "withdrawal_rule", "enforcement.publicity_withdrawal"),
]


def pending_fields(case: EnforcementCase) -> list[tuple[str, str, str, str]]:
    found = []
    for start_field, due_field, rule_field, rule in PENDABLE:
        if getattr(case, start_field) is None or getattr(case, due_field) is not None:
            continue
        if due_field == "hearing_request_due_on" and not case.hearing_right:
            continue
        if due_field == "withdrawal_due_on" and not case.published_on:
            continue
        if due_field in ("service_due_on", "publicity_due_on") and case.decided_on is None:
            continue
        found.append((start_field, due_field, rule_field, rule(case) if callable(rule) else rule))
    return found


# The date of the step each limit governs: once the limit is known, a step already taken is
# decided in time or late in the filling event (never against a pending date).
DONE_FIELD = {
    "decision_due_on": "decided_on",
    "hearing_request_due_on": "hearing_requested_on",
    "hearing_notice_due_on": "hearing_notified_on",
    "service_due_on": "served_on",
    "publicity_due_on": "published_on",
    "withdrawal_due_on": "withdrawn_on",
}


def fill_pending_deadlines(case: EnforcementCase, *, actor: User | None = None) -> list[str]:
    """Store the due dates left pending for want of a calendar year, now that it may be in.
    Returns the fields stored; writes one audit event when there are any."""
    updates: dict[str, Any] = {}
    data: dict[str, Any] = {}
    for start_field, due_field, rule_field, rule in pending_fields(case):
        deadline = deadline_or_pending(getattr(case, start_field), rule)
        if deadline is None:
            continue
        updates[due_field] = deadline.due
        updates[f"{rule_field}_id"] = deadline.rule_id
        data[due_field] = {
            "due": deadline.due.isoformat(),
            "rule": rule,
            "rule_version": deadline.rule_version,
            "in_time": in_time(getattr(case, DONE_FIELD[due_field]), deadline.due),
        }
    if updates:
        with transaction.atomic():
            EnforcementCase.objects.filter(pk=case.pk).update(**updates)
            record_event("enforcement.deadlines_computed", actor=actor, obj=case, data=data)
        for name, value in updates.items():
            setattr(case, name, value)
    return sorted(data)


def fill_all_pending_deadlines() -> int:
    """Every case with a pending due date (registered with core.deadlines; run daily by
    `fazhi deadlines fill`)."""
    filled = 0
    candidates = EnforcementCase.objects.filter(
        Q(decision_due_on__isnull=True)
        | Q(notified_on__isnull=False, hearing_right=True, hearing_request_due_on__isnull=True)
        | Q(hearing_on__isnull=False, hearing_notice_due_on__isnull=True)
        | Q(decided_on__isnull=False, service_due_on__isnull=True)
        | Q(decided_on__isnull=False, publicity_due_on__isnull=True)
        | Q(
            published_on__isnull=False,
            reversal_effective_on__isnull=False,
            withdrawn_on__isnull=True,
            withdrawal_due_on__isnull=True,
        )
    )
    for case in candidates:
        filled += bool(fill_pending_deadlines(case))
    return filled


def _date(value: Any, field: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(f"{field}不正确")
    return value


def _certified(officers: Iterable[Inspector], day: datetime.date) -> list[Inspector]:
    return [o for o in officers if o.is_active and o.certificate_expires_on >= day]


def _require_officers(officers: Sequence[Inspector], day: datetime.date) -> None:
    """At least two officers, every one with a valid certificate on `day` (none is carried on
    the case without one)."""
    certified = _certified(officers, day)
    lapsed = [str(o) for o in officers if o not in certified]
    if lapsed or len({o.pk for o in certified}) < 2:
        detail = f"（证件无效或已过期：{'、'.join(lapsed)}）" if lapsed else ""
        raise LegalGateClosed(TWO_OFFICERS + detail)


def checked_party_code(party_kind: str, code: str) -> str:
    """An organization's code is its unified social credit code, checked as the registries check
    it (GB 32100-2015); a natural person's identity number is kept as given."""
    code = clean_text(code, "证件号码", required=False, limit=40)
    if code and party_kind == EnforcementCase.PartyKind.ORGANIZATION:
        code = normalize_uscc(code)
        reason = validate_uscc(code)
        if reason:
            raise DomainError(reason)
    return code


def _violation_dates(
    occurred: Any, ended: Any, continuing: bool, discovered_on: datetime.date
) -> tuple[datetime.date | None, datetime.date | None, bool]:
    """The dates of the act, checked: a continuing or repeated act has the day it ended (from
    which the limitation runs); a single act has the day it occurred."""
    occurred = _date(occurred, "违法行为发生之日") if occurred is not None else None
    ended = _date(ended, "违法行为终了之日") if ended is not None else None
    if continuing and ended is None:
        raise DomainError("违法行为有连续或者继续状态的，请填写违法行为终了之日（《行政处罚法》第三十六条）")
    if not continuing and ended is not None and occurred is None:
        raise DomainError(
            "请填写违法行为发生之日；违法行为有连续或者继续状态的，请注明并填写终了之日（《行政处罚法》第三十六条）"
        )
    for day, name in ((occurred, "违法行为发生之日"), (ended, "违法行为终了之日")):
        if day is not None and day > discovered_on:
            raise DomainError(f"{name}不能晚于发现之日")
    if occurred and ended and ended < occurred:
        raise DomainError("违法行为终了之日不能早于发生之日")
    return occurred, ended, continuing


def _major_grounds(values: Iterable[str]) -> list[str]:
    grounds = [g for g in G.values if g in set(values)]
    unknown = set(values) - set(G.values)
    if unknown:
        raise DomainError("重大执法决定情形不正确")
    return grounds


# --- filing ----------------------------------------------------------------------------------


def file_case(
    *,
    actor: User,
    title: str,
    category: str,
    party_name: str,
    party_kind: str,
    facts: str,
    officers: Sequence[Inspector],
    discovered_on: datetime.date,
    violation_occurred_on: datetime.date | None = None,
    continuing_act: bool = False,
    violation_ended_on: datetime.date | None = None,
    grave_harm: bool = False,
    party_code: str = "",
    major_grounds: Iterable[str] = (),
) -> EnforcementCase:
    """File a case (立案) with its officers; the decision's 90 days start today. A penalty case
    is refused when the limitation has run (Art 36): from the day the act occurred, or — for a
    continuing or repeated act — from the day it ended."""
    require(permissions.can_file(actor))
    if actor.organization_id is None:
        raise DomainError("立案人未归属任何处室")
    today = _today()
    if category not in C.values:
        raise DomainError("执法类别不正确")
    if party_kind not in EnforcementCase.PartyKind.values:
        raise DomainError("当事人类型不正确")
    discovered_on = _date(discovered_on, "发现之日")
    if discovered_on > today:
        raise DomainError("发现之日不能晚于今天")
    occurred, ended, continuing = _violation_dates(
        violation_occurred_on, violation_ended_on, bool(continuing_act), discovered_on
    )
    start = ended if continuing else occurred
    if start is not None and category == C.PENALTY:
        rule = "enforcement.limitation_grave" if grave_harm else "enforcement.limitation"
        surely = within(discovered_on, start, rule)
        if surely is None:  # the limit's last day needs a missing year
            raise PendingGate(earliest_due(start, rule), "核对处罚时效")
        if not surely:
            limit = compute_deadline(start, rule)
            event = "终了" if continuing else "发生"
            raise LegalGateClosed(
                f"违法行为于 {cn_date(start)} {event}，至 {cn_date(limit.due)} 未被发现：{LIMITATION}"
            )
    party_code_checked = checked_party_code(party_kind, party_code)
    _require_officers(officers, today)
    decision = deadline_or_pending(today, "enforcement.decision_max")
    case = EnforcementCase(
        title=clean_text(title, "案由", limit=200),
        category=category,
        division=actor.organization,
        party_name=clean_text(party_name, "当事人", limit=200),
        party_kind=party_kind,
        party_code=party_code_checked,
        facts=clean_text(facts, "案件来源及基本事实"),
        violation_occurred_on=occurred,
        continuing_act=continuing,
        violation_ended_on=ended,
        grave_harm=bool(grave_harm),
        discovered_on=discovered_on,
        filed_on=today,
        filed_by=actor,
        decision_due_on=decision.due if decision else None,
        decision_rule_id=decision.rule_id if decision else None,
        major_grounds=_major_grounds(major_grounds),
    )
    with transaction.atomic():
        case.save()
        case.officers.set(officers)
        record_event(
            "enforcement.file",
            actor=actor,
            obj=case,
            to_status=case.status,
            data={
                "title": case.title,
                "category": category,
                "party": case.party_name,
                "officers": sorted(o.certificate_number for o in officers),
                "decision_due_on": decision.due.isoformat() if decision else None,
                "rule": "enforcement.decision_max",
                "rule_version": decision.rule_version if decision else None,
                "major_grounds": case.major_grounds,
            },
        )
    return case


def add_record(
    case: EnforcementCase,
    *,
    actor: User,
    step: str,
    title: str,
    kind: str = CaseRecord.Kind.TEXT,
    note: str = "",
    files: Sequence[UploadedFile] = (),
) -> CaseRecord:
    """Add an entry of the full-process record (a written or audio-visual record of a step),
    with its files."""
    require(permissions.can_handle(actor, case))
    if not case.is_open:
        raise DomainError("案件已结案或已移送，全过程记录不再增加")
    if step not in Step.values:
        raise DomainError("记录环节不正确")
    if kind not in CaseRecord.Kind.values:
        raise DomainError("记录形式不正确")
    with transaction.atomic():
        record = CaseRecord.objects.create(
            case=case,
            step=step,
            kind=kind,
            title=clean_text(title, "记录名称", limit=200),
            note=clean_text(note, "说明", required=False),
            recorded_on=_today(),
            recorded_by=actor,
        )
        record_event(
            "enforcement.record",
            actor=actor,
            obj=case,
            data={"record_id": record.pk, "step": step, "kind": kind, "title": record.title},
        )
        for upload in files:
            attach_file(record, upload, actor=actor, purpose=record.get_step_display())
    return record


def set_major_grounds(case: EnforcementCase, *, actor: User, grounds: Iterable[str]) -> None:
    """Say which grounds of Art 58 make the decision major (legality check before deciding)."""
    require(permissions.can_handle(actor, case) or permissions.can_decide(actor, case))
    if case.status not in (S.INVESTIGATING, S.NOTIFIED):
        raise DomainError("决定作出后不能再变更重大执法决定情形")
    chosen = _major_grounds(grounds)
    if case.hearing_held_on and G.HEARING not in chosen:
        raise LegalGateClosed("案件已经过听证程序，不能取消该情形（《行政处罚法》第五十八条第一款第二项）")
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(major_grounds=chosen)
        record_event("enforcement.major_grounds", actor=actor, obj=case, data={"grounds": chosen})
    case.major_grounds = chosen


# --- notice of rights, statement, hearing ------------------------------------------------------


def notify(case: EnforcementCase, *, actor: User, proposed_decision: str, hearing_right: bool) -> None:
    """Tell the party the proposed decision with its facts, reasons and basis, and their rights
    (statement and defence; a hearing where Art 63 gives one)."""
    require(permissions.can_handle(actor, case))
    if not case.records.filter(step=Step.INVESTIGATION).exists():
        raise LegalGateClosed("调查取证尚无记录：" + RECORD)
    today = _today()
    proposed = clean_text(proposed_decision, "拟作出的决定及理由、依据")
    updates: dict[str, Any] = {
        "notified_on": today,
        "proposed_decision": proposed,
        "hearing_right": bool(hearing_right),
    }
    data: dict[str, Any] = {"hearing_right": bool(hearing_right)}
    if hearing_right:
        due = deadline_or_pending(today, "enforcement.hearing_request")
        if due is not None:
            updates.update(hearing_request_due_on=due.due, hearing_request_rule_id=due.rule_id)
        data.update(
            hearing_request_due_on=due.due.isoformat() if due else None,
            rule_version=due.rule_version if due else None,
        )
    apply_transition(
        case, TRANSITIONS["notify"], actor=actor, verb="enforcement.notify", data=data, **updates
    )


def record_statement(
    case: EnforcementCase, *, actor: User, statement: str = "", waived: bool = False
) -> None:
    """The party's statement and defence, or their express waiver of statement and hearing."""
    require(permissions.can_handle(actor, case))
    if case.status != S.NOTIFIED:
        raise DomainError("告知后、作出决定前记录当事人的陈述、申辩")
    text = clean_text(statement, "陈述、申辩", required=not waived)
    if waived and case.hearing_requested_on:
        raise DomainError("当事人已申请听证，不能记为放弃")
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(statement=text, waived=bool(waived))
        record_event(
            "enforcement.statement", actor=actor, obj=case, data={"waived": bool(waived), "statement": text}
        )
    case.statement, case.waived = text, bool(waived)


def request_hearing(case: EnforcementCase, *, actor: User, requested_on: datetime.date | None = None) -> None:
    """The party asks for a hearing: only where the notice gave the right, within 5 working days."""
    require(permissions.can_handle(actor, case))
    fill_pending_deadlines(case, actor=actor)
    if case.status != S.NOTIFIED or not case.hearing_right:
        raise LegalGateClosed("本案未告知听证权利，或已作出决定：不能申请听证")
    if case.hearing_requested_on:
        raise DomainError("当事人已申请听证")
    today = _today()
    day = _date(requested_on or today, "申请日期")
    if day > today or (case.notified_on and day < case.notified_on):
        raise DomainError("申请日期应当在告知之日至今天之间")
    if case.hearing_request_due_on and day > case.hearing_request_due_on:
        raise LegalGateClosed(
            f"申请听证的期限已于 {cn_date(case.hearing_request_due_on)} 届满：{HEARING_REQUEST}"
        )
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(hearing_requested_on=day, waived=False)
        record_event(
            "enforcement.hearing_request", actor=actor, obj=case, data={"requested_on": day.isoformat()}
        )
    case.hearing_requested_on, case.waived = day, False


def schedule_hearing(case: EnforcementCase, *, actor: User, hearing_on: datetime.date) -> None:
    """Fix the hearing's day and notify the party today: at least 7 working days before it."""
    require(permissions.can_handle(actor, case))
    if case.status != S.NOTIFIED or not case.hearing_requested_on:
        raise DomainError("当事人申请听证后方可安排听证")
    if case.hearing_held_on:
        raise DomainError("听证已经举行")
    hearing_on = _date(hearing_on, "听证日期")
    today = _today()
    latest = deadline_or_pending(hearing_on, "enforcement.hearing_notice", on=today)
    if latest is None:
        # The latest notice day needs the missing year: the hearing is scheduled when the
        # covered years alone hold the seven working days (core.deadlines), else it waits.
        if not notice_in_time_without_calendar(today, hearing_on, "enforcement.hearing_notice"):
            raise PendingGate(hearing_on, f"核对 {cn_date(hearing_on)} 的听证是否提前七个工作日通知")
    elif today > latest.due:
        raise LegalGateClosed(
            f"今天通知，听证最早可安排在七个工作日之后；{cn_date(hearing_on)} 的听证最迟应于 {cn_date(latest.due)} 通知：{HEARING_NOTICE}"
        )
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(
            hearing_on=hearing_on,
            hearing_notified_on=today,
            hearing_notice_due_on=latest.due if latest else None,
            hearing_notice_rule_id=latest.rule_id if latest else None,
        )
        record_event(
            "enforcement.hearing_schedule",
            actor=actor,
            obj=case,
            data={
                "hearing_on": hearing_on.isoformat(),
                "notified_on": today.isoformat(),
                "notice_due_on": latest.due.isoformat() if latest else None,
            },
        )
    case.hearing_on, case.hearing_notified_on = hearing_on, today
    case.hearing_notice_due_on = latest.due if latest else None
    case.hearing_notice_rule_id = latest.rule_id if latest else None


def record_hearing(case: EnforcementCase, *, actor: User, record: str) -> None:
    """The hearing was held: its record. A decision that went through a hearing is major
    (Art 58 (1) 2), so the legality check becomes required."""
    require(permissions.can_handle(actor, case))
    if case.status != S.NOTIFIED or not case.hearing_on:
        raise DomainError("尚未安排听证")
    today = _today()
    if case.hearing_on > today:
        raise DomainError(f"听证定于 {cn_date(case.hearing_on)} 举行，举行后方可记录")
    text = clean_text(record, "听证笔录摘要")
    grounds = _major_grounds([*case.major_grounds, G.HEARING])
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(
            hearing_held_on=case.hearing_on, hearing_record=text, major_grounds=grounds
        )
        record_event(
            "enforcement.hearing_held",
            actor=actor,
            obj=case,
            data={"held_on": case.hearing_on.isoformat(), "major_grounds": grounds},
        )
    case.hearing_held_on, case.hearing_record, case.major_grounds = case.hearing_on, text, grounds


# --- legality check and decision ---------------------------------------------------------------


def submit_for_review(case: EnforcementCase, *, actor: User, explanation: str = "") -> ReviewRequest:
    """Send a major decision to the legal affairs division for its legality check (法制审核)."""
    require(permissions.can_handle(actor, case))
    if not case.is_major:
        raise DomainError("本案未认定为重大执法决定，无须法制审核")
    if case.status != S.NOTIFIED:
        raise DomainError("告知当事人后、作出决定前送法制审核")
    content_type, subject_id = subject_key(case)
    pending = ReviewRequest.objects.filter(
        subject_type=content_type,
        subject_id=subject_id,
        status__in=[
            ReviewRequest.Status.SUBMITTED,
            ReviewRequest.Status.UNDER_REVIEW,
            ReviewRequest.Status.RETURNED,
        ],
    ).first()
    if pending is not None:
        raise DomainError(
            f"本案已有法制审核（{pending.code}，{pending.get_status_display()}），请在该审核中办理"
        )
    with transaction.atomic():
        review = review_actions.create_review(
            actor=actor,
            title=f"{case.title}（{case.code}）",
            subject_kind=ReviewRequest.SubjectKind.MAJOR_ENFORCEMENT,
            legal_basis=case.proposed_decision,
            explanation=clean_text(explanation, "送审说明", required=False)
            or "重大执法决定情形：" + "；".join(case.major_ground_labels()),
            subject=case,
        )
        draft = SimpleUploadedFile(
            f"{case.code}（送审稿）.txt", _review_draft(case).encode("utf-8"), content_type="text/plain"
        )
        attach_file(review, draft, actor=actor, purpose="送审稿")
        review_actions.submit_review(review, actor=actor)
        record_event("enforcement.submit_review", actor=actor, obj=case, data={"review_id": review.pk})
    return review


def _review_draft(case: EnforcementCase) -> str:
    """The case as the legality check reads it: facts, the proposed decision, the party's
    statement and the hearing, and the record so far."""
    lines = [
        f"案件：{case.code} {case.title}",
        f"当事人：{case.party_name}（{case.get_party_kind_display()}）",
        f"立案日期：{cn_date(case.filed_on)}",
        f"重大执法决定情形：{'；'.join(case.major_ground_labels())}",
        "",
        "案件来源及基本事实：",
        case.facts,
        "",
        "拟作出的决定及理由、依据：",
        case.proposed_decision,
        "",
        "当事人陈述、申辩：" + ("明确放弃" if case.waived else case.statement or "（无）"),
    ]
    if case.hearing_held_on:
        lines += ["", f"听证（{cn_date(case.hearing_held_on)}）：", case.hearing_record]
    lines += ["", "全过程记录："]
    lines += [f"- {r.recorded_on:%Y-%m-%d} {r.get_step_display()}：{r.title}" for r in case.records.all()]
    return "\n".join(lines) + "\n"


def _penalty_series(case: EnforcementCase) -> NumberSeries:
    series = NumberSeries.objects.filter(kind=NumberSeries.Kind.PENALTY).order_by("pk").first()
    if series is None:
        raise DomainError("尚未设置“行政处罚决定书”文号序列，请系统管理员在统一编号中添加")
    return series


def decide(
    case: EnforcementCase,
    *,
    actor: User,
    outcome: str,
    decision_text: str,
    fine_amount: Decimal | str | None = None,
    overdue_reason: str = "",
    extension_basis: str = "",
) -> None:
    """The head decides (DOMAIN.md §11: the head's decision): after the party was told and heard
    (Art 44, 45, 62), after the hearing, after the legality check of a major decision, and within
    90 days — later only under the provision of a law, regulation or rule that allows it, named
    as a citation (Art 60)."""
    require(permissions.can_decide(actor, case))
    fill_pending_deadlines(case, actor=actor)
    if case.status == S.INVESTIGATING:
        raise LegalGateClosed("尚未告知当事人拟作出的行政处罚内容及事实、理由、依据：" + HEAR_FIRST)
    if case.status != S.NOTIFIED:
        raise DomainError("告知当事人后方可作出决定")
    if outcome not in O.values:
        raise DomainError("决定结果不正确")
    today = _today()
    if case.hearing_requested_on and not case.hearing_held_on:
        raise LegalGateClosed("当事人已申请听证，听证举行前不得作出决定：" + HEAR_FIRST)
    if (
        case.hearing_right
        and not case.waived
        and not case.hearing_requested_on
        and case.hearing_request_due_on is None
    ):
        raise LegalGateClosed(
            f"申请听证的期限需要 {_pending_year(case.notified_on or today)} 年的工作日历，录入后方可确定；期满后（或当事人明确放弃后）方可决定：{HEARING_REQUEST}"
        )
    if (
        not case.waived
        and not case.hearing_requested_on
        and case.hearing_request_due_on
        and today <= case.hearing_request_due_on
    ):
        raise LegalGateClosed(
            f"当事人申请听证的期限至 {cn_date(case.hearing_request_due_on)} 届满，期满后（或当事人明确放弃后）方可决定：{HEARING_REQUEST}"
        )
    if not case.waived and not case.statement and not case.hearing_held_on:
        raise LegalGateClosed("尚未记录当事人的陈述、申辩或放弃：" + HEAR_FIRST)
    if case.is_major:
        require_cleared_review(case, kind=ReviewRequest.SubjectKind.MAJOR_ENFORCEMENT)
    reason = clean_text(overdue_reason, "超过决定期限的理由", required=False)
    basis = clean_text(extension_basis, "依法延长决定期限的规定", required=False, limit=200)
    # With the limit pending, a day past the 90th calendar day may be late (only its extension
    # past a rest day is unknown): the provision is asked for then too.
    surely_due = case.decision_due_on or case.filed_on + datetime.timedelta(days=90)
    if today > surely_due and not CITATION.search(basis):
        raise LegalGateClosed(f"决定期限已于 {cn_date(surely_due)} 届满：{DECISION_MAX}")
    if today <= surely_due:
        basis = ""
    amount: Decimal | None = None
    if outcome == O.PENALTY and fine_amount not in (None, ""):
        try:
            amount = Decimal(str(fine_amount)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError) as exc:
            raise DomainError("罚款金额不正确") from exc
        if not Decimal("0") < amount <= MAX_FINE:
            raise DomainError("罚款金额应当大于零")
    if outcome == O.NO_PENALTY and fine_amount not in (None, ""):
        raise DomainError("不予行政处罚的决定不能有罚款金额")
    text = clean_text(decision_text, "决定内容")
    rule_of_publicity = publicity_rule(case.category, outcome)
    service = deadline_or_pending(today, "enforcement.service")
    publicity = deadline_or_pending(today, rule_of_publicity)
    with transaction.atomic():
        issued = issue_number(
            _penalty_series(case), year=today.year, actor=actor, subject=case, title=case.title
        )
        apply_transition(
            case,
            TRANSITIONS["decide"],
            actor=actor,
            verb="enforcement.decide",
            data={
                "outcome": outcome,
                "decision_number": issued.number,
                "fine_amount": str(amount) if amount is not None else None,
                "in_time": today <= surely_due,
                "overdue_reason": reason,
                "extension_basis": basis,
                "service_due_on": service.due.isoformat() if service else None,
                "publicity_due_on": publicity.due.isoformat() if publicity else None,
                "publicity_rule": rule_of_publicity,
            },
            decided_on=today,
            decided_by=actor,
            outcome=outcome,
            decision_text=text,
            fine_amount=amount,
            decision_number=issued.number,
            overdue_reason=reason,
            extension_basis=basis,
            service_due_on=service.due if service else None,
            service_rule_id=service.rule_id if service else None,
            publicity_due_on=publicity.due if publicity else None,
            publicity_rule_id=publicity.rule_id if publicity else None,
        )


# --- service, execution, closing -------------------------------------------------------------


def serve(
    case: EnforcementCase, *, actor: User, served_on: datetime.date, method: str, late_reason: str = ""
) -> None:
    """The decision was served (送达): on the day it was made, or within 7 working days."""
    require(permissions.can_handle(actor, case))
    fill_pending_deadlines(case, actor=actor)
    if case.reversed_on:
        raise LegalGateClosed("决定已被变更、撤销或者确认违法、无效，不再送达")
    served_on = _date(served_on, "送达日期")
    if case.decided_on is None or served_on < case.decided_on or served_on > _today():
        raise DomainError("送达日期应当在决定之日至今天之间")
    reason = clean_text(late_reason, "逾期送达的理由", required=False)
    method = clean_text(method, "送达方式", limit=50)
    if case.service_due_on and served_on > case.service_due_on and not reason:
        raise LegalGateClosed(
            f"送达期限为 {cn_date(case.service_due_on)}，逾期送达须写明理由（《行政处罚法》第六十一条）"
        )
    apply_transition(
        case,
        TRANSITIONS["serve"],
        actor=actor,
        verb="enforcement.serve",
        data={"served_on": served_on.isoformat(), "method": method, "late_reason": reason},
        served_on=served_on,
        service_method=method,
        late_service_reason=reason,
    )


def execute(case: EnforcementCase, *, actor: User, executed_on: datetime.date, note: str) -> None:
    """The decision has been carried out (执行完毕)."""
    require(permissions.can_handle(actor, case))
    if case.reversed_on:
        raise LegalGateClosed("决定已被变更、撤销或者确认违法、无效，不再执行")
    executed_on = _date(executed_on, "执行完毕日期")
    if case.served_on is None or executed_on < case.served_on or executed_on > _today():
        raise DomainError("执行完毕日期应当在送达之日至今天之间")
    apply_transition(
        case,
        TRANSITIONS["execute"],
        actor=actor,
        verb="enforcement.execute",
        data={"executed_on": executed_on.isoformat()},
        executed_on=executed_on,
        execution_note=clean_text(note, "执行情况"),
    )


def close(case: EnforcementCase, *, actor: User) -> None:
    """Close and archive the case (结案归档): the decision executed (or no penalty given), and
    the written record of the decision and of its service in the file."""
    require(permissions.can_handle(actor, case))
    if case.status not in TRANSITIONS["close"].sources:
        raise InvalidTransition("送达（给予处罚的，执行完毕）后方可结案")
    if case.status == S.SERVED and case.outcome == O.PENALTY:
        raise LegalGateClosed("行政处罚决定尚未执行完毕，不能结案")
    steps = set(case.records.values_list("step", flat=True))
    missing = [str(Step(s).label) for s in (Step.DECISION, Step.SERVICE) if s not in steps]
    if missing:
        raise LegalGateClosed(f"全过程记录缺少“{'”“'.join(missing)}”环节的记录：{RECORD}")
    apply_transition(case, TRANSITIONS["close"], actor=actor, verb="enforcement.close", closed_on=_today())


def transfer(case: EnforcementCase, *, actor: User, transferred_to: str, reason: str) -> None:
    """Transfer a case that may be a crime to the judicial organs (DOMAIN.md §11; the seed
    report's 行政执法与刑事司法衔接)."""
    require(permissions.can_handle(actor, case))
    transferred_to = clean_text(transferred_to, "移送机关", limit=100)
    reason = clean_text(reason, "移送理由")
    apply_transition(
        case,
        TRANSITIONS["transfer"],
        actor=actor,
        verb="enforcement.transfer",
        data={"to": transferred_to, "reason": reason},
        transferred_on=_today(),
        transferred_to=transferred_to,
        transfer_reason=reason,
    )


# --- publicity -------------------------------------------------------------------------------


def publish(case: EnforcementCase, *, actor: User) -> None:
    """Publish the decision on the enforcement publicity page (行政执法公示)."""
    require(permissions.can_handle(actor, case) or permissions.can_decide(actor, case))
    if case.decided_on is None:
        raise DomainError("作出决定后方可公示")
    if case.published_on:
        raise DomainError("该决定已公示")
    if case.reversed_on:
        raise LegalGateClosed("决定已被变更、撤销或者确认违法、无效，不再公示：" + WITHDRAWAL)
    fill_pending_deadlines(case, actor=actor)
    today = _today()
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(published_on=today)
        record_event(
            "enforcement.publish",
            actor=actor,
            obj=case,
            data={
                "published_on": today.isoformat(),
                "due": case.publicity_due_on.isoformat() if case.publicity_due_on else None,
                "in_time": in_time(today, case.publicity_due_on),
            },
        )
    case.published_on = today


def record_reversal(
    case: EnforcementCase,
    *,
    actor: User,
    reversed_on: datetime.date,
    reason: str,
    effective_on: datetime.date | None = None,
) -> None:
    """The decision was changed, revoked, or declared unlawful or void (by reconsideration, a
    court or the bureau itself), by a decision or judgment made on `reversed_on` that took legal
    effect on `effective_on` (the bureau's own correction: the day it is made). A published
    decision must then be withdrawn within 3 working days of the effective day (Art 48, 85).
    The legal affairs division records it too, from the reconsideration decision or judgment."""
    require(
        permissions.can_handle(actor, case)
        or permissions.can_decide(actor, case)
        or actor.has_perm("disputes.handle_dispute")
    )
    if case.decided_on is None:
        raise DomainError("尚未作出决定")
    if case.reversed_on:
        raise DomainError("已记录该决定被变更、撤销或者确认违法、无效")
    reversed_on = _date(reversed_on, "变更、撤销之日")
    if reversed_on < case.decided_on or reversed_on > _today():
        raise DomainError("变更、撤销之日应当在决定之日至今天之间")
    effective_on = _date(effective_on or reversed_on, "发生法律效力之日")
    if effective_on < reversed_on or effective_on > _today():
        raise DomainError("发生法律效力之日应当在变更、撤销之日至今天之间；尚未生效的，生效后再记录")
    text = clean_text(reason, "变更、撤销或者确认违法、无效的情况")
    updates: dict[str, Any] = {
        "reversed_on": reversed_on,
        "reversal_effective_on": effective_on,
        "reversal_reason": text,
    }
    data: dict[str, Any] = {
        "reversed_on": reversed_on.isoformat(),
        "effective_on": effective_on.isoformat(),
        "reason": text,
    }
    if case.published_on and not case.withdrawn_on:
        due = deadline_or_pending(effective_on, "enforcement.publicity_withdrawal")
        if due is not None:
            updates.update(withdrawal_due_on=due.due, withdrawal_rule_id=due.rule_id)
        data.update(
            withdrawal_due_on=due.due.isoformat() if due else None,
            rule_version=due.rule_version if due else None,
        )
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(**updates)
        record_event("enforcement.reversal", actor=actor, obj=case, data=data)
    for name, value in updates.items():
        setattr(case, name, value)


def withdraw_publicity(case: EnforcementCase, *, actor: User) -> None:
    """Take a reversed decision off the publicity page; the page then states the reason."""
    require(permissions.can_handle(actor, case) or permissions.can_decide(actor, case))
    fill_pending_deadlines(case, actor=actor)
    if not case.published_on or case.withdrawn_on:
        raise DomainError("该决定未在公示中")
    if not case.reversed_on:
        raise LegalGateClosed("决定未被变更、撤销或者确认违法、无效，不能撤回公示：" + WITHDRAWAL)
    today = _today()
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(withdrawn_on=today)
        record_event(
            "enforcement.withdraw_publicity",
            actor=actor,
            obj=case,
            data={
                "withdrawn_on": today.isoformat(),
                "in_time": in_time(today, case.withdrawal_due_on),
                "reason": case.reversal_reason,
            },
        )
    case.withdrawn_on = today
