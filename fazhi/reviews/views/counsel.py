"""The counsel register (法律顾问和公职律师名册): its list and form. Every write goes through
counsel.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.agencies import agency_id_of, scoped
from fazhi.core.clock import today as _today
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.workflow import DomainError
from fazhi.reviews import permissions
from fazhi.reviews.counsel import CounselInvalid, counsel_state, save_counsel
from fazhi.reviews.forms import CounselForm
from fazhi.reviews.models import LegalCounsel

PAGE_SIZE = 25

# ---------------------------------------------------------------------------------------------
# The counsel register


@staff_view(permissions.can_see_counsel)
def counsel_list(request: HttpRequest) -> HttpResponse:
    today = _today()
    page = Paginator(
        scoped(LegalCounsel.objects.select_related("user"), request.user).order_by("kind", "name", "pk"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    for row in page:
        row.state = counsel_state(row, today)  # type: ignore[attr-defined]
    return render(
        request,
        "reviews/counsel_list.html",
        {"page": page, "can_manage": permissions.can_manage_counsel(request.user), "today": today},
    )


@staff_view(permissions.can_manage_counsel)
def counsel_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    counsel = None
    if pk is not None:
        counsel = get_visible_or_404(scoped(LegalCounsel.objects.select_related("user"), request.user), pk=pk)
    initial: dict[str, Any] = {}
    if counsel is not None:
        initial = {
            "kind": counsel.kind,
            "name": counsel.name,
            "firm": counsel.firm,
            "certificate_number": counsel.certificate_number,
            "term_start": counsel.term_start,
            "term_end": counsel.term_end,
            "expertise": counsel.fields,
            "user": counsel.user_id,
            "is_active": counsel.is_active,
        }
    form = CounselForm(request.POST or None, initial=initial, agency_id=agency_id_of(request.user))
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        values["fields"] = values.pop("expertise")
        try:
            saved = save_counsel(counsel, actor=request.user, **values)  # type: ignore[arg-type]
        except PermissionDenied as exc:
            raise Http404 from exc
        except CounselInvalid as exc:
            field = {"fields": "expertise"}.get(exc.field or "", exc.field)
            form.add_error(field if field in form.fields else None, str(exc))
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已保存：%(name)s") % {"name": saved.name})
            return redirect("reviews:counsel_list")
    return render(request, "reviews/counsel_form.html", {"form": form, "counsel": counsel})
