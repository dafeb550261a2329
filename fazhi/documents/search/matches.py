"""The SQL of one search against the vendor's index (library.search_documents): how many
documents match (exactly, or up to a cap), and the ids of one page of them, best first.

Best first is the same on both databases: of the window — the newest `window` matches (by
document id) — those whose title holds every term come first, newest first, then the rest of
the window, newest first; the older matches follow, newest first. No score is computed: the
window's matches are read at once, each with whether its title holds every term, and put in
order here. On SQLite the window is exact (the id of the `window`-th newest match, then the
matches from it, ascending: FTS5 seeks a lower bound of the rowid only then). On PostgreSQL,
for terms of one or two characters, it is the matches from the id above which about `window`
are expected, from the density of the ids the count saw, a range the GIN index answers through
the blocks of ids in tsv (search.index). A count with a cap stops one match past it.

A term of three or more characters on PostgreSQL is found by its pairs in the GIN index, then
checked in the text itself (`strpos`): the check reads each candidate's text, so that it is
done newest first, as the candidates are read, and a count with a cap stops past the cap; the
matches it checked are the window (exact)."""

from __future__ import annotations

import datetime
import string
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from django.db import connection, transaction

from fazhi.core.clock import today
from fazhi.documents.search.index import (
    DOCUMENTS_TABLE,
    FACTS_TABLE,
    ID_BLOCKS,
    SEARCH_TABLE,
    id_block_tokens,
)
from fazhi.documents.search.text import SearchQuery


class Filters(Protocol):
    @property
    def day(self) -> datetime.date: ...
    @property
    def year(self) -> int | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def agency(self) -> int | None: ...

    def facts(self) -> tuple[list[str], list[Any]]: ...


