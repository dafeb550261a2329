"""Pages of legality review: the list and workbench, the request form, and the detail page where
every step is taken. Every write goes through actions.py; buttons come from
`permissions.available_actions`."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.audit import verb_label
from fazhi.core.clock import today as _today
from fazhi.core.formats import date_text
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.models import AuditEvent, User
from fazhi.core.roles import Role
from fazhi.core.workflow import DomainError
from fazhi.reviews import actions, permissions
from fazhi.reviews.forms import (
    AnswerForm,
    AssignForm,
    ConcludeForm,
    OpinionForm,
    ReturnForm,
    ReviewFilterForm,
    ReviewForm,
    WithdrawForm,
)
from fazhi.reviews.models import LegalCounsel, ReviewOpinion, ReviewRequest
from fazhi.reviews.subjects import subject_link

S = ReviewRequest.Status
PAGE_SIZE = 25

# The Chinese name of each audited step, for the timeline of the detail page.
VERB_LABELS: dict[str, Any] = {
    "review.deadlines_computed": gettext_lazy("工作日历录入后计算期限"),
    "review.create": gettext_lazy("创建送审"),
    "review.update": gettext_lazy("修改送审材料"),
    "review.submit": gettext_lazy("送审"),
    "review.withdraw": gettext_lazy("撤回"),
    "review.return": gettext_lazy("退回补充材料"),
    "review.accept": gettext_lazy("受理"),
    "review.assign": gettext_lazy("指派审核人员"),
    "review.opinion": gettext_lazy("提出审核意见"),
    "review.conclude": gettext_lazy("出具审核意见"),
    "review.answer": gettext_lazy("答复审核意见"),
    "review.close": gettext_lazy("办结"),
    "review.import": gettext_lazy("据纸质档案录入"),
    "attachment.upload": gettext_lazy("上传附件"),
}

# The states in which each step of the detail page can be taken, with its name: a step posted
# in another state (a stale page, a second tab) is refused with this name in the message.
ACTION_STATES: dict[str, tuple[frozenset[str], Any]] = {
    "submit": (actions.TRANSITIONS["submit"].sources, gettext_lazy("送审")),
    "withdraw": (actions.TRANSITIONS["withdraw"].sources, gettext_lazy("撤回")),
    "accept": (actions.TRANSITIONS["accept"].sources, gettext_lazy("受理")),
    "return": (actions.TRANSITIONS["return"].sources, gettext_lazy("退回补充材料")),
    "assign": (frozenset({S.UNDER_REVIEW}), gettext_lazy("指派审核人员")),
    "add_opinion": (frozenset({S.UNDER_REVIEW}), gettext_lazy("提出审核意见")),
    "conclude": (actions.TRANSITIONS["conclude"].sources, gettext_lazy("出具审核意见")),
    "answer": (frozenset({S.CONCLUDED}), gettext_lazy("答复审核意见")),
    "edit": (frozenset({S.DRAFT, S.RETURNED}), gettext_lazy("修改")),
}


def _visible(user: Any) -> QuerySet[ReviewRequest]:
    return ReviewRequest.objects.visible_to(user)


def _state_refusal(review: ReviewRequest, action: str) -> str | None:
    """The Chinese message when `action` cannot be taken in the review's current state."""
    states, label = ACTION_STATES[action]
    if review.status in states:
        return None
    return _("当前状态为“%(status)s”，不能%(action)s") % {
        "status": review.get_status_display(),
        "action": label,
    }


# ---------------------------------------------------------------------------------------------
# The list and the workbench


def list_tabs(user: Any) -> list[tuple[str, Any]]:
    """The "mine" views each person has, after 全部."""
    tabs: list[tuple[str, Any]] = [("", _("全部"))]
    if permissions.can_create(user):
        tabs.append(("mine", _("我的送审")))
    if permissions.is_reviewer(user):
        tabs += [("pending", _("待受理")), ("reviewing", _("审核中（我负责）"))]
    if permissions.can_view_stats(user):
        tabs.append(("overdue", _("已逾期")))
    if user.has_role(Role.LEGAL_ADVISOR):
        tabs.append(("assigned", _("指派给我的")))
    return tabs


