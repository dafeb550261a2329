"""The "double random, one public" figures of a year for the annual report (core.figures):
plans, units inspected (in all and per domain), problems found, results published on time —
of the agency's plans (a plan's agency is its inspecting body), or of every agency for None."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, agency_scope, count_of, rate_of
from fazhi.core.models import Domain
from fazhi.inspections.models import InspectionPlan, InspectionTask

SYSTEM = _("双随机、一公开")
T = InspectionTask.Status


def _inspected(agency: Any, year: int) -> Any:
    """Tasks of the agency's plans of the year whose result is recorded (the unit was
    inspected)."""
    return InspectionTask.objects.filter(agency_scope(agency, "plan__agency"), plan__year=year).exclude(
        status=T.ASSIGNED
    )


def plans(agency: Any, year: int) -> FigureValue:
    return count_of(
        InspectionPlan.objects.filter(agency_scope(agency, "agency"), year=year).exclude(
            status=InspectionPlan.Status.DRAFT
        )
    )


def units_inspected(agency: Any, year: int) -> FigureValue:
    return count_of(_inspected(agency, year), "entity__name")


def _units_in(domain: str) -> Any:
    def compute(agency: Any, year: int) -> FigureValue:
        return count_of(_inspected(agency, year).filter(entity__domain=domain), "entity__name")

    compute.__name__ = f"units_{domain}"
    return compute


def problems_found(agency: Any, year: int) -> FigureValue:
    return count_of(
        _inspected(agency, year).filter(result=InspectionTask.Result.PROBLEMS_FOUND), "entity__name"
    )


def publicity_on_time_rate(agency: Any, year: int) -> FigureValue:
    """Results published within `inspection.result_publicity` / results recorded."""
    inspected = _inspected(agency, year)
    return rate_of(inspected.filter(published_on__lte=F("publicity_due_on")), inspected, "entity__name")


units_lab_animals = _units_in(Domain.LAB_ANIMALS)
units_human_genetic_resources = _units_in(Domain.HUMAN_GENETIC_RESOURCES)

FIGURES = [
    Figure("inspections.plans", _("制定抽查计划"), _("个"), plans, SYSTEM, 10),
    Figure("inspections.units_inspected", _("抽查检查单位"), _("家"), units_inspected, SYSTEM, 20),
    Figure("inspections.units_lab_animals", _("其中实验动物领域"), _("家"), units_lab_animals, SYSTEM, 30),
    Figure(
        "inspections.units_human_genetic_resources",
        _("其中人类遗传资源领域"),
        _("家"),
        units_human_genetic_resources,
        SYSTEM,
        40,
    ),
    Figure("inspections.problems_found", _("发现问题的单位"), _("家"), problems_found, SYSTEM, 50),
    Figure(
        "inspections.publicity_on_time_rate",
        _("抽查结果按时公示率"),
        _("%"),
        publicity_on_time_rate,
        SYSTEM,
        60,
    ),
]
