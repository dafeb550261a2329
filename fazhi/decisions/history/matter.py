"""Entering an archived matter with its procedures, each checked under the rules of the live
steps."""

from __future__ import annotations

from django.db import transaction

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.calendar import compute_deadline
from fazhi.core.deadlines import deadline_or_pending
from fazhi.core.formats import cn_date
from fazhi.core.hashing import text_sha256
from fazhi.core.models import Organization, User
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed, clean_text, require
from fazhi.decisions import permissions
from fazhi.decisions.history._common import RS, C, G, _at, _not_future
from fazhi.decisions.history.records import ArchivedDecision, ArchivedMeeting
from fazhi.decisions.models import (
    WAIVABLE,
    CatalogEntry,
    Consultation,
    DecisionCatalog,
    DecisionComment,
    ExpertOpinion,
    Hearing,
    MajorDecision,
    RiskAssessment,
    Step,
)
from fazhi.reviews.gate import require_cleared_review
from fazhi.reviews.models import ReviewRequest, subject_key

# --- a matter ----------------------------------------------------------------------------------


def _check_waivers(record: ArchivedDecision) -> dict[str, str]:
    waivers = {k: (v or "").strip() for k, v in record.waivers.items()}
    waivable = {s.value for s in WAIVABLE}
    for step, why in waivers.items():
        if step not in waivable:
            raise DomainError(
                "合法性审查和集体讨论决定是法定必经程序，不得不适用（《重大行政决策程序暂行条例》第二十五条、第三十条）"
            )
        if not why:
            raise DomainError(f"不适用“{Step(step).label}”程序的，应当说明理由")
    performed = {
        Step.PUBLIC_PARTICIPATION: record.consultation is not None,
        Step.EXPERT_ARGUMENTATION: any(not o.declared_interest for o in record.expert_opinions),
        Step.RISK_ASSESSMENT: record.risk_assessment is not None,
    }
    for step, done in performed.items():
        if done and step.value in waivers:
            raise DomainError(f"档案中有“{step.label}”的记录，却又登记为不适用")
        if not done and step.value not in waivers:
            raise LegalGateClosed(f"档案中没有“{step.label}”的记录，也未说明不适用的理由")
    return waivers


def _check_consultation(record: ArchivedDecision, catalog: DecisionCatalog) -> tuple[int | None, str]:
    """The window, its rule, the hearings and the answered comments; the rule's id and the
    shortened-window reason to keep."""
    c = record.consultation
    if c is None:
        if record.hearings:
            raise DomainError("听证会是公众参与的一种方式，不适用公众参与程序的事项不应有听证记录")
        return None, ""
    assert catalog.published_on is not None
    if not catalog.published_on <= c.opens_on < c.closes_on < c.report_published_on:
        raise DomainError("征求意见的日期顺序不正确：目录公布、开始征求意见、截止、公布采纳情况应依次在后")
    minimum = compute_deadline(c.opens_on, "decision.comment_min")
    reason = c.short_reason.strip()
    if c.closes_on < minimum.due and not reason:
        raise LegalGateClosed(
            f"征求意见期限一般不少于{minimum.period_label}，截止日不早于 {cn_date(minimum.due)}（{minimum.basis}）；"
            "缩短期限的，应当说明理由"
        )
    for i, comment in enumerate(c.comments):
        if not c.opens_on <= comment.submitted_on <= c.closes_on:
            raise DomainError(f"第 {i + 1} 条意见的提交日期不在征求意见期内")
        if comment.adoption not in DecisionComment.Adoption.values:
            raise LegalGateClosed(f"第 {i + 1} 条意见未说明采纳情况（第十八条）")
        if comment.adoption != DecisionComment.Adoption.ADOPTED and not comment.answer.strip():
            raise DomainError(f"第 {i + 1} 条意见未采纳或部分采纳，应当说明理由")
        if comment.duplicate_of is not None and not 0 <= comment.duplicate_of < i:
            raise DomainError(f"第 {i + 1} 条意见归并的对象应当是此前的一条意见")
    for hearing in record.hearings:
        latest = compute_deadline(hearing.held_on, "decision.hearing_materials_min")
        delivered = hearing.materials_delivered_on or hearing.notice_published_on
        if delivered > latest.due:
            raise LegalGateClosed(
                f"{cn_date(hearing.held_on)}召开的听证会，材料最迟应于 {cn_date(latest.due)} 送达听证参加人"
                "：听证会材料应当于召开听证会7日前送达听证参加人（《重大行政决策程序暂行条例》第十六条第三款）"
            )
        if not c.opens_on <= hearing.notice_published_on < hearing.held_on <= c.report_published_on:
            raise DomainError("听证会应当在公众参与期间公告并举行，并在公布意见采纳情况之前举行")
    return minimum.rule_id, reason if c.closes_on < minimum.due else ""


