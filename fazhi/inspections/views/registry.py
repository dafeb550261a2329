"""The item list (随机抽查事项清单), the entity registry (检查对象名录库) and the conflicts of
interest (回避关系). The legal affairs division keeps them (registry.py does every write);
planners, inspectors and the leadership read them. The registry may hold a million entities:
its list reads one page by an index (the newest first, the code's unique index for a code, the
domain–risk–active index for the filters) and counts with the same filter."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.agencies import agency_of, scoped
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.uscc import normalize_uscc
from fazhi.core.workflow import DomainError
from fazhi.inspections import permissions, registry
from fazhi.inspections.forms import (
    ActiveForm,
    ConflictForm,
    EntityCreateForm,
    EntityFilterForm,
    EntityForm,
    ItemCreateForm,
    ItemForm,
    RemovalForm,
)
from fazhi.inspections.models import Conflict, Entity, InspectionItem, InspectionTask
from fazhi.inspections.view_helpers import PAGE_SIZE, filter_notes, place_error, posted, render_area, timeline

# What a person types when looking for a code: two or more characters of the code set.
CODE_PREFIX = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2,18}")
ITEM_HINTS = [("抽查事项", "name"), ("检查依据", "legal_basis"), ("检查主体", "inspecting_body")]
ITEM_HINTS += [("检查方式", "method"), ("领域", "domain")]
ENTITY_HINTS = [
    ("统一社会信用代码", "uscc"),
    ("名称", "name"),
    ("法定代表人", "legal_representative"),
    ("住所", "address"),
    ("风险等级", "risk_level"),
    ("领域", "domain"),
]


# ---------------------------------------------------------------------------------------------
# The item list


@staff_view(permissions.can_see_inspections)
def item_list(request: HttpRequest) -> HttpResponse:
    """The item list, a page at a time (the count and the page: two queries)."""
    items = scoped(InspectionItem.objects.select_related("agency"), request.user).order_by("domain", "pk")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_area(
        request,
        "inspections/item_list.html",
        {"page": page, "can_manage": permissions.can_manage_registry(request.user)},
        section="items",
    )


@staff_view(permissions.can_manage_registry)
def item_create(request: HttpRequest) -> HttpResponse:
    form = ItemCreateForm(posted(request), agency=agency_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            item = registry.create_item(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            place_error(form, ITEM_HINTS, str(exc))
        else:
            state = _("并已公开") if item.published else _("（未公开）")
            messages.success(request, _("已列入抽查事项“%(n)s”%(s)s。") % {"n": item.name, "s": state})
            return redirect("inspections:item_list")
    if request.method == "POST":
        messages.error(request, _("请按提示修改后再提交。"))
    return render_area(request, "inspections/item_form.html", {"form": form, "item": None}, section="items")


@staff_view(permissions.can_manage_registry)
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(scoped(InspectionItem.objects.all(), request.user), pk=pk)
    initial = {f: getattr(item, f) for f in ("name", "legal_basis", "inspecting_body", "method", "domain")}
    form = ItemForm(posted(request), initial=initial, agency=item.agency)
    if request.method == "POST" and form.is_valid():
        try:
            registry.update_item(item, actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            place_error(form, ITEM_HINTS, str(exc))
        else:
            messages.success(request, _("已保存抽查事项“%(n)s”。") % {"n": item.name})
            return redirect("inspections:item_list")
    if request.method == "POST":
        messages.error(request, _("请按提示修改后再提交。"))
    return render_area(
        request,
        "inspections/item_form.html",
        {"form": form, "item": item, "events": timeline(item)},
        section="items",
    )


@require_POST
@staff_view(permissions.can_manage_registry)
def item_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in {"publish", "unpublish"}:
        raise Http404
    item = get_visible_or_404(scoped(InspectionItem.objects.all(), request.user), pk=pk)
    publish = action == "publish"
    if item.published == publish:
        messages.info(request, _("“%(n)s”已是该状态。") % {"n": item.name})
        return redirect("inspections:item_list")
    try:
        registry.set_item_published(item, actor=request.user, published=publish)  # type: ignore[arg-type]
    except PermissionDenied as exc:
        raise Http404 from exc
    if publish:
        messages.success(request, _("已在随机抽查事项清单中公开“%(n)s”。") % {"n": item.name})
    else:
        messages.success(request, _("已撤回“%(n)s”的公开，修订后可再公开。") % {"n": item.name})
    return redirect("inspections:item_list")


# ---------------------------------------------------------------------------------------------
# Entities


def search_entities(data: dict[str, Any], user: Any) -> Any:
    """The user's agency's registry filtered as asked, newest first. A code (or its beginning)
    is looked up by a range on the code's unique index; other text by name."""
    entities = scoped(Entity.objects.select_related("agency"), user)
    if data.get("domain"):
        entities = entities.filter(domain=data["domain"])
    if data.get("risk_level"):
        entities = entities.filter(risk_level=data["risk_level"])
    if data.get("active") in {"0", "1"}:
        entities = entities.filter(is_active=data["active"] == "1")
    q = (data.get("q") or "").strip()
    if q:
        code = normalize_uscc(q)
        if CODE_PREFIX.fullmatch(code):
            # "Z" sorts after every character of the code set.
            entities = (
                entities.filter(uscc=code)
                if len(code) == 18
                else entities.filter(uscc__gte=code, uscc__lt=code + "Z")
            )
        else:
            entities = entities.filter(name__icontains=q)
    return entities.order_by("-pk")