def _tab_filter(tab: str, user: Any, today: datetime.date) -> Q:
    return {
        "mine": Q(created_by=user),
        "pending": Q(status=S.SUBMITTED),
        "reviewing": Q(status=S.UNDER_REVIEW, reviewers=user),
        "overdue": Q(status=S.UNDER_REVIEW, due_on__lt=today),
        "assigned": Q(counsel__user=user),
    }.get(tab, Q())


def _filter_reviews(
    reviews: QuerySet[ReviewRequest], form: ReviewFilterForm
) -> tuple[QuerySet[ReviewRequest], list[str]]:
    """Apply the filters that validated; return notes on those that did not."""
    notes = [
        _("已忽略无效的筛选条件“%(label)s”：%(error)s")
        % {"label": form.fields[name].label, "error": " ".join(str(e) for e in errors)}
        for name, errors in form.errors.items()
        if name in form.fields
    ]
    data = form.cleaned_data
    if data.get("status"):
        reviews = reviews.filter(status=data["status"])
    if data.get("kind"):
        reviews = reviews.filter(subject_kind=data["kind"])
    if data.get("year"):
        reviews = reviews.filter(submitted_on__year=data["year"])
    if data.get("q", "").strip():
        reviews = reviews.filter(title__icontains=data["q"].strip())
    return reviews, notes


@staff_view(permissions.can_see_reviews)
def review_list(request: HttpRequest) -> HttpResponse:
    """The requests the user may see, newest first, 25 a page; tabs for each person's own work.
    Two queries whatever the page holds: the count and the page (opinions counted in a
    subquery, division and deadline rule joined)."""
    user = request.user
    today = _today()
    tabs = list_tabs(user)
    tab = request.GET.get("view", "")
    if tab not in dict(tabs):
        tab = ""
    form = ReviewFilterForm(request.GET)
    form.is_valid()
    reviews, notes = _filter_reviews(_visible(user).filter(_tab_filter(tab, user, today)), form)
    opinion_count = (
        ReviewOpinion.objects.filter(review=OuterRef("pk"))
        .order_by()
        .values("review")
        .annotate(n=Count("pk"))
        .values("n")
    )
    reviews = (
        reviews.select_related("division", "due_rule")
        .annotate(opinion_count=Coalesce(Subquery(opinion_count, output_field=IntegerField()), Value(0)))
        .order_by("-pk")
    )
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    for review in page:
        review.overdue = review.is_overdue(today)  # type: ignore[attr-defined]
    filtered = any(form.data.get(name) for name in form.fields)
    return render(
        request,
        "reviews/list.html",
        {
            "page": page,
            "form": form,
            "notes": notes,
            "filtered": filtered,
            "tabs": tabs,
            "tab": tab,
            "can_create": permissions.can_create(user),
            "today": today,
        },
    )


# ---------------------------------------------------------------------------------------------
# Creating and editing a request


@staff_view(permissions.can_create)
def review_create(request: HttpRequest) -> HttpResponse:
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = actions.create_review(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("已创建送审草稿 %(code)s。请上传送审稿等材料，然后送审。") % {"code": review.code}
            )
            return redirect("reviews:detail", pk=review.pk)
    return render(request, "reviews/form.html", {"form": form, "review": None})


