"""The expert pool of decision argumentation (决策咨询论证专家库, 713号 Art 19–21): the one writer
of DecisionExpert rows, used by the pool page and the admin alike. The legal affairs division
of each agency keeps its agency's pool; every entry and change is audited. An expert is never deleted — opinions on the
record point to them — but leaves the pool (不在库)."""

from __future__ import annotations

from django.db import transaction

from fazhi.core.agencies import agency_for
from fazhi.core.audit import record_event
from fazhi.core.models import User
from fazhi.core.workflow import DomainError, clean_text, require
from fazhi.decisions import permissions
from fazhi.decisions.models import DecisionExpert


class ExpertInvalid(DomainError):
    """An entry that cannot be saved; `field` names the input at fault, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _checked(value: str, field: str, label: str, limit: int) -> str:
    try:
        return clean_text(value, label, limit=limit)
    except DomainError as exc:
        raise ExpertInvalid(str(exc), field) from exc


def save_expert(
    expert: DecisionExpert | None,
    *,
    actor: User,
    name: str,
    organization: str,
    field: str,
    is_active: bool = True,
) -> DecisionExpert:
    """Add an expert to the pool (`expert` None) or change an entry."""
    require(permissions.can_compile(actor, expert))
    agency = agency_for(actor)
    values = {
        "name": _checked(name, "name", "姓名", 50),
        "organization": _checked(organization, "organization", "工作单位", 100),
        "field": _checked(field, "field", "专业领域", 100),
        "is_active": bool(is_active),
    }
    pool = DecisionExpert.objects.filter(agency=agency)
    others = pool.exclude(pk=expert.pk) if expert is not None else pool
    if others.filter(name=values["name"], organization=values["organization"]).exists():
        raise ExpertInvalid(f"{values['organization']}的{values['name']}已在专家库中，不能重复登记", "name")
    with transaction.atomic():
        if expert is None:
            expert = DecisionExpert.objects.create(agency=agency, **values)
            record_event("decision.expert_pool.add", actor=actor, obj=expert, data=values)
        else:
            before = {key: getattr(expert, key) for key in values}
            DecisionExpert.objects.filter(pk=expert.pk).update(**values)
            for key, value in values.items():
                setattr(expert, key, value)
            changed = {key: [before[key], value] for key, value in values.items() if before[key] != value}
            record_event("decision.expert_pool.change", actor=actor, obj=expert, data={"changed": changed})
    return expert
