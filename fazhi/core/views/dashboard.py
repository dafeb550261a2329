from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.http import staff_view
from fazhi.core.overdue import openable, overdue_items
from fazhi.core.permissions import can_see_overview
from fazhi.core.roles import Role
from fazhi.core.worklist import work_items_for


@staff_view()
def dashboard(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    items = work_items_for(user)
    pending = [i for i in items if i.due is None or not i.is_deadline_only]
    deadlines = sorted((i for i in items if i.due is not None), key=lambda i: i.due.due)
    if user.has_role(Role.DIVISION_HEAD) and user.organization_id:
        # The division head's work page: what waits on the head (approvals, sign-offs) and the
        # division's overdue work, not a copy of the staff page.
        today = timezone.localdate()
        return render(
            request,
            "core/dashboard_head.html",
            {
                "pending": pending,
                "deadlines": deadlines,
                "overdue": openable(
                    overdue_items(user.organization.agency, today, division_id=user.organization_id), user
                ),
            },
        )
    return render(
        request,
        "core/dashboard.html",
        {"pending": pending, "deadlines": deadlines, "show_overview": can_see_overview(user)},
    )