class Index:
    """The search for `query` under `filters`. `source()` selects `match_id` for every match
    (or every match whose title holds every term) in a range of ids; the subclasses say how the
    index is asked."""

    key: str  # the index's document id column
    range_key: str  # the same, in a condition on a range of ids
    exact_window = True  # the window holds exactly `window` matches when it does not hold all

    def __init__(self, query: SearchQuery, filters: Filters) -> None:
        self.query = query
        self.filters = filters

    def index_condition(self, *, title: bool, low: int | None) -> tuple[list[str], list[Any]]:
        raise NotImplementedError

    def recheck(self, *, title: bool) -> tuple[list[str], list[Any]]:
        """Conditions on the documents row `d` for what the index does not settle."""
        return [], []

    def needs_facts(self) -> bool:
        return bool(self.filters.status)

    def source(
        self,
        *,
        title: bool = False,
        low: int | None = None,
        high: int | None = None,
        columns: tuple[str, list[Any]] = ("", []),
    ) -> tuple[str, list[Any]]:
        """The matches with an id from `low` and under `high`; `columns`: more to select,
        after match_id."""
        where, params = self.index_condition(title=title, low=low)
        tables = [SEARCH_TABLE]
        if self.needs_facts():
            tables.append(f"JOIN {FACTS_TABLE} l ON l.document_id = {self.key}")
            facts, facts_params = self.filters.facts()
            where += facts
            params += facts_params
        recheck, recheck_params = self.recheck(title=title)
        if recheck:
            tables.append(f"JOIN {DOCUMENTS_TABLE} d ON d.id = {self.key}")
            where += recheck
            params += recheck_params
        if low is not None:
            where.append(f"{self.range_key} >= %s")
            params.append(low)
        if high is not None:
            where.append(f"{self.range_key} < %s")
            params.append(high)
        return (
            f"SELECT {self.key} AS match_id{columns[0]} FROM {' '.join(tables)} WHERE {' AND '.join(where)}",  # noqa: S608 - constant names, values as parameters
            [*columns[1], *params],
        )

    def count_sql(self, cap: int | None = None) -> tuple[str, list[Any]]:
        sql, params = self.source()
        if cap is None:
            return f"SELECT count(*) FROM ({sql}) m", params  # noqa: S608 - constant names, values as parameters
        return f"SELECT count(*) FROM ({sql} LIMIT %s) m", [*params, cap + 1]  # noqa: S608 - constant names, values as parameters

    def count(self, cap: int | None = None) -> int:
        """How many documents match; with `cap`, at most cap + 1 (more than the cap)."""
        with connection.cursor() as cursor:
            cursor.execute(*self.count_sql(cap))
            return int(cursor.fetchone()[0])

    def newest(
        self,
        limit: int,
        offset: int = 0,
        *,
        title: bool = False,
        low: int | None = None,
        high: int | None = None,
    ) -> list[int]:
        sql, params = self.source(title=title, low=low, high=high)
        with connection.cursor() as cursor:
            cursor.execute(f"{sql}{self.newest_first()} LIMIT %s OFFSET %s", [*params, limit, offset])
            return [row[0] for row in cursor.fetchall()]

    def newest_first(self) -> str:
        """The ORDER BY that puts the source's matches newest first (none where it already does)."""
        return f" ORDER BY {self.key} DESC"

    def threshold(self, window: int, total: int) -> int | None:
        """The lowest id of the window: the `window`-th newest match; None when the window
        holds every match (`total`, the count, capped or not, is no more than `window`)."""
        if total <= window:
            return None
        found = self.newest(1, window - 1)
        return found[0] if found else None

    def window_rows(self, low: int | None) -> tuple[list[int], list[int]]:
        """Every match of the window (id from `low`): those whose title holds every term, and
        the others, each in any order. Read in ascending order: FTS5 seeks to a lower bound of
        the rowid only then."""
        sql, params = self.source(low=low, columns=(", 0 AS in_title", []))
        titled_sql, titled_params = self.source(low=low, title=True, columns=(", 1 AS in_title", []))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT * FROM ({titled_sql} ORDER BY {self.key}) "  # noqa: S608 - constant names, values as parameters
                f"UNION ALL SELECT * FROM ({sql} ORDER BY {self.key})",
                [*titled_params, *params],
            )
            rows = cursor.fetchall()
        titled = [pk for pk, in_title in rows if in_title]
        if not titled:
            return [], [pk for pk, _ in rows]
        found = set(titled)
        return titled, [pk for pk, in_title in rows if not in_title and pk not in found]

    def page(self, offset: int, limit: int, *, window: int, total: int) -> list[int]:
        """Ids of the page: the window's matches whose title holds every term, then its
        others, then the older matches; each part newest first."""
        low = self.threshold(window, total)
        ids: list[int] = []
        seen = 0  # matches in the window
        if offset < window or low is None or not self.exact_window:
            ranked = _ranked(*self.window_rows(low))
            ids, seen = ranked[offset : offset + limit], len(ranked)
        else:
            seen = window
        if low is not None and len(ids) < limit:
            ids += self.newest(limit - len(ids), max(0, offset - seen), high=low)
        return ids


def _holds(column: str, term: str) -> tuple[str, list[Any]]:
    """SQL: `column` contains `term` (a term as parsed: Latin letters in lower case), Latin
    capitals folded only where the term holds a Latin letter, as `text.contains` says."""
    if any("a" <= c <= "z" for c in term):
        return f"strpos(translate({column}, %s, %s), %s) > 0", [
            string.ascii_uppercase,
            string.ascii_lowercase,
            term,
        ]
    return f"strpos({column}, %s) > 0", [term]


def _split(rows: list[tuple[int, bool]]) -> tuple[list[int], list[int]]:
    """(id, whether its title holds every term) as the ids of either kind."""
    return [pk for pk, in_title in rows if in_title], [pk for pk, in_title in rows if not in_title]


def _ranked(titled: list[int], others: list[int]) -> list[int]:
    """The window in the order of the page: the matches whose title holds every term, then the
    others, each newest first (sorts of bare ids: a key function for each of the 2,000 rows
    of a window cost more than the query that read them)."""
    return sorted(titled, reverse=True) + sorted(others, reverse=True)


