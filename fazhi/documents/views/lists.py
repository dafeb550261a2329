"""The list of documents and the drafting form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.clock import today as local_today
from fazhi.core.http import staff_view
from fazhi.core.workflow import DomainError
from fazhi.documents import actions, permissions
from fazhi.documents.forms import DocumentFilterForm, DocumentForm
from fazhi.documents.models import NormativeDocument
from fazhi.documents.validity import status_on
from fazhi.documents.view_helpers import PAGE_SIZE, filter_notes, place_error

# ---------------------------------------------------------------------------------------------
# The list


@staff_view(permissions.can_see_documents)
def document_list(request: HttpRequest) -> HttpResponse:
    """The documents the user may see, 25 a page, newest first. Three queries whatever the page
    holds: the count, the page (division and filing joined, the long texts left out) and the
    validity events."""
    user = request.user
    form = DocumentFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    documents = NormativeDocument.objects.visible_to(user)
    if data.get("status"):
        documents = documents.filter(status=data["status"])
    if data.get("year"):
        year = data["year"]
        documents = documents.filter(
            Q(published_on__year=year) | Q(published_on__isnull=True, created_at__year=year)
        )
    if (data.get("q") or "").strip():
        q = data["q"].strip()
        documents = documents.filter(Q(title__icontains=q) | Q(number__icontains=q))
    documents = (
        documents.select_related("division", "filing")
        .defer("body", "search_text", "summary", "filing__explanation")
        .prefetch_related("validity_events")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    today = local_today()
    for document in page:
        document.validity = status_on(document, today) if document.published_on else None  # type: ignore[attr-defined]
        document.filing_row = getattr(document, "filing", None)  # type: ignore[attr-defined]
    return render(
        request,
        "documents/list.html",
        {
            "page": page,
            "form": form,
            "notes": filter_notes(form),
            "filtered": any(form.data.get(name) for name in form.fields),
            "can_draft": permissions.can_draft(user),
            "today": today,
        },
    )


@staff_view(permissions.can_draft)
def document_create(request: HttpRequest) -> HttpResponse:
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = actions.create_document(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            place_error(form, [("名称", "title"), ("文本", "text")], str(exc))
        else:
            messages.success(request, _("已创建《%(title)s》（第 1 版）。") % {"title": document.title})
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/form.html", {"form": form})
