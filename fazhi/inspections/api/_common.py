"""The router of the inspections API and its field types."""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Path, Router

router = Router(tags=["双随机抽查"])

# Ids in paths and queries: larger values cannot be a row and would overflow SQLite's integers.
MAX_ID = 2**31 - 1
MIN_YEAR, MAX_YEAR = 2000, 2999
ERRORS = {400, 404, 409, 422}

# The choices of the models, spelt out so that the OpenAPI document lists them (a test keeps
# them equal to the model choices).
PlanStatusValue = Literal["draft", "published", "drawn"]
TaskStatusValue = Literal["assigned", "recorded", "published"]
ResultValue = Literal["no_problem", "problems_found", "not_found_at_address", "closed_down"]


PlanId = Annotated[int, Path(ge=1, le=MAX_ID, description="计划编号")]
DrawId = Annotated[int, Path(ge=1, le=MAX_ID, description="抽取编号")]
TaskId = Annotated[int, Path(ge=1, le=MAX_ID, description="任务编号")]
