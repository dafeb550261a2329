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
from fazhi.core.workflow import DomainError
from fazhi.documents import permissions
from fazhi.documents.excel import IMPORT_COLUMNS, ImportRow, import_rows, read_import, register_workbook
from fazhi.documents.models import NormativeDocument

SESSION_KEY = "documents_import"
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
    pending = request.session.get(SESSION_KEY)
    if request.method == "POST" and request.POST.get("confirm") and pending:
        rows = [ImportRow.from_json(r) for r in pending["rows"]]
        try:
            count = import_rows(rows, actor=request.user, filename=pending["filename"])
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            del request.session[SESSION_KEY]
            messages.success(request, _("已导入 %(n)s 件历史文件") % {"n": count})
            return redirect("documents:list")
    elif request.method == "POST" and request.POST.get("cancel"):
        request.session.pop(SESSION_KEY, None)
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
                request.session[SESSION_KEY] = {
                    "filename": upload.name,
                    "rows": [r.as_json() for r in report.rows],
                }
    return render(
        request,
        "documents/excel/import.html",
        {"form": form, "report": report, "columns": IMPORT_COLUMNS},
    )
