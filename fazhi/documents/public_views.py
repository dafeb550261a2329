"""The public library at /policies/ — the "policy and regulations" column of the agency's website
(DOMAIN.md §5): published documents by year with their status today, full-text search, each
document's history, the Atom feed and exports, drafts open for public comment, and published
cleanup results. No account is needed; nothing unpublished is ever shown.

The queries are in queries.py; the only write, a public comment, goes through
actions.add_comment."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core import captcha, publiccache
from fazhi.core.agencies import filter_public, public_department
from fazhi.core.formats import date_text
from fazhi.core.ratelimit import RateLimit
from fazhi.core.workflow import DomainError
from fazhi.documents import actions, library_page
from fazhi.documents import library as queries
from fazhi.documents.library_page import (
    filters_html,
    query_string,
    results_part,
    rows_html,
    status_badge,
    years_html,
)
from fazhi.documents.models import CleanupCampaign, CleanupItem, NormativeDocument, ValidityEvent
from fazhi.documents.search import MAX_QUERY_CHARS
from fazhi.documents.validity import Validity, banner

S = NormativeDocument.Status
V = Validity
E = ValidityEvent.Kind

# Public comments: at most this many from one address in the window (a simple offline measure
# against floods; the address is the one the login lockout uses, see AXES_* settings).
COMMENT_LIMIT = 5
COMMENT_WINDOW_SECONDS = 600
COMMENTS = RateLimit("library-comments", limit=COMMENT_LIMIT, window_seconds=COMMENT_WINDOW_SECONDS)
CAPTCHA_FAILURES = RateLimit("library-captcha-failures", limit=10, window_seconds=COMMENT_WINDOW_SECONDS)
MAX_PAGE = 100_000
LIBRARY_TEMPLATE = "documents/library/index.html"
FEED_SIZE = 50

BANNERS = {V.IN_FORCE: "ok", V.AMENDED: "ok", V.NOT_YET_IN_FORCE: "warn"}


# ---------------------------------------------------------------------------------------------
# The list and search


class LibraryFilterForm(forms.Form):
    """The filters, read from GET. A bad value is ignored with a note, never fatal."""

    q = forms.CharField(
        label=gettext_lazy("关键词"),
        required=False,
        max_length=MAX_QUERY_CHARS,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("如：科技计划项目、备案")}),
        error_messages={"max_length": gettext_lazy("不超过 %(limit_value)d 字")},
    )
    year = forms.IntegerField(
        label=gettext_lazy("公布年度"),
        required=False,
        min_value=1949,
        max_value=2999,
        error_messages={
            "invalid": gettext_lazy("年度须为四位数字"),
            "min_value": gettext_lazy("年度应在 1949 年至 2999 年之间"),
            "max_value": gettext_lazy("年度应在 1949 年至 2999 年之间"),
        },
    )
    status = forms.ChoiceField(
        label=gettext_lazy("效力状态"),
        required=False,
        choices=[("", gettext_lazy("全部")), *((s.value, s.label) for s in queries.LIBRARY_STATUSES)],
        error_messages={"invalid_choice": gettext_lazy("没有“%(value)s”这一状态")},
    )
    agency = forms.TypedChoiceField(
        label=gettext_lazy("制定机关"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": gettext_lazy("没有这一制定机关")},
    )

    def __init__(self, data: Any, *, agencies: list[tuple[int, str]]) -> None:
        super().__init__(data)
        self.fields["agency"].choices = [("", _("全部")), *agencies]  # type: ignore[attr-defined]


def _page_number(value: str | None, notes: list[str]) -> int:
    if not value:
        return 1
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_PAGE:
        notes.append(_("已忽略无效的页码“%(value)s”") % {"value": value[:20]})
        return 1
    return number


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    """Published documents newest first, or best first for a search, 20 a page; the years with
    their counts. The search's three queries; the issuing bodies and the years (three more) once
    per publication and day."""
    day = library_today()
    # The page around the search — the issuing bodies (the filter's choices) and the years with
    # their counts — computed once per publication and day (core.publiccache).
    around: dict[str, Any] = publiccache.memo(
        "library:page",
        day,
        lambda: {
            "agencies": [(org.pk, org.name) for org in queries.issuing_bodies()],
            "years": queries.year_counts(day),
        },
    )
    agencies: list[tuple[int, str]] = around["agencies"]
    years: list[tuple[int, int]] = around["years"]
    form = LibraryFilterForm(request.GET, agencies=agencies)
    form.is_valid()
    notes = [
        _("已忽略无效的筛选条件“%(label)s”：%(error)s")
        % {"label": form.fields[name].label, "error": " ".join(str(e) for e in errors)}
        for name, errors in form.errors.items()
        if name in form.fields
    ]
    data = form.cleaned_data
    q: str = (data.get("q") or "").strip()
    year: int | None = data.get("year")
    status: str | None = data.get("status") or None
    agency: int | None = data.get("agency")
    department = public_department(request)  # ?dept=<code> or the /d/<code>/ entry page
    if agency is None and department is not None:
        agency = department.pk
    number = _page_number(request.GET.get("page"), notes)
    size = queries.PAGE_SIZE
    cap = queries.search_count_cap(q) if q else queries.COUNT_CAP

    def search(page: int) -> queries.Found:
        return queries.find_documents(
            q,
            year=year,
            status=status,
            agency=agency,
            limit=size,
            offset=(page - 1) * size,
            day=day,
            count_cap=cap,
        )

    found = search(number)
    # Past the cap the count stopped one row beyond the page asked for: "10000+", no last page.
    capped = found.total > cap
    pages = max(1, -(-found.total // size))
    if number > pages:  # past the end: the last page, as Django's paginator does
        number = pages
        found = search(number)
    # The rows, the years and the form are written by library_page (through templates, they
    # cost more than the search's index queries), and for a visitor the page around them comes
    # from its frame, rendered once (library_page.framed).
    hits = queries.page_rows(found)
    filtered = any((q, year, status, agency))
    results = results_part(
        notes=notes,
        years=years_html(request.GET, years, year) if years else "",
        rows=rows_html(hits, found.query.terms),
        total=found.total,
        capped=capped,
        count_cap=cap,
        page={
            "number": number,
            "count": pages,
            "capped": capped,
            "previous": query_string(request.GET, page=number - 1) if number > 1 else None,
            "next": query_string(request.GET, page=number + 1) if number < pages else None,
        },
        searching=bool(q),
        filtered=filtered,
    )
    parts = {"form_html": filters_html(form, filtered=filtered), "results_html": results}
    response = library_page.framed(request, LIBRARY_TEMPLATE, parts) or render(
        request, LIBRARY_TEMPLATE, parts
    )
    # A search is not kept in the public cache: each is rarely asked twice, and keeping every
    # one (files: a directory listing each time past the cache's size) costs the crowd more
    # than it saves. The page around it is kept (the memos above).
    return publiccache.keep_for(response, 0) if q else response


def library_today() -> datetime.date:
    return queries.today()


# ---------------------------------------------------------------------------------------------
# One document


def _history(document: NormativeDocument, day: datetime.date) -> list[dict[str, Any]]:
    """Publication, entry into force, filing and every validity event, in date order; the
    documents that amended or repealed it as links where they are in the library."""
    entries: list[dict[str, Any]] = [
        {"on": document.published_on, "label": _("公布"), "text": document.publication_channel}
    ]
    if document.effective_on:
        entries.append({"on": document.effective_on, "label": _("施行"), "text": ""})
    filing = _filing(document)
    if filing is not None and filing.status == filing.Status.FILED:
        entries.append(
            {
                "on": filing.decided_on or filing.submitted_on,
                "label": _("已备案"),
                "text": _("%(authority)s予以备案") % {"authority": filing.authority.name},
            }
        )
    elif filing is not None:
        entries.append(
            {"on": filing.submitted_on, "label": _("报送备案"), "text": filing.get_status_display()}
        )
    for event in document.validity_events.all():
        by = event.by_document
        entries.append(
            {
                "on": event.on,
                "label": event.get_kind_display(),
                "text": event.note,
                "by_document": by,
                "by_document_public": by is not None
                and by.published_on is not None
                and by.published_on <= day,
                "campaign": event.campaign
                if event.campaign is not None and event.campaign.status == CleanupCampaign.Status.PUBLISHED
                else None,
                "future": event.on > day,
            }
        )
    return sorted(entries, key=lambda e: e["on"])


def _filing(document: NormativeDocument) -> Any:
    try:
        return document.filing  # the reverse one-to-one, joined by select_related
    except NormativeDocument.filing.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return None


@require_GET
def document_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A published document: its data, the status banner, its history, the documents it
    amended or repealed, its answered public comments, and the full text. Anything not in the
    library is 404. Four queries."""
    day = library_today()
    events = ValidityEvent.objects.select_related("by_document", "campaign").order_by("on", "pk")
    document = get_object_or_404(
        queries.with_status(queries.library_documents(day), day)
        .select_related("filing__authority")
        .prefetch_related(Prefetch("validity_events", queryset=events)),
        pk=pk,
    )
    status = Validity(document.status_today)  # type: ignore[attr-defined]
    acted_on = (
        ValidityEvent.objects.filter(by_document=document, document__published_on__lte=day)
        .select_related("document")
        .order_by("on", "pk")
    )
    closed = document.comment_closes_on is not None and document.comment_closes_on < day
    comments = document.comments.exclude(adoption="").order_by("submitted_at", "pk") if closed else []
    return render(
        request,
        "documents/library/document.html",
        {
            "document": document,
            "status": status,
            "badge": status_badge(status),
            "banner": banner(document, day),
            "banner_class": BANNERS.get(status, "bad"),
            "history": _history(document, day),
            "acted_on": acted_on,
            "comments": comments,
            "today": day,
        },
    )


