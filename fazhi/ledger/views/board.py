"""The year's key tasks on the wall (重点任务上墙) and the leading group of a year."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Prefetch, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.agencies import agency_of
from fazhi.core.clock import today as local_today
from fazhi.core.http import staff_view
from fazhi.core.models import Organization, User
from fazhi.core.workflow import DomainError
from fazhi.ledger import actions, permissions
from fazhi.ledger.forms import LeadingGroupForm
from fazhi.ledger.models import LeadingGroupMember, LedgerItem, Supervision
from fazhi.ledger.stats import LedgerFigures, ledger_figures
from fazhi.ledger.view_helpers import (
    due_date,
    leading_group,
    place_error,
    respond_date,
    year_choices,
    year_from,
)

S = LedgerItem.Status
P = LeadingGroupMember.Position
TRY_AGAIN = gettext_lazy("请按提示修改后再提交。")
BY_DIVISION, BY_STATUS = "division", "status"
# Tasks a page of the wall.
PAGE_SIZE = 50
# Long texts the wall does not show.
LONG_TEXTS = ("description", "cancel_reason", "assessment_note")


def area(user: Any) -> dict[str, Any]:
    return {"can_manage": permissions.can_manage(user)}


def _percent(part: int, whole: int) -> str | None:
    return f"{part * 100 / whole:.1f}%" if whole else None


def _grouped(items: Sequence[LedgerItem], by: str) -> list[tuple[Any, list[LedgerItem]]]:
    """The tasks by their division (in the agency's order) or by status (in the order of the
    workflow), each group in the order of the due dates."""
    groups: dict[Any, list[LedgerItem]] = {}
    if by == BY_STATUS:
        for item in items:
            groups.setdefault(item.status, []).append(item)
        return [(S(status).label, groups[status]) for status in S.values if status in groups]
    for item in items:
        groups.setdefault(item.division, []).append(item)
    order = sorted(groups, key=lambda d: (d.sort_order, d.pk))
    return [(division.name, groups[division]) for division in order]


@staff_view(permissions.can_open_area)
def board(request: HttpRequest) -> HttpResponse:
    """The year's tasks the user may see, grouped by division or by status, each with its leader,
    due date, progress, status, whether it is late and its open supervisions, a page at a time;
    the year's figures and the leading group. A fixed number of queries whatever the year holds."""
    user: Any = request.user
    today = local_today()
    year, notes = year_from(request.GET.get("year", ""), today.year)
    by = BY_STATUS if request.GET.get("by") == BY_STATUS else BY_DIVISION
    agency = agency_of(user)
    open_supervisions = Supervision.objects.filter(responded_on__isnull=True).order_by("respond_by", "pk")
    tasks = (
        LedgerItem.objects.visible_to(user)
        .filter(year=year)
        .select_related("division", "lead")
        .prefetch_related(Prefetch("supervisions", queryset=open_supervisions, to_attr="open_supervisions"))
        .defer(*LONG_TEXTS)
    )
    # In the order of the groups, so that a page holds whole runs of them; then by due date.
    if by == BY_STATUS:
        workflow = Case(*(When(status=value, then=Value(n)) for n, value in enumerate(S.values)))
        tasks = tasks.order_by(workflow, "due_on", "pk")
    else:
        tasks = tasks.order_by("division__sort_order", "division_id", "due_on", "pk")
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page)
    for item in items:
        item.late = item.is_overdue(today)  # type: ignore[attr-defined]
        item.due = due_date(item)  # type: ignore[attr-defined]
        for supervision in item.open_supervisions:  # type: ignore[attr-defined]
            supervision.due = respond_date(supervision)  # type: ignore[attr-defined]
            supervision.late = supervision.respond_by < today  # type: ignore[attr-defined]
    figures = ledger_figures(year, today=today, agency=agency)
    group = leading_group(year, agency)
    return render(
        request,
        "ledger/board.html",
        {
            **area(user),
            "year": year,
            "choices": year_choices(year, today, agency),
            "notes": notes,
            "by": by,
            "groups": _grouped(items, by),
            "count": page.paginator.count,
            "page": page,
            "figures": figures,
            "rates": _rates(figures),
            # A division sees its own tasks; the figures are the whole agency's.
            "scoped": not user.has_perm("ledger.view_ledgeritem"),
            "head": next((m for m in group if m.position == P.HEAD), None),
            "deputies": [m for m in group if m.position == P.DEPUTY],
            "members": [m for m in group if m.position == P.MEMBER],
            "today": today,
        },
    )


