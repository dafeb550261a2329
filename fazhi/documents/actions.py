"""Every write of the normative-document lifecycle (DOMAIN.md §5). Each action checks the
permission, refuses an out-of-order step naming the rule it breaks, and writes the audit event
in the same transaction."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.calendar import compute_deadline
from fazhi.core.models import NumberSeries, Organization, User
from fazhi.core.numbering import issue_number
from fazhi.core.permissions import is_staff_member
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.documents import permissions
from fazhi.documents.models import (
    CleanupCampaign,
    CleanupItem,
    Comment,
    DocumentVersion,
    Filing,
    NormativeDocument,
    ValidityEvent,
)
from fazhi.documents.search import index_text
from fazhi.reviews import actions as review_actions
from fazhi.reviews.gate import require_cleared_review
from fazhi.reviews.models import ReviewRequest

S = NormativeDocument.Status
O = NormativeDocument.Outcome  # noqa: E741 - the outcome choices, as in the model
E = ValidityEvent.Kind

TRANSITIONS = {
    "open_solicitation": Transition({S.DRAFTING}, S.SOLICITING, "公开征求意见"),
    "submit_for_review": Transition(
        {S.SOLICITING}, S.UNDER_REVIEW, "送请合法性审核", rule="征求意见结束后方可送审"
    ),
    "deliberate": Transition(
        {S.UNDER_REVIEW},
        S.DELIBERATED,
        "提交集体审议",
        rule="未经合法性审核或者经审核不合法的，不得提交集体审议",
    ),
    "not_adopted": Transition({S.UNDER_REVIEW}, S.NOT_ADOPTED, "记录审议结果"),
    "issue": Transition({S.DELIBERATED}, S.ISSUED, "统一编号印发", rule="经集体审议通过后方可印发"),
    "publish": Transition({S.ISSUED}, S.PUBLISHED, "公布", rule="印发后方可公布"),
    "abandon": Transition({S.DRAFTING, S.SOLICITING, S.UNDER_REVIEW}, S.ABANDONED, "终止制定"),
}
FILING_TRANSITIONS = {
    "filed": Transition({Filing.Status.SUBMITTED, Filing.Status.CORRECTED}, Filing.Status.FILED, "予以备案"),
    "rejected": Transition(
        {Filing.Status.SUBMITTED, Filing.Status.CORRECTED}, Filing.Status.REJECTED, "不予备案"
    ),
    "deferred": Transition(
        {Filing.Status.SUBMITTED, Filing.Status.CORRECTED}, Filing.Status.DEFERRED, "暂缓备案"
    ),
    "corrected": Transition({Filing.Status.DEFERRED}, Filing.Status.CORRECTED, "报送纠正情况"),
}
# The dispositions of a cleanup that change a document's status when the result is published.
CLEANUP_EVENTS: dict[str, str] = {
    CleanupItem.Disposition.REPEAL: ValidityEvent.Kind.REPEALED,
    CleanupItem.Disposition.DECLARE_INVALID: ValidityEvent.Kind.DECLARED_INVALID,
}
CAMPAIGN_TRANSITIONS = {
    "approve": Transition({CleanupCampaign.Status.DRAFT}, CleanupCampaign.Status.APPROVED, "审定清理结果"),
    "publish": Transition(
        {CleanupCampaign.Status.APPROVED}, CleanupCampaign.Status.PUBLISHED, "公布清理结果"
    ),
}


def _today() -> datetime.date:
    return timezone.localdate()


# --- drafting -------------------------------------------------------------------------------


def create_document(
    *,
    actor: User,
    title: str,
    text: str,
    summary: str = "",
    concerns_market_actors: bool = False,
    is_provisional: bool | None = None,
) -> NormativeDocument:
    """A division starts drafting; the first version of the text is stored."""
    require(permissions.can_draft(actor))
    title = clean_text(title, "文件名称", limit=200)
    division = actor.organization
    assert division is not None
    document = NormativeDocument(
        title=title,
        agency=division.agency,
        division=division,
        created_by=actor,
        summary=summary.strip(),
        concerns_market_actors=concerns_market_actors,
        is_provisional=NormativeDocument.looks_provisional(title)
        if is_provisional is None
        else is_provisional,
    )
    with transaction.atomic():
        document.save()
        DocumentVersion.objects.create(
            document=document,
            number=1,
            text=clean_text(text, "文件文本", limit=200_000),
            note="初稿",
            created_by=actor,
        )
        record_event(
            "document.create",
            actor=actor,
            obj=document,
            to_status=document.status,
            data={"title": title, "division": division.name},
        )
    return document


def add_version(document: NormativeDocument, *, actor: User, text: str, note: str = "") -> DocumentVersion:
    """A new version of the draft text (the page diffs any two)."""
    require(permissions.can_edit(actor, document))
    text = clean_text(text, "文件文本", limit=200_000)
    with transaction.atomic():
        number = (document.versions.aggregate(m=Max("number"))["m"] or 0) + 1
        version = DocumentVersion.objects.create(
            document=document, number=number, text=text, note=note.strip()[:200], created_by=actor
        )
        record_event(
            "document.version", actor=actor, obj=document, data={"version": number, "note": version.note}
        )
    return version


def current_text(document: NormativeDocument) -> str:
    version = document.versions.order_by("-number").first()
    return version.text if version else ""


# --- opinion solicitation -------------------------------------------------------------------


def comment_rule_code(document: NormativeDocument) -> str:
    # A document closely concerning market actors gets the longer window (优化营商环境条例 Art 62).
    return "document.comment_min_market" if document.concerns_market_actors else "document.comment_min"


def open_solicitation(document: NormativeDocument, *, actor: User, closes_on: datetime.date) -> None:
    """Publish the draft for comment from today until `closes_on`, which may not be earlier than
    the minimum window of the rule book."""
    require(permissions.can_open_solicitation(actor, document))
    today = _today()
    minimum = compute_deadline(today, comment_rule_code(document))
    if closes_on < minimum.due:
        raise LegalGateClosed(
            f"征求意见期限不得少于{minimum.period_label}，截止日不得早于 {minimum.due:%Y年%m月%d日}（{minimum.basis}）"
        )
    apply_transition(
        document,
        TRANSITIONS["open_solicitation"],
        actor=actor,
        verb="document.open_solicitation",
        data={
            "opens_on": today.isoformat(),
            "closes_on": closes_on.isoformat(),
            "rule": minimum.rule_code,
            "rule_version": minimum.rule_version,
        },
        comment_opens_on=today,
        comment_closes_on=closes_on,
        comment_rule_id=minimum.rule_id,
    )


def add_comment(
    document: NormativeDocument,
    *,
    text: str,
    source: str = Comment.Source.PUBLIC,
    author_name: str = "",
    contact: str = "",
    actor: User | None = None,
) -> Comment:
    """Record an opinion: from the public (no account needed) while the window is open, or from
    a division of the agency."""
    if source not in Comment.Source.values:
        raise DomainError("意见来源不正确")
    if source == Comment.Source.INTERNAL and not (
        actor is not None and is_staff_member(actor) and actor.organization_id is not None
    ):
        raise PermissionDenied
    fresh = NormativeDocument.objects.get(pk=document.pk)
    today = _today()
    if (
        fresh.status != S.SOLICITING
        or fresh.comment_opens_on is None
        or fresh.comment_closes_on is None
        or not (fresh.comment_opens_on <= today <= fresh.comment_closes_on)
    ):
        raise DomainError("该文件当前不在征求意见期内")
    text = clean_text(text, "意见内容", limit=5000)
    with transaction.atomic():
        comment = Comment.objects.create(
            document=document,
            source=source,
            text=text,
            author_name=author_name.strip()[:100],
            contact=contact.strip()[:100],
        )
        record_event(
            "document.comment",
            actor=actor if actor and actor.is_authenticated else None,
            obj=document,
            data={"comment_id": comment.pk, "source": source},
        )
    return comment


def answer_comment(comment: Comment, *, actor: User, adoption: str, answer: str) -> None:
    """The drafting division answers each opinion (adopted / partly / not, with a reason)."""
    require(permissions.can_answer_comments(actor, comment.document))
    if adoption not in Comment.Adoption.values:
        raise DomainError("采纳情况不正确")
    answer = (
        clean_text(answer, "答复", limit=5000) if adoption != Comment.Adoption.ADOPTED else answer.strip()
    )
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(
            adoption=adoption, answer=answer, answered_by=actor, answered_at=timezone.now()
        )
        record_event(
            "document.comment_answer",
            actor=actor,
            obj=comment.document,
            data={"comment_id": comment.pk, "adoption": adoption},
        )
    comment.adoption, comment.answer = adoption, answer


# --- legality review and deliberation -------------------------------------------------------


def submit_for_review(
    document: NormativeDocument, *, actor: User, legal_basis: str, explanation: str
) -> ReviewRequest:
    """After the comment window has closed and every opinion has been answered, send the draft
    to the legal affairs division for legality review (the review record is linked)."""
    require(permissions.can_submit_for_review(actor, document))
    today = _today()
    if document.comment_closes_on is None or today <= document.comment_closes_on:
        raise LegalGateClosed(
            f"征求意见期至 {document.comment_closes_on:%Y年%m月%d日} 届满，期满后方可送请合法性审核"
            if document.comment_closes_on
            else "尚未征求意见"
        )
    unanswered = document.comments.filter(adoption="").count()
    if unanswered:
        raise LegalGateClosed(f"尚有 {unanswered} 条意见未答复：征求的意见应当逐条研究并说明采纳情况")
    with transaction.atomic():
        review = review_actions.create_review(
            actor=actor,
            title=document.title,
            subject_kind=ReviewRequest.SubjectKind.NORMATIVE_DOCUMENT,
            legal_basis=legal_basis,
            explanation=explanation,
            subject=document,
        )
        draft = SimpleUploadedFile(
            f"{document.title[:60]}（送审稿）.txt",
            current_text(document).encode("utf-8"),
            content_type="text/plain",
        )
        attach_file(review, draft, actor=actor, purpose="送审稿")
        review_actions.submit_review(review, actor=actor)
        apply_transition(
            document,
            TRANSITIONS["submit_for_review"],
            actor=actor,
            verb="document.submit_for_review",
            data={"review_id": review.pk},
        )
    return review


def record_deliberation(
    document: NormativeDocument,
    *,
    actor: User,
    meeting_name: str,
    meeting_on: datetime.date,
    outcome: str,
    notes: str = "",
    minutes: UploadedFile | None = None,
) -> None:
    """Record the collective deliberation (局长办公会): meeting, date, outcome and minutes.
    Refused without a legality review that clears the draft (国办发〔2018〕115号)."""
    require(permissions.can_record_deliberation(actor, document))
    if outcome not in O.values:
        raise DomainError("审议结果不正确")
    if minutes is None:
        raise DomainError("请上传会议纪要")
    if meeting_on > _today():
        raise DomainError("审议日期不能晚于今天")
    review = require_cleared_review(document, kind=ReviewRequest.SubjectKind.NORMATIVE_DOCUMENT)
    if review.concluded_on and meeting_on < review.concluded_on:
        raise LegalGateClosed(
            f"审议日期早于合法性审核意见出具日（{review.concluded_on:%Y年%m月%d日}）：未经合法性审核不得提交集体审议"
        )
    meeting_name = clean_text(meeting_name, "审议会议", limit=100)
    transition = TRANSITIONS["not_adopted" if outcome == O.NOT_PASSED else "deliberate"]
    with transaction.atomic():
        attach_file(document, minutes, actor=actor, purpose="会议纪要")
        apply_transition(
            document,
            transition,
            actor=actor,
            verb="document.deliberate",
            data={
                "meeting": meeting_name,
                "meeting_on": meeting_on.isoformat(),
                "outcome": outcome,
                "review_id": review.pk,
            },
            meeting_name=meeting_name,
            meeting_on=meeting_on,
            outcome=outcome,
            meeting_notes=notes.strip(),
        )


# --- issuance and publication ----------------------------------------------------------------


def issue_document(document: NormativeDocument, *, actor: User, signed_by: str) -> None:
    """Unified registration and numbering: the document gets the next number of its agency's
    normative series (e.g. 津科规〔2026〕3号) in the same transaction as its issuance."""
    require(permissions.can_issue_document(actor, document))
    series = NumberSeries.objects.filter(
        organization=document.agency, kind=NumberSeries.Kind.NORMATIVE
    ).first()
    if series is None:
        raise DomainError(f"{document.agency.name}尚未设立规范性文件文号序列，请系统管理员在“文号登记”中新增")
    today = _today()
    with transaction.atomic():
        number = issue_number(series, year=today.year, actor=actor, subject=document, title=document.title)
        apply_transition(
            document,
            TRANSITIONS["issue"],
            actor=actor,
            verb="document.issue",
            data={"number": number.number, "signed_by": signed_by.strip()},
            issued_number=number,
            number=number.number,
            signed_by=clean_text(signed_by, "签发人", limit=50),
            issued_on=today,
        )


def publish_document(
    document: NormativeDocument,
    *,
    actor: User,
    published_on: datetime.date,
    effective_on: datetime.date,
    channel: str,
    body: str = "",
) -> None:
    """Publish the issued document (an unpublished document has no legal effect). The expiry date
    follows from the effective date and the rule book (暂行/试行 documents get the shorter period)."""
    require(permissions.can_publish(actor, document))
    if document.issued_on and published_on < document.issued_on:
        raise DomainError("公布日期不能早于印发日期")
    if published_on > _today():
        raise DomainError("公布日期不能晚于今天")
    if effective_on < published_on:
        raise LegalGateClosed("施行日期不得早于公布日期：未经公布的规范性文件不得作为行政管理依据")
    rule = "document.validity_provisional" if document.is_provisional else "document.validity"
    expiry = compute_deadline(effective_on, rule)
    text = body.strip() or current_text(document)
    apply_transition(
        document,
        TRANSITIONS["publish"],
        actor=actor,
        verb="document.publish",
        data={
            "published_on": published_on.isoformat(),
            "effective_on": effective_on.isoformat(),
            "expires_on": expiry.due.isoformat(),
            "rule": expiry.rule_code,
            "rule_version": expiry.rule_version,
            "channel": channel.strip(),
        },
        published_on=published_on,
        effective_on=effective_on,
        expires_on=expiry.due,
        validity_rule_id=expiry.rule_id,
        publication_channel=clean_text(channel, "公布载体", limit=100),
        body=text,
        search_text=index_text(document.title, document.number, text),
    )


def abandon_document(document: NormativeDocument, *, actor: User, reason: str) -> None:
    require(permissions.can_abandon(actor, document))
    apply_transition(
        document,
        TRANSITIONS["abandon"],
        actor=actor,
        verb="document.abandon",
        data={"reason": clean_text(reason, "终止理由", limit=2000)},
    )


# --- filing with the Justice Bureau ----------------------------------------------------------


def filing_authority() -> Organization:
    authority = Organization.objects.filter(kind=Organization.Kind.JUSTICE_BUREAU).order_by("pk").first()
    if authority is None:
        raise DomainError("尚未设置备案审查机关（司法局）")
    return authority


def file_document(document: NormativeDocument, *, actor: User, explanation: str) -> Filing:
    """Submit the published document for filing. The deadline counts from publication
    (rule `document.filing`); a late submission is still accepted and counted as late."""
    require(permissions.can_file(actor, document))
    assert document.published_on is not None
    due = compute_deadline(document.published_on, "document.filing")
    assert due.rule_id is not None  # a rule-book deadline always names its rule
    review = (
        ReviewRequest.objects.filter(
            subject_id=str(document.pk),
            subject_type__model="normativedocument",
            status__in=["concluded", "closed"],
        )
        .order_by("-pk")
        .first()
    )
    try:
        with transaction.atomic():
            filing = Filing.objects.create(
                document=document,
                authority=filing_authority(),
                submitted_on=_today(),
                due_on=due.due,
                due_rule_id=due.rule_id,
                submitted_by=actor,
                explanation=clean_text(explanation, "起草说明", limit=20000),
            )
            record_event(
                "filing.submit",
                actor=actor,
                obj=filing,
                to_status=filing.status,
                data={
                    "document_id": document.pk,
                    "number": document.number,
                    "due_on": due.due.isoformat(),
                    "rule": due.rule_code,
                    "rule_version": due.rule_version,
                    "review_id": review.pk if review else None,
                },
            )
    except IntegrityError as exc:
        raise DomainError("该文件已报送备案") from exc
    return filing


def decide_filing(
    filing: Filing, *, actor: User, decision: str, note: str = "", correction_request: str = ""
) -> None:
    """The Justice Bureau's answer: 予以备案 / 不予备案 / 暂缓备案 (with the correction asked)."""
    require(permissions.can_decide_filing(actor, filing))
    if decision not in {"filed", "rejected", "deferred"}:
        raise DomainError("审查结论不正确")
    if decision == "deferred":
        correction_request = clean_text(correction_request, "纠正要求", limit=5000)
    if decision == "rejected":
        note = clean_text(note, "不予备案的理由", limit=5000)
    apply_transition(
        filing,
        FILING_TRANSITIONS[decision],
        actor=actor,
        verb=f"filing.{decision}",
        data={"note": note.strip(), "correction_request": correction_request.strip()},
        decided_on=_today(),
        decided_by=actor,
        decision_note=note.strip(),
        correction_request=correction_request.strip(),
    )


