"""Helpers shared by the legal-publicity pages (views/) and the API (api.py): who may record an
activity or read the bureau's figures, a refusal placed next to its field, filter notes, the
year asked for, a responsibility item's standing, and the chart of a year's activities by form."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from fazhi.core.formfields import filter_notes, place_error, year_from  # noqa: F401 - this app's pages import them from here
from fazhi.core.roles import Role
from fazhi.legal_publicity import permissions
from fazhi.legal_publicity.models import Activity, ResponsibilityItem

PAGE_SIZE = 25
# Enough for a year's list on the overview; the full list is a link away.
OVERVIEW_LIMIT = 50
RECENT_ACTIVITIES = 10
# The colours of the other charts (enforcement, reviews), so that the pages read alike.
PALETTE = ["#b4161b", "#0b4f9c", "#1e6b34", "#a15c00", "#555b63", "#6b2fa0"]


def can_record(user: Any) -> bool:
    """Whether the user records activities for some division: the legal affairs division for
    any, a division's staff, head or enforcement officers for their own (谁执法谁普法)."""
    return permissions.can_manage(user) or permissions.is_division_member(user)


def can_view_figures(user: Any) -> bool:
    """The bureau's figures (every division's activities) are read by those who see every
    record: the legal affairs division and the leadership, as `visible_to` draws the line."""
    return permissions.can_manage(user) or (
        permissions.can_open_area(user) and user.has_role(Role.LEADERSHIP)
    )


def responsibility_year_error(item: ResponsibilityItem | None, held_on: datetime.date | None) -> str:
    """An activity counts towards the list of the year it was held in (the list is yearly)."""
    if item is None or held_on is None or item.year == held_on.year:
        return ""
    return _("所选责任清单事项属于 %(item)s 年的清单，活动日期在 %(held)s 年") % {
        "item": item.year,
        "held": held_on.year,
    }


def mark_standing(items: Sequence[ResponsibilityItem], today: datetime.date) -> None:
    """Set `overdue` on each list item: not done and its time limit passed."""
    for item in items:
        item.overdue = item.done_on is None and item.due_on < today  # type: ignore[attr-defined]


def with_activity_counts(queryset: QuerySet[ResponsibilityItem]) -> QuerySet[ResponsibilityItem]:
    return queryset.select_related("division").annotate(activity_count=Count("activities"))


def kind_counts(activities: QuerySet[Activity]) -> dict[str, int]:
    """Activities by form, every form listed (0 where none): one query."""
    found = dict(activities.order_by().values_list("kind").annotate(n=Count("pk")))
    return {kind: found.get(kind, 0) for kind in Activity.Kind.values}


def kind_chart(by_kind: Mapping[str, int], year: int) -> dict[str, Any]:
    """ECharts options of a bar chart of the year's activities by form (fazhi/js/charts.js)."""
    labels = dict(Activity.Kind.choices)
    return {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 48, "right": 24, "top": 24, "bottom": 48},
        "xAxis": {
            "type": "category",
            "data": [str(labels[kind]) for kind in by_kind],
            "axisLabel": {"interval": 0},
        },
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"name": str(year), "type": "bar", "data": list(by_kind.values())}],
    }
