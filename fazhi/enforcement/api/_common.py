"""The router of the enforcement API and its field types."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Path, Router
from pydantic import AfterValidator, Field

from fazhi.core.api.fields import storable
from fazhi.enforcement import actions
from fazhi.enforcement import public_views as public
from fazhi.enforcement.models import EnforcementCase

router = Router(tags=["行政执法"])

S = EnforcementCase.Status
# Ids in paths and queries: larger values cannot be a row and would overflow SQLite's integers.
MAX_ID = 2**31 - 1
MIN_YEAR, MAX_YEAR = public.MIN_YEAR, public.MAX_YEAR
ERRORS = {400, 404, 409, 422}
# The steps a party's statement and hearing and the legality check belong to: after the
# notice, before the decision.
AT_NOTICE = frozenset({S.NOTIFIED.value})

# The choices of the models, spelt out so that the OpenAPI document lists them (a test keeps
# them equal to the model choices).
StatusValue = Literal["investigating", "notified", "decided", "served", "executed", "closed", "transferred"]
CategoryValue = Literal["penalty", "coercion", "other"]
PartyKindValue = Literal["organization", "person"]
OutcomeValue = Literal["penalty", "no_penalty"]
MajorGroundValue = Literal["public_interest", "hearing", "complex", "by_law"]
RecordStepValue = Literal[
    "filing", "investigation", "notice", "hearing", "review", "decision", "service", "execution", "closing"
]
RecordKindValue = Literal["text", "audio_video"]


def _day(value: datetime.date) -> datetime.date:
    """A date a case can bear. Far ones are no case's date, and the deadline arithmetic counting
    from them would overflow or ask for calendars that will never be entered."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"日期应在 {MIN_YEAR} 年至 {MAX_YEAR} 年之间")
    return value


Title = Annotated[str, Field(max_length=200), AfterValidator(storable)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
Reason = Annotated[str, Field(max_length=2000), AfterValidator(storable)]
PartyCode = Annotated[str, Field(max_length=40), AfterValidator(storable)]
Method = Annotated[str, Field(max_length=50), AfterValidator(storable)]
Organ = Annotated[str, Field(max_length=100), AfterValidator(storable)]
CertificateNumber = Annotated[str, Field(min_length=1, max_length=40), AfterValidator(storable)]
Day = Annotated[datetime.date, AfterValidator(_day)]
Fine = Annotated[Decimal, Field(gt=0, le=actions.MAX_FINE, max_digits=14, decimal_places=2)]
CaseId = Annotated[int, Path(ge=1, le=MAX_ID, description="案件编号")]
