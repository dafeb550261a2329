"""Drafting and public participation (713号 Art 14–18)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit import record_event
from fazhi.core.calendar import compute_deadline, current_rule, rule_period_label
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import PendingGate, deadline_or_pending, earliest_due
from fazhi.core.formats import cn_date
from fazhi.core.hashing import text_sha256
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
from fazhi.decisions.actions._common import G, _advance, _at_step, in_round, round_start
from fazhi.decisions.models import (
    Consultation,
    DecisionComment,
    Hearing,
    MajorDecision,
    Step,
)

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
        record_event(
            "decision.draft",
            actor=actor,
            obj=decision,
            data={"length": len(draft_text), "sha256": text_sha256(draft_text.strip())},
        )
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
    # While the minimum needs a year the calendar lacks, the bound no calendar can shorten
    # (30 days) stands in for it, and `fill_pending_windows` extends a window that falls short
    # once the year is entered (core.deadlines).
    minimum = deadline_or_pending(today, "decision.comment_min")
    rule = current_rule("decision.comment_min", today)
    shortest = minimum.due if minimum else earliest_due(today, "decision.comment_min")
    short_reason = short_reason.strip()
    if closes_on <= today:
        raise DomainError("征求意见截止日期应当晚于今天")
    if closes_on < shortest and not short_reason:
        raise LegalGateClosed(
            f"征求意见期限一般不少于{rule_period_label(rule)}，截止日不早于 {cn_date(shortest)}（{rule.basis}）；"
            "确需缩短的，应当说明理由并向社会公开"
        )
    existing = Consultation.objects.filter(decision=decision).first()
    if existing is not None and in_round(existing.opens_on, round_start(decision)):
        raise DomainError("该事项已经公开征求意见")
    values = {
        "draft_text": decision.draft_text,
        "explanation": decision.explanation,
        "opens_on": today,
        "closes_on": closes_on,
        "rule_id": rule.pk,
        "short_reason": short_reason if closes_on < shortest or (minimum is None and short_reason) else "",
        "report": "",
        "report_published_on": None,
    }
    with transaction.atomic():
        if existing is None:
            consultation = Consultation.objects.create(decision=decision, **values)
            previous = None
        else:
            # A new round after an adjustment: the earlier round's window and report go into the
            # audit event (and into the archive package made then); its comments stay listed.
            previous = {
                "opens_on": existing.opens_on.isoformat(),
                "closes_on": existing.closes_on.isoformat(),
                "report": existing.report,
                "report_published_on": existing.report_published_on.isoformat()
                if existing.report_published_on
                else None,
            }
            Consultation.objects.filter(pk=existing.pk).update(**values)
            consultation = Consultation.objects.get(pk=existing.pk)
        record_event(
            "decision.consultation.open",
            actor=actor,
            obj=decision,
            data={
                "opens_on": today.isoformat(),
                "closes_on": closes_on.isoformat(),
                "rule": rule.code,
                "rule_version": rule.version,
                "minimum_due": minimum.due.isoformat() if minimum else None,
                "short_reason": consultation.short_reason,
                "previous_round": previous,
            },
        )
    return consultation


def add_public_comment(consultation: Consultation, *, text: str, author_name: str = "") -> DecisionComment:
    """A citizen's comment, no account needed, while the window is open."""
    today = _today()
    stage = MajorDecision.objects.filter(pk=consultation.decision_id).values_list("stage", flat=True).first()
    if stage != G.PUBLIC_PARTICIPATION or not consultation.opens_on <= today <= consultation.closes_on:
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
    _at_step(comment.consultation.decision, Step.PUBLIC_PARTICIPATION)
    if of.consultation_id != comment.consultation_id or of.pk == comment.pk:
        raise DomainError("只能与同一征求意见中的另一条意见归并")
    of = DecisionComment.objects.select_related("duplicate_of").get(pk=of.pk)  # the stored grouping
    primary = of.duplicate_of or of
    if primary.pk == comment.pk:
        raise DomainError("该意见已是这一组意见的代表，不能再归并到本组")
    with transaction.atomic():
        # The comment's own group, if it led one, joins the new group too.
        DecisionComment.objects.filter(duplicate_of=comment).update(
            duplicate_of=primary,
            adoption=primary.adoption,
            answer=primary.answer,
            answered_by=primary.answered_by,
            answered_at=primary.answered_at,
        )
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
    _at_step(comment.consultation.decision, Step.PUBLIC_PARTICIPATION)
    if adoption not in DecisionComment.Adoption.values:
        raise DomainError("采纳情况不正确")
    if adoption != DecisionComment.Adoption.ADOPTED:
        answer = clean_text(answer, "不采纳或部分采纳的理由")
    consultation = Consultation.objects.get(pk=comment.consultation_id)
    if in_round(consultation.report_published_on, round_start(comment.consultation.decision)):
        raise DomainError("意见采纳情况报告已经公布，答复不能再修改")
    stored = DecisionComment.objects.select_related("duplicate_of").get(pk=comment.pk)
    primary = stored.duplicate_of or stored
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


