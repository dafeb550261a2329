"""Field validators every app's API schemas share, so that a body the schema accepts is one the
database can store and the actions can take."""

from __future__ import annotations

import datetime
from collections.abc import Callable


def storable(value: str) -> str:
    """Text a database can store: no NUL character (PostgreSQL refuses it) and no lone
    surrogate (it has no UTF-8 encoding)."""
    if "\x00" in value:
        raise ValueError("不能包含空字符（NUL）")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("包含无法保存的字符") from None
    return value


def within_years(low: int, high: int) -> Callable[[datetime.date], datetime.date]:
    """A validator refusing a date outside the years `low`–`high`."""

    def check(value: datetime.date) -> datetime.date:
        if not low <= value.year <= high:
            raise ValueError(f"日期应在 {low} 年至 {high} 年之间")
        return value

    return check
