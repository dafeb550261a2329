"""Public pages: read-only views over published data, open to anyone without an account."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.core.models import AuditChainHead, PublishedChainHead


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


def transparency(request: HttpRequest) -> HttpResponse:
    heads = PublishedChainHead.objects.all()[:366]
    # The head as it stands now, besides the published daily heads: today's events are
    # published after midnight, but anyone may note the current value at any time.
    current = AuditChainHead.objects.filter(id=1).first()
    return render(request, "portal/transparency.html", {"heads": heads, "current": current})