@require_GET
def document_text(request: HttpRequest, pk: int) -> HttpResponse:
    """The published text, byte for byte as recorded: its SHA-256 is the one on the page and in
    the full-process record of review, deliberation, signing, publication and filing."""
    document = get_object_or_404(
        queries.library_documents(library_today()).exclude(body="").only("pk", "number", "body"), pk=pk
    )
    response = HttpResponse(document.body.encode("utf-8"), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fazhi-document-{document.pk}.txt"'
    return response


# ---------------------------------------------------------------------------------------------
# Feed and exports


def _solicited() -> QuerySet[NormativeDocument]:
    """Drafts that have been put out for public comment (the window may since have closed). An
    abandoned draft is not: its window "closes" on a date that never came (issue 15)."""
    return NormativeDocument.objects.filter(
        comment_opens_on__isnull=False, comment_closes_on__isnull=False
    ).exclude(status=S.ABANDONED)


def _open_now(day: datetime.date) -> Q:
    return Q(status=S.SOLICITING, comment_opens_on__lte=day, comment_closes_on__gte=day)


@require_GET
def drafts(request: HttpRequest) -> HttpResponse:
    day = library_today()
    documents = filter_public(_solicited().filter(_open_now(day)), request)
    documents = documents.select_related("agency").order_by("comment_closes_on", "pk")
    return render(request, "documents/library/drafts.html", {"documents": documents, "today": day})


class PublicCommentForm(forms.Form):
    """A citizen's comment on a draft open for comment (no account), behind the offline
    captcha, a honeypot and a per-address rate limit, as the decisions', the legislative
    drafts' and the complaints' public forms (`core.captcha.screen`)."""

    author_name = forms.CharField(label=gettext_lazy("姓名或单位"), required=False, max_length=100)
    contact = forms.CharField(
        label=gettext_lazy("联系方式"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("便于我们就您的意见联系您；不公开。"),
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
    # A honeypot: hidden from people (and from screen readers), filled in by form-spamming bots.
    website = forms.CharField(label=gettext_lazy("请勿填写此项"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("author_name", "contact", "text", "website"):
            if "\x00" in (data.get(name) or ""):
                self.add_error(name, _("不能包含空字符"))
        return data


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft put out for comment: the latest text and, while the window is open, the comment
    form (no account needed). After the window the page stays, without the form."""
    day = library_today()
    document = get_object_or_404(_solicited().select_related("agency"), pk=pk)
    is_open = _solicited().filter(_open_now(day), pk=pk).exists()
    form = PublicCommentForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not is_open:
            form = PublicCommentForm()
            messages.error(
                request,
                _("该文件的征求意见已于 %(day)s 截止") % {"day": date_text(document.comment_closes_on)},
            )
            status = 409
        else:
            screened = captcha.screen(
                request, form, submissions=COMMENTS, failures=CAPTCHA_FAILURES, kept=_("意见")
            )
            if screened.bot:
                # A bot filled in the hidden field: thanked as a person would be, nothing kept.
                messages.success(request, _("您的意见已提交，感谢参与。"))
                return redirect("library:draft_detail", pk=document.pk)
            if screened.status:
                status = screened.status
            else:
                try:
                    actions.add_comment(
                        document,
                        text=form.cleaned_data["text"],
                        author_name=form.cleaned_data["author_name"],
                        contact=form.cleaned_data["contact"],
                    )
                except DomainError as exc:
                    form.add_error(None, str(exc))
                    status = 409
                else:
                    COMMENTS.hit(request)
                    messages.success(request, _("您的意见已提交，感谢参与。我们将逐条研究并公开采纳情况。"))
                    return redirect("library:draft_detail", pk=document.pk)
    version = document.versions.order_by("-number").first()
    return render(
        request,
        "documents/library/draft_detail.html",
        {
            "document": document,
            "text": version.text if version else "",
            "version": version,
            "is_open": is_open,
            "form": form,
            "challenge": captcha.new_challenge(request) if is_open else None,
            "comment_limit": COMMENTS,
            "today": day,
        },
        status=status,
    )


# ---------------------------------------------------------------------------------------------
# Cleanup results


@require_GET
def cleanup_result(request: HttpRequest, pk: int) -> HttpResponse:
    """A cleanup campaign's published result list; 404 until it is published."""
    campaign = get_object_or_404(CleanupCampaign, pk=pk, status=CleanupCampaign.Status.PUBLISHED)
    items = list(campaign.items.select_related("document").order_by("document__published_on", "document__pk"))
    day = library_today()
    public = set(
        queries.library_documents(day)
        .filter(pk__in=[item.document_id for item in items])
        .values_list("pk", flat=True)
    )
    counts = {d: 0 for d in CleanupItem.Disposition}
    for item in items:
        counts[CleanupItem.Disposition(item.disposition)] += 1
        item.public = item.document_id in public  # type: ignore[attr-defined]
    return render(
        request,
        "documents/library/cleanup.html",
        {"campaign": campaign, "items": items, "counts": [(d.label, n) for d, n in counts.items()]},
    )
