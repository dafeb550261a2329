"""Public pages: read-only views over published data, open to anyone without an account."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from fazhi.core import publiccache, sitesearch, witness
from fazhi.core.models import AuditChainHead, PublishedChainHead

HEADS_VERIFIER = Path(witness.__file__).resolve().with_name("verify_heads.py")


def home(request: HttpRequest) -> HttpResponse:
    sections = [
        (
            _("政策文件库"),
            "library:index",
            _("本机关行政规范性文件，按年度查阅，标注现行有效、失效、废止等状态。"),
        ),
        (
            _("重大行政决策"),
            "public_decisions:index",
            _("年度重大行政决策事项目录、征求意见与决策结果公开。"),
        ),
        (
            _("双随机抽查结果"),
            "public_inspections:index",
            _("抽查计划、可公开验证的随机抽取与检查结果公示。"),
        ),
        (
            _("行政执法公示"),
            "public_enforcement:index",
            _("行政处罚等执法决定的公示、撤回公示的说明和年度执法数据。"),
        ),
        (
            _("法治政府建设年度报告"),
            "public_reports:index",
            _("本机关历年法治政府建设情况报告，附数据图表，可下载。"),
        ),
        (_("公开透明"), "portal:transparency", _("全过程记录的每日链头哈希，供社会监督任何事后篡改。")),
    ]
    return render(request, "portal/home.html", {"sections": sections})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The site-wide search: one query over the policies, the published major decisions, the
    inspection results and the enforcement publicity, grouped by kind, each group with its
    first hits and, where the kind has a search page of its own, a link to all of them. A query
    longer than sitesearch.MAX_QUERY_CHARS is refused with the reason (400), not cut."""
    q = request.GET.get("q", "")
    error = ""
    groups: list[sitesearch.Group] = []
    try:
        groups = sitesearch.search_all(q)
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