class SQLiteIndex(Index):
    """FTS5: every term a phrase of adjacent pairs (a column filter for the title); the year and
    the issuing body as facet tokens, so that they are answered by the index too."""

    key = range_key = f"{SEARCH_TABLE}.rowid"

    def index_condition(self, *, title: bool, low: int | None) -> tuple[list[str], list[Any]]:
        match = self.query.fts5_match
        parts = [f"title_terms : ({match})" if title else match]
        if self.filters.year is not None:
            parts.append(f"facets : y{self.filters.year}")
        if self.filters.agency is not None:
            parts.append(f"facets : a{self.filters.agency}")
        return [f"{SEARCH_TABLE} MATCH %s"], [" AND ".join(parts)]

    def needs_facts(self) -> bool:
        # The facets hold the year, not the day: on an earlier day, the documents published
        # since are left out through documents_library.
        return bool(self.filters.status) or self.filters.day < today()


class PostgresIndex(Index):
    """The GIN index answers 'every character and every pair of adjacent characters of the
    query' — exactly a term of one or two characters; a longer term is then looked for in the
    title, number and body of the documents that have all its pairs. The title of a window's
    match is checked in the table's title column (its pairs), or with a long term in the
    documents row its check reads."""

    key = f"{SEARCH_TABLE}.document_id"
    # Not a condition the primary key's index could answer: the GIN index answers the range,
    # through the blocks of ids in tsv (search.index).
    range_key = f"{SEARCH_TABLE}.document_id + 0"
    newest_id: int | None = None
    exact_window = False  # about `window` matches (threshold)

    def index_condition(self, *, title: bool, low: int | None) -> tuple[list[str], list[Any]]:
        t = SEARCH_TABLE
        tsquery = self.query.tsquery
        if low is not None and self.newest_id is not None:
            # Past the newest id by a large block: the documents indexed since it was read.
            blocks = id_block_tokens(low, self.newest_id + (1 << ID_BLOCKS[-1][0]))
            tsquery += " & (" + " | ".join(f"'{b}'" for b in blocks) + ")"
        where = [f"{t}.tsv @@ %s::tsquery", f"{t}.published_on <= %s"]
        params: list[Any] = [tsquery, self.filters.day]
        if self.filters.year is not None:
            where.append(f"{t}.published_on >= %s AND {t}.published_on < %s")
            params += [datetime.date(self.filters.year, 1, 1), datetime.date(self.filters.year + 1, 1, 1)]
        if self.filters.agency is not None:
            where.append(f"{t}.agency_id = %s")
            params.append(self.filters.agency)
        if title:
            terms = self.query.in_text
            where += [f"strpos(' ' || {t}.title || ' ', %s) > 0"] * len(terms)
            params += terms
        return where, params

    def source(
        self,
        *,
        title: bool = False,
        low: int | None = None,
        high: int | None = None,
        columns: tuple[str, list[Any]] = ("", []),
    ) -> tuple[str, list[Any]]:
        """A term of three or more characters: the candidates the index finds, newest first,
        each checked in its title, number and body only as it is read (a subplan above the
        sort, which OFFSET 0 keeps from being pushed below it), so that a LIMIT stops the
        checking."""
        check, check_params = self.long_terms_check()
        if not check:
            return super().source(title=title, low=low, high=high, columns=columns)
        # Only the ids are sorted; whatever else is selected is computed for the rows checked
        # (`columns` are over the documents row d: in_title).
        sql, params = super().source(title=title, low=low, high=high)
        return (
            f"SELECT c.match_id{', x.in_title' if columns[0] else ''} "  # noqa: S608 - constant names, values as parameters
            f"FROM ({sql} ORDER BY {self.key} DESC OFFSET 0) c CROSS JOIN LATERAL "
            f"(SELECT {check} AS found{columns[0]} FROM {DOCUMENTS_TABLE} d WHERE d.id = c.match_id) x "
            "WHERE x.found ORDER BY c.match_id DESC",
            [*params, *check_params, *columns[1]],
        )

    def long_terms_check(self) -> tuple[str, list[Any]]:
        """SQL over the documents row `d`: every term of three or more characters occurs in its
        title, number or body (`text.contains`). The texts themselves rather than search_text,
        their pairs: several times shorter, usually stored in the row rather than compressed
        out of line (a third of the time a candidate)."""
        checks: list[str] = []
        params: list[Any] = []
        for term, phrase in zip(self.query.terms, self.query.phrases, strict=True):
            if len(phrase) > 2:
                found = [_holds(f"d.{column}", term) for column in ("title", "number", "body")]
                checks.append("(" + " OR ".join(sql for sql, _ in found) + ")")
                params += [value for _, values in found for value in values]
        return " AND ".join(checks), params

    def newest_first(self) -> str:
        # The check of long terms already orders its matches newest first.
        return "" if self.query.long_phrases else super().newest_first()

    # The window. Finding the `window`-th newest match would sort every match by id (20 ms for
    # a word in 100,000 documents, on top of reading them). Instead the count also yields the
    # range of the ids it counted, hence how densely the matches lie; the window is the
    # matches from the id above which about `window` of them are expected, a range the GIN
    # index answers through the blocks of ids in tsv (the planner would not intersect the GIN
    # bitmap with the primary key's: it reads every row of the range and checks its tsv, out of
    # line, at 5 µs a row). Its matches are read at once, each with whether its title holds
    # every term, and put in order here.

    def count_sql(self, cap: int | None = None) -> tuple[str, list[Any]]:
        sql, params = self.source()
        if cap is not None:
            sql, params = f"{sql} LIMIT %s", [*params, cap + 1]
        return f"SELECT count(*), min(m.match_id), max(m.match_id) FROM ({sql}) m", params  # noqa: S608 - constant names, values as parameters

    def count(self, cap: int | None = None) -> int:
        if self.query.long_phrases:
            # The matches are checked newest first as they are counted: kept, with whether
            # their title holds every term, they are the window (`page`).
            self.checked = self.checked_matches(None if cap is None else cap + 1)
            total = len(self.checked)
            ids = [pk for pk, _ in self.checked]
            self.counted = (cap is not None and total > cap, min(ids, default=None), max(ids, default=None))
            return total
        with connection.cursor() as cursor:
            cursor.execute(*self.count_sql(cap))
            total, low, high = cursor.fetchone()
        self.counted = (cap is not None and total > cap, low, high)
        return int(total)

    def checked_matches(self, limit: int | None) -> list[tuple[int, bool]]:
        """The first `limit` matches of a query with a long term, newest first, each with
        whether its title holds every term. Those among the newest PHRASE_SPAN ids first, the
        range the GIN index answers through the blocks of ids: a term found in most documents
        (本办法自公布之日起) then reads and sorts a few thousand candidates, not every one; the
        older ones only when those are not enough."""
        newest_id = self.read_newest_id()
        low = None if newest_id is None else newest_id - PHRASE_SPAN + 1
        if low is None or low <= 0:
            return self.checked_rows(limit)
        rows = self.checked_rows(limit, low=low)
        if limit is None or len(rows) < limit:
            rows += self.checked_rows(None if limit is None else limit - len(rows), high=low)
        return rows

    def checked_rows(
        self, limit: int | None, *, low: int | None = None, high: int | None = None
    ) -> list[tuple[int, bool]]:
        sql, params = self.source(low=low, high=high, columns=self.in_title())
        if limit is not None:
            sql, params = f"{sql} LIMIT %s", [*params, limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(pk, bool(in_title)) for pk, in_title in cursor.fetchall()]

    def read_newest_id(self) -> int | None:
        """The newest id of the library, from the primary key (an index scan, which the
        search's settings otherwise rule out): the blocks of ids of a window end there."""
        if self.newest_id is not None:
            return self.newest_id
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('enable_indexscan', 'on', true)")
            cursor.execute(f"SELECT max(document_id) FROM {SEARCH_TABLE}")  # noqa: S608 - constant names
            newest = cursor.fetchone()[0]
            cursor.execute("SELECT set_config('enable_indexscan', 'off', true)")
        self.newest_id = None if newest is None else int(newest)
        return self.newest_id

    def in_title(self) -> tuple[str, list[Any]]:
        """`, <the title holds every term> AS in_title`: over the index's row (its title's pairs),
        or with a term of three or more characters over the documents row `d` (read by the check
        of those terms, `source`)."""
        if self.query.long_phrases:
            found = [_holds("d.title", term) for term in self.query.terms]
            sql = " AND ".join(sql for sql, _ in found)
            return f", {sql} AS in_title", [value for _, values in found for value in values]
        terms = self.query.in_text
        in_title = " AND ".join([f"strpos(' ' || {SEARCH_TABLE}.title || ' ', %s) > 0"] * len(terms))
        return f", {in_title} AS in_title", terms

    def page(self, offset: int, limit: int, *, window: int, total: int) -> list[int]:
        checked: list[tuple[int, bool]] | None = getattr(self, "checked", None)
        if checked is not None and (len(checked) > window or not self.counted[0]):
            # A long term: the window is the newest `window` of the matches the count checked.
            low = checked[window - 1][0] if len(checked) > window else None
            ranked = _ranked(*_split(checked[:window]))
        else:
            low = self.threshold(window, total)
            ranked = _ranked(*self.window_rows(low))
        ids = ranked[offset : offset + limit]
        if low is not None and len(ids) < limit:
            ids += self.newest(limit - len(ids), max(0, offset - len(ranked)), high=low)
        return ids

    def threshold(self, window: int, total: int) -> int | None:
        """The id from which about `window` matches are expected; None when the window holds
        every match."""
        capped, low, high = self.counted
        if low is None or high is None or (total <= window and not capped):
            return None
        newest_id = self.read_newest_id()
        # Every match counted, or the newest ones (checked newest first), or else the first the
        # bitmap yielded (the oldest, about), whose newest is near the newest id.
        newest = newest_id if capped and newest_id is not None and not self.query.long_phrases else high
        return max(low, int(newest - (high - low + 1) * window / total))

    def window_rows(self, low: int | None) -> tuple[list[int], list[int]]:
        sql, params = self.source(low=low, columns=self.in_title())
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return _split(cursor.fetchall())


