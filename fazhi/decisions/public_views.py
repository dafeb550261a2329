"""The public pages of major decisions at /decisions/ (no account needed): each year's published
catalog with its adjustments, the drafts open for comment with the comment form, the answered
comments and adoption reports once a window has closed, and the published decisions.

Nothing unpublished is shown: a catalog version only once published, a consultation from the
day it opened, a decision from its publication date. The only write, a citizen's comment, goes
through `actions.add_public_comment`, behind a honeypot, an offline captcha and a per-address
rate limit (core/captcha.py, core/ratelimit.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core import captcha
from fazhi.core.agencies import agencies, filter_public, public_department
from fazhi.core.calendar import rule_period_label
from fazhi.core.clock import today
from fazhi.core.formats import date_text
from fazhi.core.models import Organization
from fazhi.core.ratelimit import RateLimit
from fazhi.core.workflow import DomainError
from fazhi.decisions import actions
from fazhi.decisions.models import (
    CatalogEntry,
    Consultation,
    DecisionCatalog,
    DecisionComment,
    ExecutionReport,
    ExpertOpinion,
    MajorDecision,
    Step,
    open_consultations,
)

G = MajorDecision.Stage
PUBLISHED = DecisionCatalog.Status.PUBLISHED

# Catalog years the pages and the API answer for (713号 took effect in 2019; the bureau's
# first catalog is 2021). Outside them: 404 here, 422 in the API.
MIN_YEAR, MAX_YEAR = 2000, 2099
# Ids beyond this cannot be a row, and SQLite overflows on integers above 2^63 − 1.
MAX_ID = 2**63 - 1

COMMENTS = RateLimit("decision-comments", limit=5, window_seconds=600)
# Wrong captcha answers from one address; beyond it, guessing is stopped for the window.
CAPTCHA_FAILURES = RateLimit("decision-captcha-failures", limit=10, window_seconds=600)

CHANGE_LABELS = {
    "added": gettext_lazy("新增"),
    "removed": gettext_lazy("调出"),
    "changed": gettext_lazy("变更"),
}
CHANGE_BADGES = {"added": "badge-ok", "removed": "badge-bad", "changed": "badge-warn"}
# Matters a page of the public catalog.
CATALOG_PAGE_SIZE = 50
# Long texts of a matter that the catalog pages do not show.
DECISION_TEXTS = ("legal_basis", "reason", "draft_text", "explanation", "decision_text")


# ---------------------------------------------------------------------------------------------
# Queries shared with the API


def published_versions(year: int, agency_id: int) -> list[DecisionCatalog]:
    """The published versions of one department's `year` catalog, oldest first: every
    department (decision organ) of the city publishes its own."""
    return list(
        DecisionCatalog.objects.filter(year=year, status=PUBLISHED, agency_id=agency_id)
        .select_related("agency")
        .order_by("version")
    )


def catalog_departments(year: int, department: Organization | None = None) -> list[Organization]:
    """The departments that have published a catalog of `year` (only `department`, if one is
    chosen), in the portal's order."""
    ids = DecisionCatalog.objects.filter(year=year, status=PUBLISHED).values("agency_id")
    found = agencies().filter(pk__in=ids)
    if department is not None:
        found = found.filter(pk=department.pk)
    return list(found)


@dataclass(frozen=True)
class Change:
    """How a matter changed in an adjustment: 新增, 调出 or 变更 (with what it was before)."""

    kind: str
    entry: CatalogEntry
    before: CatalogEntry | None = None

    @property
    def label(self) -> str:
        return str(CHANGE_LABELS[self.kind])

    @property
    def badge(self) -> str:
        return CHANGE_BADGES[self.kind]

    @property
    def fields(self) -> list[tuple[str, str, str]]:
        """(field, before, after) of each changed field of a 变更."""
        if self.before is None:
            return []
        rows = [
            (_("决策事项"), self.before.title, self.entry.title),
            (_("承办处室"), self.before.lead_division_name, self.entry.lead_division_name),
            (_("计划完成"), _date(self.before.planned_end), _date(self.entry.planned_end)),
        ]
        return [row for row in rows if row[1] != row[2]]