@staff_view(permissions.can_see_reviews)
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_visible_or_404(_visible(request.user), pk=pk)
    if not permissions.can_edit(request.user, review):
        refusal = _state_refusal(review, "edit")
        if refusal and permissions.is_of_division(request.user, review):
            messages.error(request, refusal)
            return redirect("reviews:detail", pk=review.pk)
        raise Http404
    initial = {"title": review.title, "legal_basis": review.legal_basis, "explanation": review.explanation}
    form = ReviewForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_review(review, actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已保存 %(code)s 的修改。") % {"code": review.code})
            return redirect("reviews:detail", pk=review.pk)
    return render(request, "reviews/form.html", {"form": form, "review": review})


# ---------------------------------------------------------------------------------------------
# The detail page


def _choice_label(choices: list[tuple[str, Any]], value: Any) -> str:
    return str(dict(choices).get(str(value), value or ""))


def _event_detail(event: AuditEvent, names: dict[str, str]) -> str:
    """A short Chinese note on what an event carried (the opinion number, the reason, …)."""
    data = event.data if isinstance(event.data, dict) else {}
    verb = event.verb
    if verb == "review.opinion":
        kind = _choice_label(ReviewOpinion.Kind.choices, data.get("kind"))
        note = _("第%(n)s条（%(kind)s）") % {"n": data.get("number"), "kind": kind}
        if data.get("counsel"):
            note += _("，法律顾问：%(name)s") % {"name": data["counsel"]}
        return note
    if verb == "review.answer":
        response = _choice_label(ReviewOpinion.Response.choices, data.get("response"))
        note = _("第%(n)s条：%(response)s") % {"n": data.get("number"), "response": response}
        return note + (f"（{data['reason']}）" if data.get("reason") else "")
    if verb in {"review.return", "review.withdraw"} and data.get("reason"):
        return _("理由：%(reason)s") % {"reason": data["reason"]}
    if verb == "review.accept" and data.get("due_on"):
        return _("审核期限至 %(day)s") % {"day": data["due_on"]}
    if verb == "review.assign":
        people = [names.get(f"user:{u}", u) for u in data.get("reviewers", [])]
        people += [names.get(f"counsel:{c}", c) for c in data.get("counsel", [])]
        return "、".join(people)
    if verb == "review.conclude":
        conclusion = _choice_label(ReviewRequest.Conclusion.choices, data.get("conclusion"))
        note = _("结论：%(c)s") % {"c": conclusion}
        if data.get("short_review_reason"):
            note += _("；提前出具理由：%(r)s") % {"r": data["short_review_reason"]}
        return note
    if verb == "attachment.upload":
        return str(data.get("name", ""))
    return ""


def _timeline(review: ReviewRequest, reviewers: list[User], counsel: list[LegalCounsel]) -> list[AuditEvent]:
    events = list(
        AuditEvent.objects.filter(object_type="reviews.reviewrequest", object_id=str(review.pk))
        .defer("prev_hash", "hash")
        .order_by("seq")
    )
    statuses = dict(S.choices)
    names = {f"user:{u.username}": u.display_name for u in reviewers}
    names.update({f"counsel:{c.certificate_number}": c.name for c in counsel})
    for event in events:
        event.verb_label = verb_label(event.verb, VERB_LABELS)  # type: ignore[attr-defined]
        event.from_label = statuses.get(event.from_status, event.from_status)  # type: ignore[attr-defined]
        event.to_label = statuses.get(event.to_status, event.to_status)  # type: ignore[attr-defined]
        event.detail = _event_detail(event, names)  # type: ignore[attr-defined]
    return events


def _step_form(
    action: str, review: ReviewRequest, today: datetime.date, data: Any = None
) -> forms.Form | None:
    """The form of a step with typed input (None for a plain button); the prefix keeps the
    field ids of the several forms on the page apart."""
    makers: dict[str, Callable[[], forms.Form]] = {
        "withdraw": lambda: WithdrawForm(data, prefix="withdraw"),
        "return": lambda: ReturnForm(data, prefix="return"),
        "assign": lambda: AssignForm(data, review=review, today=today, prefix="assign"),
        "add_opinion": lambda: OpinionForm(data, prefix="opinion"),
        "conclude": lambda: ConcludeForm(data, review=review, today=today, prefix="conclude"),
    }
    make = makers.get(action)
    return make() if make is not None else None


def _render_detail(
    request: HttpRequest,
    review: ReviewRequest,
    *,
    bound: dict[str, forms.Form] | None = None,
    answer: tuple[int, AnswerForm] | None = None,
) -> HttpResponse:
    """The detail page; `bound` and `answer` are forms that failed, shown again as filled in."""
    user = request.user
    today = _today()
    allowed = permissions.available_actions(user, review)
    action_forms = {name: form for name in allowed if (form := _step_form(name, review, today)) is not None}
    if bound is None and answer is None and (refusal := refusals.take(request)) is not None:
        # The step refused just before, as it was filled in (`core.refusals`).
        if refusal.action.startswith("answer-"):
            number = int(refusal.action.removeprefix("answer-") or 0)
            answer = (number, refusal.restore(AnswerForm(refusal.data, prefix=refusal.action)))  # type: ignore[assignment]
        else:
            bound = refusal.steps(STEPS, lambda name, data: _step_form(name, review, today, data))
    action_forms.update(bound or {})
    reviewers = list(review.reviewers.order_by("full_name", "username"))
    counsel = list(review.counsel.order_by("kind", "name"))
    opinions = list(review.opinions.select_related("author", "counsel", "responded_by").order_by("number"))
    for opinion in opinions:
        form = None
        if answer is not None and answer[0] == opinion.number:
            form = answer[1]
        elif "answer" in allowed and not opinion.response:
            form = AnswerForm(prefix=f"answer-{opinion.number}")
        opinion.answer_form = form  # type: ignore[attr-defined]
    context = {
        "review": review,
        "subject_link": subject_link(review, user),
        "allowed": allowed,
        "forms": action_forms,
        "opinions": opinions,
        "reviewers": reviewers,
        "counsel": counsel,
        "events": _timeline(review, reviewers, counsel),
        "overdue": review.is_overdue(today),
        "today": today,
        "early": bool(review.earliest_conclusion_on and today < review.earliest_conclusion_on),
        "has_letter": review.status in {S.CONCLUDED, S.CLOSED},
        "unanswered": sum(1 for o in opinions if not o.response),
    }
    return render(request, "reviews/detail.html", context)


def _get_review(request: HttpRequest, pk: int) -> ReviewRequest:
    queryset = _visible(request.user).select_related("division", "due_rule", "created_by", "concluded_by")
    return get_visible_or_404(queryset, pk=pk)


@staff_view(permissions.can_see_reviews)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_review(request, pk))


