"""The catalog pages (决策事项目录, 713号 Art 3; DOMAIN.md §6): the legal affairs division
creates the year's catalog, puts the proposed matters in, records the Party committee's approval
and publishes it; an adjustment is a new version whose changes (新增 / 调出 / 变更) are marked and
compared entry by entry with the version before. Divisions and the leadership read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.agencies import agency_for, scoped, wording
from fazhi.core.clock import today as local_today
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.workflow import DomainError
from fazhi.decisions import actions, permissions
from fazhi.decisions.forms import (
    CatalogAddForm,
    CatalogAdjustForm,
    CatalogApproveForm,
    CatalogChangeForm,
    CatalogCreateForm,
    CatalogRemoveForm,
)
from fazhi.decisions.models import CatalogEntry, DecisionCatalog, MajorDecision
from fazhi.decisions.view_helpers import catalog_timeline

C = DecisionCatalog.Status
G = MajorDecision.Stage
# Entries a page of a catalog's table.
ENTRIES_PAGE_SIZE = 50

CHANGE_LABELS: dict[str, Any] = {
    "added": gettext_lazy("新增"),
    "removed": gettext_lazy("调出"),
    "changed": gettext_lazy("变更"),
}


def _catalogs(user: Any) -> QuerySet[DecisionCatalog]:
    """The catalogs of the user's agency."""
    return scoped(DecisionCatalog.objects.all(), user)


@staff_view(permissions.can_see_decisions)
def catalog_list(request: HttpRequest) -> HttpResponse:
    """Every year's catalog with its versions; the legal affairs division creates a year's."""
    user: Any = request.user
    can_compile = permissions.can_compile(user)
    form = CatalogCreateForm(request.POST or None)
    if request.method == "POST":
        if not can_compile:
            raise Http404
        if form.is_valid():
            try:
                catalog = actions.create_catalog(
                    actor=user, agency=agency_for(user), year=form.cleaned_data["year"]
                )
            except PermissionDenied as exc:
                raise Http404 from exc
            except DomainError as exc:
                form.add_error("year", str(exc))
            else:
                messages.success(request, _("已创建 %(y)s 年度目录（编制中）。") % {"y": catalog.year})
                return redirect("decisions:catalog_detail", pk=catalog.pk)
        messages.error(request, _("请按提示修改后再提交。"))
    catalogs = list(_catalogs(user).select_related("created_by").order_by("-year", "-version"))
    counts = dict(
        CatalogEntry.objects.filter(catalog__in=catalogs)
        .exclude(change="removed")
        .order_by()
        .values("catalog")
        .annotate(n=Count("pk"))
        .values_list("catalog", "n")
    )
    years: dict[int, list[DecisionCatalog]] = {}
    for catalog in catalogs:
        catalog.entry_count = counts.get(catalog.pk, 0)  # type: ignore[attr-defined]
        years.setdefault(catalog.year, []).append(catalog)
    proposed = (
        MajorDecision.objects.visible_to(user).filter(stage=G.PROPOSED).order_by("year").values_list("year")
    )
    waiting: dict[int, int] = {}
    for (year,) in proposed:
        waiting[year] = waiting.get(year, 0) + 1
    return render(
        request,
        "decisions/catalog_list.html",
        {
            "years": sorted(years.items(), reverse=True),
            "form": form if can_compile else None,
            "waiting": sorted(waiting.items()),
        },
    )


@dataclass(frozen=True)
class DiffRow:
    decision_id: int
    title: str
    kind: str  # added / removed / changed / same
    old: CatalogEntry | None
    new: CatalogEntry | None

    @property
    def label(self) -> str:
        return str(CHANGE_LABELS.get(self.kind, ""))


def _fields(entry: CatalogEntry) -> tuple[str, str, Any]:
    return (entry.title, entry.lead_division_name, entry.planned_end)


