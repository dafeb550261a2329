"""The queries of the public library (DOMAIN.md §5 "Public library"): published documents by
year, each with its status today, the filters, and the Chinese full-text search that the pages
and the API share (`search_documents`).

Status filters are SQL that mirrors `validity.status_on` (a test holds the two equal on every
status), so that a filtered page never loads documents it does not show.
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
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.safestring import SafeString

from fazhi.core.models import Organization
from fazhi.documents import search
from fazhi.documents.models import NormativeDocument, ValidityEvent
from fazhi.documents.search import SearchQuery, highlight, parse_query, snippet
from fazhi.documents.validity import TERMINAL, Validity

E = ValidityEvent.Kind
V = Validity
PAGE_SIZE = 20
# The statuses a published document can have today (the filter's choices).
LIBRARY_STATUSES = [s for s in Validity if s != Validity.NOT_PUBLISHED]
TERMINAL_KINDS = list(TERMINAL)
# The SQL status takes the kind of the first terminal event as the status itself.
assert all(str(kind) == str(status) for kind, status in TERMINAL.items())


def today() -> datetime.date:
    return timezone.localdate()


def library_documents(day: datetime.date) -> QuerySet[NormativeDocument]:
    """Documents in the library on `day`: published on or before it (an unpublished document has
    no legal effect and is not shown)."""
    return NormativeDocument.objects.filter(published_on__isnull=False, published_on__lte=day)


# ---------------------------------------------------------------------------------------------
# Status today, in SQL


def _events(kinds: list[str], day: datetime.date) -> QuerySet[ValidityEvent]:
    return ValidityEvent.objects.filter(document=OuterRef("pk"), kind__in=kinds, on__lte=day)


def _first_terminal_kind(day: datetime.date) -> Subquery:
    return Subquery(_events(TERMINAL_KINDS, day).order_by("on", "pk").values("kind")[:1])


def status_expression(day: datetime.date) -> Case:
    """The document's `status_on(day)` as an SQL expression."""
    return Case(
        When(Q(published_on__isnull=True) | Q(published_on__gt=day), then=Value(V.NOT_PUBLISHED.value)),
        When(effective_on__gt=day, then=Value(V.NOT_YET_IN_FORCE.value)),
        When(Exists(_events(TERMINAL_KINDS, day)), then=_first_terminal_kind(day)),
        When(expires_on__lt=day, then=Value(V.EXPIRED.value)),
        When(Exists(_events([E.AMENDED], day)), then=Value(V.AMENDED.value)),
        default=Value(V.IN_FORCE.value),
        output_field=CharField(),
    )


def filter_by_status(
    documents: QuerySet[NormativeDocument], status: str, day: datetime.date
) -> QuerySet[NormativeDocument]:
    """Documents (already published by `day`) whose status on `day` is `status`. Written as
    plain conditions rather than `status_expression = …` so that the database can use the
    date columns and stop early."""
    started = Q(effective_on__isnull=True) | Q(effective_on__lte=day)
    ended = Exists(_events(TERMINAL_KINDS, day))
    amended = Exists(_events([E.AMENDED], day))
    within_term = Q(expires_on__isnull=True) | Q(expires_on__gte=day)
    if status == V.NOT_YET_IN_FORCE:
        return documents.filter(effective_on__gt=day)
    if status == V.IN_FORCE:
        return documents.filter(started, within_term, ~ended, ~amended)
    if status == V.AMENDED:
        return documents.filter(started, within_term, ~ended, amended)
    if status == V.EXPIRED:
        return documents.alias(first_end=_first_terminal_kind(day)).filter(
            started, Q(first_end=V.EXPIRED.value) | (~ended & Q(expires_on__lt=day))
        )
    if status in (V.REPEALED, V.DECLARED_INVALID):
        return documents.alias(first_end=_first_terminal_kind(day)).filter(started, first_end=status)
    return documents.none()


# ---------------------------------------------------------------------------------------------
# Years and issuing bodies


def year_counts(day: datetime.date) -> list[tuple[int, int]]:
    """(year, number of documents published in it), newest year first, from the first year
    with a document. One count per year over the index of `published_on`: a GROUP BY on the
    year would compute the year of every row (three times slower at 100,000 documents)."""
    first = library_documents(day).aggregate(first=Min("published_on"))["first"]
    if first is None:
        return []
    years = list(range(day.year, first.year - 1, -1))
    table = connection.ops.quote_name(NormativeDocument._meta.db_table)
    column = connection.ops.quote_name("published_on")
    counts = ", ".join(
        f"(SELECT count(*) FROM {table} WHERE {column} >= %s AND {column} < %s AND {column} <= %s)"  # noqa: S608 - constant names, values as parameters
        for _ in years
    )
    params: list[Any] = []
    for year in years:
        params += [datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1), day]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}", params)
        row = cursor.fetchone()
    return [(year, n) for year, n in zip(years, row, strict=True) if n]


