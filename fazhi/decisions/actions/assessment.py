"""Expert argumentation and risk assessment (713号 Art 19–24)."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.hashing import text_sha256
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    clean_text,
    require,
)
from fazhi.decisions import permissions
from fazhi.decisions.actions._common import _advance, _at_step, in_round, round_start
from fazhi.decisions.models import (
    DecisionExpert,
    ExpertOpinion,
    MajorDecision,
    RiskAssessment,
    Step,
)

# --- expert argumentation and risk assessment ---------------------------------------------


def _same_pool(decision: MajorDecision, expert: DecisionExpert) -> None:
    """Only an expert of the decision organ's own pool argues its matter."""
    if expert.agency_id != decision.agency_id:
        raise DomainError(f"{expert.name} 不在本机关的专家库中")


def declare_interest(
    decision: MajorDecision, expert: DecisionExpert, *, actor: User, note: str
) -> ExpertOpinion:
    """An expert with a direct interest in the matter is excluded from its argumentation."""
    require(permissions.can_run(actor, decision))
    _same_pool(decision, expert)
    _at_step(decision, Step.EXPERT_ARGUMENTATION)
    with transaction.atomic():
        opinion, _created = ExpertOpinion.objects.update_or_create(
            decision=decision,
            expert=expert,
            defaults={
                "declared_interest": True,
                "interest_note": clean_text(note, "利害关系说明"),
                "opinion": "",
            },
        )
        record_event("decision.expert.interest", actor=actor, obj=decision, data={"expert_id": expert.pk})
    return opinion


def add_expert_opinion(
    decision: MajorDecision,
    expert: DecisionExpert,
    *,
    actor: User,
    opinion: str,
    signed_on: datetime.date,
    signed_copy: UploadedFile,
) -> ExpertOpinion:
    """Record an expert's signed opinion (the signed copy as an attachment)."""
    require(permissions.can_run(actor, decision))
    _same_pool(decision, expert)
    _at_step(decision, Step.EXPERT_ARGUMENTATION)
    if not expert.is_active:
        raise DomainError(f"{expert.name} 不在专家库中")
    if ExpertOpinion.objects.filter(decision=decision, expert=expert, declared_interest=True).exists():
        raise LegalGateClosed(
            f"{expert.name} 已声明与本事项有直接利害关系，应当回避（《重大行政决策程序暂行条例》第十九条至第二十一条）"
        )
    earlier = ExpertOpinion.objects.filter(decision=decision, expert=expert).first()
    with transaction.atomic():
        record, _created = ExpertOpinion.objects.update_or_create(
            decision=decision,
            expert=expert,
            defaults={"opinion": clean_text(opinion, "论证意见", limit=50_000), "signed_on": signed_on},
        )
        attach_file(decision, signed_copy, actor=actor, purpose=f"专家论证意见（{expert.name}）")
        record_event(
            "decision.expert.opinion",
            actor=actor,
            obj=decision,
            data={
                "expert_id": expert.pk,
                "signed_on": signed_on.isoformat(),
                # A second opinion of the same expert (a re-run after an adjustment) replaces the
                # row; the earlier one stays in the chain and in the earlier archive package.
                "replaces": {"opinion": earlier.opinion, "signed_on": str(earlier.signed_on)}
                if earlier
                else None,
            },
        )
    return record


def complete_expert_argumentation(decision: MajorDecision, *, actor: User) -> None:
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.EXPERT_ARGUMENTATION)
    start = round_start(decision)
    signed = decision.expert_opinions.filter(declared_interest=False).exclude(opinion="")
    if not any(in_round(day, start) for day in signed.values_list("signed_on", flat=True)):
        raise LegalGateClosed("尚无本轮专家论证意见（《重大行政决策程序暂行条例》第十九条至第二十一条）")
    _advance(decision, Step.EXPERT_ARGUMENTATION, actor=actor)


def record_risk_assessment(
    decision: MajorDecision,
    *,
    actor: User,
    assessor: str,
    level: str,
    risk_points: str,
    mitigations: str,
    report: UploadedFile,
) -> RiskAssessment:
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.RISK_ASSESSMENT)
    if level not in RiskAssessment.Level.values:
        raise DomainError("风险等级不正确")
    with transaction.atomic():
        assessment = RiskAssessment.objects.create(
            decision=decision,
            assessor=clean_text(assessor, "评估单位", limit=100),
            level=level,
            risk_points=clean_text(risk_points, "风险点"),
            mitigations=clean_text(mitigations, "防范化解措施"),
            assessed_on=_today(),
        )
        attach_file(decision, report, actor=actor, purpose="风险评估报告")
        record_event("decision.risk", actor=actor, obj=decision, data={"level": level, "assessor": assessor})
    return assessment


def revise_draft_after_risk(decision: MajorDecision, *, actor: User, draft_text: str, note: str) -> None:
    """Adjust the draft to an uncontrollable risk (713号 Art 24) before the matter may go on."""
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.RISK_ASSESSMENT)
    latest = decision.risk_assessments.order_by("-assessed_on", "-pk").first()
    if latest is None:
        raise DomainError("尚无风险评估")
    with transaction.atomic():
        MajorDecision.objects.filter(pk=decision.pk).update(
            draft_text=clean_text(draft_text, "决策草案", limit=200_000)
        )
        RiskAssessment.objects.filter(pk=latest.pk).update(revised_draft=True)
        record_event(
            "decision.risk.revise",
            actor=actor,
            obj=decision,
            data={"note": clean_text(note, "调整说明"), "sha256": text_sha256(draft_text.strip())},
        )
    decision.draft_text = draft_text.strip()


def complete_risk_assessment(decision: MajorDecision, *, actor: User) -> None:
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.RISK_ASSESSMENT)
    latest = decision.risk_assessments.order_by("-assessed_on", "-pk").first()
    if latest is None or not in_round(latest.assessed_on, round_start(decision)):
        raise LegalGateClosed("尚无本轮风险评估报告（《重大行政决策程序暂行条例》第二十二条至第二十四条）")
    if latest.level == RiskAssessment.Level.UNCONTROLLABLE and not latest.revised_draft:
        raise LegalGateClosed(
            "风险评估认为风险不可控的，应当调整决策草案、降低风险后方可继续（《重大行政决策程序暂行条例》第二十二条至第二十四条）"
        )
    _advance(decision, Step.RISK_ASSESSMENT, actor=actor, data={"level": latest.level})