def answer_correction(filing: Filing, *, actor: User, answer: str) -> None:
    """The agency reports how it corrected a deferred filing; the Justice Bureau reviews again."""
    require(permissions.can_answer_correction(actor, filing))
    answer = clean_text(answer, "纠正情况", limit=5000)
    apply_transition(
        filing,
        FILING_TRANSITIONS["corrected"],
        actor=actor,
        verb="filing.corrected",
        data={"answer": answer},
        correction_answer=answer,
    )


# --- validity ----------------------------------------------------------------------------------

REQUIRES_BY_DOCUMENT = {E.AMENDED, E.REPEALED}


def record_validity_event(
    document: NormativeDocument,
    *,
    actor: User,
    kind: str,
    on: datetime.date,
    by_document: NormativeDocument | None = None,
    note: str = "",
    campaign: CleanupCampaign | None = None,
) -> ValidityEvent:
    """Amendment, repeal, declaration of invalidity or the evaluation before expiry, with its
    date; amendment and repeal name the document that made them."""
    require(permissions.can_record_validity(actor, document))
    if kind not in {E.AMENDED, E.REPEALED, E.DECLARED_INVALID, E.EVALUATED}:
        raise DomainError("事项不正确")
    if kind in REQUIRES_BY_DOCUMENT and by_document is None and campaign is None:
        raise DomainError("修改或废止应当载明据以修改、废止的文件")
    if by_document is not None and by_document.pk == document.pk:
        raise DomainError("文件不能修改或废止自身")
    if by_document is not None and (by_document.published_on is None or by_document.published_on > on):
        raise DomainError("据以修改、废止的文件应当在该日期前已公布")
    assert document.published_on is not None
    if on < document.published_on:
        raise DomainError("日期不能早于文件公布日期")
    from fazhi.documents.validity import TERMINAL, status_on

    if kind in TERMINAL and status_on(document, on) in {TERMINAL[k] for k in TERMINAL}:
        raise DomainError("该文件在该日期已经失效或废止")
    with transaction.atomic():
        event = ValidityEvent.objects.create(
            document=document,
            kind=kind,
            on=on,
            by_document=by_document,
            campaign=campaign,
            note=note.strip(),
            recorded_by=actor,
        )
        record_event(
            f"document.validity.{kind}",
            actor=actor,
            obj=document,
            data={
                "on": on.isoformat(),
                "by_document": by_document.number if by_document else None,
                "campaign_id": campaign.pk if campaign else None,
                "note": note.strip(),
            },
        )
    return event


