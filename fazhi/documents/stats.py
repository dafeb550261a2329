"""Filing figures of a year (报备率、及时率、规范率), computed from the records, for one agency
(issue 12): a department's own documents, or — for a justice bureau — the filings addressed to
it; and the justice bureau's city view, the same figures by department."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q

from fazhi.core.agencies import agencies, filing_authority_of
from fazhi.core.models import Organization
from fazhi.documents.models import Filing, NormativeDocument


def _rate(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class FilingStats:
    year: int
    issued: int  # documents published in the year
    filed: int  # of those, submitted for filing
    filed_on_time: int  # submitted within the filing deadline
    decided: int  # filings the Justice Bureau has decided
    accepted: int  # 予以备案
    filing_rate: Decimal | None  # 报备率 = filed / issued
    timeliness_rate: Decimal | None  # 及时率 = filed_on_time / filed
    conformity_rate: Decimal | None  # 规范率 = accepted / decided

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("filing_rate", "timeliness_rate", "conformity_rate"):
            data[key] = float(data[key]) if data[key] is not None else None
        return data


def is_justice_bureau(agency: Organization | None) -> bool:
    return agency is not None and agency.kind == Organization.Kind.JUSTICE_BUREAU


def departments_filing_with(bureau: Organization) -> list[Organization]:
    """The departments whose filing authority is `bureau`, in the portal's order."""
    return [
        a
        for a in agencies()
        if (authority := filing_authority_of(a)) is not None and authority.pk == bureau.pk
    ]


def scope_of(agency: Organization | None) -> tuple[Q, Q]:
    """(documents, filings) of `agency`: a department's own; a justice bureau's departments'
    documents and the filings addressed to it; None: everything."""
    if agency is None:
        return Q(), Q()
    if is_justice_bureau(agency):
        departments = [a.pk for a in departments_filing_with(agency)]
        return Q(agency_id__in=departments), Q(authority_id=agency.pk)
    return Q(agency_id=agency.agency_id), Q(document__agency_id=agency.agency_id)


def filing_stats(year: int, agency: Organization | None = None) -> FilingStats:
    documents, filings_of = scope_of(agency)
    issued = NormativeDocument.objects.filter(documents, published_on__year=year).count()
    filings = Filing.objects.filter(filings_of, document__published_on__year=year).aggregate(
        filed=Count("pk"),
        on_time=Count("pk", filter=Q(submitted_on__lte=F("due_on"))),
        decided=Count("pk", filter=Q(status__in=[Filing.Status.FILED, Filing.Status.REJECTED])),
        accepted=Count("pk", filter=Q(status=Filing.Status.FILED)),
    )
    return FilingStats(
        year=year,
        issued=issued,
        filed=filings["filed"],
        filed_on_time=filings["on_time"],
        decided=filings["decided"],
        accepted=filings["accepted"],
        filing_rate=_rate(filings["filed"], issued),
        timeliness_rate=_rate(filings["on_time"], filings["filed"]),
        conformity_rate=_rate(filings["accepted"], filings["decided"]),
    )


@dataclass(frozen=True)
class DepartmentFilings:
    """One department's row of a justice bureau's city view of a year."""

    agency_id: int
    code: str
    name: str
    issued: int  # documents published in the year
    filed: int  # of those, submitted to the bureau
    filed_on_time: int
    accepted: int  # 予以备案
    rejected: int  # 不予备案
    deferred: int  # 暂缓备案 (still awaiting the correction)
    corrections: int  # filings the bureau asked to correct (暂缓备案, whatever came of it)
    timeliness_rate: Decimal | None  # on-time filing rate = filed_on_time / filed

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        rate = data["timeliness_rate"]
        data["timeliness_rate"] = float(rate) if rate is not None else None
        return data


def filings_by_department(year: int, bureau: Organization) -> list[DepartmentFilings]:
    """Every department filing with `bureau`: the year's filings addressed to the bureau (of
    documents published in the year), their timeliness and outcomes. Two queries whatever
    the number of departments (plus the list of departments)."""
    departments = departments_filing_with(bureau)
    ids = [a.pk for a in departments]
    issued = dict(
        NormativeDocument.objects.filter(agency_id__in=ids, published_on__year=year)
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    rows: dict[int, dict[str, Any]] = {
        r["document__agency_id"]: dict(r)
        for r in Filing.objects.filter(authority_id=bureau.pk, document__published_on__year=year)
        .values("document__agency_id")
        .annotate(
            filed=Count("pk"),
            n_on_time=Count("pk", filter=Q(submitted_on__lte=F("due_on"))),
            accepted=Count("pk", filter=Q(status=Filing.Status.FILED)),
            rejected=Count("pk", filter=Q(status=Filing.Status.REJECTED)),
            deferred=Count("pk", filter=Q(status__in=[Filing.Status.DEFERRED, Filing.Status.CORRECTED])),
            corrections=Count("pk", filter=~Q(correction_request="")),
        )
    }
    result = []
    for agency in departments:
        r: dict[str, Any] = rows.get(agency.pk, {})
        filed = r.get("filed", 0)
        result.append(
            DepartmentFilings(
                agency_id=agency.pk,
                code=agency.code,
                name=agency.name,
                issued=issued.get(agency.pk, 0),
                filed=filed,
                filed_on_time=r.get("n_on_time", 0),
                accepted=r.get("accepted", 0),
                rejected=r.get("rejected", 0),
                deferred=r.get("deferred", 0),
                corrections=r.get("corrections", 0),
                timeliness_rate=_rate(r.get("n_on_time", 0), filed),
            )
        )
    return result
