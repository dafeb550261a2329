"""Every write of major administrative decisions. The five statutory procedures run in the
order of 713号 (DOMAIN.md §6); an out-of-order step is refused naming the article it breaks."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils import timezone

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.calendar import compute_deadline
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
from fazhi.decisions import permissions
from fazhi.decisions.models import (
    STEP_ORDER,
    WAIVABLE,
    Adjustment,
    CatalogEntry,
    Consultation,
    DecisionCatalog,
    DecisionComment,
    DecisionExpert,
    ExecutionReport,
    ExpertOpinion,
    Hearing,
    MajorDecision,
    PostEvaluation,
    RiskAssessment,
    Step,
)
from fazhi.reviews import actions as review_actions
from fazhi.reviews.gate import require_cleared_review
from fazhi.reviews.models import ReviewRequest

G = MajorDecision.Stage
C = DecisionCatalog.Status

CATALOG_TRANSITIONS = {
    "approve": Transition({C.DRAFT}, C.APPROVED, "审议通过目录", rule="目录经局党委会审议通过后公布"),
    "publish": Transition({C.APPROVED}, C.PUBLISHED, "公布目录", rule="目录经审议通过后方可公布"),
}

# Where each procedure's rule comes from, cited when a step is refused.
STEP_RULES = {
    Step.PUBLIC_PARTICIPATION: "《重大行政决策程序暂行条例》第十四条至第十八条",
    Step.EXPERT_ARGUMENTATION: "《重大行政决策程序暂行条例》第十九条至第二十一条",
    Step.RISK_ASSESSMENT: "《重大行政决策程序暂行条例》第二十二条至第二十四条",
    Step.LEGALITY_REVIEW: "《重大行政决策程序暂行条例》第二十五条至第二十八条",
    Step.COLLECTIVE_DECISION: "《重大行政决策程序暂行条例》第三十条、第三十一条",
}


def _today() -> datetime.date:
    return timezone.localdate()


def _at_step(decision: MajorDecision, step: Step) -> None:
    """Refuse a procedure that is not the one the matter is at, naming what comes first."""
    fresh = MajorDecision.objects.get(pk=decision.pk)
    if fresh.stage != step:
        current = G(fresh.stage).label
        raise InvalidTransition(
            f"该事项当前处于“{current}”阶段，不能办理“{step.label}”：决策应当依次履行公众参与、专家论证、"
            f"风险评估、合法性审查和集体讨论决定程序（{STEP_RULES[step]}）"
        )


def _advance(decision: MajorDecision, step: Step, *, actor: User, data: dict | None = None) -> None:
    target = decision.next_step_after(step)
    apply_transition(
        decision,
        Transition({step}, target, f"完成{step.label}"),
        actor=actor,
        verb=f"decision.{step.value}.done",
        data=data,
        status_field="stage",
    )


# --- proposal and catalog -----------------------------------------------------------------


def propose_decision(
    *,
    actor: User,
    year: int,
    title: str,
    legal_basis: str,
    reason: str,
    planned_start: datetime.date | None = None,
    planned_end: datetime.date | None = None,
    waivers: dict[str, str] | None = None,
) -> MajorDecision:
    """A division proposes a matter for the year's catalog, saying which procedures do not apply
    and why (legality review and collective decision always apply)."""
    require(permissions.can_propose(actor))
    waivers = {k: v.strip() for k, v in (waivers or {}).items()}
    for step, why in waivers.items():
        if step not in {s.value for s in WAIVABLE}:
            raise DomainError(
                "合法性审查和集体讨论决定是法定必经程序，不得不适用（《重大行政决策程序暂行条例》第二十五条、第三十条）"
            )
        if not why:
            raise DomainError(f"不适用“{Step(step).label}”程序的，应当说明理由")
    if planned_start and planned_end and planned_end < planned_start:
        raise DomainError("计划完成日期早于计划启动日期")
    division = actor.organization
    assert division is not None
    with transaction.atomic():
        decision = MajorDecision.objects.create(
            agency=division.agency,
            year=year,
            title=clean_text(title, "决策事项", limit=200),
            lead_division=division,
            legal_basis=clean_text(legal_basis, "决策依据"),
            reason=clean_text(reason, "列入理由"),
            planned_start=planned_start,
            planned_end=planned_end,
            waivers=waivers,
            proposed_by=actor,
        )
        record_event(
            "decision.propose",
            actor=actor,
            obj=decision,
            to_status=decision.stage,
            data={"title": decision.title, "year": year, "waivers": waivers},
        )
    return decision


def create_catalog(*, actor: User, agency: Organization, year: int) -> DecisionCatalog:
    require(permissions.can_compile(actor))
    if DecisionCatalog.objects.filter(agency=agency, year=year).exists():
        raise DomainError(f"{year} 年度目录已经存在；调整目录请在已公布的目录上发起调整")
    with transaction.atomic():
        catalog = DecisionCatalog.objects.create(agency=agency, year=year, created_by=actor)
        record_event(
            "catalog.create", actor=actor, obj=catalog, to_status=catalog.status, data={"year": year}
        )
    return catalog


def _entry_snapshot(decision: MajorDecision) -> dict:
    return {
        "title": decision.title,
        "lead_division_name": decision.lead_division.name,
        "planned_end": decision.planned_end,
    }


def add_to_catalog(catalog: DecisionCatalog, decision: MajorDecision, *, actor: User) -> CatalogEntry:
    require(permissions.can_compile(actor))
    if catalog.status != C.DRAFT:
        raise InvalidTransition("目录已审议，不能再增删事项；请发起目录调整")
    if decision.year != catalog.year or decision.agency_id != catalog.agency_id:
        raise DomainError("该事项不属于本年度本机关的目录")
    with transaction.atomic():
        entry, created = CatalogEntry.objects.get_or_create(
            catalog=catalog,
            decision=decision,
            defaults={**_entry_snapshot(decision), "change": "added" if catalog.version > 1 else ""},
        )
        if not created and entry.change == "removed":
            CatalogEntry.objects.filter(pk=entry.pk).update(change="")
        record_event(
            "catalog.add",
            actor=actor,
            obj=catalog,
            data={"decision_id": decision.pk, "title": decision.title},
        )
    return entry


def remove_from_catalog(
    catalog: DecisionCatalog, decision: MajorDecision, *, actor: User, reason: str
) -> None:
    """In an adjustment, a matter leaves the catalog; it stays listed as removed so the change shows."""
    require(permissions.can_compile(actor))
    if catalog.status != C.DRAFT:
        raise InvalidTransition("目录已审议，不能再增删事项；请发起目录调整")
    reason = clean_text(reason, "调出理由")
    with transaction.atomic():
        if catalog.version == 1:
            CatalogEntry.objects.filter(catalog=catalog, decision=decision).delete()
        else:
            CatalogEntry.objects.filter(catalog=catalog, decision=decision).update(change="removed")
        record_event(
            "catalog.remove", actor=actor, obj=catalog, data={"decision_id": decision.pk, "reason": reason}
        )


def approve_catalog(
    catalog: DecisionCatalog, *, actor: User, meeting: str, approved_on: datetime.date
) -> None:
    """The Party committee meeting (局党委会) approves the catalog or its adjustment."""
    require(permissions.can_compile(actor))
    if not catalog.entries.exclude(change="removed").exists() and catalog.version == 1:
        raise DomainError("目录中没有事项")
    if approved_on > _today():
        raise DomainError("审议日期不能晚于今天")
    apply_transition(
        catalog,
        CATALOG_TRANSITIONS["approve"],
        actor=actor,
        verb="catalog.approve",
        data={"meeting": meeting, "approved_on": approved_on.isoformat()},
        approval_meeting=clean_text(meeting, "审议会议", limit=100),
        approved_on=approved_on,
    )


def publish_catalog(catalog: DecisionCatalog, *, actor: User) -> None:
    """Publish the approved catalog; its new matters start drafting, removed ones leave."""
    require(permissions.can_compile(actor))
    today = _today()
    with transaction.atomic():
        apply_transition(
            catalog, CATALOG_TRANSITIONS["publish"], actor=actor, verb="catalog.publish", published_on=today
        )
        for entry in catalog.entries.select_related("decision"):
            decision = entry.decision
            if entry.change == "removed":
                apply_transition(
                    decision,
                    Transition(set(G.values) - {G.REMOVED}, G.REMOVED, "调出目录"),
                    actor=actor,
                    verb="decision.remove",
                    status_field="stage",
                    data={"catalog_id": catalog.pk},
                )
            elif decision.stage == G.PROPOSED:
                apply_transition(
                    decision,
                    Transition({G.PROPOSED}, G.DRAFTING, "列入目录"),
                    actor=actor,
                    verb="decision.enter_catalog",
                    status_field="stage",
                    data={"catalog_id": catalog.pk},
                )


def adjust_catalog(catalog: DecisionCatalog, *, actor: User, note: str) -> DecisionCatalog:
    """Start an adjustment: a new draft version with the published version's matters."""
    require(permissions.can_compile(actor))
    if catalog.status != C.PUBLISHED or DecisionCatalog.objects.filter(previous=catalog).exists():
        raise InvalidTransition("只能在最新的已公布目录上发起调整")
    with transaction.atomic():
        new = DecisionCatalog.objects.create(
            agency=catalog.agency,
            year=catalog.year,
            version=catalog.version + 1,
            previous=catalog,
            change_note=clean_text(note, "调整说明"),
            created_by=actor,
        )
        CatalogEntry.objects.bulk_create(
            CatalogEntry(
                catalog=new,
                decision=e.decision,
                title=e.title,
                lead_division_name=e.lead_division_name,
                planned_end=e.planned_end,
            )
            for e in catalog.entries.exclude(change="removed").select_related("decision")
        )
        record_event(
            "catalog.adjust",
            actor=actor,
            obj=new,
            to_status=new.status,
            data={"previous": catalog.pk, "note": new.change_note},
        )
    return new


