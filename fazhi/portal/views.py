"""Public pages: read-only views over published data, open to anyone without an account."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from fazhi.core import agencies, clock, figures, publiccache, publiclists, sitesearch, witness
from fazhi.core.models import AuditChainHead, Organization, PublishedChainHead

HEADS_VERIFIER = Path(witness.__file__).resolve().with_name("verify_heads.py")


# The public sections of the portal: (title, URL name, what it holds). Every list but the
# transparency page takes the department filter `?dept=<code>`.
SECTIONS = (
    (
        "policies",
        _lazy("政策文件库"),
        "library:index",
        _lazy("行政规范性文件，按年度查阅，标注现行有效、失效、废止等状态。"),
    ),
    (
        "decisions",
        _lazy("重大行政决策"),
        "public_decisions:index",
        _lazy("年度重大行政决策事项目录、征求意见与决策结果公开。"),
    ),
    (
        "inspections",
        _lazy("双随机抽查结果"),
        "public_inspections:index",
        _lazy("抽查计划、可公开验证的随机抽取与检查结果公示。"),
    ),
    (
        "enforcement",
        _lazy("行政执法公示"),
        "public_enforcement:index",
        _lazy("行政处罚等执法决定的公示、撤回公示的说明和年度执法数据。"),
    ),
    (
        "reports",
        _lazy("法治政府建设年度报告"),
        "public_reports:index",
        _lazy("各部门历年法治政府建设情况报告，附数据图表，可下载。"),
    ),
)
# The year's figures shown for each department on the portal (those of the annual report that
# describe what the public pages publish); a figure no app registered is left out.
PORTAL_FIGURES = (
    "documents.issued",
    "decisions.catalog_matters",
    "inspections.units_inspected",
    "enforcement.penalties",
)
LATEST = 5


def _url(url_name: str, department: Organization | None = None) -> str | None:
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode({agencies.DEPARTMENT_PARAM: department.code})}" if department else url


def _figure_columns() -> list[tuple[str, str, str]]:
    """(key, label, unit) of the portal's figures that are registered."""
    columns = []
    for key in PORTAL_FIGURES:
        try:
            figure = figures.get(key)
        except KeyError:
            continue
        columns.append((key, str(figure.label), str(figure.unit)))
    return columns


def _department_rows(year: int) -> list[dict[str, Any]]:
    """Each department: code, name, short name and the year's portal figures (plain values)."""
    columns = _figure_columns()
    rows = []
    for agency in agencies.agencies():
        values = []
        for key, _label, _unit in columns:
            value = figures.compute(key, agency, year).value
            values.append(str(value))
        rows.append(
            {"code": agency.code, "name": agency.name, "short_name": agency.short_name, "values": values}
        )
    return rows


def home(request: HttpRequest) -> HttpResponse:
    """The city's portal: every department with the year's figures and its entry page, and the
    public sections (each listing every department's published records, with a filter)."""
    today = clock.today()
    year = today.year
    sections: list[tuple[Any, str, Any]] = [
        (title, url_name, text) for _key, title, url_name, text in SECTIONS if _url(url_name)
    ]
    sections.append(
        (_("公开透明"), "portal:transparency", _("全过程记录的每日链头哈希，供社会监督任何事后篡改。"))
    )
    departments = publiccache.memo(f"portal.departments:{year}", today, lambda: _department_rows(year))
    context = {
        "sections": sections,
        "year": year,
        "columns": _figure_columns(),
        "departments": departments,
    }
    return render(request, "portal/home.html", context)


@require_GET
def department(request: HttpRequest, code: str) -> HttpResponse:
    """A department's own entry page: its name and introduction, its figures of the year, and
    its latest published policies, decisions, inspection results and enforcement publicity,
    each linked to the public list filtered to it. An unknown code answers 404."""
    agency = agencies.agencies().filter(code=code).first()
    if agency is None:
        raise Http404
    # The header, the footer and the department filters of the page now name this department.
    request.fazhi_department = agency  # type: ignore[attr-defined]
    today = clock.today()
    year = today.year
    parts = []
    for key, title, url_name, text in SECTIONS:
        url = _url(url_name, agency)
        if url is None:
            continue
        source = publiclists.for_url(url_name)
        entries = source.latest(agency, LATEST) if source is not None else None
        parts.append({"key": key, "title": title, "text": text, "url": url, "entries": entries})
    columns = _figure_columns()
    figures_of_year = [
        (label, figures.compute(key, agency, year).value, unit) for key, label, unit in columns
    ]
    context = {
        "department": agency,
        "parts": parts,
        "year": year,
        "figures": figures_of_year,
        "search_url": reverse("portal:search"),
    }
    return render(request, "portal/department.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The site-wide search: one query over the policies, the published major decisions, the
    inspection results and the enforcement publicity, grouped by kind, each group with its
    first hits and, where the kind has a search page of its own, a link to all of them. A query
    longer than sitesearch.MAX_QUERY_CHARS is refused with the reason (400), not cut."""
    q = request.GET.get("q", "")
    error = ""
    groups: list[sitesearch.Group] = []
    chosen = agencies.public_department(request)
    try:
        groups = sitesearch.search_all(q, department=chosen)
    except sitesearch.QueryTooLong:
        error = _("搜索词不能超过 %(limit)d 个字（现为 %(count)d 个字），请缩短后再搜索。") % {
            "limit": sitesearch.MAX_QUERY_CHARS,
            "count": len(q.strip()),
        }
    context = {
        "q": q.strip(),
        "groups": groups,
        "total": sum(group.total for group in groups),
        "error": error,
        "max_chars": sitesearch.MAX_QUERY_CHARS,
        "department": chosen,
        "unfiltered": [source.label for source in sitesearch.unfiltered_sources(chosen)] if q.strip() else [],
    }
    return render(request, "portal/search.html", context, status=400 if error else 200)


@require_GET
def transparency(request: HttpRequest) -> HttpResponse:
    heads = PublishedChainHead.objects.all()[:366]
    # The head as it stands now, besides the published daily heads: today's events are
    # published after midnight, but anyone may note the current value at any time.
    current = AuditChainHead.objects.filter(id=1).first()
    context = {"heads": heads, "current": current, "fingerprint": witness.key_fingerprint()}
    # The current head moves with every audit event: the public cache keeps this page ten seconds.
    return publiccache.keep_for(render(request, "portal/transparency.html", context), 10)


@require_GET
def heads_file(request: HttpRequest) -> HttpResponse:
    """The signed, append-only heads file (fazhi-audit-heads-v1), as it stands, for mirroring."""
    response = HttpResponse(witness.local_heads_text(), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="heads.jsonl"'
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def heads_key(request: HttpRequest) -> HttpResponse:
    """The Ed25519 public key that signs every line of the heads file (PEM)."""
    response = HttpResponse(witness.public_key_pem(), content_type="application/x-pem-file")
    response["Content-Disposition"] = 'attachment; filename="heads-key.pem"'
    return response


@require_GET
def heads_verifier(request: HttpRequest) -> FileResponse:
    """verify_heads.py, the standalone verifier (Python's standard library only)."""
    response = FileResponse(
        HEADS_VERIFIER.open("rb"),
        as_attachment=True,
        filename="verify_heads.py",
        content_type="text/x-python",
    )
    response["Content-Type"] = "text/x-python; charset=utf-8"
    return response


FAVICON = Path(settings.BASE_DIR) / "static" / "fazhi" / "img" / "favicon.ico"


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico, which browsers ask for on every site whatever the page links."""
    return FileResponse(FAVICON.open("rb"), content_type="image/vnd.microsoft.icon")