HEARING_MATERIALS = (
    "听证会材料应当于召开听证会7日前送达听证参加人（《重大行政决策程序暂行条例》第十六条第三款）"
)


def schedule_hearing(
    decision: MajorDecision,
    *,
    actor: User,
    held_on: datetime.date,
    place: str,
    participants: str,
    materials_delivered_on: datetime.date | None = None,
) -> Hearing:
    """Announce a hearing with its time, place and participant list (713号 Art 16 ¶2–3: published
    in advance, no fixed period) and record the day its materials reached the participants
    (default today): at least 7 days before the hearing (¶3; rule `decision.hearing_materials_min`)."""
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.PUBLIC_PARTICIPATION)
    today = _today()
    delivered = materials_delivered_on or today
    if not isinstance(delivered, datetime.date) or delivered > today:
        raise DomainError("听证会材料送达之日不能晚于今天")
    if held_on <= today:
        raise DomainError("听证会日期应当晚于今天")
    # The rule counts back from the hearing: the materials must have reached the participants by then.
    latest = compute_deadline(held_on, "decision.hearing_materials_min")
    if delivered > latest.due:
        raise LegalGateClosed(
            f"{cn_date(held_on)}召开的听证会，材料最迟应于 {cn_date(latest.due)} 送达听证参加人"
            f"（{latest.period_label}）：{HEARING_MATERIALS}"
        )
    with transaction.atomic():
        hearing = Hearing.objects.create(
            decision=decision,
            held_on=held_on,
            place=clean_text(place, "地点", limit=200),
            notice_published_on=today,
            materials_delivered_on=delivered,
            participants=clean_text(participants, "听证参加人"),
        )
        record_event(
            "decision.hearing.schedule",
            actor=actor,
            obj=decision,
            data={
                "held_on": held_on.isoformat(),
                "notice_on": today.isoformat(),
                "materials_delivered_on": delivered.isoformat(),
                "rule_version": latest.rule_version,
            },
        )
    return hearing


def publish_adoption_report(decision: MajorDecision, *, actor: User, report: str) -> None:
    """After the window closes and every comment is answered, publish how they were adopted."""
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.PUBLIC_PARTICIPATION)
    consultation = Consultation.objects.filter(decision=decision).first()
    if consultation is None:
        raise LegalGateClosed("尚未公开征求意见（《重大行政决策程序暂行条例》第十四条至第十八条）")
    today = _today()
    if today <= consultation.closes_on:
        raise DomainError(f"征求意见期至 {cn_date(consultation.closes_on)} 届满，期满后方可公布采纳情况")
    if not consultation.short_reason:
        # The window reached its minimum: a gate that needs the date itself waits for the calendar.
        minimum = deadline_or_pending(consultation.opens_on, "decision.comment_min")
        if minimum is None:
            raise PendingGate(consultation.opens_on, "核对征求意见期限是否达到三十日")
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
    if consultation is None or not in_round(consultation.report_published_on, round_start(decision)):
        raise LegalGateClosed("公众意见采纳情况尚未公布，公众参与程序未完成（第十八条）")
    pending = decision.hearings.filter(held_on__gt=_today()).exists()
    if pending:
        raise LegalGateClosed("已公告的听证会尚未举行")
    _advance(decision, Step.PUBLIC_PARTICIPATION, actor=actor)


def fill_pending_windows() -> int:
    """Consultations opened while their 30-day minimum was pending (core.deadlines): once the
    year is entered, an open window without a public reason for being shorter is extended to the
    minimum (never shortened)."""
    extended = 0
    today = _today()
    open_ones = Consultation.objects.filter(
        closes_on__gte=today, short_reason="", decision__stage=G.PUBLIC_PARTICIPATION
    )
    for consultation in open_ones:
        minimum = deadline_or_pending(consultation.opens_on, "decision.comment_min")
        if minimum is None or consultation.closes_on >= minimum.due:
            continue
        with transaction.atomic():
            Consultation.objects.filter(pk=consultation.pk).update(closes_on=minimum.due)
            record_event(
                "decision.consultation.extended",
                actor=None,
                obj=consultation.decision,
                data={
                    "closes_on": minimum.due.isoformat(),
                    "previous": consultation.closes_on.isoformat(),
                    "rule": minimum.rule_code,
                    "rule_version": minimum.rule_version,
                    "reason": f"征求意见期限一般不少于{minimum.period_label}（{minimum.basis}）",
                },
            )
        extended += 1
    return extended