# --- drafting and public participation -----------------------------------------------------


def save_draft(decision: MajorDecision, *, actor: User, draft_text: str, explanation: str) -> None:
    require(permissions.can_run(actor, decision))
    stage = MajorDecision.objects.filter(pk=decision.pk).values_list("stage", flat=True).get()
    if stage not in {G.DRAFTING, G.PUBLIC_PARTICIPATION, G.EXPERT_ARGUMENTATION, G.RISK_ASSESSMENT}:
        raise InvalidTransition("该阶段不能再修改决策草案")
    with transaction.atomic():
        MajorDecision.objects.filter(pk=decision.pk).update(
            draft_text=clean_text(draft_text, "决策草案", limit=200_000),
            explanation=clean_text(explanation, "起草说明", limit=50_000),
        )
        record_event("decision.draft", actor=actor, obj=decision, data={"length": len(draft_text)})
    decision.draft_text, decision.explanation = draft_text.strip(), explanation.strip()


def start_procedures(decision: MajorDecision, *, actor: User) -> None:
    """With the draft ready, the matter enters its first applicable statutory procedure."""
    require(permissions.can_run(actor, decision))
    if not decision.draft_text.strip():
        raise DomainError("请先保存决策草案和起草说明")
    apply_transition(
        decision,
        Transition({G.DRAFTING}, decision.next_step_after(None), "启动法定程序"),
        actor=actor,
        verb="decision.start",
        status_field="stage",
    )


