"""The public enforcement publicity pages at /enforcement/ (行政执法公示, no account): the published
decisions, newest first, by year and category, with the year's enforcement figures; and one
published decision.

What the public sees of a decision (国办发〔2018〕118号; 《政府信息公开条例》第十五条): the decision
number, the party — a natural person's name masked (`EnforcementCase.party_shown`) and their
identity number never shown; an organization's unified social credit code is public registry
data — the category, the outcome and the decision, the fine, and the dates. A decision that was
reversed and withdrawn stays listed, but only as withdrawn, with the day and the reason, and
none of its content (行政处罚法 Art 48: 撤回行政处罚决定信息并公开说明理由).

Nothing unpublished is shown: an unpublished decision is 404 like a missing one. The rows are
built from the listed columns only (`PUBLIC_FIELDS`), so the facts, the statement, the hearing
record and the like are never read here. The queries are shared with the API (api.py).

Every department's published decisions are listed (issue 12), each with its department, and
`?dept=<code>` (or the department's own entry page) limits the list, its years and the figures
to one department.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fazhi.core import publiccache
from fazhi.core.agencies import public_department
from fazhi.core.clock import today
from fazhi.enforcement.models import CaseQuerySet, EnforcementCase
from fazhi.enforcement.stats import YearFigures, year_figures

# Years the pages and the API answer for. Outside them a filter is ignored here, 422 in the API.
MIN_YEAR, MAX_YEAR = 2000, 2099
# Ids beyond this cannot be a row, and SQLite overflows on integers above 2^63 − 1.
MAX_ID = 2**63 - 1
MAX_PAGE = 100_000
PAGE_SIZE = 20

C = EnforcementCase.Category
P = EnforcementCase.PartyKind

# The columns a public row is built from; nothing else of a case is read for the public.
PUBLIC_FIELDS = (
    "pk",
    "title",
    "category",
    "party_name",
    "party_kind",
    "party_code",
    "outcome",
    "decision_text",
    "fine_amount",
    "decision_number",
    "decided_on",
    "published_on",
    "withdrawn_on",
    "reversal_reason",
)

# The department shown with each decision (issue 12).
AGENCY_FIELDS = ("agency__code", "agency__name", "agency__short_name")


def valid_id(value: int) -> int:
    if not 1 <= value <= MAX_ID:
        raise Http404
    return value


def page_number(value: str | None) -> int:
    """The page asked for, or 1 for anything that is not a page number."""
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


def year_param(value: str | None) -> int | None:
    """A year of the filter, or None for anything that is not a year the pages answer for."""
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def category_param(value: str | None) -> str | None:
    return value if value in C.values else None


# ---------------------------------------------------------------------------------------------
# Queries shared with the API


def public_decisions(
    *, year: int | None = None, category: str | None = None, agency: Any = None
) -> CaseQuerySet:
    """Published decisions of every department — or of `agency` (an Organization or its id)
    — (withdrawn ones included, shown as withdrawn), newest publication first; `year` is the
    year of the decision, as in the yearly figures."""
    cases = (
        EnforcementCase.objects.published()
        .of_agency(agency)
        .select_related("agency")
        .only(*PUBLIC_FIELDS, *AGENCY_FIELDS)
        .order_by("-published_on", "-pk")
    )
    if year is not None:
        cases = cases.filter(decided_on__year=year)
    if category is not None:
        cases = cases.filter(category=category)
    return cases


def public_decision(pk: int) -> EnforcementCase:
    case = public_decisions().filter(pk=valid_id(pk)).first()
    if case is None:
        raise Http404
    return case


def decision_years(agency_id: int | None = None) -> list[int]:
    """The years with published decisions (of one department's, if given), newest first:
    whether each year the pages answer for has one, by a probe of the index of published
    decisions by date, all in one statement (a DISTINCT over the year of every date would call
    a function per row)."""
    last = min(MAX_YEAR, today().year + 1)
    years = list(range(last, MIN_YEAR - 1, -1))
    table = EnforcementCase._meta.db_table
    of_agency = "" if agency_id is None else "AND agency_id = %s "
    probe = (
        f"EXISTS (SELECT 1 FROM {table} WHERE published_on IS NOT NULL "  # noqa: S608 - constant names
        f"{of_agency}AND decided_on >= %s AND decided_on < %s)"
    )
    params: list[Any] = []
    for year in years:
        params += [] if agency_id is None else [agency_id]
        params += [datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([probe] * len(years)), params)
        row = cursor.fetchone()
    return [year for year, found in zip(years, row, strict=True) if found]


def public_row(case: EnforcementCase) -> dict[str, Any]:
    """A published decision as the public sees it. Withdrawn: the number, the dates and the
    reason only — the party, the outcome, the decision and the fine are taken off (Art 48)."""
    withdrawn = case.withdrawn_on is not None
    row: dict[str, Any] = {
        "id": case.pk,
        "agency": agency_row(case.agency),
        "decision_number": case.decision_number,
        "decided_on": case.decided_on,
        "published_on": case.published_on,
        "withdrawn": withdrawn,
        "withdrawn_on": case.withdrawn_on,
        "withdrawal_reason": case.reversal_reason if withdrawn else "",
        "title": None,
        "category": None,
        "category_label": None,
        "party": None,
        "party_kind": None,
        "party_kind_label": None,
        "natural_person": None,
        "party_code": None,
        "outcome": None,
        "outcome_label": None,
        "decision_text": None,
        "fine_amount": None,
    }
    if withdrawn:
        return row
    person = case.party_kind == P.PERSON
    row.update(
        title=case.title,
        category=case.category,
        category_label=str(case.get_category_display()),
        party=case.party_shown,
        party_kind=case.party_kind,
        party_kind_label=str(case.get_party_kind_display()),
        natural_person=person,
        # A natural person's identity number is never published; an organization's unified
        # social credit code is public registry data.
        party_code="" if person else case.party_code,
        outcome=case.outcome,
        outcome_label=str(case.get_outcome_display()) if case.outcome else "",
        decision_text=case.decision_text,
        fine_amount=f"{case.fine_amount:.2f}" if case.fine_amount is not None else None,
    )
    return row


def agency_row(agency: Any) -> dict[str, str]:
    """The department of a public record, as the pages and the API name it."""
    return {"code": agency.code, "name": agency.name, "short_name": agency.short_name or agency.name}


@dataclass(frozen=True)
class FiguresView:
    """A year's figures as the page words them, with the sentences a year without a kind of
    case reads as (the annual report's “本年度无……”)."""

    figures: YearFigures

    @property
    def empty(self) -> bool:
        f = self.figures
        return not (f.filed or f.decided or f.transferred)

    @property
    def publicity_percent(self) -> str | None:
        rate = self.figures.publicity_rate
        return None if rate is None else f"{rate * 100:.1f}%"


def kept_figures(year: int, day: datetime.date, agency_id: int | None = None) -> YearFigures:
    """The figures of `year` as of `day` (of one department, if given; of all of them
    otherwise), computed once per publication and day."""
    key = f"enforcement:figures:{year}" if agency_id is None else f"enforcement:figures:{year}:{agency_id}"
    kept = publiccache.memo(key, day, lambda: asdict(year_figures(year, agency=agency_id, today=day)))
    try:
        return YearFigures(**kept)
    except TypeError:  # kept by another version of the code
        return year_figures(year, agency=agency_id, today=day)


# ---------------------------------------------------------------------------------------------
# Pages


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The published decisions, 20 a page, by year and category, and the figures of the year
    chosen (the current year when none is). Two queries for the list, one for its years and one
    for the figures — these two once per publication and day —, whatever the number of
    decisions."""
    day = today()
    year = year_param(request.GET.get("year"))
    category = category_param(request.GET.get("category"))
    department = public_department(request)
    agency_id = department.pk if department is not None else None
    paginator = Paginator(public_decisions(year=year, category=category, agency=agency_id), PAGE_SIZE)
    page: Page[EnforcementCase] = paginator.get_page(page_number(request.GET.get("page")))
    figures_year = year if year is not None else day.year
    # The years and the figures: once per publication generation and day (core.publiccache).
    years_key = "enforcement:years" if agency_id is None else f"enforcement:years:{agency_id}"
    years = publiccache.memo(years_key, day, lambda: decision_years(agency_id))
    if figures_year not in years:
        years = sorted({*years, figures_year}, reverse=True)
    return render(
        request,
        "enforcement/public_index.html",
        {
            "page": page,
            "rows": [public_row(case) for case in page.object_list],
            "year": year,
            "category": category,
            "years": years,
            "categories": C.choices,
            "figures_year": figures_year,
            "figures": FiguresView(kept_figures(figures_year, day, agency_id)),
            "department": department,
            "today": day,
        },
    )


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One published decision; a withdrawn one as withdrawn, with the reason."""
    case = public_decision(pk)
    return render(request, "enforcement/public_detail.html", {"row": public_row(case)})
