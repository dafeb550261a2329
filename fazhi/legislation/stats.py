"""The legislation figures of a year for the annual report (`core.figures`): regulations and
rules made, amended (修正 or 修订) and repealed — from the register of laws, by the date adopted —
and the legislative projects of the year's plan by stage. Each figure is one query that returns
the records behind it.

A project belongs to an agency (its `agency`, the agency of its division); the register of laws is shared by every agency
(a version links to an agency only through a project, and most versions have none), so the
regulation figures count every agency's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, RecordRef, agency_scope
from fazhi.core.models import Law, LawVersion
from fazhi.legislation.models import LegislativeProject

SYSTEM = _("立法工作")
# Regulations and rules: what the bureau drafts or helps amend (DOMAIN.md §15).
MADE_HERE = (Law.Kind.LOCAL_REGULATION, Law.Kind.GOVERNMENT_RULE)
V = LawVersion.Kind


def _versions(kinds: tuple[str, ...]) -> Callable[[Any, int], FigureValue]:
    def compute(agency: Any, year: int) -> FigureValue:
        rows = (
            LawVersion.objects.filter(kind__in=kinds, adopted_on__year=year, law__kind__in=MADE_HERE)
            .order_by("adopted_on", "pk")
            .values_list("pk", "law_id", "law__title", "kind")
        )
        refs = [
            RecordRef(
                "core.LawVersion",
                pk,
                f"《{title}》（{LawVersion.Kind(kind).label}）",
                reverse("legislation:law_detail", args=[law_id]),
            )
            for pk, law_id, title, kind in rows
        ]
        return FigureValue(len(refs), tuple(refs))

    return compute


def _projects(stage: str | None) -> Callable[[Any, int], FigureValue]:
    def compute(agency: Any, year: int) -> FigureValue:
        queryset = LegislativeProject.objects.filter(agency_scope(agency, "agency"), plan_year=year)
        queryset = (
            queryset.filter(stage=stage)
            if stage
            else queryset.exclude(stage=LegislativeProject.Stage.TERMINATED)
        )
        refs = [
            RecordRef(
                "legislation.LegislativeProject", pk, title, reverse("legislation:project_detail", args=[pk])
            )
            for pk, title in queryset.order_by("pk").values_list("pk", "title")
        ]
        return FigureValue(len(refs), tuple(refs))

    return compute


FIGURES = [
    Figure(
        "legislation.regulations_made",
        _("制定地方性法规、政府规章"),
        _("件"),
        _versions((V.ADOPTED,)),
        SYSTEM,
        10,
    ),
    Figure(
        "legislation.regulations_amended",
        _("修改地方性法规、政府规章"),
        _("件"),
        _versions((V.AMENDED, V.REVISED)),
        SYSTEM,
        11,
    ),
    Figure(
        "legislation.regulations_repealed",
        _("废止地方性法规、政府规章"),
        _("件"),
        _versions((V.REPEALED,)),
        SYSTEM,
        12,
    ),
    Figure("legislation.projects", _("年度立法计划项目（不含终止）"), _("件"), _projects(None), SYSTEM, 20),
    *(
        Figure(
            f"legislation.projects.{stage.value}",
            _("立法项目：%(stage)s") % {"stage": stage.label},
            _("件"),
            _projects(stage.value),
            SYSTEM,
            21 + i,
        )
        for i, stage in enumerate(LegislativeProject.Stage)
    ),
]
