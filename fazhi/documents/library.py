"""The queries of the public library (DOMAIN.md §5 "Public library"): published documents by
year, each with its status today, the filters, and the Chinese full-text search that the pages
and the API share (`search_documents`).

Two derived tables, kept by the database itself (search/index.py, migration 0002), do the heavy
lifting at 100,000 documents: the full-text index, and `documents_library` — one narrow row
per published document with the dates its status depends on. A status filter is a comparison
of those dates (`status_condition`), which a test holds equal to `validity.status_on` for every
status on many days. The rows a page shows are read last, 20 of them, with their status read
from the same row (`facts_status`, the conditions as one CASE); the exports and a document's
page compute it from the events (`status_expression`). The SQL of a search against the index
is in search/matches.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
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
    SearchQuery,
    highlight,
    index_for,
    index_plans,
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

# The most recent matches (by document id) that are ranked: those whose title holds every term
# first (search.matches); older matches follow, newest first. Looking for title matches among
# every match would read them all when few titles hold the term (a word found in the bodies of
# most of 100,000 documents); within the window it reads at most this many.
RANK_WINDOW = 2000
# The pages count the listing and a search only this far and show "10000+" beyond: a broad
# filter (a status) or a common word would otherwise cost a pass over the whole library on
# every page. The API counts exactly.
COUNT_CAP = 10_000
# A term of three or more characters is checked where its pairs stand (an FTS5 phrase; on
# PostgreSQL the text itself, newest first): the pages count such a search this far.
PHRASE_COUNT_CAP = 1000


def _has_phrase(query: SearchQuery) -> bool:
    return any(len(p) > 2 for p in query.phrases)


def search_count_cap(q: str) -> int:
    """How far the pages count a search for `q` (COUNT_CAP, PHRASE_COUNT_CAP with a term of
    three or more characters; such a search also ranks only as many of its newest matches)."""
    return PHRASE_COUNT_CAP if _has_phrase(parse_query(q)) else COUNT_CAP


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


def _status_case(day: datetime.date) -> tuple[str, list[Any]]:
    """The conditions of `status_condition`, which exclude each other, as one CASE over the
    documents_library row `l`: the document's status on `day`."""
    cases: list[str] = []
    params: list[Any] = []
    for status in LIBRARY_STATUSES:
        condition, condition_params = status_condition(status, day)
        cases.append(f"WHEN {condition} THEN %s")
        params += [*condition_params, status.value]
    return f"CASE {' '.join(cases)} END", params


def facts_status(day: datetime.date) -> RawSQL:
    """The document's status on `day` read from its documents_library row (`_status_case`, for
    the rows of a search page: one lookup by primary key instead of the subqueries over the
    events)."""
    case, params = _status_case(day)
    return RawSQL(  # noqa: S611 - constant SQL, values as parameters
        f"(SELECT {case} FROM {FACTS_TABLE} l "  # noqa: S608 - constant names, values as parameters
        f"WHERE l.document_id = {DOCUMENTS_TABLE}.id)",
        params,
        output_field=CharField(),
    )


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


@dataclass(frozen=True)
class Found:
    """What a search or a listing found: the ids of one page, best first, and how many match
    in all (capped as it was asked)."""

    query: SearchQuery
    day: datetime.date
    ids: list[int]
    total: int


