"""The latest published records of a department, for its entry page on the portal (`/d/<code>/`).

core names no app: an app whose public pages list a department's published records (the
policies library, the decisions, the inspection results, the enforcement publicity) registers a
`PublicList` from its `AppConfig.ready()`; the portal asks each for a department's latest
entries and links the app's own public page filtered to the department (`?dept=<code>`).
A list that is not registered is still linked from the portal by its `url_name`; it only shows
no entries on the department's page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entry:
    """One published record: its title, its public page, a line about it and its date."""

    title: str
    url: str
    detail: str = ""
    on: datetime.date | None = None


@dataclass(frozen=True)
class PublicList:
    """`latest(agency, limit)` returns the department's latest published records, newest
    first, at most `limit`; `url_name` names the app's public list that takes `?dept=`."""

    key: str
    url_name: str
    latest: Callable[[Any, int], list[Entry]]
    order: int = 0


_LISTS: dict[str, PublicList] = {}


def register(public_list: PublicList) -> None:
    _LISTS[public_list.key] = public_list


def unregister(key: str) -> None:
    _LISTS.pop(key, None)


def for_url(url_name: str) -> PublicList | None:
    """The registered list shown on the public page `url_name`, if any."""
    for public_list in sorted(_LISTS.values(), key=lambda item: item.order):
        if public_list.url_name == url_name:
            return public_list
    return None
