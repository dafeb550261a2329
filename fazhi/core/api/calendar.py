"""GET /api/v1/calendar/deadline — compute a due date; GET /api/v1/calendar/rules — the rule book.

Errors answer JSON with a Chinese `detail`: a missing calendar year is 422 naming the year, an
unknown rule 404, a malformed or out-of-range request 422 — never a 500.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from fazhi.core.api.schemas import ErrorOut
from fazhi.core.calendar import (
    MAX_DAYS,
    MAX_MONTHS,
    compute_deadline,
    compute_period,
    current_rules,
    rule_period_label,
)

router = Router(tags=["工作日历与期限"])


class DeadlineQuery(Schema):
    start: datetime.date = Field(description="起算日（该日不计入期间），YYYY-MM-DD")
    rule: str | None = Field(
        None,
        min_length=1,
        max_length=60,
        pattern=r"^[A-Za-z0-9_.\-]+$",
        description="期限规则代码，如 decision.legality_review_min",
    )
    working_days: int | None = Field(None, description=f"工作日数（0–{MAX_DAYS}）")
    days: int | None = Field(None, description=f"自然日数（0–{MAX_DAYS}），末日逢法定休假日顺延")
    months: int | None = Field(None, description=f"月数（0–{MAX_MONTHS}）")


class DeadlineOut(Schema):
    start: datetime.date
    due: datetime.date
    rule: str | None
    rule_version: int | None
    basis: str
    period: str
    unit: str
    amount: int


class RuleOut(Schema):
    code: str
    version: int
    name: str
    amount: int
    unit: str
    direction: str
    extend_on_rest_day: bool
    starts_from: str
    basis: str
    source_tag: str
    applies_from: datetime.date
    period: str


@router.get(
    "/deadline",
    response={200: DeadlineOut, 404: ErrorOut, 422: ErrorOut},
    summary="计算法定期限",
)
def deadline(request: HttpRequest, query: Query[DeadlineQuery]) -> dict:
    numbers = (query.working_days, query.days, query.months)
    if sum(n is not None for n in numbers) + (query.rule is not None) != 1:
        raise HttpError(422, "请只指定一种期限：rule（规则代码）、working_days、days 或 months 之一")
    if query.rule is not None:
        result = compute_deadline(query.start, query.rule.strip())
    else:
        result = compute_period(
            query.start, working_days=query.working_days, days=query.days, months=query.months
        )
    return result.as_dict()


@router.get("/rules", response=list[RuleOut], summary="现行期限规则")
def rules(request: HttpRequest) -> list[dict]:
    return [
        {
            "code": r.code,
            "version": r.version,
            "name": r.name,
            "amount": r.amount,
            "unit": r.unit,
            "direction": r.direction,
            "extend_on_rest_day": r.extend_on_rest_day,
            "starts_from": r.starts_from,
            "basis": r.basis,
            "source_tag": r.source_tag,
            "applies_from": r.applies_from,
            "period": rule_period_label(r),
        }
        for r in current_rules()
    ]
