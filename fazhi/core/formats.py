"""One way to write a date (issue 17): 2027年1月8日 on Chinese pages and in Chinese legal
text, the active language's date on a page (English pages: "Jan. 8, 2027"), ISO in exports.

Templates write `{{ d|date:"DATE_FORMAT" }}` (zh-hans: Y年n月j日); Python writes `date_text(d)`
for what follows the page's language (flash messages, labels) and `cn_date(d)` inside a
sentence that is Chinese whatever the page's language (a refusal citing the law)."""

from __future__ import annotations

import datetime

from django.utils import formats


def cn_date(day: datetime.date | None) -> str:
    """2027年1月8日: no zero padding ("" for no date)."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def date_text(day: datetime.date | None) -> str:
    """The date in the active language: 2027年1月8日, or Jan. 8, 2027 on English pages."""
    if day is None:
        return ""
    return formats.date_format(day, "DATE_FORMAT")
