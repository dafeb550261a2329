"""Staff pages of normative documents: the list, drafting, the detail page where every step of
the lifecycle is taken and the version diff. Every write goes through actions.py; the buttons
and forms come from `permissions.available_actions`; a step the person may never take answers
404. The filing pages and the figures are in filing_views.py, the cleanups in cleanup_views.py;
their views are named here too, for urls.py."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.attachments import AttachmentRejected
from fazhi.core.calendar import deadline_cache, stored_deadline
from fazhi.core.deadlines import missing_year
from fazhi.core.formats import date_text
from fazhi.core.http import get_visible_or_404, mark_openable, staff_view
from fazhi.core.permissions import is_staff_member
from fazhi.core.workflow import DomainError
from fazhi.documents import actions, permissions
from fazhi.documents.cleanup_views import cleanup_action, cleanup_create, cleanup_detail, cleanup_list
from fazhi.documents.diff import diff_rows
from fazhi.documents.filing_views import filing_action, filing_detail, filing_list, stats_page
from fazhi.documents.forms import (
    AbandonForm,
    CommentAnswerForm,
    CorrectionForm,
    DeliberationForm,
    DocumentFilterForm,
    DocumentForm,
    FileForm,
    InternalCommentForm,
    IssueForm,
    PublishForm,
    SolicitationForm,
    StatusOnForm,
    SubmitForReviewForm,
    ValidityForm,
    VersionForm,
)
from fazhi.documents.models import (
    Comment,
    Filing,
    NormativeDocument,
    ValidityEvent,
)
from fazhi.documents.validity import banner, status_on
from fazhi.documents.view_helpers import (
    PAGE_SIZE,
    filings_visible_to,
    filter_notes,
    is_leadership,
    local_today,
    place_error,
    reviews_of,
    safe_deadline,
    timeline,
)
from fazhi.reviews.gate import review_gate
from fazhi.reviews.models import ReviewRequest

# The views urls.py names that live in the other page modules.
__all__ = [
    "cleanup_action",
    "cleanup_create",
    "cleanup_detail",
    "cleanup_list",
    "comment_answer",
    "document_action",
    "document_create",
    "document_detail",
    "document_list",
    "filing_action",
    "filing_detail",
    "filing_list",
    "stats_page",
    "version_diff",
]

S = NormativeDocument.Status
T = actions.TRANSITIONS


# ---------------------------------------------------------------------------------------------
# The list


@staff_view(permissions.can_see_documents)
def document_list(request: HttpRequest) -> HttpResponse:
    """The documents the user may see, 25 a page, newest first. Three queries whatever the page
    holds: the count, the page (division and filing joined, the long texts left out) and the
    validity events."""
    user = request.user
    form = DocumentFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    documents = NormativeDocument.objects.visible_to(user)
    if data.get("status"):
        documents = documents.filter(status=data["status"])
    if data.get("year"):
        year = data["year"]
        documents = documents.filter(
            Q(published_on__year=year) | Q(published_on__isnull=True, created_at__year=year)
        )
    if (data.get("q") or "").strip():
        q = data["q"].strip()
        documents = documents.filter(Q(title__icontains=q) | Q(number__icontains=q))
    documents = (
        documents.select_related("division", "filing")
        .defer("body", "search_text", "summary", "filing__explanation")
        .prefetch_related("validity_events")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    today = local_today()
    for document in page:
        document.validity = status_on(document, today) if document.published_on else None  # type: ignore[attr-defined]
        document.filing_row = getattr(document, "filing", None)  # type: ignore[attr-defined]
    return render(
        request,
        "documents/list.html",
        {
            "page": page,
            "form": form,
            "notes": filter_notes(form),
            "filtered": any(form.data.get(name) for name in form.fields),
            "can_draft": permissions.can_draft(user),
            "today": today,
        },
    )


@staff_view(permissions.can_draft)
def document_create(request: HttpRequest) -> HttpResponse:
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = actions.create_document(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            place_error(form, [("名称", "title"), ("文本", "text")], str(exc))
        else:
            messages.success(request, _("已创建《%(title)s》（第 1 版）。") % {"title": document.title})
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/form.html", {"form": form})


# ---------------------------------------------------------------------------------------------
# The detail page


@dataclass(frozen=True)
class Step:
    """A step of the detail page: who may ever take it (else 404), the states it is taken in
    (else a Chinese refusal naming the current state and the rule), and its name."""

    may: Callable[[Any, NormativeDocument], bool]
    states: frozenset[str]
    label: Any
    rule: Any = ""


def _commenter(user: Any, document: NormativeDocument) -> bool:
    return is_staff_member(user) and user.organization_id is not None


STEPS: dict[str, Step] = {
    "edit": Step(
        permissions.is_drafter_of,
        # Under review only once the review has concluded (permissions.can_edit): the new
        # version then goes back to review.
        frozenset({S.DRAFTING, S.SOLICITING, S.UNDER_REVIEW, S.DELIBERATED}),
        gettext_lazy("修改文本"),
    ),
    "open_solicitation": Step(
        permissions.is_drafter_of, T["open_solicitation"].sources, T["open_solicitation"].label
    ),
    "comment": Step(_commenter, frozenset({S.SOLICITING}), gettext_lazy("提出意见")),
    "submit_for_review": Step(
        permissions.is_drafter_of,
        T["submit_for_review"].sources,
        T["submit_for_review"].label,
        T["submit_for_review"].rule,
    ),
    "record_deliberation": Step(
        lambda u, d: permissions.can_issue(u) or is_leadership(u),
        T["deliberate"].sources,
        gettext_lazy("记录集体审议"),
        T["deliberate"].rule,
    ),
    "issue": Step(
        lambda u, d: permissions.can_issue(u), T["issue"].sources, T["issue"].label, T["issue"].rule
    ),
    "publish": Step(
        lambda u, d: permissions.can_issue(u), T["publish"].sources, T["publish"].label, T["publish"].rule
    ),
    "file": Step(
        lambda u, d: permissions.can_issue(u) or permissions.is_drafter_of(u, d),
        frozenset({S.PUBLISHED}),
        gettext_lazy("报送备案"),
        gettext_lazy("公布后方可报送备案"),
    ),
    "abandon": Step(permissions.is_drafter_of, T["abandon"].sources, T["abandon"].label),
    # The drafting division answers a deferral of the filing from the document page (the
    # filing pages are the Justice Bureau's and the legal affairs division's).
    "answer_correction": Step(
        lambda u, d: permissions.can_issue(u) or permissions.is_drafter_of(u, d),
        frozenset({S.PUBLISHED}),
        gettext_lazy("报送纠正情况"),
    ),
    "record_validity": Step(
        lambda u, d: permissions.can_manage_cleanup(u),
        frozenset({S.PUBLISHED}),
        gettext_lazy("记录效力变化"),
        gettext_lazy("仅已公布的文件有效力变化"),
    ),
}

# Words of an action's refusal → the field it concerns, so the message stands next to it.
FIELD_HINTS: dict[str, list[tuple[str, str]]] = {
    "edit": [("文本", "text")],
    "open_solicitation": [("", "closes_on")],
    "comment": [("意见", "text")],
    "submit_for_review": [("法律依据", "legal_basis"), ("起草说明", "explanation")],
    "record_deliberation": [
        ("审议日期", "meeting_on"),
        ("会议纪要", "minutes"),
        ("审议会议", "meeting_name"),
        ("审议结果", "outcome"),
    ],
    "issue": [("签发人", "signed_by")],
    "publish": [("施行日期", "effective_on"), ("公布日期", "published_on"), ("公布载体", "channel")],
    "file": [("起草说明", "explanation")],
    "abandon": [("理由", "reason")],
    "answer_correction": [("纠正情况", "answer")],
    "record_validity": [
        ("据以修改", "by_document"),
        ("自身", "by_document"),
        ("日期", "on"),
        ("事项", "kind"),
    ],
}


def _refusal(document: NormativeDocument, step: Step) -> str | None:
    if document.status in step.states:
        return None
    message = _("当前状态为“%(status)s”，不能%(action)s") % {
        "status": document.get_status_display(),
        "action": step.label,
    }
    return message + (f"（{step.rule}）" if step.rule else "")


def _window_open(document: NormativeDocument, today: datetime.date) -> bool:
    return bool(
        document.status == S.SOLICITING
        and document.comment_opens_on
        and document.comment_closes_on
        and document.comment_opens_on <= today <= document.comment_closes_on
    )


def _step_form(
    action: str, document: NormativeDocument, today: datetime.date, data: Any = None, files: Any = None
) -> forms.Form:
    makers: dict[str, Callable[[], forms.Form]] = {
        "edit": lambda: VersionForm(
            data, prefix="edit", initial={"text": actions.current_text(document)} if data is None else None
        ),
        "open_solicitation": lambda: SolicitationForm(data, prefix="solicit"),
        "comment": lambda: InternalCommentForm(data, prefix="comment"),
        "submit_for_review": lambda: SubmitForReviewForm(data, prefix="submit"),
        "record_deliberation": lambda: DeliberationForm(
            data, files, prefix="deliberation", initial={"meeting_on": today}
        ),
        "issue": lambda: IssueForm(data, prefix="issue"),
        "publish": lambda: PublishForm(
            data, prefix="publish", initial={"published_on": today, "effective_on": today}
        ),
        "file": lambda: FileForm(data, prefix="file"),
        "abandon": lambda: AbandonForm(data, prefix="abandon"),
        "answer_correction": lambda: CorrectionForm(data, prefix="correction"),
        "record_validity": lambda: ValidityForm(data, prefix="validity", document=document),
    }
    return makers[action]()


def _refused_forms(
    request: HttpRequest, document: NormativeDocument, today: datetime.date, names: list[str]
) -> tuple[dict[str, forms.Form], tuple[int, CommentAnswerForm] | None]:
    """The step refused just before (`core.refusals`): its form as it was filled in, with the
    reason next to the field; an opinion's answer form is `answer-<id>`."""
    refusal = refusals.take(request)
    if refusal is None:
        return {}, None
    if refusal.action.startswith("answer-"):
        comment_id = int(refusal.action.removeprefix("answer-") or 0)
        form = CommentAnswerForm(refusal.data, prefix=refusal.action)
        refusal.restore(form)
        return {}, (comment_id, form)
    return refusal.steps(names, lambda name, data: _step_form(name, document, today, data)), None