def _rates(figures: LedgerFigures) -> dict[str, str | None]:
    return {
        "done": _percent(figures.done, figures.tasks),
        "in_time": _percent(figures.done_in_time, figures.done),
        "responded": _percent(figures.responded_in_time, figures.supervisions),
    }


# ---------------------------------------------------------------------------------------------
# The leading group

# Words of a refusal → the field it concerns.
GROUP_HINTS = (("姓名", "head"), ("本职", "divisions"), ("年度", "year"))


def _leader_entry(person: User) -> tuple[str, str, Organization, User]:
    assert person.organization is not None  # the form refuses a leader without one
    return (person.display_name, person.title, person.organization, person)


def _member_entry(person: User) -> tuple[str, str, Organization, User]:
    division = person.organization
    assert division is not None
    # Stored data, in the records' language whatever the page's: not translated.
    return (person.display_name, person.title or f"{division.name}负责人", division, person)


def _initial(year: int, agency: Any) -> tuple[dict[str, Any], int | None]:
    """The form's starting values: the agency's group of `year`, else its latest earlier one
    (and its year, for the note that says so)."""
    source = year
    own = LeadingGroupMember.objects.filter(agency=agency)
    if not own.filter(year=year).exists():
        earlier = own.filter(year__lt=year).order_by("-year").values_list("year", flat=True)
        source = earlier.first() or year
    rows = list(own.filter(year=source).select_related("organization"))
    initial = {
        "year": year,
        "head": next((m.user_id for m in rows if m.position == P.HEAD), None),
        "deputies": [m.user_id for m in rows if m.position == P.DEPUTY and m.user_id],
        "divisions": sorted(
            {
                m.organization_id
                for m in rows
                if m.position == P.MEMBER and m.organization.kind == Organization.Kind.DIVISION
            }
        ),
    }
    return initial, (source if source != year and rows else None)


def _save_group(request: HttpRequest, form: LeadingGroupForm) -> HttpResponse | None:
    """Record the group from a valid form; None (with the reason on the form) when refused."""
    data = form.cleaned_data
    year = data["year"]
    try:
        actions.set_leading_group(
            year,
            actor=request.user,  # type: ignore[arg-type]
            head=_leader_entry(data["head"]),
            deputies=[_leader_entry(p) for p in data["deputies"]],
            members=[_member_entry(p) for p in data["members"]],
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        place_error(form, GROUP_HINTS, str(exc))
        return None
    messages.success(request, _("已保存 %(y)s 年法治建设领导小组。") % {"y": year})
    return redirect(reverse("ledger:group") + f"?year={year}")


@staff_view(permissions.can_open_area)
def group(request: HttpRequest) -> HttpResponse:
    """The leading group of a year; those who keep the ledger set it here (an adjustment
    replaces the list)."""
    user: Any = request.user
    today = local_today()
    manages = permissions.can_manage(user)
    agency = agency_of(user)
    year, notes = year_from(request.GET.get("year", ""), today.year)
    copied_from: int | None = None
    form: LeadingGroupForm | None = None
    if request.method == "POST":
        if not manages:
            raise Http404
        form = LeadingGroupForm(request.POST, agency=agency)
        if form.is_valid():
            done = _save_group(request, form)
            if done is not None:
                return done
            year = form.cleaned_data["year"]
        else:
            year, _ignored = year_from(str(request.POST.get("year", "")), year)
        messages.error(request, TRY_AGAIN)
    elif manages:
        initial, copied_from = _initial(year, agency)
        form = LeadingGroupForm(initial=initial, agency=agency)
    members = leading_group(year, agency)
    return render(
        request,
        "ledger/group.html",
        {
            **area(user),
            "year": year,
            "choices": year_choices(year, today, agency),
            "notes": notes,
            "head": next((m for m in members if m.position == P.HEAD), None),
            "deputies": [m for m in members if m.position == P.DEPUTY],
            "members": [m for m in members if m.position == P.MEMBER],
            "form": form,
            "copied_from": copied_from,
        },
    )