def issuing_bodies() -> QuerySet[Organization]:
    """The agencies that issue documents (the filter's choices). All of them, not only those
    with a document in the library: asking the documents table which agencies occur costs a
    pass over it."""
    return Organization.objects.filter(kind=Organization.Kind.AGENCY).order_by("name")


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


# The most recent matches (by document id) that are ranked by relevance; older matches follow,
# newest first. Ranking scores every candidate (bm25 costs about 0.6 µs a row on SQLite,
# ts_rank about 4 µs on PostgreSQL): a two-character word found in most of 100,000 documents
# would cost 60–400 ms to rank in full, and gains little from it.
RANK_WINDOW = 2000


def _title_first(query: SearchQuery) -> Case:
    title_has_all = Q()
    for term in query.terms:
        title_has_all &= Q(title__icontains=term)
    return Case(When(title_has_all, then=Value(0)), default=Value(1), output_field=IntegerField())


def _single_characters(
    documents: QuerySet[NormativeDocument], query: SearchQuery
) -> QuerySet[NormativeDocument]:
    """One-character terms are not in the bigram index: LIKE on the original text."""
    for character in query.singles:
        documents = documents.filter(
            Q(title__contains=character) | Q(number__contains=character) | Q(body__contains=character)
        )
    return documents


class _Index:
    """The SQL of one search against the vendor's index. `source(rank)` selects `match_id` (and
    what ranks it) for every match: from the index alone when no filter needs the documents
    table, else from the documents queryset joined to the index."""

    id_column: str  # orders the matches newest first, in the source's terms
    rank_order: str  # orders the window best first, in the outer query's terms

    def __init__(
        self, query: SearchQuery, documents: QuerySet[NormativeDocument] | None, filters: dict[str, Any]
    ) -> None:
        self.query = query
        self.documents = documents  # None: the index alone answers
        self.filters = filters

    def source(self, *, rank: bool) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def rank_params(self) -> list[Any]:
        return []

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

    def joined(self, where: list[str], params: list[Any], select: dict[str, str]) -> tuple[str, list[Any]]:
        """The documents queryset, its filters in SQL, joined to the index."""
        assert self.documents is not None
        documents = self.documents.extra(  # noqa: S610 - constant SQL, values as parameters
            select={"match_id": f'"{search.DOCUMENTS_TABLE}"."id"', **select},
            tables=[search.SEARCH_TABLE],
            where=where,
            params=params,
        )
        sql, sql_params = documents.order_by().values_list("match_id", *select).query.sql_with_params()
        return sql, list(sql_params)


# The event without which a document cannot have the status.
EVENT_OF_STATUS = {V.REPEALED: E.REPEALED, V.DECLARED_INVALID: E.DECLARED_INVALID, V.AMENDED: E.AMENDED}


class _SQLiteIndex(_Index):
    """FTS5: every term a phrase of adjacent bigrams; the year and the issuing body as facet
    tokens, so that they are answered by the index too."""

    id_column = f"{search.SEARCH_TABLE}.rowid"
    rank_order = "m.r"

    def match(self) -> str:
        parts = [self.query.fts5_match]
        if self.filters["year"] is not None:
            parts.append(f"facets : y{self.filters['year']}")
        if self.filters["agency"] is not None:
            parts.append(f"facets : a{self.filters['agency']}")
        return " AND ".join(parts)

    def source(self, *, rank: bool) -> tuple[str, list[Any]]:
        t = search.SEARCH_TABLE
        rank_column = {"r": search.SQLITE_BM25} if rank else {}
        if self.documents is None:
            columns = "".join(f", {sql} AS {name}" for name, sql in rank_column.items())
            return f"SELECT {t}.rowid AS match_id{columns} FROM {t} WHERE {t} MATCH %s", [self.match()]  # noqa: S608 - constant names, values as parameters
        where = [f'{t}.rowid = "{search.DOCUMENTS_TABLE}"."id"', f"{t} MATCH %s"]
        params: list[Any] = [self.match()]
        kind = EVENT_OF_STATUS.get(self.filters["status"])
        if kind is not None:
            # Only documents with such an event can have the status: the few ids are read from
            # the events table once, and each match of the index is checked against them before
            # its document is read. The + keeps SQLite from handing the IN to FTS5, which would
            # look each id up in the index instead.
            events = connection.ops.quote_name(ValidityEvent._meta.db_table)
            where.append(f'+{t}.rowid IN (SELECT document_id FROM {events} WHERE kind = %s AND "on" <= %s)')  # noqa: S608 - constant names, values as parameters
            params += [kind, self.filters["day"]]
        return self.joined(where, params, rank_column)


