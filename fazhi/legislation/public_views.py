"""The public pages of legislation at /legislation/: the drafts open for comment and each draft
with its comment form. A citizen comments without an account, behind the same protection as the
decisions' comment form (`core.captcha`: an offline arithmetic challenge; a honeypot; a
per-address rate limit). Contact details are kept for the drafting agency and never shown."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core import captcha
from fazhi.core.agencies import filter_public
from fazhi.core.calendar import rule_period_label
from fazhi.core.ratelimit import RateLimit
from fazhi.core.workflow import DomainError
from fazhi.legislation import actions
from fazhi.legislation.forms import PublicCommentForm
from fazhi.legislation.models import LegislativeProject

COMMENTS = RateLimit("legislation-comments", limit=5, window_seconds=600)
CAPTCHA_FAILURES = RateLimit("legislation-captcha-failures", limit=10, window_seconds=600)
MAX_ID = 2**31 - 1


def _open(day: Any) -> Any:
    return LegislativeProject.objects.filter(
        stage=LegislativeProject.Stage.PUBLIC_COMMENT, comment_opens_on__lte=day, comment_closes_on__gte=day
    ).select_related("division", "comment_rule", "agency")


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    day = timezone.localdate()
    return render(
        request,
        "legislation/public/index.html",
        {"drafts": filter_public(_open(day), request).order_by("comment_closes_on", "pk")},
    )


def _render(
    request: HttpRequest, project: LegislativeProject, form: PublicCommentForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "legislation/public/draft.html",
        {
            "project": project,
            "form": form,
            "challenge": captcha.new_challenge(request),
            "rule_period": rule_period_label(project.comment_rule) if project.comment_rule else "",
            "comment_limit": COMMENTS,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft open for comment: its text and explanation, the window, and the form."""
    if pk > MAX_ID:
        raise Http404
    project = _open(timezone.localdate()).filter(pk=pk).first()
    if project is None:
        raise Http404
    if request.method != "POST":
        return _render(request, project, PublicCommentForm())
    form = PublicCommentForm(request.POST)
    screened = captcha.screen(request, form, submissions=COMMENTS, failures=CAPTCHA_FAILURES, kept="意见")
    if screened.bot:
        # A bot filled in the hidden field: thanked as a person would be, and nothing is kept.
        messages.success(request, _("您的意见已提交，感谢参与。"))
        return redirect("public_legislation:draft", pk=project.pk)
    if screened.status:
        return _render(request, project, form, status=screened.status)
    try:
        actions.add_comment(
            project,
            text=form.cleaned_data["text"],
            author_name=form.cleaned_data["author_name"],
            contact=form.cleaned_data["contact"],
        )
    except DomainError as exc:
        form.add_error(None, str(exc))
        return _render(request, project, form, status=409)
    COMMENTS.hit(request)
    messages.success(request, _("您的意见已提交，感谢参与。我们将逐条研究并答复。"))
    return redirect("public_legislation:draft", pk=project.pk)