def expire_documents(*, today: datetime.date | None = None) -> int:
    """Record 失效 for every published document past its expiry date. Safe to run any number of
    times, and twice at once: the expiry event is unique per document."""
    today = today or _today()
    candidates = NormativeDocument.objects.filter(published_on__isnull=False, expires_on__lt=today).exclude(
        validity_events__kind__in=[E.EXPIRED, E.REPEALED, E.DECLARED_INVALID]
    )
    count = 0
    for document in candidates.iterator():
        assert document.expires_on is not None
        on = document.expires_on + datetime.timedelta(days=1)
        try:
            with transaction.atomic():
                ValidityEvent.objects.create(
                    document=document, kind=E.EXPIRED, on=on, note="有效期届满自动失效"
                )
                record_event(
                    "document.validity.expired",
                    actor=None,
                    obj=document,
                    data={"on": on.isoformat(), "expires_on": document.expires_on.isoformat()},
                )
        except IntegrityError:
            continue  # another run recorded it first
        count += 1
    return count


def evaluation_due_on(document: NormativeDocument) -> datetime.date | None:
    """When the evaluation before expiry is due (rule `document.evaluation_before_expiry`)."""
    if document.expires_on is None:
        return None
    return compute_deadline(document.expires_on, "document.evaluation_before_expiry").due