def catalog_diff(old: list[CatalogEntry], new: list[CatalogEntry]) -> list[DiffRow]:
    """The entries of a version against the version before: each matter added, removed,
    changed (title, lead division or planned end) or the same."""
    before = {e.decision_id: e for e in old if e.change != "removed"}
    rows = []
    for entry in new:
        previous = before.pop(entry.decision_id, None)
        if entry.change == "removed":
            rows.append(DiffRow(entry.decision_id, entry.title, "removed", previous or entry, None))
        elif previous is None:
            rows.append(DiffRow(entry.decision_id, entry.title, "added", None, entry))
        elif _fields(previous) != _fields(entry) or entry.change == "changed":
            rows.append(DiffRow(entry.decision_id, entry.title, "changed", previous, entry))
        else:
            rows.append(DiffRow(entry.decision_id, entry.title, "same", previous, entry))
    # A matter of the old version missing from the new one left it.
    rows += [DiffRow(e.decision_id, e.title, "removed", e, None) for e in before.values()]
    return rows


def _candidates(catalog: DecisionCatalog) -> QuerySet[MajorDecision]:
    """Matters a draft version may take in: proposed for its year and not yet in it (or taken
    out of it earlier in this draft)."""
    return (
        MajorDecision.objects.filter(agency=catalog.agency, year=catalog.year)
        .filter(
            Q(stage=G.PROPOSED) & ~Q(entries__catalog=catalog)
            | Q(entries__catalog=catalog, entries__change="removed")
        )
        .select_related("lead_division")
        .distinct()
        .order_by("pk")
    )


def _in_catalog(catalog: DecisionCatalog) -> QuerySet[MajorDecision]:
    return (
        MajorDecision.objects.filter(entries__catalog=catalog)
        .exclude(entries__catalog=catalog, entries__change="removed")
        .select_related("lead_division")
        .order_by("pk")
    )


def _catalog_form(action: str, catalog: DecisionCatalog, data: Any = None) -> forms.Form:
    if action == "add":
        return CatalogAddForm(data, prefix="add", queryset=_candidates(catalog))
    if action == "remove":
        return CatalogRemoveForm(data, prefix="remove", queryset=_in_catalog(catalog))
    if action == "change":
        return CatalogChangeForm(data, prefix="change", queryset=_in_catalog(catalog))
    if action == "approve":
        return CatalogApproveForm(
            data,
            prefix="approve",
            initial={"approved_on": local_today(), "meeting": wording(catalog.agency).party_meeting},
        )
    if action == "adjust":
        return CatalogAdjustForm(data, prefix="adjust")
    return forms.Form(data)


def _is_latest(catalog: DecisionCatalog) -> bool:
    return not DecisionCatalog.objects.filter(previous=catalog).exists()


def _offered(catalog: DecisionCatalog, latest: bool) -> list[str]:
    if catalog.status == C.DRAFT:
        return ["add", "remove", "change", "approve"] if catalog.version > 1 else ["add", "remove", "approve"]
    if catalog.status == C.APPROVED:
        return ["publish"]
    return ["adjust"] if latest else []


