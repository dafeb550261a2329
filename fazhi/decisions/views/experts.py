"""The expert pool page (论证专家库): everyone who runs decisions reads it; the legal affairs
division adds and changes entries through experts.py (checked and audited). The URL is one
(decisions:experts): `?edit=<id>` opens an entry in the form, a POST with `expert` saves it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.agencies import scoped
from fazhi.core.http import staff_view
from fazhi.decisions import permissions
from fazhi.decisions.experts import ExpertInvalid, save_expert
from fazhi.decisions.forms import ExpertForm
from fazhi.decisions.models import DecisionExpert, ExpertOpinion

# Experts a page, as the decision list's pages.
PAGE_SIZE = 25


def _pool(user: Any) -> Any:
    """The expert pool of the user's own agency."""
    return scoped(DecisionExpert.objects.all(), user)


def _expert_or_404(raw: str | None, user: Any) -> DecisionExpert | None:
    if not raw:
        return None
    try:
        return _pool(user).get(pk=int(raw))
    except (ValueError, DecisionExpert.DoesNotExist) as exc:
        raise Http404 from exc


def _initial(expert: DecisionExpert | None) -> dict[str, Any]:
    if expert is None:
        return {"is_active": True}
    return {name: getattr(expert, name) for name in ("name", "organization", "field", "is_active")}


@staff_view(permissions.can_see_decisions)
def expert_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    can_edit = permissions.can_compile(user)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        expert = _expert_or_404(request.POST.get("expert"), user)
        form = ExpertForm(request.POST)
        if form.is_valid():
            try:
                saved = save_expert(expert, actor=user, **form.cleaned_data)
            except PermissionDenied as exc:
                raise Http404 from exc
            except ExpertInvalid as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(
                    request,
                    (_("已将 %(n)s 加入专家库。") if expert is None else _("已保存 %(n)s 的信息。"))
                    % {"n": saved.name},
                )
                return redirect("decisions:experts")
        messages.error(request, _("请按提示修改后再提交。"))
    else:
        expert = _expert_or_404(request.GET.get("edit"), user) if can_edit else None
        form = ExpertForm(initial=_initial(expert))
    # A page of the pool, and the opinions and recusals of the experts on it only.
    page = Paginator(_pool(user).order_by("-is_active", "name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = {
        (row["expert_id"], row["declared_interest"]): row["n"]
        for row in ExpertOpinion.objects.filter(expert__in=page.object_list)
        .order_by()
        .values("expert_id", "declared_interest")
        .annotate(n=Count("pk"))
    }
    for entry in page:
        entry.opinions = counts.get((entry.pk, False), 0)  # type: ignore[attr-defined]
        entry.recusals = counts.get((entry.pk, True), 0)  # type: ignore[attr-defined]
    return render(
        request,
        "decisions/experts.html",
        {"page": page, "form": form if can_edit else None, "editing": expert},
    )
