from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.http import staff_view
from fazhi.core.worklist import work_items_for


@staff_view()
def dashboard(request: HttpRequest) -> HttpResponse:
    items = work_items_for(request.user)
    return render(
        request,
        "core/dashboard.html",
        {
            "pending": [i for i in items if i.due is None or not i.is_deadline_only],
            "deadlines": sorted((i for i in items if i.due is not None), key=lambda i: i.due.due),
        },
    )