def _render_detail(
    request: HttpRequest,
    document: NormativeDocument,
    *,
    bound: dict[str, forms.Form] | None = None,
    answer: tuple[int, CommentAnswerForm] | None = None,
) -> HttpResponse:
    """The detail page; `bound` and `answer` are forms that failed, shown again as they were
    filled in with the reason next to the field."""
    user = request.user
    today = local_today()
    allowed = permissions.available_actions(user, document)
    step_names = [name for name in STEPS if name in allowed]
    if _window_open(document, today) and _commenter(user, document):
        step_names.insert(0, "comment")
    step_forms = {name: _step_form(name, document, today) for name in step_names}
    if bound is None and answer is None:
        bound, answer = _refused_forms(request, document, today, [*STEPS, "comment", "answer_correction"])
    step_forms.update(bound or {})
    correction = step_forms.pop("answer_correction", None)

    versions = list(document.versions.select_related("created_by").order_by("-number"))
    comments = list(document.comments.select_related("answered_by"))
    for comment in comments:
        form = None
        if answer is not None and answer[0] == comment.pk:
            form = answer[1]
        elif "answer_comments" in allowed and not comment.adoption:
            form = CommentAnswerForm(prefix=f"answer-{comment.pk}")
        comment.answer_form = form  # type: ignore[attr-defined]

    reviews = reviews_of(document)
    mark_openable(reviews, ReviewRequest.objects.visible_to(user))
    gate = review_gate(document, kind=ReviewRequest.SubjectKind.NORMATIVE_DOCUMENT) if reviews else None

    filing = Filing.objects.filter(document=document).select_related("due_rule", "authority").first()
    with deadline_cache():
        solicitation_minimum, solicitation_note = (None, "")
        if "open_solicitation" in step_forms:
            solicitation_minimum, solicitation_note = safe_deadline(
                today, actions.comment_rule_code(document)
            )
        filing_deadline, filing_note = (None, "")
        if filing is not None:
            filing_deadline = stored_deadline(document.published_on, filing.due_on, filing.due_rule)
        elif document.published_on:
            filing_deadline, filing_note = safe_deadline(document.published_on, "document.filing")
        evaluation, evaluation_note = (None, "")
        if document.expires_on:
            evaluation, evaluation_note = safe_deadline(
                document.expires_on, "document.evaluation_before_expiry"
            )
    validity_events = list(document.validity_events.select_related("by_document", "campaign"))
    status_form = StatusOnForm(request.GET if "on" in request.GET else None)
    status_answer = None
    if status_form.is_bound and status_form.is_valid():
        day = status_form.cleaned_data["on"]
        status_answer = (day, status_on(document, day, validity_events))

    context = {
        "document": document,
        "allowed": allowed,
        "forms": step_forms,
        "versions": versions,
        "current": versions[0] if versions else None,
        "comments": comments,
        "unanswered": sum(1 for c in comments if not c.adoption),
        "window_open": _window_open(document, today),
        "reviews": reviews,
        "gate": gate,
        "filing": filing,
        "filing_deadline": filing_deadline,
        "filing_note": filing_note,
        "filing_overdue": bool(
            filing is None and filing_deadline is not None and filing_deadline.due < today
        ),
        "can_see_filing": filing is not None and filings_visible_to(user).filter(pk=filing.pk).exists(),
        "correction_form": correction
        or (
            _step_form("answer_correction", document, today)
            if filing and permissions.can_answer_correction(user, filing)
            else None
        ),
        "solicitation_minimum": solicitation_minimum,
        "solicitation_note": solicitation_note,
        "comment_rule_deadline": stored_deadline(
            document.comment_opens_on, document.comment_closes_on, document.comment_rule
        ),
        "expiry": stored_deadline(document.effective_on, document.expires_on, document.validity_rule),
        "evaluation": evaluation,
        "evaluation_note": evaluation_note,
        "evaluated": [e for e in validity_events if e.kind == ValidityEvent.Kind.EVALUATED],
        "validity_events": validity_events,
        "banner": banner(document, today) if document.published_on else "",
        "validity_now": status_on(document, today, validity_events) if document.published_on else None,
        "status_form": status_form,
        "status_answer": status_answer,
        "events": timeline(document, filing),
        "today": today,
    }
    return render(request, "documents/detail.html", context)


