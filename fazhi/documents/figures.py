"""The normative-document figures of a year for the annual report (core.figures): documents
issued (published in the year), filed, filed on time, the filing rate, and the cleanup results
of the campaigns published in the year."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, agency_scope, count_of, rate_of
from fazhi.documents.models import CleanupItem, Filing, NormativeDocument

SYSTEM = _("行政规范性文件")
D = CleanupItem.Disposition


def _issued(agency: Any, year: int) -> Any:
    return NormativeDocument.objects.filter(agency_scope(agency, "agency"), published_on__year=year)


def _filed(agency: Any, year: int) -> Any:
    return Filing.objects.filter(agency_scope(agency, "document__agency"), document__published_on__year=year)


def _cleanup(agency: Any, year: int) -> Any:
    return CleanupItem.objects.filter(
        agency_scope(agency, "document__agency"), campaign__published_on__year=year
    )


def issued(agency: Any, year: int) -> FigureValue:
    return count_of(_issued(agency, year))


def filed(agency: Any, year: int) -> FigureValue:
    return count_of(_filed(agency, year), "document__title")


def filed_on_time(agency: Any, year: int) -> FigureValue:
    return count_of(_filed(agency, year).filter(submitted_on__lte=F("due_on")), "document__title")


def filing_rate(agency: Any, year: int) -> FigureValue:
    """报备率: documents of the year filed / documents of the year issued."""
    return rate_of(_issued(agency, year).filter(filing__isnull=False), _issued(agency, year))


def cleanup_reviewed(agency: Any, year: int) -> FigureValue:
    return count_of(_cleanup(agency, year), "document__title")


def cleanup_amended(agency: Any, year: int) -> FigureValue:
    return count_of(_cleanup(agency, year).filter(disposition=D.AMEND), "document__title")


def cleanup_repealed(agency: Any, year: int) -> FigureValue:
    """Repealed or declared invalid by the year's cleanup."""
    return count_of(
        _cleanup(agency, year).filter(Q(disposition=D.REPEAL) | Q(disposition=D.DECLARE_INVALID)),
        "document__title",
    )


FIGURES = [
    Figure("documents.issued", _("印发行政规范性文件"), _("件"), issued, SYSTEM, 10),
    Figure("documents.filed", _("报送备案行政规范性文件"), _("件"), filed, SYSTEM, 20),
    Figure("documents.filed_on_time", _("按时报送备案"), _("件"), filed_on_time, SYSTEM, 30),
    Figure("documents.filing_rate", _("行政规范性文件报备率"), _("%"), filing_rate, SYSTEM, 40),
    Figure("documents.cleanup_reviewed", _("清理行政规范性文件"), _("件"), cleanup_reviewed, SYSTEM, 50),
    Figure("documents.cleanup_amended", _("清理后修改"), _("件"), cleanup_amended, SYSTEM, 60),
    Figure("documents.cleanup_repealed", _("清理后废止或宣布失效"), _("件"), cleanup_repealed, SYSTEM, 70),
]