@staff_view(permissions.can_see_registries)
def entity_list(request: HttpRequest) -> HttpResponse:
    """One page of the registry: two queries (the count and the page) whatever its size."""
    form = EntityFilterForm(request.GET, agency=agency_of(request.user))
    form.is_valid()
    entities = search_entities(form.cleaned_data, request.user)
    page = Paginator(entities, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_area(
        request,
        "inspections/entity_list.html",
        {
            "page": page,
            "form": form,
            "notes": filter_notes(form),
            "filtered": any(form.data.get(name) for name in form.fields),
            "can_manage": permissions.can_manage_registry(request.user),
        },
        section="entities",
    )


@staff_view(permissions.can_manage_registry)
def entity_create(request: HttpRequest) -> HttpResponse:
    form = EntityCreateForm(posted(request), agency=agency_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            entity = registry.create_entity(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            place_error(form, ENTITY_HINTS, str(exc))
        else:
            messages.success(request, _("已登记“%(n)s”。") % {"n": entity})
            return redirect("inspections:entity_detail", pk=entity.pk)
    if request.method == "POST":
        messages.error(request, _("请按提示修改后再提交。"))
    return render_area(request, "inspections/entity_form.html", {"form": form}, section="entities")


def _entity_forms(entity: Entity, data: Any = None) -> dict[str, forms.Form]:
    initial = {
        f: getattr(entity, f)
        for f in ("name", "legal_representative", "address", "domain", "risk_level", "is_natural_person")
    }
    return {
        "edit": EntityForm(data, prefix="edit", initial=initial, agency=entity.agency),
        "deactivate" if entity.is_active else "activate": ActiveForm(data, prefix="active"),
    }


def _render_entity(
    request: HttpRequest, entity: Entity, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    user: Any = request.user
    step_forms: dict[str, forms.Form] = {}
    if permissions.can_manage_record(user, entity):
        step_forms = _entity_forms(entity)
        if bound is None:
            bound = refusals.bound_steps(
                request,
                ("edit", "activate", "deactivate"),
                lambda name, data: _entity_forms(entity, data).get(name),
            )
        step_forms.update(bound or {})
    conflicts = list(
        Conflict.objects.filter(entity=entity).select_related("inspector", "expert", "created_by")
    )
    tasks = list(
        InspectionTask.objects.visible_to(user)
        .filter(entity=entity)
        .select_related("plan")
        .order_by("-plan__year", "-plan_id")[:20]
    )
    return render_area(
        request,
        "inspections/entity_detail.html",
        {
            "entity": entity,
            "forms": step_forms,
            "conflicts": conflicts,
            "tasks": tasks,
            "can_manage": permissions.can_manage_record(user, entity),
            "events": timeline(entity),
        },
        section="entities",
    )


@staff_view(permissions.can_see_registries)
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_entity(request, get_visible_or_404(scoped(Entity.objects.all(), request.user), pk=pk))


@require_POST
@staff_view(permissions.can_manage_registry)
def entity_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Edit the particulars, take the entity off the registry (with a reason) or back on."""
    if action not in {"edit", "deactivate", "activate"}:
        raise Http404
    entity = get_visible_or_404(scoped(Entity.objects.all(), request.user), pk=pk)
    user: Any = request.user
    if action != "edit" and (action == "activate") == entity.is_active:
        messages.error(request, _("“%(n)s”已是该状态。") % {"n": entity.name})
        return redirect("inspections:entity_detail", pk=entity.pk)
    form = _entity_forms(entity, request.POST)[action]
    if not form.is_valid():
        return refusals.refuse(
            request, form, action=action, to=reverse("inspections:entity_detail", args=[pk])
        )
    data = form.cleaned_data
    try:
        if action == "edit":
            registry.update_entity(entity, actor=user, **data)
            message = _("已保存。")
        else:
            registry.set_entity_active(entity, actor=user, active=action == "activate", reason=data["reason"])
            message = (
                _("已恢复在册。")
                if action == "activate"
                else _("已移出名录库，此后公布的计划不再抽到该对象。")
            )
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        place_error(form, [*ENTITY_HINTS, ("理由", "reason")], str(exc))
        return refusals.refuse(
            request, form, action=action, to=reverse("inspections:entity_detail", args=[pk]), message=str(exc)
        )
    messages.success(request, message)
    return redirect("inspections:entity_detail", pk=entity.pk)


# ---------------------------------------------------------------------------------------------
# Conflicts of interest


def _render_conflicts(
    request: HttpRequest,
    *,
    form: ConflictForm | None = None,
    removal: tuple[int, RemovalForm] | None = None,
    wanted: str | None = None,
) -> HttpResponse:
    user: Any = request.user
    can_manage = permissions.can_manage_registry(user)
    conflicts = scoped(
        Conflict.objects.select_related("entity", "inspector", "expert", "created_by"), user, "entity__agency"
    ).order_by("-pk")
    if wanted is None:
        wanted = normalize_uscc(request.GET.get("entity", ""))
    if wanted and CODE_PREFIX.fullmatch(wanted):
        conflicts = conflicts.filter(entity__uscc=wanted)
    page = Paginator(conflicts, PAGE_SIZE).get_page(request.GET.get("page"))
    for conflict in page:
        bound = removal[1] if removal is not None and removal[0] == conflict.pk else None
        conflict.removal_form = bound or (RemovalForm(prefix=f"remove-{conflict.pk}") if can_manage else None)  # type: ignore[attr-defined]
    if form is None and can_manage:
        form = ConflictForm(prefix="add", initial={"entity": wanted}, agency=agency_of(user))
    return render_area(
        request,
        "inspections/conflict_list.html",
        {"page": page, "form": form, "can_manage": can_manage, "entity_filter": wanted},
        section="conflicts",
    )


@staff_view(permissions.can_see_registries)
def conflict_list(request: HttpRequest) -> HttpResponse:
    """Every conflict (or an entity's, ?entity=code); the legal affairs division adds one here
    with the reason (《行政处罚法》第四十三条)."""
    if request.method != "POST":
        return _render_conflicts(request)
    user: Any = request.user
    if not permissions.can_manage_registry(user):
        raise Http404
    form = ConflictForm(request.POST, prefix="add", agency=agency_of(user))
    if form.is_valid():
        entity = scoped(Entity.objects.all(), user).filter(uscc=form.cleaned_data["entity"]).first()
        if entity is None:
            form.add_error("entity", _("名录库中没有该统一社会信用代码的检查对象"))
        else:
            try:
                conflict = registry.add_conflict(
                    actor=user, entity=entity, person=form.person_object(), reason=form.cleaned_data["reason"]
                )
            except PermissionDenied as exc:
                raise Http404 from exc
            except DomainError as exc:
                place_error(form, [("回避理由", "reason"), ("回避关系已登记", "person")], str(exc))
            else:
                messages.success(
                    request,
                    _("已登记回避：%(p)s 不参与对 %(e)s 的检查。")
                    % {"p": conflict.person.name, "e": entity.name},
                )
                return redirect(reverse("inspections:conflict_list") + f"?entity={entity.uscc}")
    messages.error(request, _("请按提示修改后再提交。"))
    return _render_conflicts(request, form=form)


@require_POST
@staff_view(permissions.can_manage_registry)
def conflict_remove(request: HttpRequest, pk: int) -> HttpResponse:
    conflict = get_visible_or_404(
        scoped(
            Conflict.objects.select_related("entity", "inspector", "expert"), request.user, "entity__agency"
        ),
        pk=pk,
    )
    form = RemovalForm(request.POST, prefix=f"remove-{conflict.pk}")
    if form.is_valid():
        try:
            registry.remove_conflict(conflict, actor=request.user, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            form.add_error("reason", str(exc))
        else:
            messages.success(request, _("已撤销该回避关系；已公布的计划不受影响。"))
            return redirect("inspections:conflict_list")
    messages.error(request, _("请按提示修改后再提交。"))
    return _render_conflicts(request, removal=(conflict.pk, form), wanted=conflict.entity.uscc)