def _get_document(request: HttpRequest, pk: int) -> NormativeDocument:
    queryset = NormativeDocument.objects.visible_to(request.user).select_related(
        "division", "agency", "created_by", "comment_rule", "validity_rule"
    )
    return get_visible_or_404(queryset, pk=pk)


@staff_view(permissions.can_see_documents)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_document(request, pk))


# ---------------------------------------------------------------------------------------------
# The version diff


def _version_number(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


@staff_view(permissions.can_see_documents)
def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side (?a=1&b=2; by default the latest against the one before)."""
    document = _get_document(request, pk)
    versions = {v.number: v for v in document.versions.select_related("created_by")}
    if not versions:
        raise Http404
    notes: list[str] = []
    latest = max(versions)
    b = _version_number(request.GET.get("b"))
    a = _version_number(request.GET.get("a"))
    if b not in versions:
        if request.GET.get("b"):
            notes.append(_("没有第 %(n)s 版，已改为最新版本。") % {"n": request.GET.get("b", "")[:10]})
        b = latest
    if a not in versions:
        if request.GET.get("a"):
            notes.append(_("没有第 %(n)s 版，已改为前一版本。") % {"n": request.GET.get("a", "")[:10]})
        a = max([n for n in versions if n < b], default=b)
    rows = diff_rows(versions[a].text, versions[b].text)
    changes_only = request.GET.get("changes") == "1"
    counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in ("insert", "delete", "replace")}
    return render(
        request,
        "documents/diff.html",
        {
            "document": document,
            "versions": sorted(versions.values(), key=lambda v: v.number),
            "old": versions[a],
            "new": versions[b],
            "rows": [r for r in rows if r.kind != "equal"] if changes_only else rows,
            "changes_only": changes_only,
            "counts": counts,
            "same": a == b,
            "notes": notes,
        },
    )


# ---------------------------------------------------------------------------------------------
# The steps, each a POST from the detail page


def _run(action: str, document: NormativeDocument, user: Any, data: dict[str, Any]) -> Any:
    if action == "edit":
        return actions.add_version(document, actor=user, text=data["text"], note=data["note"])
    if action == "open_solicitation":
        return actions.open_solicitation(document, actor=user, closes_on=data["closes_on"])
    if action == "comment":
        organization = user.organization
        return actions.add_comment(
            document,
            text=data["text"],
            source=Comment.Source.INTERNAL,
            author_name=f"{organization.name} {user.display_name}",
            actor=user,
        )
    if action == "submit_for_review":
        return actions.submit_for_review(
            document, actor=user, legal_basis=data["legal_basis"], explanation=data["explanation"]
        )
    if action == "record_deliberation":
        return actions.record_deliberation(
            document,
            actor=user,
            meeting_name=data["meeting_name"],
            meeting_on=data["meeting_on"],
            outcome=data["outcome"],
            notes=data["notes"],
            minutes=data["minutes"],
        )
    if action == "issue":
        return actions.issue_document(document, actor=user, signed_by=data["signed_by"])
    if action == "publish":
        return actions.publish_document(
            document,
            actor=user,
            published_on=data["published_on"],
            effective_on=data["effective_on"],
            channel=data["channel"],
        )
    if action == "file":
        return actions.file_document(document, actor=user, explanation=data["explanation"])
    if action == "abandon":
        return actions.abandon_document(document, actor=user, reason=data["reason"])
    if action == "answer_correction":
        return actions.answer_correction(document.filing, actor=user, answer=data["answer"])
    if action == "record_validity":
        return actions.record_validity_event(
            document,
            actor=user,
            kind=data["kind"],
            on=data["on"],
            by_document=data["by_document"],
            note=data["note"],
        )
    raise Http404


def _success_message(action: str, document: NormativeDocument, result: Any) -> str:
    if action == "edit":
        return _("已保存第 %(n)s 版。") % {"n": result.number}
    if action == "open_solicitation":
        return _("已公开征求意见，截止 %(d)s。") % {"d": date_text(document.comment_closes_on)}
    if action == "submit_for_review":
        return _("已送请合法性审核（%(code)s），等待政策法规处受理。") % {"code": result.code}
    if action == "record_deliberation":
        return _("已记录集体审议：%(o)s。") % {"o": document.get_outcome_display()}
    if action == "issue":
        return _("已统一编号印发：%(n)s。") % {"n": document.number}
    if action == "publish":
        return _("已公布，%(e)s 起施行，有效期至 %(x)s。") % {
            "e": date_text(document.effective_on),
            "x": date_text(document.expires_on),
        }
    if action == "file":
        if result.due_on is None:
            return _("已报送司法局备案；报送期限待录入 %(y)s 年工作日历后计算。") % {
                "y": missing_year(result.document.published_on)
            }
        timing = _("按期报送") if result.on_time else _("逾期报送")
        return _("已报送司法局备案（报送期限 %(d)s，%(t)s）。") % {
            "d": date_text(result.due_on),
            "t": timing,
        }
    if action == "record_validity":
        return _("已记录：%(k)s（%(d)s）。") % {
            "k": result.get_kind_display(),
            "d": date_text(result.on),
        }
    return {
        "comment": _("已提交意见。"),
        "abandon": _("已终止制定。"),
        "answer_correction": _("已报送纠正情况，等待司法局复审。"),
    }[action]


@require_POST
@staff_view(permissions.can_see_documents)
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step. A step the person may never take answers 404; one the state does not allow
    is refused with the current state and the rule; a refused step shows the page again with
    the input kept and the reason next to the field."""
    step = STEPS.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    document = _get_document(request, pk)
    if not step.may(user, document):
        raise Http404
    refusal = _refusal(document, step)
    if refusal:
        messages.error(request, refusal)
        return redirect("documents:detail", pk=document.pk)
    filing = Filing.objects.filter(document=document).first()
    if action == "file" and filing is not None:
        messages.error(request, _("该文件已报送备案"))
        return redirect("documents:detail", pk=document.pk)
    if action == "answer_correction" and (filing is None or filing.status != Filing.Status.DEFERRED):
        state = filing.get_status_display() if filing else _("未报送备案")
        messages.error(request, _("当前备案状态为“%(s)s”，不能报送纠正情况") % {"s": state})
        return redirect(reverse("documents:detail", args=[document.pk]) + "#filing")
    form = _step_form(action, document, local_today(), request.POST, request.FILES)
    page = reverse("documents:detail", args=[document.pk])
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    try:
        result = _run(action, document, user, form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except AttachmentRejected as exc:
        form.add_error("minutes" if "minutes" in form.fields else None, str(exc))
        return refusals.refuse(request, form, action=action, to=page)
    except DomainError as exc:
        place_error(form, FIELD_HINTS.get(action, []), str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    messages.success(request, _success_message(action, document, result))
    anchor = "#filing" if action == "answer_correction" else ""
    return redirect(reverse("documents:detail", args=[document.pk]) + anchor)


@require_POST
@staff_view(permissions.can_see_documents)
def comment_answer(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    """The drafting division answers one opinion."""
    user: Any = request.user
    document = _get_document(request, pk)
    comment = document.comments.filter(pk=comment_id).first()
    if comment is None or not permissions.is_drafter_of(user, document):
        raise Http404
    if not permissions.can_answer_comments(user, document):
        messages.error(
            request,
            _("当前状态为“%(status)s”，不能答复意见") % {"status": document.get_status_display()},
        )
        return redirect("documents:detail", pk=document.pk)
    prefix = f"answer-{comment.pk}"
    form = CommentAnswerForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            actions.answer_comment(
                comment,
                actor=user,
                adoption=form.cleaned_data["adoption"],
                answer=form.cleaned_data["answer"],
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            place_error(form, [("答复", "answer"), ("采纳", "adoption")], str(exc))
        else:
            messages.success(request, _("已答复该条意见。"))
            return redirect(reverse("documents:detail", args=[document.pk]) + "#comments")
    return refusals.refuse(
        request,
        form,
        action=prefix,
        to=reverse("documents:detail", args=[document.pk]) + "#comments",
        message=_("意见未能答复，请按提示修改。"),
    )