def open_consultation(
    decision: MajorDecision, *, actor: User, closes_on: datetime.date, short_reason: str = ""
) -> Consultation:
    """Publish the draft for comment. The window is at least 30 days (713号 Art 15) unless a
    reason for a shorter one is given — and shown to the public."""
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.PUBLIC_PARTICIPATION)
    today = _today()
    minimum = compute_deadline(today, "decision.comment_min")
    short_reason = short_reason.strip()
    if closes_on <= today:
        raise DomainError("征求意见截止日期应当晚于今天")
    if closes_on < minimum.due and not short_reason:
        raise LegalGateClosed(
            f"征求意见期限一般不少于{minimum.period_label}，截止日不早于 {minimum.due:%Y年%m月%d日}（{minimum.basis}）；"
            "确需缩短的，应当说明理由并向社会公开"
        )
    if Consultation.objects.filter(decision=decision).exists():
        raise DomainError("该事项已经公开征求意见")
    assert minimum.rule_id is not None
    with transaction.atomic():
        consultation = Consultation.objects.create(
            decision=decision,
            draft_text=decision.draft_text,
            explanation=decision.explanation,
            opens_on=today,
            closes_on=closes_on,
            rule_id=minimum.rule_id,
            short_reason=short_reason if closes_on < minimum.due else "",
        )
        record_event(
            "decision.consultation.open",
            actor=actor,
            obj=decision,
            data={
                "opens_on": today.isoformat(),
                "closes_on": closes_on.isoformat(),
                "rule": minimum.rule_code,
                "rule_version": minimum.rule_version,
                "short_reason": consultation.short_reason,
            },
        )
    return consultation


