"""The portal's site-wide search (/search/): one query over what the public pages publish.

core names no app: each app whose public pages hold something worth finding registers a
`Source` from its `AppConfig.ready()` — the policies library (its own full-text search), the
published major decisions, the published inspection results, the enforcement publicity — and
`search_all` asks each in the registered order for its first hits and how many there are.

A department filter (issue 12, `/search/?dept=<code>`) is passed to each source whose `search`
takes a `department` keyword (the `Organization`, or None for every department); a source
that does not take it cannot be limited to a department, so `search_all` leaves it out when one
is chosen and names it in `Results.unfiltered` (the page says so) rather than show other
departments' records under the chosen one.

A source searches only what its public pages show: a natural person's name, masked on the
public pages, is never matched, so that a search cannot tell whose case a masked row is.
"""

from __future__ import annotations

import datetime
import inspect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# The same bound as the policies library's own search box: each term costs a lookup.
MAX_QUERY_CHARS = 100
MAX_TERMS = 8
HITS_PER_GROUP = 10


@dataclass(frozen=True)
class Hit:
    """One thing found: its title (with the terms marked), where it is, and a line about it."""

    title: SafeString
    url: str
    detail: str = ""
    snippet: SafeString | None = None
    on: datetime.date | None = None


@dataclass(frozen=True)
class Source:
    """A kind of published record. `search(terms, q, limit)` returns the first `limit` hits
    and the number of all; `more_url(q)` is the app's own page of every hit, when it has one."""

    order: int
    key: str
    label: Any
    search: Callable[[Sequence[str], str, int], tuple[list[Hit], int]]
    more_url: Callable[[str], str] | None = None


@dataclass
class Group:
    """A source's first hits, how many there are in all, and its page of all of them."""

    source: Source
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    more_url: str | None = None

    @property
    def label(self) -> Any:
        return self.source.label


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.key] = source


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda source: source.order)


class QueryTooLong(ValueError):
    pass


def terms_of(q: str) -> list[str]:
    """The query's words (split at spaces, each once, at most MAX_TERMS); a query longer than
    MAX_QUERY_CHARS is refused, not cut, so that the person knows what was searched."""
    q = (q or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise QueryTooLong(q)
    terms: list[str] = []
    for word in q.split():
        if word.lower() not in (t.lower() for t in terms):
            terms.append(word)
    return terms[:MAX_TERMS]


def takes_department(source: Source) -> bool:
    """Whether the source's `search` accepts the `department` keyword."""
    try:
        parameters = inspect.signature(source.search).parameters
    except (TypeError, ValueError):
        return False
    return "department" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


def unfiltered_sources(department: Any = None) -> list[Source]:
    """The sources that cannot be limited to `department` (none when no department is chosen)."""
    if department is None:
        return []
    return [source for source in sources() if not takes_department(source)]


def search_all(q: str, *, limit: int = HITS_PER_GROUP, department: Any = None) -> list[Group]:
    """Each registered source's first hits for `q`, with the link to all of them where the
    source has a page of its own. With `department` (an agency), only the sources that can be
    limited to it, each so limited (`unfiltered_sources` lists the others). Raises QueryTooLong."""
    terms = terms_of(q)
    if not terms:
        return []
    results = []
    text = " ".join(terms)
    for source in sources():
        if department is None:
            hits, total = source.search(terms, text, limit)
        elif takes_department(source):
            hits, total = source.search(terms, text, limit, department=department)  # type: ignore[call-arg]
        else:
            continue
        more = source.more_url(text) if source.more_url and total > len(hits) else None
        if more and department is not None:
            more += ("&" if "?" in more else "?") + f"dept={department.code}"
        results.append(Group(source=source, hits=hits, total=total, more_url=more))
    return results


def in_any(term: str, *fields: str) -> Q:
    """Rows with `term` in one of `fields` (case-insensitive)."""
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": term})
    return condition


def every_term(terms: Sequence[str], matches: Callable[[str], Q]) -> Q:
    """Rows that `matches` each of the terms."""
    condition = Q()
    for term in terms:
        condition &= matches(term)
    return condition


def marked(text: str, terms: Sequence[str]) -> SafeString:
    """`text` escaped, with each term in <mark>."""
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return mark_safe(escape(text))  # noqa: S308 - escaped just now
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped


def excerpt(text: str, terms: Sequence[str], *, width: int = 80) -> SafeString | None:
    """About `width` characters of `text` around the first term found, terms marked."""
    text = " ".join((text or "").split())
    if not text:
        return None
    lowered = text.lower()
    starts = [i for i in (lowered.find(t.lower()) for t in terms) if i >= 0]
    if not starts:
        return None
    start = max(0, min(starts) - 20)
    piece = text[start : start + width]
    return marked(("…" if start else "") + piece + ("…" if start + width < len(text) else ""), terms)


def page_of(rows: QuerySet[Any], limit: int) -> tuple[list[Any], int]:
    """The first `limit` rows and the count of all (two queries)."""
    total = rows.count()
    return (list(rows[:limit]) if total else []), total
