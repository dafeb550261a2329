from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fazhi.core.attachments import attach_file, can_attach_to, can_view_attachment
from fazhi.core.forms import AttachmentForm
from fazhi.core.http import StaffRequest, get_visible_or_404, staff_view
from fazhi.core.models import Attachment
from fazhi.core.workflow import DomainError


@staff_view()
def download(request: StaffRequest, pk: int) -> HttpResponseBase:
    """Serve a file only to users allowed to see the record it belongs to (404 otherwise)."""
    attachment = Attachment.objects.select_related("content_type").filter(pk=pk).first()
    if attachment is None or not can_view_attachment(request.user, attachment):
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


@require_POST
@staff_view()
def upload(request: StaffRequest, model: str, pk: str) -> HttpResponse:
    """Attach a file to any registered record; the form sits on that record's page."""
    try:
        model_class = apps.get_model(model)
    except (LookupError, ValueError) as exc:
        raise Http404 from exc
    subject = get_visible_or_404(model_class._default_manager.all(), pk=pk)
    if not can_attach_to(request.user, subject):
        raise Http404
    back = request.POST.get("next", "")
    # Only a path of this site: anything else (another host, or a bare word, which `redirect`
    # would try to resolve as a view name) goes back to the dashboard.
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}
    ):
        back = "/work/"
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    try:
        attachment = attach_file(
            subject, form.cleaned_data["file"], actor=request.user, purpose=form.cleaned_data["purpose"]
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已上传：{attachment.original_name}（SHA-256 {attachment.sha256[:12]}…）")
    return redirect(back)
