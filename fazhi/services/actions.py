"""The writes of government services. Each checks permission and its rule and writes the audit
event in the same transaction.

The rules (research notes §5, 国办发〔2020〕42号 and the local guidance it cites):
- matters directly involving national security, state secrets, public safety, prudential
  financial supervision, ecological protection, personal health, life and property safety, and important matters
  involving foreign parties (重要涉外) are excluded from notification-commitment;
- a matter under the system states the proof the commitment replaces and how, and within how
  many days, commitments are verified (set per matter: no national figure);
- the applicant chooses the commitment route freely;
- an applicant with an unrepaired false-commitment record may not use it;
- a false commitment leads to terminating the matter, ordering correction, revoking the decision
  or a penalty, and to a credit record (告知承诺失信).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F

from fazhi.core import deadlines
from fazhi.core.agencies import agency_for, agency_id_of
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.formats import cn_date
from fazhi.core.models import Organization, User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.services import permissions
from fazhi.services.models import Commitment, CreditRecord, DelegatedPower, ServiceMatter

C = Commitment.Status
TRANSITIONS = {
    "withdraw": Transition({C.ACCEPTED}, C.WITHDRAWN, "撤回承诺"),
    "verify_true": Transition({C.ACCEPTED}, C.VERIFIED, "核查属实"),
    "verify_false": Transition({C.ACCEPTED}, C.FALSE, "核查发现虚假承诺"),
}
EXCLUDED = "直接涉及国家安全、国家秘密、公共安全、金融业审慎监管、生态环境保护和人身健康、生命财产安全以及重要涉外等事项，不适用告知承诺制（国办发〔2020〕42号）"
BARRED = (
    "有较严重的不良信用记录或者曾作出虚假承诺的申请人，在信用修复前不适用告知承诺制（国办发〔2020〕42号）"
)
MAX_VERIFICATION_DAYS = 365


def _past(value: Any, field: str, *, not_before: datetime.date | None = None) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(f"{field}不正确")
    if value > _today():
        raise DomainError(f"{field}不能晚于今天")
    if not_before is not None and value < not_before:
        raise DomainError(f"{field}不能早于{cn_date(not_before)}")
    return value


def _commitment_terms(
    commitment_allowed: bool,
    excluded_reason: str,
    proof_replaced: str,
    verification_method: str,
    verification_days: int | None,
    day_kind: str,
) -> dict[str, Any]:
    excluded = clean_text(excluded_reason, "不适用告知承诺制的理由", required=False)
    if commitment_allowed and excluded:
        raise LegalGateClosed(EXCLUDED)
    if day_kind not in ServiceMatter.DayKind.values:
        raise DomainError("核查时限单位不正确")
    terms: dict[str, Any] = {
        "commitment_allowed": bool(commitment_allowed),
        "excluded_reason": excluded,
        "proof_replaced": "",
        "verification_method": "",
        "verification_days": None,
        "verification_day_kind": day_kind,
    }
    if commitment_allowed:
        if not isinstance(verification_days, int) or not 1 <= verification_days <= MAX_VERIFICATION_DAYS:
            raise DomainError(f"实行告知承诺制的事项应当确定核查时限（1 至 {MAX_VERIFICATION_DAYS} 日）")
        terms.update(
            proof_replaced=clean_text(proof_replaced, "以承诺替代的证明材料"),
            verification_method=clean_text(verification_method, "核查方式", limit=200),
            verification_days=verification_days,
        )
    return terms


def register_matter(
    *,
    actor: User,
    code: str,
    name: str,
    kind: str,
    division: Organization,
    basis: str,
    published: bool = False,
    commitment_allowed: bool = False,
    excluded_reason: str = "",
    proof_replaced: str = "",
    verification_method: str = "",
    verification_days: int | None = None,
    day_kind: str = ServiceMatter.DayKind.WORKING,
    supervision_rules: str = "",
) -> ServiceMatter:
    """Put a matter in the catalog, with its notification-commitment terms."""
    require(permissions.can_manage(actor))
    if kind not in ServiceMatter.Kind.values:
        raise DomainError("事项类型不正确")
    agency_id = agency_id_of(actor)
    if division.kind != Organization.Kind.DIVISION or division.parent_id != agency_id:
        raise DomainError("承办处室应当是本机关处室")
    code = clean_text(code, "事项编码", limit=50)
    if ServiceMatter.objects.filter(agency_id=agency_id, code=code).exists():
        raise DomainError("该事项编码已登记")
    matter = ServiceMatter(
        agency=agency_for(actor, division),
        code=code,
        name=clean_text(name, "事项名称", limit=200),
        kind=kind,
        division=division,
        basis=clean_text(basis, "设定依据"),
        published=bool(published),
        supervision_rules=clean_text(supervision_rules, "事中事后监管细则", required=False),
        **_commitment_terms(
            commitment_allowed,
            excluded_reason,
            proof_replaced,
            verification_method,
            verification_days,
            day_kind,
        ),
    )
    with transaction.atomic():
        matter.save()
        record_event(
            "services.matter",
            actor=actor,
            obj=matter,
            data={
                "code": matter.code,
                "commitment": matter.commitment_allowed,
                "verification_days": matter.verification_days,
                "excluded": bool(matter.excluded_reason),
            },
        )
    return matter


def set_commitment_terms(
    matter: ServiceMatter,
    *,
    actor: User,
    commitment_allowed: bool,
    excluded_reason: str = "",
    proof_replaced: str = "",
    verification_method: str = "",
    verification_days: int | None = None,
    day_kind: str = ServiceMatter.DayKind.WORKING,
    supervision_rules: str | None = None,
) -> None:
    """Change whether and how a matter runs under notification-commitment (the catalog's list)."""
    require(permissions.can_manage(actor, matter))
    terms = _commitment_terms(
        commitment_allowed, excluded_reason, proof_replaced, verification_method, verification_days, day_kind
    )
    if supervision_rules is not None:
        terms["supervision_rules"] = clean_text(supervision_rules, "事中事后监管细则", required=False)
    with transaction.atomic():
        ServiceMatter.objects.filter(pk=matter.pk).update(**terms)
        record_event(
            "services.commitment_terms",
            actor=actor,
            obj=matter,
            data={k: v for k, v in terms.items() if k != "supervision_rules"},
        )
    for name, value in terms.items():
        setattr(matter, name, value)


def is_barred(applicant_code: str, agency: Any = None) -> bool:
    """Whether an unrepaired false-commitment record of `agency` (every agency's for None)
    bars the applicant from the commitment route."""
    return (
        CreditRecord.objects.of_agency(agency)
        .filter(applicant_code=applicant_code.strip(), repaired_on__isnull=True)
        .exists()
    )


def verification_due(matter: ServiceMatter, signed_on: datetime.date) -> datetime.date | None:
    """The verification date the matter's own days set, or None while pending (core.deadlines)."""
    if not matter.verification_days:
        return None
    if matter.verification_day_kind == ServiceMatter.DayKind.WORKING:
        due = deadlines.period_or_pending(signed_on, working_days=matter.verification_days)
    else:
        due = deadlines.period_or_pending(signed_on, days=matter.verification_days)
    return due.due if due else None


def accept_commitment(
    *,
    actor: User,
    matter: ServiceMatter,
    applicant: str,
    applicant_code: str,
    signed_on: datetime.date,
    chose_commitment: bool,
) -> Commitment:
    """The applicant, told once and in writing of the proof obligation and the liability for a
    false commitment, chose to commit instead of proving: the matter is handled on the
    commitment and verified within the matter's days."""
    require(permissions.can_manage(actor, matter))
    if not matter.commitment_allowed or not matter.verification_days:
        raise LegalGateClosed("该事项未实行告知承诺制")
    if not chose_commitment:
        raise LegalGateClosed("告知承诺由申请人自愿选择；申请人未选择的，应当按规定提交证明材料")
    code = clean_text(applicant_code, "统一社会信用代码或身份证件号码", limit=40)
    if is_barred(code, matter.agency_id):
        raise LegalGateClosed(BARRED)
    signed_on = _past(signed_on, "承诺日期")
    due = verification_due(matter, signed_on)  # None: waits for next year's calendar, never guessed
    commitment = Commitment(
        matter=matter,
        applicant=clean_text(applicant, "申请人", limit=200),
        applicant_code=code,
        signed_on=signed_on,
        verification_due_on=due,
        created_by=actor,
    )
    with transaction.atomic():
        commitment.save()
        record_event(
            "services.commitment",
            actor=actor,
            obj=commitment,
            to_status=commitment.status,
            data={
                "matter": matter.code,
                "signed_on": signed_on.isoformat(),
                "verification_due_on": due.isoformat() if due else None,
            },
        )
    return commitment


def withdraw_commitment(commitment: Commitment, *, actor: User, withdrawn_on: datetime.date) -> None:
    """The applicant withdrew the commitment: the proof is then required."""
    require(permissions.can_manage(actor, commitment))
    withdrawn_on = _past(withdrawn_on, "撤回日期", not_before=commitment.signed_on)
    apply_transition(
        commitment, TRANSITIONS["withdraw"], actor=actor, verb="services.withdraw", withdrawn_on=withdrawn_on
    )


def verify(
    commitment: Commitment,
    *,
    actor: User,
    verified_on: datetime.date,
    truthful: bool,
    note: str,
    consequence: str = "",
) -> None:
    """The verification's result; a false commitment is dealt with and goes on the credit record."""
    require(permissions.can_manage(actor, commitment))
    verified_on = _past(verified_on, "核查日期", not_before=commitment.signed_on)
    text = clean_text(note, "核查情况")
    if commitment.verification_due_on is None:
        commitment.verification_due_on = verification_due(commitment.matter, commitment.signed_on)
    # Never decided against a pending date: None until it is known (services.deadlines).
    in_time = deadlines.in_time(verified_on, commitment.verification_due_on)
    if truthful:
        apply_transition(
            commitment,
            TRANSITIONS["verify_true"],
            actor=actor,
            verb="services.verify",
            data={"in_time": in_time},
            verified_on=verified_on,
            verification_note=text,
            verification_due_on=commitment.verification_due_on,
        )
        return
    if consequence not in Commitment.Consequence.values:
        raise LegalGateClosed("虚假承诺应当依法终止办理、责令限期整改、撤销行政决定或者给予行政处罚")
    with transaction.atomic():
        apply_transition(
            commitment,
            TRANSITIONS["verify_false"],
            actor=actor,
            verb="services.verify",
            data={"in_time": in_time, "consequence": consequence},
            verified_on=verified_on,
            verification_note=text,
            verification_due_on=commitment.verification_due_on,
            consequence=consequence,
        )
        record = CreditRecord.objects.create(
            applicant=commitment.applicant,
            applicant_code=commitment.applicant_code,
            commitment=commitment,
            recorded_on=verified_on,
        )
        record_event(
            "services.credit_record",
            actor=actor,
            obj=record,
            data={"applicant_code": commitment.applicant_code, "commitment_id": commitment.pk},
        )


def repair_credit(record: CreditRecord, *, actor: User, reason: str) -> None:
    """The applicant's credit was repaired: the commitment route is open to them again."""
    require(permissions.can_manage(actor, record))
    if record.repaired_on is not None:
        raise DomainError("该记录已修复")
    today = _today()
    text = clean_text(reason, "信用修复情况")
    with transaction.atomic():
        if not CreditRecord.objects.filter(pk=record.pk, repaired_on__isnull=True).update(
            repaired_on=today, repair_reason=text
        ):
            raise DomainError("该记录已修复")
        record_event("services.credit_repair", actor=actor, obj=record, data={"reason": text})
    record.repaired_on, record.repair_reason = today, text


# --- delegated powers ------------------------------------------------------------------------


def delegate_power(
    *, actor: User, name: str, recipient: Organization, document: str, delegated_on: datetime.date
) -> DelegatedPower:
    require(permissions.can_manage(actor))
    if recipient.kind != Organization.Kind.DISTRICT:
        raise DomainError("承接单位应当是区或者功能区")
    if agency_id_of(actor) is None:
        raise DomainError("登记人未归属任何机关")
    power = DelegatedPower(
        agency=agency_for(actor),
        name=clean_text(name, "权力事项", limit=200),
        recipient=recipient,
        document=clean_text(document, "下放依据", limit=200),
        delegated_on=_past(delegated_on, "下放日期"),
        created_by=actor,
    )
    with transaction.atomic():
        power.save()
        record_event(
            "services.delegate",
            actor=actor,
            obj=power,
            to_status=power.status,
            data={
                "name": power.name,
                "recipient": recipient.name,
                "delegated_on": power.delegated_on.isoformat(),
            },
        )
    return power


def record_training(power: DelegatedPower, *, actor: User, held_on: datetime.date) -> None:
    """Training and guidance given to the recipient of a delegated power."""
    require(permissions.can_manage(actor, power))
    if power.status != DelegatedPower.Status.DELEGATED:
        raise DomainError("该权力已收回")
    held_on = _past(held_on, "培训指导日期", not_before=power.delegated_on)
    with transaction.atomic():
        DelegatedPower.objects.filter(pk=power.pk).update(
            trainings=F("trainings") + 1,
            last_training_on=max(held_on, power.last_training_on or held_on),
        )
        record_event("services.training", actor=actor, obj=power, data={"held_on": held_on.isoformat()})
    power.trainings += 1
    power.last_training_on = max(held_on, power.last_training_on or held_on)


def withdraw_power(power: DelegatedPower, *, actor: User, reason: str) -> None:
    require(permissions.can_manage(actor, power))
    apply_transition(
        power,
        Transition({DelegatedPower.Status.DELEGATED}, DelegatedPower.Status.WITHDRAWN, "收回"),
        actor=actor,
        verb="services.withdraw_power",
        withdrawn_on=_today(),
        withdrawal_reason=clean_text(reason, "收回理由"),
    )