def _check_order(record: ArchivedDecision, catalog: DecisionCatalog) -> None:
    """The procedures after the catalog, in any order among themselves (713号 fixes none); the
    legality review asked for after them (its request accounts for them, Art 26) and concluded
    before the meeting (Art 25)."""
    assert catalog.published_on is not None
    days = [catalog.published_on]
    if record.consultation is not None:
        days.append(record.consultation.report_published_on)
    days += [o.signed_on for o in record.expert_opinions if not o.declared_interest]
    if record.risk_assessment is not None:
        days.append(record.risk_assessment.assessed_on)
    if min(days) < catalog.published_on:
        raise DomainError("决策程序的日期不能早于目录公布日期")
    last = max(days)
    review = record.review
    if review.submitted_on is None or review.submitted_on < last:
        raise DomainError(
            "合法性审查应当在已履行的决策程序之后送审：送请合法性审查应当提供履行决策法定程序的说明（《重大行政决策程序暂行条例》第二十六条）"
        )
    if review.concluded_on is None or record.meeting.held_on < review.concluded_on:
        raise LegalGateClosed("会议日期早于合法性审查意见出具日：未经合法性审查不得提交讨论（第二十五条）")
    if record.published_on < record.meeting.held_on:
        raise DomainError("公布日期不能早于决定日期")


def _check_review(record: ArchivedDecision) -> None:
    review = record.review
    if review.subject_kind != ReviewRequest.SubjectKind.MAJOR_DECISION:
        raise DomainError(f"审核记录 {review.code} 不是重大行政决策的合法性审查")
    if review.status not in (RS.CONCLUDED, RS.CLOSED):
        raise LegalGateClosed(f"审核记录 {review.code} 尚未出具审查意见")
    if review.subject_id:
        raise DomainError(f"审核记录 {review.code} 已关联其他事项")
    if review.division_id != record.lead_division.pk:
        raise DomainError(f"审核记录 {review.code} 的送审处室不是本事项的承办处室")


def _check_meeting(meeting: ArchivedMeeting) -> None:
    statements = list(meeting.statements)
    if not statements or not statements[-1].is_head:
        raise LegalGateClosed("行政首长应当在会议讨论的最后发表意见（《重大行政决策程序暂行条例》第三十条）")
    if sum(s.is_head for s in statements) != 1:
        raise DomainError("应当记录且只记录一次行政首长的意见")