# ---------------------------------------------------------------------------------------------
# The steps, each a POST from the detail page


def _success_message(action: str, review: ReviewRequest, result: Any) -> str:
    if action == "accept":
        return _("已受理，审核期限至 %(day)s。") % {"day": date_text(review.due_on)}
    if action == "add_opinion":
        return _("已记录第%(n)s条审核意见。") % {"n": result.number}
    if action == "conclude":
        if review.status == S.CLOSED:
            return _("已出具审核意见；没有需要答复的意见，本审核已办结。")
        return _("已出具审核意见，请送审处室逐条答复。")
    return {
        "submit": _("已送审，等待政策法规处受理。"),
        "withdraw": _("已撤回。"),
        "return": _("已退回送审处室补充材料。"),
        "assign": _("已指派。"),
    }[action]


def _run(action: str, review: ReviewRequest, user: Any, data: dict[str, Any]) -> Any:
    """Call the action behind a step of the detail page with the form's cleaned data."""
    if action == "submit":
        return actions.submit_review(review, actor=user)
    if action == "withdraw":
        return actions.withdraw_review(review, actor=user, reason=data["reason"])
    if action == "accept":
        return actions.accept_review(review, actor=user)
    if action == "return":
        return actions.return_review(review, actor=user, reason=data["reason"])
    if action == "assign":
        return actions.assign_review(review, actor=user, reviewers=data["reviewers"], counsel=data["counsel"])
    if action == "add_opinion":
        return actions.add_opinion(
            review, actor=user, text=data["text"], kind=data["kind"], legal_basis=data["legal_basis"]
        )
    if action == "conclude":
        return actions.conclude_review(
            review,
            actor=user,
            conclusion=data["conclusion"],
            text=data["text"],
            short_review_reason=data.get("short_review_reason", ""),
        )
    raise Http404