def find_documents(
    q: str | SearchQuery = "",
    *,
    year: int | None = None,
    status: str | None = None,
    agency: int | None = None,
    limit: int = PAGE_SIZE,
    offset: int = 0,
    day: datetime.date | None = None,
    count_cap: int | None = None,
) -> Found:
    """The ids of the library's documents matching `q` and the filters — best first
    (search.matches); newest first when there is no query — `limit` of them from `offset`; and
    how many match in all (with `count_cap`: more than the cap when the count stopped past it,
    or past the page asked for, whichever is further). The count and the ids of the page, from
    the index, and documents_library for a status: two to four queries (search.matches)."""
    filters = _Filters(day or today(), year, status or None, agency)
    query = q if isinstance(q, SearchQuery) else parse_query(q)
    index = index_for(query, filters) if query else None
    if not query:
        ids, total = _listing(filters, offset, limit, count_cap)
    elif index is not None:
        with index_plans():
            total = index.count(None if count_cap is None else max(count_cap, offset + limit))
            window = min(RANK_WINDOW, PHRASE_COUNT_CAP) if _has_phrase(query) else RANK_WINDOW
            ids = index.page(offset, limit, window=window, total=total) if offset < total else []
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
    return Found(query, filters.day, ids, total)


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
    """`find_documents`, then the rows of the page as documents (issuing body and filing
    joined) with their status today: for the API and the portal's search, which show more of
    a document than the library's page (`page_rows`)."""
    found = find_documents(
        q,
        year=year,
        status=status,
        agency=agency,
        limit=limit,
        offset=offset,
        day=day,
        count_cap=count_cap,
    )
    if not found.ids:
        return [], found.total
    # Their status from documents_library, without the two texts the index is built from
    # (several kilobytes a row that nobody shows).
    rows = {
        d.pk: d
        for d in library_documents(found.day)
        .filter(pk__in=found.ids)
        .select_related("agency", "filing")
        .defer("search_text", "search_grams")
        .annotate(status_today=facts_status(found.day))
        .order_by()  # put in the page's order below
    }
    query = found.query or None
    return [_hit(rows[pk], query) for pk in found.ids if pk in rows], found.total


@dataclass(frozen=True)
class Row:
    """One row of the library's page: what it shows of a document, and nothing else."""

    pk: int
    number: str
    title: str
    body: str
    agency: str  # the issuing body's short name, else its name
    published_on: datetime.date | None
    effective_on: datetime.date | None
    status: Validity


def _day(value: Any) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def page_rows(found: Found) -> list[Row]:
    """The rows of the page `found`, in its order: one query by primary key for the few
    columns the page shows, the status from documents_library (a model instance with its
    issuing body and filing, twenty times, costs more than the search's index queries)."""
    if not found.ids:
        return []
    case, params = _status_case(found.day)
    marks = ", ".join(["%s"] * len(found.ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.id, d.number, d.title, d.body, a.short_name, a.name, d.published_on, "  # noqa: S608 - constant names, values as parameters
            f"d.effective_on, {case} FROM {DOCUMENTS_TABLE} d "
            f"JOIN {FACTS_TABLE} l ON l.document_id = d.id "
            f"LEFT JOIN {Organization._meta.db_table} a ON a.id = d.agency_id "
            f"WHERE d.id IN ({marks}) AND d.published_on <= %s",
            [*params, *found.ids, found.day],
        )
        fetched = {
            pk: Row(
                pk,
                number,
                title,
                body,
                short or name or "",
                _day(published),
                _day(effective),
                Validity(status),
            )
            for pk, number, title, body, short, name, published, effective, status in cursor.fetchall()
        }
    return [fetched[pk] for pk in found.ids if pk in fetched]


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


def index_queries(q: str, count_cap: int | None = COUNT_CAP) -> list[tuple[str, list[Any]]]:
    """The SQL `search_documents(q, count_cap=…)` runs against the index for the first page —
    the count and the ids of the page — recorded as it runs, to time the index alone."""
    index = index_for(parse_query(q), _Filters(today(), None, None, None))
    assert index is not None
    recorded: list[tuple[str, list[Any]]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        recorded.append((sql, list(params or [])))
        return execute(sql, params, many, context)

    with index_plans(), connection.execute_wrapper(record):
        total = index.count(count_cap)
        window = min(RANK_WINDOW, PHRASE_COUNT_CAP) if _has_phrase(index.query) else RANK_WINDOW
        index.page(0, PAGE_SIZE, window=window, total=total)
    return recorded
