"""Study records: a session of the leading cadres' law study (theory group, pre-meeting study,
lecture, 述法) with its date, topic, laws, attendees; and the per-post list of laws to know."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.agencies import agency_for, agency_id_of
from fazhi.core.audit import record_event
from fazhi.core.models import Law
from fazhi.core.workflow import DomainError, clean_text, require
from fazhi.learning import permissions
from fazhi.learning.models import Employee, RequiredLaw, StudySession


def record_session(
    *,
    actor: Any,
    kind: str,
    held_on: datetime.date,
    topic: str,
    attendees: str,
    laws: Sequence[Law] = (),
    laws_text: str = "",
) -> StudySession:
    require(permissions.can_manage(actor))
    if kind not in StudySession.Kind.values:
        raise DomainError("学法形式不正确")
    if not isinstance(held_on, datetime.date) or held_on > timezone.localdate():
        raise DomainError("日期不能晚于今天")
    names = [line.strip() for line in (attendees or "").splitlines() if line.strip()]
    if not names:
        raise DomainError("请填写参加人员（每行一人）")
    if not laws and not (laws_text or "").strip():
        raise DomainError("请注明学习的法律法规")
    with transaction.atomic():
        session = StudySession.objects.create(
            agency=agency_for(actor),
            kind=kind,
            held_on=held_on,
            topic=clean_text(topic, "主题", limit=200),
            laws_text=clean_text(laws_text, "学习内容", required=False, limit=300),
            attendees="\n".join(names),
            attendee_count=len(names),
            created_by=actor,
        )
        session.laws.set(laws)
        record_event(
            "learning.study",
            actor=actor,
            obj=session,
            data={
                "kind": kind,
                "held_on": held_on.isoformat(),
                "topic": session.topic,
                "attendees": len(names),
            },
        )
    return session


@transaction.atomic
def add_required_law(*, actor: Any, post: str, law: Law, note: str = "") -> RequiredLaw:
    require(permissions.can_manage(actor))
    post = clean_text(post, "岗位", limit=100)
    agency = agency_for(actor)
    if RequiredLaw.objects.filter(agency=agency, post=post, law=law).exists():
        raise DomainError(f"“{post}”的清单中已有《{law.title}》")
    row = RequiredLaw.objects.create(
        agency=agency, post=post, law=law, note=clean_text(note, "说明", required=False, limit=200)
    )
    record_event("learning.required_law", actor=actor, obj=row, data={"post": post, "law": law.title})
    return row


def add_employee(*, actor: Any, full_name: str, unit: str, post: str = "", user: Any = None) -> Employee:
    """A person added to the roster of state employees (or a name corrected for a result that
    matched nobody)."""
    require(permissions.can_manage(actor))
    full_name = clean_text(full_name, "姓名", limit=50)
    unit = clean_text(unit, "单位", limit=100)
    if Employee.objects.filter(full_name=full_name, unit=unit).exists():
        raise DomainError(f"名册中已有{unit}的{full_name}")
    if user is not None and Employee.objects.filter(user=user).exists():
        raise DomainError("该账号已关联名册中的其他人员")
    if user is not None and agency_id_of(user) != agency_for(actor).pk:
        raise DomainError("该账号不是本机关的人员")
    with transaction.atomic():
        employee = Employee.objects.create(
            agency=agency_for(actor),
            full_name=full_name,
            unit=unit,
            post=clean_text(post, "职务", required=False, limit=100),
            user=user,
            division=getattr(user, "organization", None)
            if user is not None and user.organization and user.organization.kind == "division"
            else None,
        )
        record_event("learning.employee", actor=actor, obj=employee, data={"name": full_name, "unit": unit})
    return employee
