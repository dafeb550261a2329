"""The oversight figures of a year for the annual report (`core.figures`): evaluations and
inspections received, their findings and the findings rectified (the task signed off as done and
the evidence recorded). Each figure is one query that returns the records behind it.

An oversight belongs to the agency inspected (`agency`), and its findings with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, RecordRef, agency_scope
from fazhi.ledger.models import LedgerItem
from fazhi.oversight.models import Finding, Oversight

SYSTEM = _("评估与督察")
RECTIFIED = Q(task__status=LedgerItem.Status.DONE) & ~Q(evidence="")


def received(agency: Any, year: int) -> FigureValue:
    refs = [
        RecordRef("oversight.Oversight", pk, title, reverse("oversight:detail", args=[pk]))
        for pk, title in Oversight.objects.filter(agency_scope(agency, "agency"), year=year)
        .order_by("started_on", "pk")
        .values_list("pk", "title")
    ]
    return FigureValue(len(refs), tuple(refs))


def _findings(extra: Q) -> Callable[[Any, int], FigureValue]:
    def compute(agency: Any, year: int) -> FigureValue:
        rows = (
            Finding.objects.filter(extra, agency_scope(agency, "oversight__agency"), oversight__year=year)
            .order_by("oversight_id", "number")
            .values_list("pk", "oversight_id", "oversight__title", "number")
        )
        refs = [
            RecordRef(
                "oversight.Finding",
                pk,
                f"{title} 第{number}项",
                reverse("oversight:detail", args=[o]) + f"#finding-{pk}",
            )
            for pk, o, title, number in rows
        ]
        return FigureValue(len(refs), tuple(refs))

    return compute


FIGURES = [
    Figure("oversight.received", _("接受评估、督察、考核"), _("次"), received, SYSTEM, 10),
    Figure("oversight.findings", _("反馈问题"), _("个"), _findings(Q()), SYSTEM, 11),
    Figure("oversight.findings_rectified", _("已整改问题"), _("个"), _findings(RECTIFIED), SYSTEM, 12),
]
