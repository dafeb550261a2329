"""The register of laws: the list, a law with its version history, and the forms the legal
affairs division adds a law and a version with (`core.laws`)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import laws
from fazhi.core.http import staff_view
from fazhi.core.models import Law
from fazhi.core.pages import CreatePage
from fazhi.legislation import permissions
from fazhi.legislation.forms import LawForm, VersionForm
from fazhi.legislation.models import CitationFlag
from fazhi.legislation.views._common import area, create_page

PAGE_SIZE = 50

LAW_CREATE = CreatePage(
    title=gettext_lazy("登记法律法规"),
    lead=gettext_lazy("登记本机关执行、学习或引用的法律法规规章；登记后再逐一登记其制定、修改、废止的版本。"),
    form=lambda request, data: LawForm(data),
    run=lambda user, d: laws.create_law(actor=user, **d),
    hints=(("名称", "title"), ("法律法规", "title")),
    back="legislation:laws",
    done=lambda law: _("已登记：《%(t)s》。") % {"t": law.title},
    after=lambda law: reverse("legislation:law_detail", args=[law.pk]),
    section="laws",
)


@staff_view(permissions.can_see_laws)
def law_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    queryset = Law.objects.annotate(n=Count("versions"), latest=Max("versions__effective_on"))
    if kind in Law.Kind.values:
        queryset = queryset.filter(kind=kind)
    page = Paginator(queryset.order_by("kind", "title", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "legislation/law_list.html",
        {**area(request.user), "page": page, "kinds": Law.Kind.choices, "kind": kind},
    )


@staff_view(permissions.can_manage_laws)
def law_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, LAW_CREATE)


@staff_view(permissions.can_see_laws)
def law_detail(request: HttpRequest, pk: int) -> HttpResponse:
    law = get_object_or_404(Law, pk=pk)
    versions = list(law.versions.select_related("created_by").order_by("effective_on", "pk"))
    flags = CitationFlag.objects.filter(version__law=law).values("version_id", "subject", "status")
    counts: dict[int, dict[str, int]] = {}
    for row in flags:
        c = counts.setdefault(row["version_id"], {"open": 0, "checked": 0})
        c[row["status"]] += 1
    for v in versions:
        v.flag_counts = counts.get(v.pk)  # type: ignore[attr-defined]
    projects = list(law.legislative_projects.order_by("-plan_year", "pk"))
    return render(
        request,
        "legislation/law_detail.html",
        {**area(request.user), "law": law, "versions": versions, "projects": projects},
    )


@staff_view(permissions.can_manage_laws)
def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    law = get_object_or_404(Law, pk=pk)
    page = CreatePage(
        title=_("登记《%(t)s》的版本") % {"t": law.title},
        lead=_(
            "制定、修正、修订或废止：写明通过（公布）日期、施行日期和制定机关。新版本施行后，系统提示核对引用旧版本的文件和期限规则。"
        ),
        form=lambda request, data: VersionForm(data),
        run=lambda user, d: laws.record_law_version(law, actor=user, **d),
        hints=(
            ("施行日期", "effective_on"),
            ("制定版本", "kind"),
            ("已废止", "kind"),
            ("修正或修订", "kind"),
        ),
        back="legislation:laws",
        done=lambda v: _("已登记版本：%(v)s。") % {"v": v.label},
        after=lambda v: reverse("legislation:law_detail", args=[law.pk]) + "#versions",
        section="laws",
    )
    return create_page(request, page)