STEPS = {"submit", "withdraw", "accept", "return", "assign", "add_opinion", "conclude"}
# Who may ever take each step, whatever the review's state.
MAY_TAKE: dict[str, Callable[[Any, ReviewRequest], bool]] = {
    "submit": permissions.is_of_division,
    "withdraw": permissions.is_of_division,
    "accept": lambda user, review: permissions.is_reviewer_of(user, review),
    "return": lambda user, review: permissions.is_reviewer_of(user, review),
    "assign": lambda user, review: permissions.is_reviewer_of(user, review),
    "add_opinion": lambda user, review: (
        permissions.is_reviewer_of(user, review) or permissions.is_assigned_counsel(user, review)
    ),
    "conclude": lambda user, review: permissions.is_reviewer_of(user, review),
}


@require_POST
@staff_view(permissions.can_see_reviews)
def review_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step. A step the state no longer allows is refused with the reason; a step the user
    may never take answers 404. A refused step with typed input shows the page again with the
    input kept and the reason next to the form."""
    if action not in STEPS:
        raise Http404
    user = request.user
    review = _get_review(request, pk)
    if not MAY_TAKE[action](user, review):
        # Permission first (issue 15): neither the state nor a name in the form is revealed.
        raise Http404
    refusal = _state_refusal(review, action)
    if refusal:
        messages.error(request, refusal)
        return redirect("reviews:detail", pk=review.pk)
    if action not in permissions.available_actions(user, review):
        raise Http404
    form = _step_form(action, review, _today(), request.POST)
    page = reverse("reviews:detail", args=[review.pk])
    if form is not None:
        if not form.is_valid():
            return refusals.refuse(request, form, action=action, to=page)
    try:
        result = _run(action, review, user, form.cleaned_data if form is not None else {})
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        if form is None:
            messages.error(request, str(exc))
            return redirect("reviews:detail", pk=review.pk)
        form.add_error(None, str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    messages.success(request, _success_message(action, review, result))
    return redirect("reviews:detail", pk=review.pk)


@require_POST
@staff_view(permissions.can_see_reviews)
def opinion_answer(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The submitting division answers one opinion; the last answer closes the review."""
    user = request.user
    review = _get_review(request, pk)
    opinion = review.opinions.filter(number=number).first()
    if opinion is None:
        raise Http404
    refusal = _state_refusal(review, "answer")
    if refusal:
        messages.error(request, refusal)
        return redirect("reviews:detail", pk=review.pk)
    if "answer" not in permissions.available_actions(user, review):
        raise Http404
    form = AnswerForm(request.POST, prefix=f"answer-{number}")
    if form.is_valid():
        try:
            actions.answer_opinion(
                opinion,
                actor=user,  # type: ignore[arg-type]
                response=form.cleaned_data["response"],
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            review.refresh_from_db(fields=["status"])
            if review.status == S.CLOSED:
                messages.success(
                    request, _("已答复第%(n)s条意见。全部意见均已答复，本审核已办结。") % {"n": number}
                )
            else:
                messages.success(request, _("已答复第%(n)s条意见。") % {"n": number})
            return redirect(reverse("reviews:detail", args=[review.pk]) + "#opinions")
    return refusals.refuse(
        request,
        form,
        action=f"answer-{number}",
        to=reverse("reviews:detail", args=[review.pk]) + "#opinions",
        message=_("第%(n)s条意见未能答复，请按提示修改。") % {"n": number},
    )