def _render_catalog(
    request: HttpRequest, catalog: DecisionCatalog, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    user: Any = request.user
    # Every entry's own fields for the comparison and the count; the table shows a page of
    # them with their matters.
    all_entries = list(catalog.entries.order_by("pk"))
    page = Paginator(
        catalog.entries.select_related("decision", "decision__lead_division").order_by("pk"),
        ENTRIES_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    entries = list(page)
    previous = catalog.previous
    diff = catalog_diff(list(previous.entries.all()), all_entries) if previous is not None else []
    latest = _is_latest(catalog)
    step_forms: dict[str, forms.Form] = {}
    if permissions.can_compile(user):
        step_forms = {name: _catalog_form(name, catalog) for name in _offered(catalog, latest)}
        if bound is None:
            bound = refusals.bound_steps(
                request,
                ("add", "remove", "change", "approve", "publish", "adjust"),
                lambda name, data: _catalog_form(name, catalog, data),
            )
        step_forms.update(bound or {})
        if "add" in step_forms and not step_forms["add"].is_bound and not _candidates(catalog).exists():
            del step_forms["add"]
        if (
            "remove" in step_forms
            and not step_forms["remove"].is_bound
            and (catalog.version == 1 and not all_entries)
        ):
            del step_forms["remove"]
    visible = set(
        MajorDecision.objects.visible_to(user).filter(entries__catalog=catalog).values_list("pk", flat=True)
    )
    for entry in entries:
        entry.can_open = entry.decision_id in visible  # type: ignore[attr-defined]
        entry.change_label = CHANGE_LABELS.get(entry.change, "")  # type: ignore[attr-defined]
    return render(
        request,
        "decisions/catalog_detail.html",
        {
            "catalog": catalog,
            "entries": entries,
            "page": page,
            "listed": sum(1 for e in all_entries if e.change != "removed"),
            "previous": previous,
            "diff": [row for row in diff if row.kind != "same"],
            "unchanged": sum(1 for row in diff if row.kind == "same"),
            "versions": list(_catalogs(user).filter(year=catalog.year).order_by("version")),
            "latest": latest,
            "forms": step_forms,
            "events": catalog_timeline(catalog),
        },
    )


def _get_catalog(request: HttpRequest, pk: int) -> DecisionCatalog:
    return get_visible_or_404(_catalogs(request.user).select_related("previous", "created_by"), pk=pk)


@staff_view(permissions.can_see_decisions)
def catalog_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_catalog(request, _get_catalog(request, pk))


CATALOG_HINTS: dict[str, list[tuple[str, str]]] = {
    "add": [("事项", "decision")],
    "remove": [("调出理由", "reason")],
    "change": [("变更理由", "reason"), ("事项名称", "title")],
    "approve": [("审议日期", "approved_on"), ("审议会议", "meeting")],
    "adjust": [("调整说明", "note")],
}


def _run(action: str, catalog: DecisionCatalog, user: Any, data: dict[str, Any]) -> DecisionCatalog:
    if action == "add":
        actions.add_to_catalog(catalog, data["decision"], actor=user)
    elif action == "remove":
        actions.remove_from_catalog(catalog, data["decision"], actor=user, reason=data["reason"])
    elif action == "change":
        actions.change_catalog_entry(
            catalog,
            data["decision"],
            actor=user,
            title=data["title"],
            planned_end=data["planned_end"],
            reason=data["reason"],
        )
    elif action == "approve":
        actions.approve_catalog(catalog, actor=user, meeting=data["meeting"], approved_on=data["approved_on"])
    elif action == "publish":
        actions.publish_catalog(catalog, actor=user)
    elif action == "adjust":
        return actions.adjust_catalog(catalog, actor=user, note=data["note"])
    return catalog


def _message(action: str, catalog: DecisionCatalog, data: dict[str, Any]) -> str:
    if action == "add":
        return _("已将《%(t)s》列入目录。") % {"t": data["decision"].title}
    if action == "remove":
        return _("已将《%(t)s》调出目录。") % {"t": data["decision"].title}
    if action == "change":
        return _("已变更《%(t)s》。") % {"t": data["title"]}
    if action == "approve":
        return _("已记录%(m)s审议通过，可以公布。") % {"m": data["meeting"]}
    if action == "publish":
        return _("已公布 %(y)s 年度目录（第 %(v)s 版）；新列入的事项进入起草。") % {
            "y": catalog.year,
            "v": catalog.version,
        }
    return _("已发起目录调整：第 %(v)s 版（编制中）。") % {"v": catalog.version}


@require_POST
@staff_view(permissions.can_compile)
def catalog_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in {"add", "remove", "change", "approve", "publish", "adjust"}:
        raise Http404
    user: Any = request.user
    catalog = _get_catalog(request, pk)
    form = _catalog_form(action, catalog, request.POST)
    page = reverse("decisions:catalog_detail", args=[catalog.pk])
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    try:
        result = _run(action, catalog, user, form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        if action == "publish":
            messages.error(request, str(exc))
            return redirect("decisions:catalog_detail", pk=catalog.pk)
        hints = CATALOG_HINTS.get(action, [])
        for words, name in hints:
            if words in str(exc) and name in form.fields:
                form.add_error(name, str(exc))
                break
        else:
            form.add_error(None, str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    messages.success(request, _message(action, result, form.cleaned_data))
    return redirect("decisions:catalog_detail", pk=result.pk)