def index_for(query: SearchQuery, filters: Filters) -> Index | None:
    """The index search for `query`; None on a database without an index."""
    if not query.phrases or connection.vendor not in ("sqlite", "postgresql"):
        return None
    return (SQLiteIndex if connection.vendor == "sqlite" else PostgresIndex)(query, filters)


# PostgreSQL, a term of three or more characters: its matches are first looked for among this
# many of the newest ids (PostgresIndex.checked_matches).
PHRASE_SPAN = 8192

# Within a search on PostgreSQL: no plan that reads the index's table without the GIN bitmap;
# no parallel workers or JIT compilation, which cost more than the few milliseconds they
# would save on these queries (JIT alone took 16 ms for a common character).
_PLAN_SETTINGS = {
    "enable_seqscan": "off",
    "enable_indexscan": "off",
    "max_parallel_workers_per_gather": "0",
    "jit": "off",
}


@contextmanager
def index_plans() -> Iterator[None]:
    """PostgreSQL prices `tsv @@ query` as if it were free, so for a common word it would read
    every row's tsvector (stored out of line: 0.4 s for 100,000 rows) where the GIN bitmap
    takes 20 ms. Within the search, plans that do not go through an index's bitmap are ruled
    out; the settings are put back afterwards, in the same transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        names = list(_PLAN_SETTINGS)
        cursor.execute(
            "SELECT "
            + ", ".join(["current_setting(%s)"] * len(names))
            + ", "
            + ", ".join(["set_config(%s, %s, true)"] * len(names)),
            [*names, *(value for item in _PLAN_SETTINGS.items() for value in item)],
        )
        before = cursor.fetchone()[: len(names)]
        try:
            yield
        finally:
            cursor.execute(
                "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(names)),
                [value for pair in zip(names, before, strict=True) for value in pair],
            )
