"""The queries of the public library (DOMAIN.md §5 "Public library"): published documents by
year, each with its status today, the filters, and the Chinese full-text search that the pages
and the API share (`search_documents`).

Two derived tables, kept by the database itself (search/index.py, migration 0002), do the heavy
lifting at 100,000 documents: the full-text index, and `documents_library` — one narrow row
per published document with the dates its status depends on. A status filter is a comparison
of those dates (`status_condition`), which a test holds equal to `validity.status_on` for every
status on many days. The rows a page shows are read last, 20 of them, with their status
computed from the events (`status_expression`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from fazhi.core.agencies import agencies
from fazhi.core.clock import today
from fazhi.core.models import Organization
from fazhi.documents.models import NormativeDocument, ValidityEvent
from fazhi.documents.search import (
    DOCUMENTS_TABLE,
    FACTS_TABLE,
    SEARCH_TABLE,
    SQLITE_BM25,
    SearchQuery,
    highlight,
    parse_query,
    snippet,
)
from fazhi.documents.validity import TERMINAL, Validity

E = ValidityEvent.Kind
V = Validity
PAGE_SIZE = 20
# The statuses a published document can have today (the filter's choices).
LIBRARY_STATUSES = [s for s in Validity if s != Validity.NOT_PUBLISHED]
TERMINAL_KINDS = list(TERMINAL)
# The SQL takes the kind of the first terminal event as the status itself.
assert all(str(kind) == str(status) for kind, status in TERMINAL.items())

# The most recent matches (by document id) that are ranked by relevance; older matches follow,
# newest first. Ranking scores every candidate (bm25 costs about 0.6 µs a row on SQLite,
# ts_rank about 4 µs on PostgreSQL): a two-character word found in most of 100,000 documents
# would cost 60–400 ms to rank in full, and gains little from it.
RANK_WINDOW = 2000
# The pages count the listing only this far and show "10000+" beyond: a broad filter (a status)
# would otherwise cost a pass over the whole library on every page.
COUNT_CAP = 10_000


def library_documents(day: datetime.date) -> QuerySet[NormativeDocument]:
    """Documents in the library on `day`: published on or before it (an unpublished document has
    no legal effect and is not shown)."""
    return NormativeDocument.objects.filter(published_on__isnull=False, published_on__lte=day)


# ---------------------------------------------------------------------------------------------
# Status on a day


def _events(kinds: list[str], day: datetime.date) -> QuerySet[ValidityEvent]:
    return ValidityEvent.objects.filter(document=OuterRef("pk"), kind__in=kinds, on__lte=day)


def status_expression(day: datetime.date) -> Case:
    """The document's `status_on(day)` as an SQL expression over its events (for the rows of a
    page and the exports)."""
    first_end = Subquery(_events(TERMINAL_KINDS, day).order_by("on", "pk").values("kind")[:1])
    return Case(
        When(Q(published_on__isnull=True) | Q(published_on__gt=day), then=Value(V.NOT_PUBLISHED.value)),
        When(effective_on__gt=day, then=Value(V.NOT_YET_IN_FORCE.value)),
        When(Exists(_events(TERMINAL_KINDS, day)), then=first_end),
        When(expires_on__lt=day, then=Value(V.EXPIRED.value)),
        When(Exists(_events([E.AMENDED], day)), then=Value(V.AMENDED.value)),
        default=Value(V.IN_FORCE.value),
        output_field=CharField(),
    )


# Over a documents_library row `l` and a day {T}: the order of the checks in status_on, as
# conditions. end_on and end_kind are the first terminal event's, amended_on the first
# amendment's; a terminal event after {T} is as if it were not there.
_STARTED = "(l.effective_on IS NULL OR l.effective_on <= {T})"
_NOT_ENDED = "(l.end_on IS NULL OR l.end_on > {T})"
_WITHIN_TERM = "(l.expires_on IS NULL OR l.expires_on >= {T})"
_STATUS_SQL = {
    V.NOT_YET_IN_FORCE: "l.effective_on > {T}",
    V.IN_FORCE: f"{_STARTED} AND {_NOT_ENDED} AND {_WITHIN_TERM} AND (l.amended_on IS NULL OR l.amended_on > {{T}})",
    V.AMENDED: f"{_STARTED} AND {_NOT_ENDED} AND {_WITHIN_TERM} AND l.amended_on <= {{T}}",
    V.EXPIRED: f"{_STARTED} AND ((l.end_on <= {{T}} AND l.end_kind = '{E.EXPIRED.value}') "
    f"OR ({_NOT_ENDED} AND l.expires_on < {{T}}))",
    V.REPEALED: f"{_STARTED} AND l.end_on <= {{T}} AND l.end_kind = '{E.REPEALED.value}'",
    V.DECLARED_INVALID: f"{_STARTED} AND l.end_on <= {{T}} AND l.end_kind = '{E.DECLARED_INVALID.value}'",
}


def status_condition(status: str, day: datetime.date) -> tuple[str, list[Any]]:
    """SQL over the documents_library row `l`: true when the document's status on `day` is
    `status`."""
    template = _STATUS_SQL.get(status)  # type: ignore[call-overload]
    if template is None:
        return "1 = 0", []
    return template.replace("{T}", "%s"), [day] * template.count("{T}")


def filter_by_status(
    documents: QuerySet[NormativeDocument], status: str, day: datetime.date
) -> QuerySet[NormativeDocument]:
    """Documents (already published by `day`) whose status on `day` is `status`."""
    condition, params = status_condition(status, day)
    return documents.filter(
        pk__in=RawSQL(f"SELECT l.document_id FROM {FACTS_TABLE} l WHERE {condition}", params)  # noqa: S608, S611 - constant SQL, values as parameters
    )


# ---------------------------------------------------------------------------------------------
# Years and issuing bodies


def year_counts(day: datetime.date) -> list[tuple[int, int]]:
    """(year, number of documents published in it), newest year first. One count per year over
    the index of the narrow documents_library table: a GROUP BY on the year would compute the
    year of every row."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(published_on) FROM {FACTS_TABLE}")  # noqa: S608 - constant names
        first = cursor.fetchone()[0]
        if first is None:
            return []
        first_year = int(str(first)[:4])
        years = list(range(day.year, first_year - 1, -1))
        counts = ", ".join(
            f"(SELECT count(*) FROM {FACTS_TABLE} WHERE published_on >= %s AND published_on < %s "  # noqa: S608 - constant names
            "AND published_on <= %s)"
            for _ in years
        )
        params: list[Any] = []
        for year in years:
            params += [datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1), day]
        cursor.execute(f"SELECT {counts}", params)
        row = cursor.fetchone()
    return [(year, n) for year, n in zip(years, row, strict=True) if n]


