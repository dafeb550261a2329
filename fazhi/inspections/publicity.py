"""The public side of inspections (“一公开”): the result list, with the personal data of
natural persons masked. 《政府信息公开条例》第十五条: government information whose disclosure
would harm a third party's personal privacy is not disclosed — a natural person's name and
address are shown only in part; legal persons' particulars are public registry data.
"""

from __future__ import annotations

import datetime
from typing import Any

from fazhi.inspections.models import Entity, InspectionTask, TaskQuerySet

# Administrative units after which an address no longer says where a person lives.
_AREA_SUFFIXES = "区县旗"
_MASK = "***"


def mask_name(name: str) -> str:
    """A natural person's name: its first character and one "*" (the length is hidden too)."""
    name = (name or "").strip()
    return f"{name[0]}*" if name else ""


def mask_address(address: str) -> str:
    """The address up to its district or county (e.g. “天津市南开区***”), or its first six
    characters when it names none."""
    address = (address or "").strip()
    if not address:
        return ""
    cut = min((i for i, char in enumerate(address) if char in _AREA_SUFFIXES and i >= 1), default=-1)
    kept = address[: cut + 1] if 0 <= cut < 12 else address[:6]
    return kept + _MASK if len(kept) < len(address) else kept


def mask_entity(entity: Entity) -> dict[str, Any]:
    """The entity's particulars as shown to the public."""
    natural = entity.is_natural_person
    return {
        "name": mask_name(entity.name) if natural else entity.name,
        "uscc": entity.uscc,
        "legal_representative": mask_name(entity.legal_representative)
        if natural
        else entity.legal_representative,
        "address": mask_address(entity.address) if natural else entity.address,
        "domain": entity.domain_label,
    }


def public_results() -> TaskQuerySet:
    """Published results, for the public list (newest first)."""
    return (
        InspectionTask.objects.published()
        .select_related("entity__agency", "plan__item")
        .order_by("-published_on", "plan_id", "sequence")
    )


def public_result_row(task: InspectionTask) -> dict[str, Any]:
    """One line of the public result list."""
    return {
        "plan": task.plan.title,
        "item": task.plan.item.name,
        "inspecting_body": task.plan.item.inspecting_body,
        "entity": mask_entity(task.entity),
        "result": str(task.get_result_display()),
        "description": task.result_description,
        "ended_on": task.ended_on.isoformat() if task.ended_on else None,
        "published_on": task.published_on.isoformat() if task.published_on else None,
    }


def overdue_publicity(today: datetime.date) -> TaskQuerySet:
    """Results past their publicity deadline and not yet published (to stand out on pages)."""
    return InspectionTask.objects.publicity_overdue(today).select_related("entity__agency", "plan")
