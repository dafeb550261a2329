"""The router of the disputes API and its field types."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Path, Router
from pydantic import AfterValidator, Field

from fazhi.core.api.fields import storable, within_years

router = Router(tags=["复议诉讼调解"])

# Ids in paths and bodies: larger values cannot be a row and would overflow SQLite's integers.
MAX_ID = 2**31 - 1
# The years a record's dates may fall in: far ones are no dispute's, and the deadline arithmetic
# counting from them would ask for calendars that will never be entered.
MIN_YEAR, MAX_YEAR = 2000, 2099
ERRORS = {400, 404, 409, 422}

# The choices of the models, spelt out so that the OpenAPI document lists them (a test keeps
# them equal to the model choices).
ReconsiderationStatusValue = Literal["received", "replied", "decided", "closed"]
ReconsiderationOutcomeValue = Literal[
    "changed",
    "revoked",
    "confirmed_unlawful",
    "ordered_performance",
    "confirmed_void",
    "upheld",
    "dismissed",
    "mediated",
    "withdrawn",
]
LitigationStatusValue = Literal["received", "defended", "heard", "judged"]
LitigationOutcomeValue = Literal[
    "dismissed",
    "revoked",
    "changed",
    "confirmed_unlawful",
    "confirmed_void",
    "ordered_performance",
    "withdrawn",
    "mediated",
]
InstanceValue = Literal["first", "second", "retrial"]
MediationKindValue = Literal["civil", "administrative"]
MediationStatusValue = Literal["requested", "accepted", "refused", "agreed", "failed"]


IN_YEARS = within_years(MIN_YEAR, MAX_YEAR)


# The limits are the models' and the actions' (clean_text), so that a body the schema accepts
# is never refused for its length further on.
Name = Annotated[str, Field(max_length=200), AfterValidator(storable)]
Parties = Annotated[str, Field(max_length=300), AfterValidator(storable)]
Organ = Annotated[str, Field(max_length=100), AfterValidator(storable)]
CaseNumber = Annotated[str, Field(max_length=100), AfterValidator(storable)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
Day = Annotated[datetime.date, AfterValidator(IN_YEARS)]
ReconsiderationId = Annotated[int, Path(ge=1, le=MAX_ID, description="行政复议编号")]
LitigationId = Annotated[int, Path(ge=1, le=MAX_ID, description="行政诉讼编号")]
MediationId = Annotated[int, Path(ge=1, le=MAX_ID, description="行政调解编号")]