def import_decision(catalog: DecisionCatalog, record: ArchivedDecision, *, actor: User) -> MajorDecision:
    """Enter one matter of an archived catalog, from proposal to publication, with every
    procedure record, its signed files and its legality review (an archived review of the
    reviews app, linked to the matter here). One audit event, `decision.import`, besides the
    upload event of each file."""
    require(permissions.can_compile(actor, catalog))
    if catalog.status != C.PUBLISHED:
        raise InvalidTransition("只能向已公布的目录录入事项")
    division = record.lead_division
    if division.kind != Organization.Kind.DIVISION or division.parent_id != catalog.agency_id:
        raise DomainError("承办处室应当是决策机关的内设处室")
    meeting = record.meeting
    _not_future(record.published_on, meeting.held_on)
    waivers = _check_waivers(record)
    rule_id, short_reason = _check_consultation(record, catalog)
    _check_order(record, catalog)
    _check_review(record)
    _check_meeting(meeting)
    risk = record.risk_assessment
    if risk is not None:
        if risk.level not in RiskAssessment.Level.values:
            raise DomainError("风险等级不正确")
        if risk.level == RiskAssessment.Level.UNCONTROLLABLE and not risk.revised_draft:
            raise LegalGateClosed(
                "风险评估认为风险不可控的，应当调整决策草案、降低风险后方可继续（《重大行政决策程序暂行条例》第二十二条至第二十四条）"
            )
    for opinion in record.expert_opinions:
        if opinion.declared_interest and opinion.opinion.strip():
            raise LegalGateClosed(
                f"{opinion.expert.name} 已声明与本事项有直接利害关系，应当回避（《重大行政决策程序暂行条例》第十九条至第二十一条）"
            )
        if not opinion.declared_interest and opinion.signed_copy is None:
            raise DomainError(f"缺少 {opinion.expert.name} 签署的书面论证意见")
    # Pending while a year it needs is not entered (core.deadlines fills it later).
    due = deadline_or_pending(meeting.held_on, "decision.archive_handover")
    with transaction.atomic():
        decision = MajorDecision.objects.create(
            agency=catalog.agency,
            year=catalog.year,
            title=clean_text(record.title, "决策事项", limit=200),
            lead_division=division,
            legal_basis=clean_text(record.legal_basis, "决策依据"),
            reason=clean_text(record.reason, "列入理由"),
            planned_start=record.planned_start,
            planned_end=record.planned_end,
            waivers=waivers,
            stage=G.PUBLISHED,
            draft_text=clean_text(record.draft_text, "决策草案", limit=200_000),
            explanation=clean_text(record.explanation, "起草说明", limit=50_000),
            proposed_by=actor,
            meeting_name=clean_text(meeting.name, "决策会议", limit=100),
            meeting_on=meeting.held_on,
            attendees=clean_text(meeting.attendees, "出席人员"),
            head_conclusion=list(meeting.statements)[-1].text.strip(),
            dissent=meeting.dissent.strip(),
            decision_text=clean_text(meeting.decision_text, "决定内容", limit=200_000),
            decision_sha256=text_sha256(clean_text(meeting.decision_text, "决定内容", limit=200_000)),
            published_on=record.published_on,
            publication_channel=clean_text(record.publication_channel, "公布载体", limit=100),
            archive_due_on=due.due if due else None,
            archive_rule_id=due.rule_id if due else None,
        )
        CatalogEntry.objects.create(
            catalog=catalog,
            decision=decision,
            title=decision.title,
            lead_division_name=division.name,
            planned_end=decision.planned_end,
        )
        comments = _create_consultation(decision, record, rule_id, short_reason, actor)
        for hearing in record.hearings:
            Hearing.objects.create(
                decision=decision,
                held_on=hearing.held_on,
                place=clean_text(hearing.place, "地点", limit=200),
                notice_published_on=hearing.notice_published_on,
                materials_delivered_on=hearing.materials_delivered_on or hearing.notice_published_on,
                participants=clean_text(hearing.participants, "听证参加人"),
                record=hearing.record.strip(),
            )
        for opinion in record.expert_opinions:
            ExpertOpinion.objects.create(
                decision=decision,
                expert=opinion.expert,
                declared_interest=opinion.declared_interest,
                interest_note=opinion.interest_note.strip(),
                opinion=""
                if opinion.declared_interest
                else clean_text(opinion.opinion, "论证意见", limit=50_000),
                signed_on=None if opinion.declared_interest else opinion.signed_on,
            )
            if opinion.signed_copy is not None:
                attach_file(
                    decision,
                    opinion.signed_copy,
                    actor=actor,
                    purpose=f"专家论证意见（{opinion.expert.name}）",
                )
        if risk is not None:
            RiskAssessment.objects.create(
                decision=decision,
                assessor=clean_text(risk.assessor, "评估单位", limit=100),
                level=risk.level,
                risk_points=clean_text(risk.risk_points, "风险点"),
                mitigations=clean_text(risk.mitigations, "防范化解措施"),
                assessed_on=risk.assessed_on,
                revised_draft=risk.revised_draft,
            )
            attach_file(decision, risk.report, actor=actor, purpose="风险评估报告")
        attach_file(decision, meeting.minutes, actor=actor, purpose="会议纪要")
        # Link the archived review to the matter; the conditional UPDATE refuses a review that
        # another matter linked in the meantime.
        subject_type, subject_id = subject_key(decision)
        linked = ReviewRequest.objects.filter(pk=record.review.pk, subject_id="").update(
            subject_type=subject_type, subject_id=subject_id
        )
        if linked != 1:
            raise DomainError(f"审核记录 {record.review.code} 已关联其他事项")
        review = require_cleared_review(decision, kind=ReviewRequest.SubjectKind.MAJOR_DECISION)
        record_event(
            "decision.import",
            actor=actor,
            obj=decision,
            to_status=G.PUBLISHED,
            data={
                "title": decision.title,
                "catalog_id": catalog.pk,
                "waivers": waivers,
                "consultation": None
                if record.consultation is None
                else {
                    "opens_on": record.consultation.opens_on.isoformat(),
                    "closes_on": record.consultation.closes_on.isoformat(),
                    "short_reason": short_reason,
                    "comments": comments,
                    "report_published_on": record.consultation.report_published_on.isoformat(),
                },
                "hearings": [h.held_on.isoformat() for h in record.hearings],
                "experts": [o.expert.pk for o in record.expert_opinions if not o.declared_interest],
                "excluded_experts": [o.expert.pk for o in record.expert_opinions if o.declared_interest],
                "risk_level": risk.level if risk else None,
                "review_id": review.pk,
                "meeting_on": meeting.held_on.isoformat(),
                "statements": "\n".join(f"{s.speaker}：{s.text}" for s in meeting.statements),
                "dissent": decision.dissent,
                "published_on": record.published_on.isoformat(),
                "archive_due_on": due.due.isoformat() if due else None,
                "rule": "decision.archive_handover",
                "rule_version": due.rule_version if due else None,
            },
        )
    return decision


