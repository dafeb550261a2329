"""One way to write a date (issue 17): 2027年1月8日 on Chinese pages and in Chinese legal
text, the active language's date on a page (English pages: "Jan. 8, 2027"), ISO in exports.

Templates write `{{ d|date:"DATE_FORMAT" }}` (zh-hans: Y年n月j日); Python writes `date_text(d)`
for what follows the page's language (flash messages, labels) and `cn_date(d)` inside a
sentence that is Chinese whatever the page's language (a refusal citing the law). Such a
refusal reaches an English page through `localize_dates` (the flash messages' storage and the
errors placed next to a field apply it), so its dates read "Jan. 8, 2027" there too."""

from __future__ import annotations

import datetime
import re

from django.utils import formats
from django.utils.translation import get_language


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


CHINESE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def localize_dates(text: str) -> str:
    """`text` with each Chinese date (2027年1月8日) written in the active language: a refusal
    an action words in Chinese, citing the law, still shows "Jan. 8, 2027" on an English page.
    On a Chinese page the text is returned as it is."""
    if (get_language() or "zh-hans").startswith("zh") or "年" not in text:
        return text

    def english(match: re.Match[str]) -> str:
        try:
            day = datetime.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return match[0]
        return date_text(day)

    return CHINESE_DATE.sub(english, text)
