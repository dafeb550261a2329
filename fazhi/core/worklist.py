"""The "我的工作" dashboard collects work items from every app.

An app registers a provider, `register(provider)`, a function of the user returning
`WorkItem`s: something waiting for this user, with its deadline (a `Deadline` from the rule
book, so the page can show the legal basis) when it has one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str
    kind: str
    due: Any = None  # fazhi.core.calendar.Deadline | None
    is_deadline_only: bool = False


Provider = Callable[[Any], Iterable[WorkItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def work_items_for(user: Any) -> list[WorkItem]:
    items: list[WorkItem] = []
    for provider in _providers:
        items.extend(provider(user))
    return items


@register
def calendar_coverage(user: Any) -> Iterable[WorkItem]:
    """Administrators are asked to enter the official calendar: this year's if it is missing, and
    next year's from 1 November (the State Council's notice usually comes out in the autumn)."""
    from django.urls import reverse
    from django.utils import timezone

    from fazhi.core.models import CalendarYear
    from fazhi.core.permissions import can_manage_rulebook

    if not can_manage_rulebook(user):
        return []
    today = timezone.localdate()
    wanted = (today.year, today.year + 1) if today.month >= 11 else (today.year,)
    missing = [y for y in wanted if not CalendarYear.objects.filter(year=y).exists()]
    return [
        WorkItem(
            title=_("%(year)s 年工作日历尚未录入：跨入该年的期限暂为待定，部分步骤须等待录入") % {"year": y},
            url=reverse("core:calendar_import"),
            kind=_("工作日历"),
        )
        for y in missing
    ]
