"""The government-service figures of a year for the annual report (core.figures): matters
under notification-commitment with their supervision rules, commitments signed, verified and
found false in the year, credit records made in the year, powers delegated at the year's end.
Every figure is scoped to the year: a record of a later year never counts."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, count_of, year_end
from fazhi.services.models import Commitment, CreditRecord, DelegatedPower, ServiceMatter

SYSTEM = _("政务服务")
C = Commitment.Status


def commitment_matters(agency: Any, year: int) -> FigureValue:
    """Matters under notification-commitment with their in-process and after-process
    supervision rules (事中事后监管细则)."""
    return count_of(
        ServiceMatter.objects.of_agency(agency).filter(commitment_allowed=True).exclude(supervision_rules=""),
        "name",
    )


def _commitments(agency: Any, year: int) -> Any:
    return Commitment.objects.of_agency(agency).filter(signed_on__year=year)


def commitments(agency: Any, year: int) -> FigureValue:
    return count_of(_commitments(agency, year), "applicant")


def false_found(agency: Any, year: int) -> FigureValue:
    return count_of(_commitments(agency, year).filter(status=C.FALSE), "applicant")


def credit_records(agency: Any, year: int) -> FigureValue:
    """Credit records made in the year (a later year's record never counts)."""
    return count_of(
        CreditRecord.objects.of_agency(agency).filter(recorded_on__year=year),
        "applicant",
    )


def delegated_powers(agency: Any, year: int) -> FigureValue:
    """Powers delegated by the year's end and not withdrawn by then."""
    end = year_end(year)
    return count_of(
        DelegatedPower.objects.of_agency(agency)
        .filter(delegated_on__lte=end)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=end)),
        "name",
    )


FIGURES = [
    Figure(
        "services.commitment_matters",
        _("制定事中事后监管细则的承诺审批事项"),
        _("个"),
        commitment_matters,
        SYSTEM,
        10,
    ),
    Figure("services.commitments", _("告知承诺办理"), _("件"), commitments, SYSTEM, 20),
    Figure("services.false_found", _("核查发现虚假承诺"), _("件"), false_found, SYSTEM, 30),
    Figure("services.credit_records", _("告知承诺失信记录"), _("条"), credit_records, SYSTEM, 40),
    Figure(
        "services.delegated_powers",
        _("向滨海新区和功能区下放的权力事项"),
        _("项"),
        delegated_powers,
        SYSTEM,
        50,
    ),
]