def add_public_comment(consultation: Consultation, *, text: str, author_name: str = "") -> DecisionComment:
    """A citizen's comment, no account needed, while the window is open."""
    today = _today()
    if not consultation.opens_on <= today <= consultation.closes_on:
        raise DomainError("该事项当前不在征求意见期内")
    with transaction.atomic():
        comment = DecisionComment.objects.create(
            consultation=consultation,
            text=clean_text(text, "意见内容", limit=5000),
            author_name=author_name.strip()[:100],
        )
        record_event(
            "decision.comment", actor=None, obj=consultation.decision, data={"comment_id": comment.pk}
        )
    return comment


def mark_duplicate(comment: DecisionComment, *, of: DecisionComment, actor: User) -> None:
    """Group a comment with one that says the same; answering the first answers the group."""
    require(permissions.can_run(actor, comment.consultation.decision))
    if of.consultation_id != comment.consultation_id or of.pk == comment.pk:
        raise DomainError("只能与同一征求意见中的另一条意见归并")
    primary = of.duplicate_of or of
    with transaction.atomic():
        DecisionComment.objects.filter(pk=comment.pk).update(
            duplicate_of=primary,
            adoption=primary.adoption,
            answer=primary.answer,
            answered_by=primary.answered_by,
            answered_at=primary.answered_at,
        )
        record_event(
            "decision.comment.duplicate",
            actor=actor,
            obj=comment.consultation.decision,
            data={"comment_id": comment.pk, "duplicate_of": primary.pk},
        )


def answer_comment(comment: DecisionComment, *, actor: User, adoption: str, answer: str) -> None:
    """Answer a comment (and every comment grouped with it): adopted, partly or not, with reason."""
    require(permissions.can_run(actor, comment.consultation.decision))
    if adoption not in DecisionComment.Adoption.values:
        raise DomainError("采纳情况不正确")
    if adoption != DecisionComment.Adoption.ADOPTED:
        answer = clean_text(answer, "不采纳或部分采纳的理由")
    primary = comment.duplicate_of or comment
    now = timezone.now()
    with transaction.atomic():
        DecisionComment.objects.filter(pk=primary.pk).update(
            adoption=adoption, answer=answer.strip(), answered_by=actor, answered_at=now
        )
        DecisionComment.objects.filter(duplicate_of=primary).update(
            adoption=adoption, answer=answer.strip(), answered_by=actor, answered_at=now
        )
        record_event(
            "decision.comment.answer",
            actor=actor,
            obj=comment.consultation.decision,
            data={"comment_id": primary.pk, "adoption": adoption},
        )


def schedule_hearing(
    decision: MajorDecision, *, actor: User, held_on: datetime.date, place: str, participants: str
) -> Hearing:
    """Announce a hearing with its participant list; the hearing is at least 7 days after the
    notice (713号 Art 16; rule `decision.hearing_notice_min`)."""
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.PUBLIC_PARTICIPATION)
    today = _today()
    # The rule counts back from the hearing: the notice must be out by this date.
    latest_notice = compute_deadline(held_on, "decision.hearing_notice_min")
    if today > latest_notice.due:
        raise LegalGateClosed(
            f"{held_on:%Y年%m月%d日}举行的听证会最迟应于 {latest_notice.due:%Y年%m月%d日} 公告"
            f"（{latest_notice.period_label}；{latest_notice.basis}）"
        )
    with transaction.atomic():
        hearing = Hearing.objects.create(
            decision=decision,
            held_on=held_on,
            place=clean_text(place, "地点", limit=200),
            notice_published_on=today,
            participants=clean_text(participants, "听证参加人"),
        )
        record_event(
            "decision.hearing.schedule",
            actor=actor,
            obj=decision,
            data={"held_on": held_on.isoformat(), "notice_on": today.isoformat()},
        )
    return hearing


def publish_adoption_report(decision: MajorDecision, *, actor: User, report: str) -> None:
    """After the window closes and every comment is answered, publish how they were adopted."""
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.PUBLIC_PARTICIPATION)
    consultation = Consultation.objects.filter(decision=decision).first()
    if consultation is None:
        raise LegalGateClosed("尚未公开征求意见（《重大行政决策程序暂行条例》第十四条）")
    today = _today()
    if today <= consultation.closes_on:
        raise DomainError(f"征求意见期至 {consultation.closes_on:%Y年%m月%d日} 届满，期满后方可公布采纳情况")
    unanswered = consultation.comments.filter(adoption="").count()
    if unanswered:
        raise LegalGateClosed(
            f"尚有 {unanswered} 条意见未答复：对公众意见应当归类整理、研究论证并说明采纳情况（第十八条）"
        )
    with transaction.atomic():
        Consultation.objects.filter(pk=consultation.pk).update(
            report=clean_text(report, "采纳情况报告", limit=50_000), report_published_on=today
        )
        record_event(
            "decision.consultation.report",
            actor=actor,
            obj=decision,
            data={"comments": consultation.comments.count()},
        )


