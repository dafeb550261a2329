"""Filing figures of a year (报备率、及时率、规范率), computed from the records."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q

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


def filing_stats(year: int) -> FilingStats:
    issued = NormativeDocument.objects.filter(published_on__year=year).count()
    filings = Filing.objects.filter(document__published_on__year=year).aggregate(
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