class _PostgresIndex(_Index):
    """The GIN index answers 'every bigram of the query'. Adjacency is not checked: that would
    read every candidate's positions back — the one place where PostgreSQL is looser than
    SQLite's phrases."""

    id_column = "match_id"
    rank_order = "ts_rank(m.tsv, plainto_tsquery('simple'::regconfig, %s)) DESC"

    def tokens(self) -> str:
        return " ".join(token for phrase in self.query.phrases for token in phrase)

    def rank_params(self) -> list[Any]:
        return [self.tokens()]

    def source(self, *, rank: bool) -> tuple[str, list[Any]]:
        t = search.SEARCH_TABLE
        where = [f"{t}.tsv @@ plainto_tsquery('simple'::regconfig, %s)"]
        params: list[Any] = [self.tokens()]
        rank_column = {"tsv": f"{t}.tsv"} if rank else {}
        if self.documents is not None:
            return self.joined(
                [f'{t}.document_id = "{search.DOCUMENTS_TABLE}"."id"', *where], params, rank_column
            )
        year, agency = self.filters["year"], self.filters["agency"]
        if year is not None:
            where.append(f"{t}.published_on >= %s AND {t}.published_on < %s")
            params += [datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)]
        if agency is not None:
            where.append(f"{t}.agency_id = %s")
            params.append(agency)
        where.append(f"{t}.published_on <= %s")
        params.append(self.filters["day"])
        columns = "".join(f", {sql} AS {name}" for name, sql in rank_column.items())
        return f"SELECT {t}.document_id AS match_id{columns} FROM {t} WHERE {' AND '.join(where)}", params  # noqa: S608 - constant names, values as parameters


def _index(
    query: SearchQuery, day: datetime.date, *, year: int | None, status: str | None, agency: int | None
) -> _Index | None:
    """The index search for `query`; None where the index cannot help (no term of two or more
    characters, or a database without an index)."""
    if not query.phrases or connection.vendor not in ("sqlite", "postgresql"):
        return None
    documents = None
    if status or query.singles:
        documents = _single_characters(
            filtered_documents(day, year=year, status=status, agency=agency), query
        )
    kind = _SQLiteIndex if connection.vendor == "sqlite" else _PostgresIndex
    return kind(query, documents, {"year": year, "agency": agency, "status": status, "day": day})


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
) -> tuple[list[SearchHit], int]:
    """The library's documents matching `q` and the filters — best first; newest first when
    there is no query — `limit` of them from `offset`; and how many match in all.

    Three queries: the count, the ids of the page (with a query, from the index alone unless a
    status filter or a one-character term needs the documents table), then the rows of the
    page with their status today.
    """
    day = day or today()
    query = q if isinstance(q, SearchQuery) else parse_query(q)
    if not query:
        documents = filtered_documents(day, year=year, status=status, agency=agency)
        total = documents.count()
        newest = documents.order_by("-published_on", "-pk").values_list("pk", flat=True)
        ids = list(newest[offset : offset + limit]) if offset < total else []
    else:
        index = _index(query, day, year=year, status=status, agency=agency)
        if index is not None:
            with _index_plans():
                total = index.count()
                ids = index.page(offset, limit) if offset < total else []
        else:
            matches = _single_characters(
                filtered_documents(day, year=year, status=status, agency=agency), query
            )
            if not query.singles:  # a database without an index
                for term in query.terms:
                    matches = matches.filter(Q(title__icontains=term) | Q(body__icontains=term))
            total = matches.count()
            ordered = matches.annotate(title_first=_title_first(query)).order_by(
                "title_first", "-published_on", "-pk"
            )
            ids = (
                list(ordered.values_list("pk", flat=True)[offset : offset + limit]) if offset < total else []
            )
    if not ids:
        return [], total
    # The rows of the page only: PostgreSQL would otherwise hash the whole events table for the
    # status of a query it expects to return every document.
    rows = {d.pk: d for d in with_status(library_documents(day).filter(pk__in=ids), day)}
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


def index_queries(q: str) -> list[tuple[str, list[Any]]]:
    """The SQL `search_documents(q)` runs against the index — the first page of ids and the
    count — to time the index alone."""
    index = _index(parse_query(q), today(), year=None, status=None, agency=None)
    assert index is not None
    return [index.window_sql(PAGE_SIZE, 0), index.count_sql()]


def full_ranking_query(q: str) -> tuple[str, list[Any]]:
    """The first page ranked over every match, without the window."""
    index = _index(parse_query(q), today(), year=None, status=None, agency=None)
    assert index is not None
    sql, params = index.source(rank=True)
    return (
        f"SELECT m.match_id FROM ({sql}) m ORDER BY {index.rank_order}, m.match_id DESC LIMIT %s",  # noqa: S608 - constant names, values as parameters
        [*params, *index.rank_params(), PAGE_SIZE],
    )