def _date(day: datetime.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else "—"


def changes_between(entries: list[CatalogEntry], previous: list[CatalogEntry] | None) -> list[Change]:
    """The changes of a version against the one it adjusted (none for the first version). The
    mark each entry carries is authoritative; a difference of text also counts as 变更."""
    if previous is None:
        return []
    before = {e.decision_id: e for e in previous if e.change != "removed"}
    changes = []
    for entry in entries:
        old = before.get(entry.decision_id)
        if entry.change == "removed":
            changes.append(Change("removed", entry, old))
        elif entry.change == "added" or old is None:
            changes.append(Change("added", entry))
        elif entry.change == "changed" or (entry.title, entry.lead_division_name, entry.planned_end) != (
            old.title,
            old.lead_division_name,
            old.planned_end,
        ):
            changes.append(Change("changed", entry, old))
    return changes


@dataclass
class CatalogView:
    catalog: DecisionCatalog
    entries: list[CatalogEntry]
    changes: list[Change]

    @property
    def items(self) -> list[CatalogEntry]:
        return [e for e in self.entries if e.change != "removed"]


def catalog_history(year: int, agency_id: int) -> list[CatalogView]:
    """Every published version of one department's catalog of the year with its entries and
    changes, oldest first. Two queries whatever the number of versions and matters."""
    versions = published_versions(year, agency_id)
    if not versions:
        return []
    entries = (
        CatalogEntry.objects.filter(catalog__in=versions)
        .select_related("decision", "decision__consultation")
        # The matters' long texts are never shown here: a catalog of a thousand is read without them.
        .defer(*(f"decision__{name}" for name in DECISION_TEXTS), "decision__consultation__draft_text")
        .order_by("catalog_id", "pk")
    )
    by_catalog: dict[int, list[CatalogEntry]] = {v.pk: [] for v in versions}
    for entry in entries:
        by_catalog[entry.catalog_id].append(entry)
    views: list[CatalogView] = []
    for version in versions:
        previous = by_catalog.get(version.previous_id) if version.previous_id else None
        views.append(
            CatalogView(version, by_catalog[version.pk], changes_between(by_catalog[version.pk], previous))
        )
    return views


def public_consultations(day: datetime.date) -> QuerySet[Consultation]:
    """Consultations whose draft has been published (from the day the window opened)."""
    return Consultation.objects.filter(opens_on__lte=day)


def public_decisions(day: datetime.date) -> QuerySet[MajorDecision]:
    """Decisions published by `day` (suspended or adjusted ones included: they were published)."""
    return MajorDecision.objects.filter(published_on__isnull=False, published_on__lte=day)


def is_open(consultation: Consultation, day: datetime.date) -> bool:
    """The same test as `models.open_consultations`: within the window, and the matter still at
    public participation."""
    return (
        consultation.opens_on <= day <= consultation.closes_on
        and consultation.decision.stage == G.PUBLIC_PARTICIPATION
    )


def _pk(value: int) -> int:
    if not 1 <= value <= MAX_ID:
        raise Http404
    return value


# ---------------------------------------------------------------------------------------------
# Index, catalog, consultations


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The latest published catalog of each year, open consultations, adoption reports and
    published decisions. Four queries."""
    day = today()
    catalogs = (
        filter_public(DecisionCatalog.objects.filter(status=PUBLISHED), request)
        .select_related("agency")
        .annotate(items=Count("entries", filter=~Q(entries__change="removed")))
        .order_by("-year", "agency__sort_order", "agency_id", "-version")
    )
    # The latest published version of each department's catalog of each year.
    latest: dict[tuple[int, int], DecisionCatalog] = {}
    for catalog in catalogs:
        latest.setdefault((catalog.year, catalog.agency_id), catalog)
    reports = (
        filter_public(public_consultations(day), request, "decision__agency")
        .filter(report_published_on__isnull=False, report_published_on__lte=day)
        .select_related("decision", "decision__agency")
        .order_by("-report_published_on", "-pk")[:20]
    )
    decisions = (
        filter_public(public_decisions(day), request)
        .select_related("lead_division", "agency")
        .order_by("-published_on", "-pk")[:50]
    )
    return render(
        request,
        "decisions/public/index.html",
        {
            "catalogs": list(latest.values()),
            "open": list(
                filter_public(open_consultations(day), request, "decision__agency")
                .select_related("decision__agency")
                .order_by("closes_on", "pk")
            ),
            "reports": reports,
            "decisions": decisions,
            "today": day,
        },
    )


@require_GET
def catalog(request: HttpRequest, year: int) -> HttpResponse:
    """A year's catalog as last published: each matter with its lead division and the stage it
    has reached, and every version with the changes of each adjustment. A year without a
    published catalog says so. Three queries."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    # Each department publishes its own catalog: the chosen one's, or the only one of the year;
    # with several and none chosen, the page lists the departments to choose from.
    departments = catalog_departments(year, public_department(request))
    department = departments[0] if len(departments) == 1 else None
    history = catalog_history(year, department.pk) if department is not None else []
    published = filter_public(DecisionCatalog.objects.filter(status=PUBLISHED), request)
    years = sorted(set(published.values_list("year", flat=True)), reverse=True)
    current = history[-1] if history else None
    return render(
        request,
        "decisions/public/catalog.html",
        {
            "year": year,
            "department": department,
            "departments": departments if department is None else [],
            "current": current,
            # The current version's matters a page at a time; the versions' changes in full.
            "page": Paginator(current.entries if current else [], CATALOG_PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "history": list(reversed(history)),
            "other_years": [y for y in years if y != year],
            "today": today(),
        },
    )


@require_GET
def consultations(request: HttpRequest) -> HttpResponse:
    """Drafts open for comment, closing first; then the windows that have closed."""
    day = today()
    closed = (
        filter_public(public_consultations(day), request, "decision__agency")
        .filter(closes_on__lt=day)
        .select_related("decision", "decision__agency")
        .order_by("-closes_on", "-pk")[:50]
    )
    still_open = (
        filter_public(open_consultations(day), request, "decision__agency")
        .select_related("decision__agency")
        .order_by("closes_on", "pk")
    )
    return render(
        request,
        "decisions/public/consultations.html",
        {"open": list(still_open), "closed": closed, "today": day},
    )


# ---------------------------------------------------------------------------------------------
# One consultation and its comment form


class PublicCommentForm(forms.Form):
    """A citizen's comment. The captcha inputs are drawn by the template (a new question after
    every failed attempt); the field names are part of the page's contract with browser tests."""

    author_name = forms.CharField(
        label=gettext_lazy("姓名或单位（选填）"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("仅供归类整理意见使用，不在网站公开。"),
        error_messages={"max_length": gettext_lazy("不超过 %(limit_value)d 字")},
    )
    text = forms.CharField(
        label=gettext_lazy("意见和建议"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": gettext_lazy("请填写意见和建议"),
            "max_length": gettext_lazy("不超过 %(limit_value)d 字"),
        },
    )
    captcha_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    captcha_answer = forms.CharField(
        label=gettext_lazy("验证题答案"),
        max_length=20,
        error_messages={"required": gettext_lazy("请填写验证题的答案")},
    )
    # A honeypot: hidden from people and from screen readers, filled in by form-spamming bots.
    website = forms.CharField(label=gettext_lazy("请勿填写此项"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("author_name", "text"):
            value = data.get(name) or ""
            if "\x00" in value:
                self.add_error(name, _("不能包含空字符"))
                continue
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                self.add_error(name, _("包含无法保存的字符"))
        return data


def _grouped_comments(consultation: Consultation) -> tuple[list[dict[str, Any]], int]:
    """The answered comments, each duplicate under the comment it repeats, numbered in order of
    arrival; and how many are still unanswered. One query."""
    comments = list(consultation.comments.order_by("submitted_at", "pk"))
    by_pk = {c.pk: c for c in comments}
    numbers = {c.pk: n for n, c in enumerate(comments, start=1)}

    def root(comment: DecisionComment) -> DecisionComment:
        seen: set[int] = set()
        while comment.duplicate_of_id in by_pk and comment.pk not in seen:
            seen.add(comment.pk)
            comment = by_pk[comment.duplicate_of_id]
        return comment

    groups: dict[int, dict[str, Any]] = {}
    unanswered = 0
    for comment in comments:
        primary = root(comment)
        if not primary.adoption:
            unanswered += 1
            continue
        group = groups.setdefault(
            primary.pk, {"primary": primary, "number": numbers[primary.pk], "duplicates": []}
        )
        if comment.pk != primary.pk:
            group["duplicates"].append({"comment": comment, "number": numbers[comment.pk]})
    return sorted(groups.values(), key=lambda g: g["number"]), unanswered


def _render_consultation(
    request: HttpRequest,
    consultation: Consultation,
    form: PublicCommentForm | None,
    *,
    status: int = 200,
) -> HttpResponse:
    day = today()
    open_now = is_open(consultation, day)
    closed = day > consultation.closes_on
    groups, unanswered = _grouped_comments(consultation) if closed else ([], 0)
    challenge = captcha.new_challenge(request) if open_now else None
    decision = consultation.decision
    return render(
        request,
        "decisions/public/consultation.html",
        {
            "consultation": consultation,
            "decision": decision,
            "hearings": decision.hearings.order_by("held_on", "pk"),
            "is_open": open_now,
            "closed": closed,
            "rule_period": rule_period_label(consultation.rule),
            "form": form if open_now else None,
            "challenge": challenge,
            "groups": groups,
            "unanswered": unanswered,
            "decision_public": decision.published_on is not None and decision.published_on <= day,
            "today": day,
            "comment_limit": COMMENTS,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft published for comment: the draft and its explanation, the window (and why it is
    short, when it is), any hearing notice, and while the window is open the comment form.
    After the window: the answered comments and the adoption report."""
    day = today()
    item = (
        public_consultations(day)
        .select_related("decision", "decision__lead_division", "decision__agency", "rule")
        .filter(pk=_pk(pk))
        .first()
    )
    if item is None:
        raise Http404
    if request.method != "POST":
        return _render_consultation(request, item, PublicCommentForm())
    form = PublicCommentForm(request.POST)
    if not is_open(item, day):
        messages.error(
            request,
            _("该事项的征求意见已于 %(day)s 截止，不再接收意见。") % {"day": date_text(item.closes_on)},
        )
        return _render_consultation(request, item, None, status=409)
    screened = captcha.screen(request, form, submissions=COMMENTS, failures=CAPTCHA_FAILURES, kept="意见")
    if screened.bot:
        # A bot filled in the hidden field: thank it as if it were a person, and keep nothing.
        messages.success(request, _("您的意见已提交，感谢参与。"))
        return redirect("public_decisions:consultation", pk=item.pk)
    if screened.status:
        return _render_consultation(request, item, form, status=screened.status)
    try:
        actions.add_public_comment(
            item, text=form.cleaned_data["text"], author_name=form.cleaned_data["author_name"]
        )
    except DomainError as exc:
        form.add_error(None, str(exc))
        return _render_consultation(request, item, form, status=409)
    COMMENTS.hit(request)
    messages.success(request, _("您的意见已提交，感谢参与。征求意见期满后，我们将公布每条意见的采纳情况。"))
    return redirect("public_decisions:consultation", pk=item.pk)


@never_cache
@require_GET
def captcha_image(request: HttpRequest, key: str) -> HttpResponse:
    """The picture of a challenge of this session; 404 for any other key or an expired one."""
    challenge = captcha.get_challenge(request, key[:64])
    if challenge is None:
        raise Http404
    response = HttpResponse(captcha.render_png(challenge), content_type="image/png")
    response["Cache-Control"] = "no-store, private"
    return response


# ---------------------------------------------------------------------------------------------
# A published decision


@require_GET
@require_GET
def decision_text(request: HttpRequest, pk: int) -> HttpResponse:
    """The decided text as published, byte for byte: its SHA-256 is the one on the page and in
    the full-process record of the decision and its publication (issue 15)."""
    item = (
        public_decisions(today())
        .exclude(decision_text="")
        .filter(pk=_pk(pk))
        .only("pk", "decision_text")
        .first()
    )
    if item is None:
        raise Http404
    response = HttpResponse(item.decision_text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fazhi-decision-{item.pk}.txt"'
    return response


def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """A published decision: the text, the meeting, the publication, how public and expert
    opinions were taken, execution progress and any post-decision evaluation or adjustment."""
    day = today()
    item = (
        public_decisions(day)
        .select_related("lead_division", "agency", "consultation")
        .prefetch_related(
            Prefetch(
                "expert_opinions",
                queryset=ExpertOpinion.objects.filter(declared_interest=False)
                .exclude(opinion="")
                .select_related("expert")
                .order_by("signed_on", "pk"),
                to_attr="public_opinions",
            ),
            Prefetch(
                "execution_reports",
                queryset=ExecutionReport.objects.filter(reported_on__lte=day).order_by("-reported_on", "-pk"),
                to_attr="public_reports",
            ),
        )
        .filter(pk=_pk(pk))
        .first()
    )
    if item is None:
        raise Http404
    consultation_record = getattr(item, "consultation", None)
    report_public = bool(
        consultation_record
        and consultation_record.report_published_on
        and consultation_record.report_published_on <= day
    )
    return render(
        request,
        "decisions/public/decision.html",
        {
            "decision": item,
            "consultation": consultation_record,
            "report_public": report_public,
            "comment_count": consultation_record.comments.count() if consultation_record else 0,
            "opinions": item.public_opinions,  # type: ignore[attr-defined]
            "reports": item.public_reports,  # type: ignore[attr-defined]
            "evaluations": item.evaluations.filter(evaluated_on__lte=day).order_by("-evaluated_on", "-pk"),
            "adjustments": item.adjustments.filter(on__lte=day).order_by("on", "pk"),
            "waivers": [(str(Step(step).label), why) for step, why in (item.waivers or {}).items()],
            "today": day,
        },
    )
