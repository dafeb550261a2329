"""The one transition helper every domain action uses.

Each app keeps a table at the top of its actions.py:

    TRANSITIONS = {"submit": Transition({Status.DRAFT, Status.RETURNED}, Status.UNDER_REVIEW), ...}

`apply_transition` moves the row with a conditional UPDATE (status still in the sources) and
raises `InvalidTransition` unless exactly one row moved. That guard holds on SQLite as well,
where select_for_update is a no-op; it also writes the audit event in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from fazhi.core.audit import record_event


class DomainError(Exception):
    """An error a person can act on; the message is in Chinese and names the rule."""

    status_code = 400


class InvalidTransition(DomainError):
    """The step is not allowed from the record's current state."""

    status_code = 409


class LegalGateClosed(DomainError):
    """A legal precondition is not met; the message cites the rule."""

    status_code = 409


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless `allowed` (callers answer 404, never revealing a record)."""
    if not allowed:
        raise PermissionDenied


def clean_text(value: str, field: str, *, required: bool = True, limit: int = 5000) -> str:
    """`value` stripped; a DomainError naming the field when it is missing or too long."""
    value = (value or "").strip()
    if required and not value:
        raise DomainError(f"请填写{field}")
    if len(value) > limit:
        raise DomainError(f"{field}不超过 {limit} 字")
    return value


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    label: str = ""
    rule: str = field(default="")

    def __init__(self, sources: Iterable[str], target: str, label: str = "", rule: str = "") -> None:
        object.__setattr__(self, "sources", frozenset(str(s) for s in sources))
        object.__setattr__(self, "target", str(target))
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "rule", rule)


def apply_transition(
    obj: models.Model,
    transition: Transition,
    *,
    actor: Any,
    verb: str,
    data: dict[str, Any] | None = None,
    status_field: str = "status",
    **updates: Any,
) -> None:
    """Move `obj` along `transition`, update the given fields and write the audit event."""
    model = type(obj)
    rows = model._default_manager.filter(pk=obj.pk)
    with transaction.atomic():
        # The stored state, not the caller's copy, is what the event records as the source; the
        # row lock (PostgreSQL) keeps it from changing before the conditional UPDATE below.
        current = rows.select_for_update().values_list(status_field, flat=True).first()
        moved = rows.filter(**{f"{status_field}__in": transition.sources}).update(
            **{status_field: transition.target}, **updates
        )
        if moved != 1:
            fresh = rows.values_list(status_field, flat=True).first()
            label = _status_label(model, status_field, fresh)
            message = f"当前状态为“{label}”，不能{transition.label or verb}"
            if transition.rule:
                message += f"（{transition.rule}）"
            raise InvalidTransition(message)
        record_event(
            verb, actor=actor, obj=obj, from_status=str(current), to_status=transition.target, data=data
        )
    setattr(obj, status_field, transition.target)
    for name, value in updates.items():
        setattr(obj, name, value)


def _status_label(model: type[models.Model], status_field: str, value: str | None) -> str:
    if value is None:
        return "不存在"
    field_obj = model._meta.get_field(status_field)
    return str(dict(field_obj.flatchoices).get(value, value))  # type: ignore[union-attr]