def _create_consultation(
    decision: MajorDecision, record: ArchivedDecision, rule_id: int | None, short_reason: str, actor: User
) -> int:
    c = record.consultation
    if c is None:
        return 0
    assert rule_id is not None
    consultation = Consultation.objects.create(
        decision=decision,
        draft_text=decision.draft_text,
        explanation=decision.explanation,
        opens_on=c.opens_on,
        closes_on=c.closes_on,
        rule_id=rule_id,
        short_reason=short_reason,
        report=clean_text(c.report, "采纳情况报告", limit=50_000),
        report_published_on=c.report_published_on,
    )
    created: list[DecisionComment] = []
    for comment in c.comments:
        primary = None
        if comment.duplicate_of is not None:
            primary = created[comment.duplicate_of]
            primary = primary.duplicate_of or primary
        # A duplicate carries the answer of its primary, as `mark_duplicate` does.
        source = c.comments[created.index(primary)] if primary is not None else comment
        row = DecisionComment.objects.create(
            consultation=consultation,
            author_name=comment.author_name.strip()[:100],
            text=clean_text(comment.text, "意见内容", limit=5000),
            duplicate_of=primary,
            adoption=source.adoption,
            answer=source.answer.strip(),
            answered_by=actor,
            answered_at=_at(c.report_published_on),
        )
        # submitted_at is set on insert; the archive's date replaces it.
        DecisionComment.objects.filter(pk=row.pk).update(submitted_at=_at(comment.submitted_on))
        created.append(row)
    return len(created)
