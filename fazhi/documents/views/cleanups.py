"""Cleanup campaigns (清理): create one, give a disposition for each document in force,
approve and publish the result list (public at /policies/cleanups/<pk>/)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.agencies import scoped
from fazhi.core.clock import today as local_today
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.workflow import DomainError
from fazhi.documents import actions, permissions
from fazhi.documents.forms import CampaignForm, DispositionForm
from fazhi.documents.models import CleanupCampaign, CleanupItem, NormativeDocument
from fazhi.documents.validity import is_in_force, status_on
from fazhi.documents.view_helpers import place_error

C = CleanupCampaign.Status


# ---------------------------------------------------------------------------------------------
# Cleanup campaigns


@staff_view(permissions.can_manage_cleanup)
def cleanup_list(request: HttpRequest) -> HttpResponse:
    campaigns = (
        scoped(CleanupCampaign.objects.all(), request.user)
        .select_related("created_by")
        .annotate(
            item_count=Count("items"),
            changed=Count("items", filter=~Q(items__disposition=CleanupItem.Disposition.CONTINUE)),
        )
    )
    return render(request, "documents/cleanup_list.html", {"campaigns": campaigns.order_by("-pk")})


@staff_view(permissions.can_manage_cleanup)
def cleanup_create(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = actions.create_campaign(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            place_error(form, [("名称", "title"), ("原因", "reason"), ("范围", "scope")], str(exc))
        else:
            messages.success(request, _("已创建清理：%(t)s。请逐件提出清理意见。") % {"t": campaign.title})
            return redirect("documents:cleanup_detail", pk=campaign.pk)
    return render(request, "documents/cleanup_form.html", {"form": form})


def _in_force_documents(user: Any, today: datetime.date) -> list[NormativeDocument]:
    """The agency's documents in force today (现行有效 or 已修改), the candidates of a cleanup."""
    documents = scoped(NormativeDocument.objects.published(), user).prefetch_related("validity_events")
    documents = documents.order_by("published_on", "pk")
    return [d for d in documents if is_in_force(status_on(d, today))]


def _render_campaign(
    request: HttpRequest, campaign: CleanupCampaign, *, bound: tuple[int, DispositionForm] | None = None
) -> HttpResponse:
    today = local_today()
    items = {item.document_id: item for item in campaign.items.select_related("document")}
    editable = permissions.can_edit_campaign(request.user, campaign)
    if bound is None and editable and (refusal := refusals.take(request)) is not None:
        # The document's opinion refused just before (`doc-<id>`), as it was filled in.
        raw = refusal.action.removeprefix("doc-")
        if raw.isdigit():
            bound = (int(raw), refusal.restore(DispositionForm(refusal.data, prefix=refusal.action)))  # type: ignore[assignment]
    rows: list[dict[str, Any]] = []
    if editable:
        for document in _in_force_documents(request.user, today):
            item = items.get(document.pk)
            if bound is not None and bound[0] == document.pk:
                form = bound[1]
            else:
                initial = {"disposition": item.disposition, "note": item.note} if item else {}
                form = DispositionForm(prefix=f"doc-{document.pk}", initial=initial)
            rows.append({"document": document, "item": item, "form": form})
    return render(
        request,
        "documents/cleanup_detail.html",
        {
            "campaign": campaign,
            "items": list(items.values()),
            "rows": rows,
            "editable": editable,
            "today": today,
            "counts": {
                value: sum(1 for i in items.values() if i.disposition == value)
                for value in CleanupItem.Disposition.values
            },
        },
    )


@staff_view(permissions.can_manage_cleanup)
def cleanup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_campaign(
        request, get_visible_or_404(scoped(CleanupCampaign.objects.all(), request.user), pk=pk)
    )


CAMPAIGN_STEPS = {
    "dispose": (frozenset({C.DRAFT}), gettext_lazy("提出清理意见")),
    "approve": (actions.CAMPAIGN_TRANSITIONS["approve"].sources, gettext_lazy("审定清理结果")),
    "publish": (actions.CAMPAIGN_TRANSITIONS["publish"].sources, gettext_lazy("公布清理结果")),
}


@require_POST
@staff_view(permissions.can_manage_cleanup)
def cleanup_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in CAMPAIGN_STEPS:
        raise Http404
    user = request.user
    campaign = get_visible_or_404(scoped(CleanupCampaign.objects.all(), request.user), pk=pk)
    states, label = CAMPAIGN_STEPS[action]
    back = redirect("documents:cleanup_detail", pk=campaign.pk)
    page = reverse("documents:cleanup_detail", args=[campaign.pk])
    if campaign.status not in states:
        messages.error(
            request,
            _("当前状态为“%(status)s”，不能%(action)s")
            % {"status": campaign.get_status_display(), "action": label},
        )
        return back
    try:
        if action == "dispose":
            document = get_visible_or_404(
                scoped(NormativeDocument.objects.published(), user), pk=request.POST.get("document", "")
            )
            form = DispositionForm(request.POST, prefix=f"doc-{document.pk}")
            if not form.is_valid():
                return refusals.refuse(
                    request,
                    form,
                    action=f"doc-{document.pk}",
                    to=page + f"#doc-{document.pk}",
                    message=_("《%(t)s》的清理意见未能保存，请按提示修改。") % {"t": document.title},
                )
            try:
                actions.set_disposition(
                    campaign,
                    document,
                    actor=user,  # type: ignore[arg-type]
                    disposition=form.cleaned_data["disposition"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                place_error(form, [("理由", "note"), ("清理意见", "disposition")], str(exc))
                return refusals.refuse(
                    request,
                    form,
                    action=f"doc-{document.pk}",
                    to=page + f"#doc-{document.pk}",
                    message=str(exc),
                )
            messages.success(request, _("已保存《%(t)s》的清理意见。") % {"t": document.title})
            return redirect(reverse("documents:cleanup_detail", args=[campaign.pk]) + f"#doc-{document.pk}")
        if action == "approve":
            actions.approve_campaign(campaign, actor=user)  # type: ignore[arg-type]
            messages.success(request, _("已审定清理结果。"))
        else:
            actions.publish_campaign(campaign, actor=user)  # type: ignore[arg-type]
            messages.success(request, _("已公布清理结果；废止、宣布失效的文件自今日起失效。"))
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, str(exc))
    return back
