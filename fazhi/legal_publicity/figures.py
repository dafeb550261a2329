"""The legal-publicity figures of a year for the annual report (core.figures): activities,
of which case explanations (以案释法), the people reached, and the responsibility list."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, agency_scope, count_of, sum_of
from fazhi.legal_publicity.models import Activity, ResponsibilityItem

SYSTEM = _("普法")


def _activities(agency: Any, year: int) -> Any:
    return Activity.objects.filter(agency_scope(agency, "agency"), held_on__year=year)


def activities(agency: Any, year: int) -> FigureValue:
    return count_of(_activities(agency, year))


def cases_explained(agency: Any, year: int) -> FigureValue:
    return count_of(_activities(agency, year).filter(kind=Activity.Kind.CASE))


def reach(agency: Any, year: int) -> FigureValue:
    return sum_of(_activities(agency, year), "reach")


def _items(agency: Any, year: int) -> Any:
    return ResponsibilityItem.objects.filter(agency_scope(agency, "agency"), year=year)


def responsibilities(agency: Any, year: int) -> FigureValue:
    return count_of(_items(agency, year), "content")


def responsibilities_done(agency: Any, year: int) -> FigureValue:
    return count_of(_items(agency, year).filter(done_on__year=year), "content")


FIGURES = [
    Figure("legal_publicity.activities", _("开展普法活动"), _("次"), activities, SYSTEM, 10),
    Figure("legal_publicity.cases_explained", _("以案释法"), _("次"), cases_explained, SYSTEM, 20),
    Figure("legal_publicity.reach", _("普法活动覆盖"), _("人次"), reach, SYSTEM, 30),
    Figure("legal_publicity.responsibilities", _("普法责任清单事项"), _("项"), responsibilities, SYSTEM, 40),
    Figure(
        "legal_publicity.responsibilities_done",
        _("责任清单事项完成"),
        _("项"),
        responsibilities_done,
        SYSTEM,
        50,
    ),
]