# --- cleanup campaigns ---------------------------------------------------------------------------


def create_campaign(*, actor: User, title: str, reason: str, scope: str) -> CleanupCampaign:
    require(permissions.can_manage_cleanup(actor))
    with transaction.atomic():
        campaign = CleanupCampaign.objects.create(
            title=clean_text(title, "清理名称", limit=200),
            reason=clean_text(reason, "清理原因", limit=5000),
            scope=clean_text(scope, "清理范围", limit=200),
            created_by=actor,
        )
        record_event(
            "cleanup.create",
            actor=actor,
            obj=campaign,
            to_status=campaign.status,
            data={"title": campaign.title, "reason": campaign.reason},
        )
    return campaign


def set_disposition(
    campaign: CleanupCampaign, document: NormativeDocument, *, actor: User, disposition: str, note: str = ""
) -> CleanupItem:
    require(permissions.can_edit_campaign(actor, campaign))
    if disposition not in CleanupItem.Disposition.values:
        raise DomainError("清理意见不正确")
    from fazhi.documents.validity import is_in_force, status_on

    if not is_in_force(status_on(document, _today())):
        raise DomainError(f"《{document.title}》不是现行有效的文件，不纳入清理")
    if disposition != CleanupItem.Disposition.CONTINUE and not note.strip():
        raise DomainError("修改、废止或宣布失效的，应当说明理由")
    with transaction.atomic():
        item, _created = CleanupItem.objects.update_or_create(
            campaign=campaign, document=document, defaults={"disposition": disposition, "note": note.strip()}
        )
        record_event(
            "cleanup.disposition",
            actor=actor,
            obj=campaign,
            data={"document_id": document.pk, "number": document.number, "disposition": disposition},
        )
    return item


def approve_campaign(campaign: CleanupCampaign, *, actor: User) -> None:
    require(permissions.can_manage_cleanup(actor))
    if not campaign.items.exists():
        raise DomainError("清理结果为空，不能审定")
    apply_transition(
        campaign, CAMPAIGN_TRANSITIONS["approve"], actor=actor, verb="cleanup.approve", approved_on=_today()
    )


def publish_campaign(campaign: CleanupCampaign, *, actor: User) -> None:
    """Publish the result list; repeal and declaration of invalidity take effect on the
    publication date through the same validity action."""
    require(permissions.can_manage_cleanup(actor))
    today = _today()
    with transaction.atomic():
        apply_transition(
            campaign, CAMPAIGN_TRANSITIONS["publish"], actor=actor, verb="cleanup.publish", published_on=today
        )
        for item in campaign.items.select_related("document"):
            kind = CLEANUP_EVENTS.get(item.disposition)
            if kind is None:
                continue
            record_validity_event(
                item.document,
                actor=actor,
                kind=kind,
                on=today,
                campaign=campaign,
                note=f"{campaign.title}：{item.note}",
            )