def issuing_bodies() -> QuerySet[Organization]:
    """The agencies that issue documents (the filter's choices). All of them, not only those
    with a document in the library: asking the documents table which agencies occur costs a
    pass over it. In the portal's order of departments (core.agencies)."""
    return agencies()


# ---------------------------------------------------------------------------------------------
# Listing and search


@dataclass
class SearchHit:
    document: NormativeDocument
    status: Validity
    title_html: SafeString
    snippet: SafeString | None  # only for a search: the text around the first match

    @property
    def status_label(self) -> str:
        return str(self.status.label)


def filtered_documents(
    day: datetime.date,
    *,
    year: int | None = None,
    status: str | None = None,
    agency: int | None = None,
) -> QuerySet[NormativeDocument]:
    documents = library_documents(day)
    if year is not None:
        documents = documents.filter(
            published_on__gte=datetime.date(year, 1, 1), published_on__lt=datetime.date(year + 1, 1, 1)
        )
    if agency is not None:
        documents = documents.filter(agency_id=agency)
    if status:
        documents = filter_by_status(documents, status, day)
    return documents


def with_status(documents: QuerySet[NormativeDocument], day: datetime.date) -> QuerySet[NormativeDocument]:
    """The rows a page shows: issuing body and filing joined, status today computed in SQL."""
    return documents.select_related("agency", "filing").annotate(status_today=status_expression(day))


@dataclass(frozen=True)
class _Filters:
    day: datetime.date
    year: int | None
    status: str | None
    agency: int | None

    def facts(self) -> tuple[list[str], list[Any]]:
        """Conditions on the documents_library row `l`."""
        where: list[str] = ["l.published_on <= %s"]
        params: list[Any] = [self.day]
        if self.year is not None:
            where.append("l.published_on >= %s AND l.published_on < %s")
            params += [datetime.date(self.year, 1, 1), datetime.date(self.year + 1, 1, 1)]
        if self.agency is not None:
            where.append("l.agency_id = %s")
            params.append(self.agency)
        if self.status:
            condition, status_params = status_condition(self.status, self.day)
            where.append(condition)
            params += status_params
        return where, params


