"""The registry of overdue work, agency-wide, for the leadership's overview.

The worklist (`core.worklist`) answers "what waits on this user"; this registry answers "what is
late anywhere in the agency, and in which division". An app registers a provider,
`register(provider)`: a function of the agency and today's date returning `OverdueItem`s. A
provider must read in a bounded number of queries (never one per record) and may offer a link
to supervise (督办) the item where its app offers supervision.

The dates are the ones each app holds (the due date entered or computed from the rule book);
core computes none.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class OverdueItem:
    title: str
    url: str
    kind: str
    due_on: datetime.date
    division_id: int | None
    division_name: str
    supervise_url: str = ""
    # The permission needed to open `url` beyond being of the division ("" : the division's
    # staff and head may open it); a page shows the title without a link to whoever lacks it.
    open_permission: str = ""

    def can_open(self, user: Any) -> bool:
        return not self.open_permission or bool(user.has_perm(self.open_permission))


@dataclass
class DivisionOverdue:
    division_id: int | None
    name: str
    items: list[OverdueItem] = field(default_factory=list)


Provider = Callable[[Any, datetime.date], Iterable[OverdueItem]]
_providers: list[Provider] = []


def legal_affairs(agency: Any) -> tuple[int | None, str]:
    """The legal affairs division of `agency` (of any agency when None): the division that owes
    what no other division holds yet (a review under way, a complaint awaiting acceptance).
    One query."""
    from fazhi.core.models import Organization

    divisions = Organization.objects.filter(is_legal_affairs=True)
    if agency is not None:
        divisions = divisions.filter(parent=agency)
    found = divisions.order_by("sort_order", "pk").values_list("pk", "name").first()
    return (found[0], found[1]) if found else (None, "")


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def overdue_items(agency: Any, today: datetime.date, division_id: int | None = None) -> list[OverdueItem]:
    """Every overdue item of the agency (of one division when `division_id` is given), oldest
    due date first."""
    items: list[OverdueItem] = []
    for provider in _providers:
        items.extend(provider(agency, today))
    if division_id is not None:
        items = [i for i in items if i.division_id == division_id]
    return sorted(items, key=lambda i: (i.due_on, i.title))


def openable(items: Iterable[OverdueItem], user: Any) -> list[tuple[OverdueItem, bool]]:
    """Each item with whether `user` may open its page."""
    return [(item, item.can_open(user)) for item in items]


def by_division(items: Iterable[OverdueItem]) -> list[DivisionOverdue]:
    """The items grouped by division, the division with the most overdue items first."""
    groups: dict[int | None, DivisionOverdue] = {}
    for item in items:
        groups.setdefault(
            item.division_id, DivisionOverdue(item.division_id, item.division_name)
        ).items.append(item)
    return sorted(groups.values(), key=lambda g: (-len(g.items), g.name))
