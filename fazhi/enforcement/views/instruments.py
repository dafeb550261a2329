"""The case page's enforcement instruments (执法文书): a POST generates one (instruments.generate)
and goes back to the case page, refused or not; a GET downloads the latest generated one. The
case is found among those the user may see (404 otherwise); generating is for the case's
officers (404 for anyone else)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.workflow import DomainError
from fazhi.enforcement import instruments, permissions
from fazhi.enforcement.models import EnforcementCase

ANCHOR = "#instruments"


def _case(request: HttpRequest, pk: int, kind: str) -> EnforcementCase:
    if kind not in instruments.INSTRUMENTS:
        raise Http404
    queryset = EnforcementCase.objects.visible_to(request.user).select_related("division__parent", "agency")
    return get_visible_or_404(queryset, pk=pk)


def rows(case: EnforcementCase, user: Any) -> list[dict[str, Any]]:
    """One row per instrument for the case page: may it be generated now, the latest one."""
    handles = permissions.can_handle(user, case)
    latest = instruments.generated(case)
    out = []
    for kind, instrument in instruments.INSTRUMENTS.items():
        can = handles and instruments.refusal(case, kind) is None
        if can or kind in latest:
            out.append({"kind": kind, "instrument": instrument, "can": can, "latest": latest.get(kind)})
    return out


@require_POST
@staff_view(permissions.can_open_area)
def generate(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    case = _case(request, pk, kind)
    if not permissions.can_handle(request.user, case):
        raise Http404
    try:
        attachment = instruments.generate(case, actor=request.user, kind=kind)  # type: ignore[arg-type]
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("已生成%(t)s并归入执法全过程记录（SHA-256 %(h)s）。")
            % {"t": attachment.purpose, "h": attachment.sha256[:16] + "…"},
        )
    return redirect(reverse("enforcement:detail", args=[case.pk]) + ANCHOR)


@require_GET
@staff_view(permissions.can_open_area)
def download(request: HttpRequest, pk: int, kind: str) -> HttpResponseBase:
    """The latest generated document of the kind; 404 when none was generated."""
    case = _case(request, pk, kind)
    attachment = instruments.generated(case).get(kind)
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.media_type
    )
    response["X-Content-SHA256"] = attachment.sha256
    return response