def _listing(
    filters: _Filters, offset: int, limit: int, count_cap: int | None = None
) -> tuple[list[int], int]:
    """Without a query: newest first, from documents_library alone. With `count_cap`, the
    count stops one past the cap (or past the page asked for, whichever is further)."""
    where, params = filters.facts()
    condition = " AND ".join(where)
    with connection.cursor() as cursor:
        if count_cap is None:
            cursor.execute(f"SELECT count(*) FROM {FACTS_TABLE} l WHERE {condition}", params)  # noqa: S608 - constant names, values as parameters
        else:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {FACTS_TABLE} l WHERE {condition} LIMIT %s) c",  # noqa: S608 - constant names, values as parameters
                [*params, max(count_cap, offset + limit) + 1],
            )
        total = int(cursor.fetchone()[0])
        if offset >= total:
            return [], total
        cursor.execute(
            f"SELECT l.document_id FROM {FACTS_TABLE} l WHERE {condition} "  # noqa: S608 - constant names, values as parameters
            "ORDER BY l.published_on DESC, l.document_id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


def _title_first(query: SearchQuery) -> Case:
    title_has_all = Q()
    for term in query.terms:
        title_has_all &= Q(title__icontains=term)
    return Case(When(title_has_all, then=Value(0)), default=Value(1), output_field=IntegerField())


class _Index:
    """The SQL of one search against the vendor's index. `source(rank)` selects `match_id` (and
    what ranks it) for every match: from the index alone when no filter needs more, else joined
    to documents_library (a status) and, on PostgreSQL, to the documents (a term of three or
    more characters, checked in their search_text)."""

    id_column: str  # orders the matches newest first, in the source's terms
    rank_order: str  # orders the window best first, in the outer query's terms
    key: str  # the index's document id column

    def __init__(self, query: SearchQuery, filters: _Filters) -> None:
        self.query = query
        self.filters = filters
        self.threshold: int | None = None  # PostgreSQL: the id from which matches are ranked

    def index_condition(self) -> tuple[list[str], list[Any]]:
        raise NotImplementedError

    def rank_columns(self) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def rank_params(self) -> list[Any]:
        return []

    def recheck(self) -> tuple[list[str], list[Any]]:
        """Conditions on the documents row `d` for what the index does not settle."""
        return [], []

    def needs_facts(self) -> bool:
        return bool(self.filters.status)

    def source(self, *, rank: bool, bound: str = "") -> tuple[str, list[Any]]:
        """`bound`: ">= %s" or "< %s" on the document id, its value appended to the params."""
        where, params = self.index_condition()
        tables = [SEARCH_TABLE]
        if self.needs_facts():
            tables.append(f"JOIN {FACTS_TABLE} l ON l.document_id = {self.key}")
            facts, facts_params = self.filters.facts()
            where += facts
            params += facts_params
        recheck, recheck_params = self.recheck()
        if recheck:
            tables.append(f"JOIN {DOCUMENTS_TABLE} d ON d.id = {self.key}")
            where += recheck
            params += recheck_params
        if bound:
            where.append(f"{self.key} {bound}")
            params.append(self.threshold)
        columns, column_params = self.rank_columns() if rank else ("", [])
        return (
            f"SELECT {self.key} AS match_id{columns} FROM {' '.join(tables)} WHERE {' AND '.join(where)}",  # noqa: S608 - constant names, values as parameters
            [*column_params, *params],
        )

    def count_sql(self) -> tuple[str, list[Any]]:
        sql, params = self.source(rank=False)
        return f"SELECT count(*) FROM ({sql}) m", params  # noqa: S608 - constant names, values as parameters

    def window_sql(self, limit: int, offset: int) -> tuple[str, list[Any]]:
        sql, params = self.source(rank=True)
        return (
            f"SELECT m.match_id FROM ({sql} ORDER BY {self.id_column} DESC LIMIT %s) m "  # noqa: S608 - constant names, values as parameters
            f"ORDER BY {self.rank_order}, m.match_id DESC LIMIT %s OFFSET %s",
            [*params, RANK_WINDOW, *self.rank_params(), limit, offset],
        )

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(*self.count_sql())
            return int(cursor.fetchone()[0])

    def page(self, offset: int, limit: int) -> list[int]:
        """Ids of the page: the window ranked, then the older matches newest first."""
        ids: list[int] = []
        with connection.cursor() as cursor:
            if offset < RANK_WINDOW:
                cursor.execute(*self.window_sql(min(limit, RANK_WINDOW - offset), offset))
                ids = [row[0] for row in cursor.fetchall()]
            start = max(offset, RANK_WINDOW)
            if offset + limit > start:
                sql, params = self.source(rank=False)
                cursor.execute(
                    f"SELECT m.match_id FROM ({sql} ORDER BY {self.id_column} DESC LIMIT %s OFFSET %s) m",  # noqa: S608 - constant names, values as parameters
                    [*params, offset + limit - start, start],
                )
                ids += [row[0] for row in cursor.fetchall()]
        return ids


class _SQLiteIndex(_Index):
    """FTS5: every term a phrase of adjacent bigrams; the year and the issuing body as facet
    tokens, so that they are answered by the index too."""

    key = id_column = f"{SEARCH_TABLE}.rowid"
    rank_order = "m.r"

    def index_condition(self) -> tuple[list[str], list[Any]]:
        parts = [self.query.fts5_match]
        if self.filters.year is not None:
            parts.append(f"facets : y{self.filters.year}")
        if self.filters.agency is not None:
            parts.append(f"facets : a{self.filters.agency}")
        return [f"{SEARCH_TABLE} MATCH %s"], [" AND ".join(parts)]

    def rank_columns(self) -> tuple[str, list[Any]]:
        return f", {SQLITE_BM25} AS r", []

    def needs_facts(self) -> bool:
        # The facets hold the year, not the day: on an earlier day, the documents published
        # since are left out through documents_library.
        return bool(self.filters.status) or self.filters.day < today()


class _PostgresIndex(_Index):
    """The GIN index answers 'every character and every pair of adjacent characters of the
    query' — exactly a term of one or two characters; a longer term is then looked for in the
    search_text of the documents that have all its pairs. Ranked: the documents whose title
    holds every term first."""

    key = f"{SEARCH_TABLE}.document_id"
    id_column = "match_id"
    rank_order = "m.r"

    def index_condition(self) -> tuple[list[str], list[Any]]:
        t = SEARCH_TABLE
        where = [f"{t}.tsv @@ %s::tsquery", f"{t}.published_on <= %s"]
        params: list[Any] = [self.query.tsquery, self.filters.day]
        if self.filters.year is not None:
            where.append(f"{t}.published_on >= %s AND {t}.published_on < %s")
            params += [datetime.date(self.filters.year, 1, 1), datetime.date(self.filters.year + 1, 1, 1)]
        if self.filters.agency is not None:
            where.append(f"{t}.agency_id = %s")
            params.append(self.filters.agency)
        return where, params

    def recheck(self) -> tuple[list[str], list[Any]]:
        phrases = self.query.long_phrases
        text = "' ' || replace(d.search_text, E'\\n', ' ') || ' '"
        return [f"strpos({text}, %s) > 0"] * len(phrases), phrases

    def rank_columns(self) -> tuple[str, list[Any]]:
        terms = self.query.in_text
        in_title = " AND ".join([f"strpos(' ' || {SEARCH_TABLE}.title || ' ', %s) > 0"] * len(terms))
        return f", CASE WHEN {in_title} THEN 0 ELSE 1 END AS r", terms

    # The window. Picking "the 2,000 newest matches" would sort every match by id (20 ms for a
    # word in 100,000 documents, on top of reading them). Instead the count also yields the
    # range of the matching ids; the window is the matches from the id above which about 2,000
    # of them are expected, a range the GIN bitmap and the primary key intersect directly.

    def count_sql(self) -> tuple[str, list[Any]]:
        sql, params = self.source(rank=False)
        return f"SELECT count(*), min(m.match_id), max(m.match_id) FROM ({sql}) m", params  # noqa: S608 - constant names, values as parameters

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(*self.count_sql())
            total, low, high = cursor.fetchone()
        if total > RANK_WINDOW:
            self.threshold = max(low, int(high - (high - low + 1) * RANK_WINDOW / total))
        return int(total)

    def window_sql(self, limit: int, offset: int) -> tuple[str, list[Any]]:
        sql, params = self.source(rank=True, bound=">= %s" if self.threshold is not None else "")
        return (
            f"SELECT m.match_id, count(*) OVER () FROM ({sql}) m "  # noqa: S608 - constant names, values as parameters
            f"ORDER BY {self.rank_order}, m.match_id DESC LIMIT %s OFFSET %s",
            [*params, *self.rank_params(), limit, offset],
        )

    def page(self, offset: int, limit: int) -> list[int]:
        """Ids of the page: the window ranked, then the older matches newest first."""
        with connection.cursor() as cursor:
            cursor.execute(*self.window_sql(limit, offset))
            rows = cursor.fetchall()
            ids = [row[0] for row in rows]
            if self.threshold is None or len(ids) == limit:
                return ids
            if rows:
                window = rows[0][1]
            else:
                sql, params = self.source(rank=False, bound=">= %s")
                cursor.execute(f"SELECT count(*) FROM ({sql}) m", params)  # noqa: S608 - constant names, values as parameters
                window = cursor.fetchone()[0]
            sql, params = self.source(rank=False, bound="< %s")
            cursor.execute(
                f"SELECT m.match_id FROM ({sql}) m ORDER BY m.match_id DESC LIMIT %s OFFSET %s",  # noqa: S608 - constant names, values as parameters
                [*params, limit - len(ids), max(0, offset - window)],
            )
            return ids + [row[0] for row in cursor.fetchall()]


def _index(query: SearchQuery, filters: _Filters) -> _Index | None:
    """The index search for `query`; None on a database without an index."""
    if not query.phrases or connection.vendor not in ("sqlite", "postgresql"):
        return None
    return (_SQLiteIndex if connection.vendor == "sqlite" else _PostgresIndex)(query, filters)


@contextmanager
def _index_plans() -> Iterator[None]:
    """PostgreSQL prices `tsv @@ query` as if it were free, so for a common word it would read
    every row's tsvector (stored out of line: 0.4 s for 100,000 rows) where the GIN bitmap
    takes 20 ms. Within the search, plans that do not go through an index's bitmap are ruled
    out; the settings are put back afterwards, in the same transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'), "
            "set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)"
        )
        seqscan, indexscan = cursor.fetchone()[:2]
        try:
            yield
        finally:
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true), set_config('enable_indexscan', %s, true)",
                [seqscan, indexscan],
            )


def search_documents(
    q: str | SearchQuery = "",
    *,
    year: int | None = None,
    status: str | None = None,
    agency: int | None = None,
    limit: int = PAGE_SIZE,
    offset: int = 0,
    day: datetime.date | None = None,
    count_cap: int | None = None,
) -> tuple[list[SearchHit], int]:
    """The library's documents matching `q` and the filters — best first; newest first when
    there is no query — `limit` of them from `offset`; and how many match in all (without a
    query and with `count_cap`: more than the cap when the count stopped past it).

    Three queries: the count, the ids of the page (from the index, and documents_library for a
    status), then the rows of the page with their status today.
    """
    filters = _Filters(day or today(), year, status or None, agency)
    query = q if isinstance(q, SearchQuery) else parse_query(q)
    index = _index(query, filters) if query else None
    if not query:
        ids, total = _listing(filters, offset, limit, count_cap)
    elif index is not None:
        with _index_plans():
            total = index.count()
            ids = index.page(offset, limit) if offset < total else []
    else:
        # A database without an index: LIKE over the documents, title matches first.
        matches = filtered_documents(filters.day, year=year, status=filters.status, agency=agency)
        for term in query.terms:
            matches = matches.filter(
                Q(title__icontains=term) | Q(number__icontains=term) | Q(body__icontains=term)
            )
        total = matches.count()
        ordered = matches.annotate(title_first=_title_first(query)).order_by(
            "title_first", "-published_on", "-pk"
        )
        ids = list(ordered.values_list("pk", flat=True)[offset : offset + limit]) if offset < total else []
    if not ids:
        return [], total
    rows = {d.pk: d for d in with_status(library_documents(filters.day).filter(pk__in=ids), filters.day)}
    return [_hit(rows[pk], query or None) for pk in ids if pk in rows], total


def _hit(document: NormativeDocument, query: SearchQuery | None) -> SearchHit:
    terms = query.terms if query else ()
    return SearchHit(
        document=document,
        status=Validity(document.status_today),  # type: ignore[attr-defined]
        title_html=highlight(document.title, terms),
        snippet=snippet(document.body, terms) if query else None,
    )


# ---------------------------------------------------------------------------------------------
# For the benchmark: the same search as bare SQL


def _bare_index(q: str) -> _Index:
    index = _index(parse_query(q), _Filters(today(), None, None, None))
    assert index is not None
    return index


def index_queries(q: str) -> list[tuple[str, list[Any]]]:
    """The SQL `search_documents(q)` runs against the index — the first page of ids and the
    count — to time the index alone."""
    index = _bare_index(q)
    with _index_plans():
        index.count()  # PostgreSQL: fixes the window's threshold
    return [index.count_sql(), index.window_sql(PAGE_SIZE, 0)]


def full_ranking_query(q: str) -> tuple[str, list[Any]]:
    """The first page ranked over every match, without the window."""
    index = _bare_index(q)
    sql, params = index.source(rank=True)
    return (
        f"SELECT m.match_id FROM ({sql}) m ORDER BY {index.rank_order}, m.match_id DESC LIMIT %s",  # noqa: S608 - constant names, values as parameters
        [*params, *index.rank_params(), PAGE_SIZE],
    )