def complete_public_participation(decision: MajorDecision, *, actor: User) -> None:
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.PUBLIC_PARTICIPATION)
    consultation = Consultation.objects.filter(decision=decision).first()
    if consultation is None or consultation.report_published_on is None:
        raise LegalGateClosed("公众意见采纳情况尚未公布，公众参与程序未完成（第十八条）")
    pending = decision.hearings.filter(held_on__gt=_today()).exists()
    if pending:
        raise LegalGateClosed("已公告的听证会尚未举行")
    _advance(decision, Step.PUBLIC_PARTICIPATION, actor=actor)


# --- expert argumentation and risk assessment ---------------------------------------------


def declare_interest(
    decision: MajorDecision, expert: DecisionExpert, *, actor: User, note: str
) -> ExpertOpinion:
    """An expert with a direct interest in the matter is excluded from its argumentation."""
    require(permissions.can_run(actor, decision))
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
    _at_step(decision, Step.EXPERT_ARGUMENTATION)
    if not expert.is_active:
        raise DomainError(f"{expert.name} 不在专家库中")
    if ExpertOpinion.objects.filter(decision=decision, expert=expert, declared_interest=True).exists():
        raise LegalGateClosed(
            f"{expert.name} 已声明与本事项有直接利害关系，应当回避（《重大行政决策程序暂行条例》第二十条）"
        )
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
            data={"expert_id": expert.pk, "signed_on": signed_on.isoformat()},
        )
    return record


def complete_expert_argumentation(decision: MajorDecision, *, actor: User) -> None:
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.EXPERT_ARGUMENTATION)
    if not decision.expert_opinions.filter(declared_interest=False).exclude(opinion="").exists():
        raise LegalGateClosed("尚无专家论证意见（《重大行政决策程序暂行条例》第十九条）")
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
            "decision.risk.revise", actor=actor, obj=decision, data={"note": clean_text(note, "调整说明")}
        )
    decision.draft_text = draft_text.strip()


def complete_risk_assessment(decision: MajorDecision, *, actor: User) -> None:
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.RISK_ASSESSMENT)
    latest = decision.risk_assessments.order_by("-assessed_on", "-pk").first()
    if latest is None:
        raise LegalGateClosed("尚无风险评估报告（《重大行政决策程序暂行条例》第二十二条）")
    if latest.level == RiskAssessment.Level.UNCONTROLLABLE and not latest.revised_draft:
        raise LegalGateClosed("风险评估认为风险不可控的，应当调整决策草案、降低风险后方可继续（第二十四条）")
    _advance(decision, Step.RISK_ASSESSMENT, actor=actor, data={"level": latest.level})


# --- legality review and collective decision ----------------------------------------------


def submit_for_legality_review(decision: MajorDecision, *, actor: User) -> ReviewRequest:
    """Send the draft with its basis and the account of the procedures performed to the legal
    affairs division (713号 Art 25–26); the review is the one of the reviews app."""
    require(permissions.is_lead(actor, decision))
    _at_step(decision, Step.LEGALITY_REVIEW)
    procedures = "；".join(
        f"{step.label}："
        + ("已履行" if decision.applies(step) else f"不适用（{decision.waivers[step.value]}）")
        for step in STEP_ORDER[:3]
    )
    with transaction.atomic():
        review = review_actions.create_review(
            actor=actor,
            title=decision.title,
            subject_kind=ReviewRequest.SubjectKind.MAJOR_DECISION,
            legal_basis=decision.legal_basis,
            explanation=f"{decision.explanation}\n\n履行程序情况：{procedures}",
            subject=decision,
        )
        draft = SimpleUploadedFile(
            f"{decision.title[:60]}（决策草案）.txt",
            decision.draft_text.encode("utf-8"),
            content_type="text/plain",
        )
        attach_file(review, draft, actor=actor, purpose="决策草案")
        review_actions.submit_review(review, actor=actor)
        record_event(
            "decision.legality_review.submit", actor=actor, obj=decision, data={"review_id": review.pk}
        )
    return review


def send_to_meeting(decision: MajorDecision, *, actor: User) -> None:
    """With a cleared legality review, the draft may go to the collective decision."""
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.LEGALITY_REVIEW)
    review = require_cleared_review(decision, kind=ReviewRequest.SubjectKind.MAJOR_DECISION)
    _advance(decision, Step.LEGALITY_REVIEW, actor=actor, data={"review_id": review.pk})


