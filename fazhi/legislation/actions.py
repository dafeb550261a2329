"""The steps of a legislative project. Each checks permission, enforces its rule and writes the
audit event in the same transaction.

planned → drafting → public comment (a window of at least the rule book's period, every comment
answered before the draft moves on) → legality review by the Justice Bureau → deliberation (the
government's executive meeting; for a local regulation, then the Standing Committee's readings)
→ adopted → promulgated, which records the new version in the register of laws. A project the
bureau only joins (配合) skips the public comment: the lead organ consults the public.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core import laws
from fazhi.core.audit import record_event
from fazhi.core.calendar import current_rule, rule_period_label
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import deadline_or_pending, earliest_due
from fazhi.core.formats import cn_date
from fazhi.core.models import Law, LawVersion, Organization, User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.legislation import permissions
from fazhi.legislation.models import CitationFlag, Deliberation, DraftComment, LegislativeProject

G = LegislativeProject.Stage
P = LegislativeProject
TRANSITIONS = {
    "start_drafting": Transition({G.PLANNED}, G.DRAFTING, "启动起草"),
    "open_comment": Transition({G.DRAFTING}, G.PUBLIC_COMMENT, "公开征求意见"),
    "submit_for_review": Transition({G.DRAFTING, G.PUBLIC_COMMENT}, G.LEGALITY_REVIEW, "报送合法性审查"),
    "conclude_review": Transition({G.LEGALITY_REVIEW}, G.DELIBERATION, "登记审查结论"),
    "adopt": Transition({G.DELIBERATION}, G.ADOPTED, "登记通过"),
    "promulgate": Transition({G.ADOPTED}, G.PROMULGATED, "登记公布"),
    "terminate": Transition(
        {G.PLANNED, G.DRAFTING, G.PUBLIC_COMMENT, G.LEGALITY_REVIEW, G.DELIBERATION}, G.TERMINATED, "终止"
    ),
}
MIN_YEAR, MAX_YEAR = 2000, 2100
# The rule book's row for the comment window, by the form of the draft (DOMAIN.md §15).
COMMENT_RULES = {
    P.LawKind.GOVERNMENT_RULE: "legislation.comment_min_rule",
    P.LawKind.LOCAL_REGULATION: "legislation.comment_min_regulation",
}
# What each form of law is adopted by (立法法 2023; 规章制定程序条例 — DOMAIN.md §15).
ADOPTING_BODY = {
    P.LawKind.GOVERNMENT_RULE: Deliberation.Body.GOVERNMENT_MEETING,
    P.LawKind.LOCAL_REGULATION: Deliberation.Body.STANDING_COMMITTEE,
}

ADOPTED_BY = {
    Deliberation.Body.GOVERNMENT_MEETING: "天津市人民政府",
    Deliberation.Body.STANDING_COMMITTEE: "天津市人民代表大会常务委员会",
}


def _date(value: Any, field: str) -> datetime.date:
    if not isinstance(value, datetime.date) or not MIN_YEAR <= value.year <= MAX_YEAR:
        raise DomainError(f"{field}不正确")
    return value


def _not_future(day: datetime.date, field: str) -> datetime.date:
    if day > _today():
        raise DomainError(f"{field}不能晚于今天")
    return day


def _stage(project: LegislativeProject) -> str:
    return LegislativeProject.objects.filter(pk=project.pk).values_list("stage", flat=True).get()


# --- the plan --------------------------------------------------------------------------------


def create_project(
    *,
    actor: User,
    title: str,
    law_kind: str,
    change: str,
    plan_year: int,
    plan_kind: str,
    part: str,
    division: Organization,
    law: Law | None = None,
    partners: str = "",
) -> LegislativeProject:
    """Enter a project of the year's legislative plan: a new regulation or rule, or an amendment
    or revision of one in the register."""
    require(permissions.can_manage(actor, division.agency_id))
    if not isinstance(plan_year, int) or not MIN_YEAR <= plan_year <= MAX_YEAR:
        raise DomainError("立法计划年度不正确")
    for value, choices, field in (
        (law_kind, P.LawKind, "立法形式"),
        (change, P.Change, "立法类型"),
        (plan_kind, P.PlanKind, "计划类别"),
        (part, P.Part, "本机关职责"),
    ):
        if value not in choices.values:
            raise DomainError(f"{field}不正确")
    if division.kind != Organization.Kind.DIVISION:
        raise DomainError("承办处室应当是本机关的处室")
    if change == P.Change.NEW:
        if law is not None:
            raise DomainError("制定新法规规章的项目不选择所修改的法规规章")
    else:
        if law is None:
            raise DomainError("修改项目应当选择所修改的法规规章")
        if law.kind != law_kind:
            raise DomainError(f"所修改的法规规章是{law.get_kind_display()}，与立法形式不一致")
        if law.versions.filter(kind=LawVersion.Kind.REPEALED).exists():
            raise DomainError(f"《{law.title}》已废止，不能再修改")
    project = LegislativeProject(
        title=clean_text(title, "项目名称", limit=200),
        law_kind=law_kind,
        change=change,
        law=law,
        plan_year=plan_year,
        plan_kind=plan_kind,
        part=part,
        agency=division.agency,
        division=division,
        partners=clean_text(partners, "牵头或配合单位", required=False, limit=200),
        created_by=actor,
    )
    with transaction.atomic():
        project.save()
        record_event(
            "legislation.create",
            actor=actor,
            obj=project,
            to_status=project.stage,
            data={
                "title": project.title,
                "law": law.pk if law else None,
                "plan_year": plan_year,
                "plan_kind": plan_kind,
                "part": part,
            },
        )
    return project


def start_drafting(project: LegislativeProject, *, actor: User) -> None:
    require(permissions.can_manage(actor, project))
    apply_transition(
        project,
        TRANSITIONS["start_drafting"],
        actor=actor,
        verb="legislation.start_drafting",
        status_field="stage",
    )


def save_draft(project: LegislativeProject, *, actor: User, draft_text: str, explanation: str = "") -> None:
    """The draft and its explanation; changed while drafting and after the comments (to take
    them in), not once the draft is with the Justice Bureau."""
    require(permissions.can_manage(actor, project))
    if _stage(project) not in (G.DRAFTING, G.PUBLIC_COMMENT):
        raise LegalGateClosed("草案报送合法性审查后不再在本平台修改")
    text = clean_text(draft_text, "草案文本", limit=200_000)
    note = clean_text(explanation, "起草说明", required=False, limit=50_000)
    with transaction.atomic():
        LegislativeProject.objects.filter(pk=project.pk).update(draft_text=text, explanation=note)
        record_event("legislation.draft", actor=actor, obj=project, data={"length": len(text)})
    project.draft_text, project.explanation = text, note


# --- public comment on the draft -------------------------------------------------------------


def open_comment(project: LegislativeProject, *, actor: User, closes_on: datetime.date) -> None:
    """Publish the draft for comment from today until `closes_on`: not before the end of the rule
    book's period (a draft rule: generally not less than 30 days, 规章制定程序条例 as DOMAIN.md §15
    gives it; a draft local regulation: a default to be confirmed)."""
    require(permissions.can_manage(actor, project))
    if project.part != P.Part.LEAD:
        raise LegalGateClosed("配合参与的项目由牵头单位组织公开征求意见")
    if not project.draft_text.strip():
        raise DomainError("请先保存草案文本")
    closes_on = _date(closes_on, "征求意见截止日")
    today = _today()
    code = COMMENT_RULES[P.LawKind(project.law_kind)]
    # While the minimum needs a year the calendar lacks, the window opens when it reaches the
    # bound no calendar can shorten, and `fill_pending_windows` extends it if need be once the
    # year is entered (core.deadlines).
    minimum = deadline_or_pending(today, code)
    if minimum is None:
        rule = current_rule(code, today)
        bound = earliest_due(today, code)
        if closes_on < bound:
            raise LegalGateClosed(
                f"征求意见期限不少于{rule_period_label(rule)}，截止日不得早于 {cn_date(bound)}（{rule.basis}）；"
                f"最短期限的届满日待录入 {bound.year} 年工作日历后确定，不足的将顺延"
            )
    elif closes_on < minimum.due:
        raise LegalGateClosed(
            f"征求意见期限不少于{minimum.period_label}，截止日不得早于 {cn_date(minimum.due)}（{minimum.basis}）"
        )
    apply_transition(
        project,
        TRANSITIONS["open_comment"],
        actor=actor,
        verb="legislation.open_comment",
        status_field="stage",
        data={
            "opens_on": today.isoformat(),
            "closes_on": closes_on.isoformat(),
            "rule": code,
            "rule_version": minimum.rule_version if minimum else rule.version,
            "minimum_due": minimum.due.isoformat() if minimum else None,
        },
        comment_opens_on=today,
        comment_closes_on=closes_on,
        comment_rule_id=minimum.rule_id if minimum else rule.pk,
    )


def fill_pending_windows() -> int:
    """Comment windows opened while their minimum was pending (core.deadlines): once the year
    is entered, a window shorter than the minimum is extended to it (never shortened)."""
    extended = 0
    for project in LegislativeProject.objects.filter(
        stage=P.Stage.PUBLIC_COMMENT, comment_opens_on__isnull=False
    ):
        assert project.comment_opens_on is not None and project.comment_closes_on is not None
        code = COMMENT_RULES[P.LawKind(project.law_kind)]
        minimum = deadline_or_pending(project.comment_opens_on, code)
        if minimum is None or project.comment_closes_on >= minimum.due:
            continue
        with transaction.atomic():
            LegislativeProject.objects.filter(pk=project.pk).update(comment_closes_on=minimum.due)
            record_event(
                "legislation.comment_extended",
                actor=None,
                obj=project,
                data={
                    "closes_on": minimum.due.isoformat(),
                    "previous": project.comment_closes_on.isoformat(),
                    "rule": minimum.rule_code,
                    "rule_version": minimum.rule_version,
                    "reason": f"征求意见期限不少于{minimum.period_label}（{minimum.basis}）",
                },
            )
        extended += 1
    return extended


def add_comment(
    project: LegislativeProject,
    *,
    text: str,
    source: str = DraftComment.Source.PUBLIC,
    author_name: str = "",
    contact: str = "",
    actor: User | None = None,
) -> DraftComment:
    """An opinion on the draft while the window is open: from the public through the portal (no
    account), or entered by the legal affairs division from a letter or an organ consulted."""
    if source not in DraftComment.Source.values:
        raise DomainError("意见来源不正确")
    if actor is not None:
        require(permissions.can_manage(actor, project))
    fresh = LegislativeProject.objects.get(pk=project.pk)
    if not fresh.comment_window_open(_today()):
        raise DomainError("该草案当前不在征求意见期内")
    with transaction.atomic():
        comment = DraftComment.objects.create(
            project=project,
            source=source,
            text=clean_text(text, "意见内容", limit=5000),
            author_name=clean_text(author_name, "提出人", required=False, limit=100),
            contact=clean_text(contact, "联系方式", required=False, limit=100),
        )
        record_event(
            "legislation.comment",
            actor=actor,
            obj=project,
            data={"comment_id": comment.pk, "source": source},
        )
    return comment


def answer_comment(comment: DraftComment, *, actor: User, adoption: str, answer: str) -> None:
    """Answer an opinion: adopted, or partly or not adopted with the reason."""
    require(permissions.can_manage(actor, comment.project))
    if adoption not in DraftComment.Adoption.values:
        raise DomainError("采纳情况不正确")
    if _stage(comment.project) not in (G.PUBLIC_COMMENT,):
        raise LegalGateClosed("草案已报送合法性审查，意见答复不能再修改")
    if adoption == DraftComment.Adoption.ADOPTED:
        answer = clean_text(answer, "答复", required=False)
    else:
        answer = clean_text(answer, "不采纳或部分采纳的理由")
    with transaction.atomic():
        DraftComment.objects.filter(pk=comment.pk).update(
            adoption=adoption, answer=answer, answered_by=actor, answered_at=timezone.now()
        )
        record_event(
            "legislation.comment_answer",
            actor=actor,
            obj=comment.project,
            data={"comment_id": comment.pk, "adoption": adoption},
        )
    comment.adoption, comment.answer = adoption, answer


# --- legality review, deliberation, adoption, promulgation -----------------------------------


def submit_for_review(project: LegislativeProject, *, actor: User, submitted_on: datetime.date) -> None:
    """Send the draft to the Justice Bureau for legality review. A draft the bureau leads goes
    only after its comment window closed with every comment answered."""
    require(permissions.can_manage(actor, project))
    submitted_on = _not_future(_date(submitted_on, "报送审查日期"), "报送审查日期")
    fresh = LegislativeProject.objects.get(pk=project.pk)
    if fresh.part == P.Part.LEAD:
        if fresh.stage != G.PUBLIC_COMMENT or fresh.comment_closes_on is None:
            raise LegalGateClosed("牵头起草的草案应当先公开征求意见，方可报送合法性审查")
        if submitted_on <= fresh.comment_closes_on:
            raise LegalGateClosed(
                f"征求意见期至 {cn_date(fresh.comment_closes_on)} 届满，届满后方可报送合法性审查"
            )
        unanswered = fresh.comments.filter(adoption="").count()
        if unanswered:
            raise LegalGateClosed(f"尚有 {unanswered} 条意见未答复：每条意见答复后方可报送合法性审查")
    if not fresh.draft_text.strip():
        raise DomainError("请先保存草案文本")
    apply_transition(
        project,
        TRANSITIONS["submit_for_review"],
        actor=actor,
        verb="legislation.submit_for_review",
        status_field="stage",
        data={"submitted_on": submitted_on.isoformat()},
        review_submitted_on=submitted_on,
    )


def conclude_review(
    project: LegislativeProject, *, actor: User, concluded_on: datetime.date, opinion: str
) -> None:
    """The Justice Bureau's review is done: its opinion is recorded and the draft goes to
    deliberation."""
    require(permissions.can_manage(actor, project))
    concluded_on = _not_future(_date(concluded_on, "审查完成日期"), "审查完成日期")
    fresh = LegislativeProject.objects.get(pk=project.pk)
    if fresh.review_submitted_on and concluded_on < fresh.review_submitted_on:
        raise DomainError("审查完成日期不能早于报送审查日期")
    apply_transition(
        project,
        TRANSITIONS["conclude_review"],
        actor=actor,
        verb="legislation.conclude_review",
        status_field="stage",
        data={"concluded_on": concluded_on.isoformat()},
        review_concluded_on=concluded_on,
        review_opinion=clean_text(opinion, "审查意见"),
    )


def record_deliberation(
    project: LegislativeProject,
    *,
    actor: User,
    body: str,
    held_on: datetime.date,
    outcome: str,
    note: str = "",
) -> Deliberation:
    """A deliberation: the government's executive meeting (which adopts a government rule, or
    agrees to submit a local regulation), or a Standing Committee reading (which adopts a local
    regulation). Passing at the adopting body adopts the draft."""
    require(permissions.can_manage(actor, project))
    if body not in Deliberation.Body.values:
        raise DomainError("审议机关不正确")
    if outcome not in Deliberation.Outcome.values:
        raise DomainError("审议结果不正确")
    held_on = _not_future(_date(held_on, "会议日期"), "会议日期")
    fresh = LegislativeProject.objects.get(pk=project.pk)
    if fresh.stage != G.DELIBERATION:
        raise LegalGateClosed("草案经合法性审查后方可提请审议")
    if fresh.review_concluded_on and held_on < fresh.review_concluded_on:
        raise DomainError("会议日期不能早于合法性审查完成日期")
    if fresh.law_kind == P.LawKind.GOVERNMENT_RULE and body == Deliberation.Body.STANDING_COMMITTEE:
        raise DomainError("政府规章由市政府常务会议审议决定，不提请人大常委会审议")
    if (
        body == Deliberation.Body.STANDING_COMMITTEE
        and not fresh.deliberations.filter(
            body=Deliberation.Body.GOVERNMENT_MEETING, outcome=Deliberation.Outcome.PASSED
        ).exists()
    ):
        raise LegalGateClosed("法规草案经市政府常务会议讨论通过后，方可提请市人大常委会审议")
    adopting = ADOPTING_BODY[P.LawKind(fresh.law_kind)]
    reading = fresh.deliberations.filter(body=body).count() + 1
    with transaction.atomic():
        deliberation = Deliberation.objects.create(
            project=project,
            body=body,
            reading=reading,
            held_on=held_on,
            outcome=outcome,
            note=clean_text(note, "审议情况", required=False),
            recorded_by=actor,
        )
        record_event(
            "legislation.deliberation",
            actor=actor,
            obj=project,
            data={"body": body, "reading": reading, "held_on": held_on.isoformat(), "outcome": outcome},
        )
        if body == adopting and outcome == Deliberation.Outcome.PASSED:
            apply_transition(
                project,
                TRANSITIONS["adopt"],
                actor=actor,
                verb="legislation.adopt",
                status_field="stage",
                data={"adopted_on": held_on.isoformat(), "body": body},
                adopted_on=held_on,
                adopted_by=ADOPTED_BY[Deliberation.Body(body)],
            )
    return deliberation


def promulgate(
    project: LegislativeProject,
    *,
    actor: User,
    promulgated_on: datetime.date,
    effective_on: datetime.date,
    number: str = "",
    issuing_body: str = "",
    text: str = "",
    url: str = "",
) -> LawVersion:
    """Promulgation: the new version goes into the register of laws (a new law for a project
    that makes one). When it takes effect, what cited the version before it is flagged."""
    require(permissions.can_manage(actor, project))
    promulgated_on = _date(promulgated_on, "公布日期")
    effective_on = _date(effective_on, "施行日期")
    fresh = LegislativeProject.objects.select_related("law").get(pk=project.pk)
    if fresh.adopted_on and promulgated_on < fresh.adopted_on:
        raise DomainError("公布日期不能早于通过日期")
    if effective_on < promulgated_on:
        raise DomainError("施行日期不能早于公布日期")
    number = clean_text(number, "公告（令）号", required=False, limit=100)
    body = clean_text(issuing_body, "制定机关", required=False, limit=100) or fresh.adopted_by
    with transaction.atomic():
        law = fresh.law
        if law is None:
            law = laws.create_law(title=fresh.title, kind=fresh.law_kind, issuing_body=body, actor=actor)
            kind = LawVersion.Kind.ADOPTED
        else:
            kind = LawVersion.Kind(fresh.change)
        version = laws.record_law_version(
            law,
            kind=kind,
            adopted_on=fresh.adopted_on or promulgated_on,
            effective_on=effective_on,
            issuing_body=body,
            text=clean_text(text, "文本", required=False, limit=500_000),
            url=url.strip()[:200],
            note=number,
            actor=actor,
        )
        apply_transition(
            project,
            TRANSITIONS["promulgate"],
            actor=actor,
            verb="legislation.promulgate",
            status_field="stage",
            data={
                "promulgated_on": promulgated_on.isoformat(),
                "effective_on": effective_on.isoformat(),
                "law_version": version.pk,
                "number": number,
            },
            promulgated_on=promulgated_on,
            effective_on=effective_on,
            promulgation_number=number,
            law_version=version,
            law=law,
        )
    return version


def terminate(project: LegislativeProject, *, actor: User, reason: str) -> None:
    """The project leaves the plan (not adopted, or withdrawn), with the reason."""
    require(permissions.can_manage(actor, project))
    text = clean_text(reason, "终止理由")
    apply_transition(
        project,
        TRANSITIONS["terminate"],
        actor=actor,
        verb="legislation.terminate",
        status_field="stage",
        data={"reason": text},
        termination_reason=text,
    )


# --- what cited a superseded version ----------------------------------------------------------


def check_flag(flag: CitationFlag, *, actor: Any, note: str) -> None:
    """The owner has looked at the record against the new version and says what they found
    (still correct, or the amendment they will start)."""
    require(permissions.can_check(actor, flag))
    text = clean_text(note, "核对结果")
    with transaction.atomic():
        moved = CitationFlag.objects.filter(pk=flag.pk, status=CitationFlag.Status.OPEN).update(
            status=CitationFlag.Status.CHECKED, note=text, checked_by=actor, checked_at=timezone.now()
        )
        if not moved:
            raise DomainError("该事项已核对")
        record_event(
            "legislation.citation_checked",
            actor=actor,
            object_type="legislation.citationflag",
            object_id=str(flag.pk),
            data={"subject": flag.subject, "key": flag.subject_key, "version": flag.version_id, "note": text},
        )
    flag.status, flag.note = CitationFlag.Status.CHECKED, text
