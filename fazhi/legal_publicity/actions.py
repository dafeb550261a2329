"""The writes of legal publicity. Each checks permission and its rule and writes the audit event
in the same transaction.

- the responsibility list states, for each division, the subject, the content, the standard and
  the time limit (中办发〔2017〕31号); the time limit is the one the list sets, entered, never
  computed;
- an activity that explains the law through a case (以案释法) names the case;
- a list item is completed by its division with an evaluation of what was done.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from fazhi.core.agencies import agency_for, same_agency
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.models import Organization, User
from fazhi.core.workflow import DomainError, LegalGateClosed, clean_text, require
from fazhi.legal_publicity import permissions
from fazhi.legal_publicity.models import Activity, PublicityPlan, ResponsibilityItem

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_REACH = 10_000_000


def _past(value: Any, field: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(f"{field}不正确")
    if value > _today():
        raise DomainError(f"{field}不能晚于今天")
    return value


def _division(value: Any, actor: User) -> Organization:
    """A division of the actor's agency."""
    if (
        not isinstance(value, Organization)
        or value.kind != Organization.Kind.DIVISION
        or not same_agency(actor, value.agency_id)
    ):
        raise DomainError("处室不正确")
    return value


def adopt_plan(
    *,
    actor: User,
    title: str,
    start_year: int,
    end_year: int,
    adopted_on: datetime.date,
    summary: str,
    drafting_started_on: datetime.date | None = None,
) -> PublicityPlan:
    """A plan adopted on `adopted_on`, researched and drafted from `drafting_started_on`."""
    require(permissions.can_manage(actor))
    if not (
        isinstance(start_year, int)
        and isinstance(end_year, int)
        and MIN_YEAR <= start_year <= end_year <= MAX_YEAR
    ):
        raise DomainError("规划期限不正确")
    plan = PublicityPlan(
        agency=agency_for(actor),
        title=clean_text(title, "规划名称", limit=200),
        start_year=start_year,
        end_year=end_year,
        drafting_started_on=_past(drafting_started_on, "开始研究编制日期") if drafting_started_on else None,
        adopted_on=_past(adopted_on, "印发日期"),
        summary=clean_text(summary, "主要任务"),
        created_by=actor,
    )
    if plan.drafting_started_on and plan.drafting_started_on > plan.adopted_on:
        raise DomainError("开始研究编制日期不能晚于印发日期")
    with transaction.atomic():
        plan.save()
        record_event(
            "publicity.plan",
            actor=actor,
            obj=plan,
            data={
                "title": plan.title,
                "period": f"{start_year}-{end_year}",
                "adopted_on": plan.adopted_on.isoformat(),
                "drafting_started_on": plan.drafting_started_on.isoformat()
                if plan.drafting_started_on
                else None,
            },
        )
    return plan


def add_responsibility(
    *,
    actor: User,
    year: int,
    division: Organization,
    content: str,
    audience: str,
    standard: str,
    due_on: datetime.date,
) -> ResponsibilityItem:
    """A row of the year's responsibility list: who publicises which law to whom, to what
    standard, by when."""
    require(permissions.can_manage(actor))
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError("年度不正确")
    if not isinstance(due_on, datetime.date):
        raise DomainError("完成时限不正确")
    if due_on.year != year:
        raise DomainError(f"完成时限应当在 {year} 年内")
    division = _division(division, actor)
    item = ResponsibilityItem(
        agency=division.agency,
        year=year,
        division=division,
        content=clean_text(content, "普法内容"),
        audience=clean_text(audience, "普法对象", limit=200),
        standard=clean_text(standard, "工作标准"),
        due_on=due_on,
        created_by=actor,
    )
    with transaction.atomic():
        item.save()
        record_event(
            "publicity.responsibility",
            actor=actor,
            obj=item,
            data={"year": year, "division": item.division.name, "due_on": due_on.isoformat()},
        )
    return item


def complete_responsibility(item: ResponsibilityItem, *, actor: User, evaluation: str) -> None:
    """The division reports the item done, with what was done: at least one activity recorded
    against it."""
    require(same_agency(actor, item) and permissions.can_record_for(actor, item.division_id))
    if item.done_on is not None:
        raise DomainError("该事项已完成")
    if not item.activities.exists():
        raise LegalGateClosed("尚无落实该事项的普法活动记录")
    today = _today()
    text = clean_text(evaluation, "完成情况评价")
    with transaction.atomic():
        ResponsibilityItem.objects.filter(pk=item.pk).update(done_on=today, evaluation=text)
        record_event(
            "publicity.responsibility_done",
            actor=actor,
            obj=item,
            data={"done_on": today.isoformat(), "in_time": today <= item.due_on},
        )
    item.done_on, item.evaluation = today, text


def record_activity(
    *,
    actor: User,
    held_on: datetime.date,
    division: Organization,
    kind: str,
    audience: str,
    title: str,
    laws: str,
    reach: int = 0,
    case_used: str = "",
    responsibility: ResponsibilityItem | None = None,
) -> Activity:
    require(permissions.can_record_for(actor, getattr(division, "pk", None)))
    if kind not in Activity.Kind.values:
        raise DomainError("活动形式不正确")
    if audience not in Activity.Audience.values:
        raise DomainError("活动对象不正确")
    if not isinstance(reach, int) or not 0 <= reach <= MAX_REACH:
        raise DomainError("覆盖人次不正确")
    case_text = clean_text(case_used, "所释案例", required=kind == Activity.Kind.CASE)
    division = _division(division, actor)
    held_on = _past(held_on, "活动日期")
    if responsibility is not None:
        if responsibility.division_id != division.pk or responsibility.agency_id != division.agency_id:
            raise DomainError("责任清单事项不属于该处室")
        if responsibility.year != held_on.year:
            raise DomainError("责任清单事项不是活动当年的")
    activity = Activity(
        agency=division.agency,
        held_on=held_on,
        division=division,
        kind=kind,
        audience=audience,
        title=clean_text(title, "活动名称", limit=200),
        laws=clean_text(laws, "宣传的法律法规", limit=300),
        reach=reach,
        case_used=case_text,
        responsibility=responsibility,
        created_by=actor,
    )
    with transaction.atomic():
        activity.save()
        record_event(
            "publicity.activity",
            actor=actor,
            obj=activity,
            data={
                "kind": kind,
                "audience": audience,
                "reach": reach,
                "held_on": activity.held_on.isoformat(),
            },
        )
    return activity
