from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.http import StaffRequest, staff_view
from fazhi.core.pending import PendingImports
from fazhi.core.workflow import DomainError
from fazhi.documents import permissions
from fazhi.documents.excel import IMPORT_COLUMNS, ImportRow, import_rows, read_import, register_workbook
from fazhi.documents.models import NormativeDocument

# Checked rows wait for confirmation in a file of their own (expiring after a day), never in
# the session: see fazhi.core.pending.
PENDING = PendingImports("documents")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel 文件（.xlsx）"),
        error_messages={"required": gettext_lazy("请选择要导入的文件"), "empty": gettext_lazy("文件为空")},
    )


@staff_view(permissions.can_see_documents)
def register_export(request: StaffRequest) -> HttpResponse:
    """The register (登记簿) of every issued document the user may see, as .xlsx."""
    documents = (
        NormativeDocument.objects.visible_to(request.user).exclude(number="").order_by("published_on", "pk")
    )
    today = timezone.localdate()
    response = HttpResponse(register_workbook(documents, today=today), content_type=XLSX)
    filename = f"规范性文件登记簿-{today:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@staff_view(permissions.can_issue)
def legacy_import(request: StaffRequest) -> HttpResponse:
    """Upload → a per-row report → import all (no errors) or, on request, only the good rows."""
    form = ImportForm()
    report = None
    token = None
    if request.method == "POST" and request.POST.get("confirm"):
        pending = PENDING.load(request.user, request.POST.get("token") or None)
        if pending is None:
            messages.error(request, _("待确认的导入已过期或已被新的上传取代，请重新上传文件"))
            return redirect("documents:import")
        rows = [ImportRow.from_json(r) for r in pending[1]["rows"]]
        try:
            count = import_rows(rows, actor=request.user, filename=pending[1]["filename"])
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            PENDING.discard(request.user)
            messages.success(request, _("已导入 %(n)s 件历史文件") % {"n": count})
            return redirect("documents:list")
    elif request.method == "POST" and request.POST.get("cancel"):
        PENDING.discard(request.user)
        messages.info(request, _("已取消导入，未保存任何内容"))
        return redirect("documents:import")
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = read_import(upload, size=upload.size or 0)
            if report.file_error:
                form.add_error("file", report.file_error)
                report = None
            elif not report.rows and not report.errors:
                form.add_error("file", _("文件中没有数据行"))
                report = None
            else:
                # Kept until confirmed: a clean file still asks for one confirmation, and a file
                # with errors saves nothing unless the user chooses to import the good rows.
                token = PENDING.save(
                    request.user, {"filename": upload.name, "rows": [r.as_json() for r in report.rows]}
                )
    return render(
        request,
        "documents/excel/import.html",
        {"form": form, "report": report, "columns": IMPORT_COLUMNS, "token": token},
    )