@dataclass(frozen=True)
class Statement:
    speaker: str
    text: str
    is_head: bool = False


def record_collective_decision(
    decision: MajorDecision,
    *,
    actor: User,
    meeting_name: str,
    meeting_on: datetime.date,
    attendees: str,
    statements: Iterable[Statement],
    adopted: bool,
    decision_text: str,
    dissent: str = "",
    minutes: UploadedFile,
) -> None:
    """The meeting's decision: attendees, the statements in order with the head's conclusion
    last (713号 Art 30), dissent recorded, minutes attached."""
    require(permissions.can_record_decision(actor))
    _at_step(decision, Step.COLLECTIVE_DECISION)
    review = require_cleared_review(decision, kind=ReviewRequest.SubjectKind.MAJOR_DECISION)
    statements = list(statements)
    if not statements or not statements[-1].is_head:
        raise LegalGateClosed("行政首长应当在会议讨论的最后发表意见（《重大行政决策程序暂行条例》第三十条）")
    if sum(s.is_head for s in statements) != 1:
        raise DomainError("应当记录且只记录一次行政首长的意见")
    if meeting_on > _today():
        raise DomainError("会议日期不能晚于今天")
    if review.concluded_on and meeting_on < review.concluded_on:
        raise LegalGateClosed("会议日期早于合法性审查意见出具日：未经合法性审查不得提交讨论（第二十五条）")
    record = "\n".join(f"{s.speaker}：{s.text}" for s in statements)
    target = G.DECIDED if adopted else G.NOT_ADOPTED
    with transaction.atomic():
        attach_file(decision, minutes, actor=actor, purpose="会议纪要")
        apply_transition(
            decision,
            Transition({G.COLLECTIVE_DECISION}, target, "记录集体讨论决定"),
            actor=actor,
            verb="decision.collective_decision",
            status_field="stage",
            data={
                "meeting": meeting_name,
                "meeting_on": meeting_on.isoformat(),
                "statements": record,
                "dissent": dissent.strip(),
                "adopted": adopted,
            },
            meeting_name=clean_text(meeting_name, "决策会议", limit=100),
            meeting_on=meeting_on,
            attendees=clean_text(attendees, "出席人员"),
            head_conclusion=statements[-1].text.strip(),
            dissent=dissent.strip(),
            decision_text=clean_text(decision_text, "决定内容", limit=200_000),
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
    due = compute_deadline(decision.meeting_on or published_on, "decision.archive_handover")
    apply_transition(
        decision,
        Transition({G.DECIDED}, G.PUBLISHED, "公布决策", rule="经集体讨论决定后方可公布"),
        actor=actor,
        verb="decision.publish",
        status_field="stage",
        data={
            "published_on": published_on.isoformat(),
            "archive_due_on": due.due.isoformat(),
            "rule": due.rule_code,
            "rule_version": due.rule_version,
        },
        published_on=published_on,
        publication_channel=clean_text(channel, "公布载体", limit=100),
        archive_due_on=due.due,
        archive_rule_id=due.rule_id,
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
    require(permissions.can_compile(actor) or permissions.can_record_decision(actor))
    if kind not in Adjustment.Kind.values:
        raise DomainError("调整类型不正确")
    rerun = [s for s in STEP_ORDER if s.value in set(rerun)]
    if kind == Adjustment.Kind.ADJUST and not rerun:
        raise DomainError("调整决策应当重新履行相关法定程序，请选择需要重新履行的程序")
    reason = clean_text(reason, "理由")
    with transaction.atomic():
        adjustment = Adjustment.objects.create(
            decision=decision,
            kind=kind,
            reason=reason,
            rerun=[s.value for s in rerun],
            on=_today(),
            recorded_by=actor,
        )
        target = G.SUSPENDED if kind == Adjustment.Kind.SUSPEND else str(rerun[0])
        sources = {G.PUBLISHED} if kind == Adjustment.Kind.SUSPEND else {G.PUBLISHED, G.SUSPENDED}
        waivers = {k: v for k, v in decision.waivers.items() if k not in {s.value for s in rerun}}
        apply_transition(
            decision,
            Transition(sources, target, Adjustment.Kind(kind).label),
            actor=actor,
            verb=f"decision.{kind}",
            status_field="stage",
            data={"reason": reason, "rerun": adjustment.rerun},
            waivers=waivers,
        )
    return adjustment
