"""The counsel register (法律顾问和公职律师名册): the one writer of LegalCounsel rows, used by the
pages and the admin alike. Every change is checked and audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from fazhi.core.agencies import agency_for
from fazhi.core.audit import record_event
from fazhi.core.formats import cn_date
from fazhi.core.models import User
from fazhi.core.workflow import DomainError
from fazhi.reviews import permissions
from fazhi.reviews.models import LegalCounsel

EDITABLE = (
    "kind",
    "name",
    "firm",
    "certificate_number",
    "term_start",
    "term_end",
    "fields",
    "user",
    "is_active",
)


class CounselInvalid(DomainError):
    """A register entry that cannot be saved; `field` names the input at fault, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _required_text(value: Any, field: str, label: str, limit: int) -> str:
    text = str(value or "").strip()
    if not text:
        raise CounselInvalid(f"请填写{label}", field)
    if len(text) > limit:
        raise CounselInvalid(f"{label}不超过 {limit} 字", field)
    return text


def _validate(counsel: LegalCounsel) -> None:
    if counsel.kind not in LegalCounsel.Kind.values:
        raise CounselInvalid("类别不正确", "kind")
    counsel.name = _required_text(counsel.name, "name", "姓名", 50)
    counsel.firm = _required_text(counsel.firm, "firm", "律师事务所或所在单位", 100)
    counsel.certificate_number = _required_text(counsel.certificate_number, "certificate_number", "证号", 40)
    counsel.fields = str(counsel.fields or "").strip()[:200]
    if not isinstance(counsel.term_start, datetime.date):
        raise CounselInvalid("请填写聘任（任职）起始日", "term_start")
    if counsel.term_end is not None and counsel.term_end < counsel.term_start:
        raise CounselInvalid(
            f"终止日（{cn_date(counsel.term_end)}）不得早于起始日（{cn_date(counsel.term_start)}）",
            "term_end",
        )
    # The register is the agency's own: a lawyer engaged by two departments is in both.
    register = LegalCounsel.objects.filter(agency_id=counsel.agency_id)
    others = register.exclude(pk=counsel.pk) if counsel.pk else register
    same_number = others.filter(certificate_number=counsel.certificate_number).first()
    if same_number is not None:
        raise CounselInvalid(
            f"证号 {counsel.certificate_number} 已登记（{same_number.name}），同一证号不能重复登记",
            "certificate_number",
        )
    if counsel.user_id is not None:
        # An account is linked to one entry in the whole installation (the link is one-to-one);
        # another department's entry is not named.
        everyone = LegalCounsel.objects.exclude(pk=counsel.pk) if counsel.pk else LegalCounsel.objects.all()
        linked = everyone.filter(user_id=counsel.user_id).first()
        if linked is not None:
            whom = linked.name if linked.agency_id == counsel.agency_id else "其他机关的名册条目"
            raise CounselInvalid(f"该账户已关联 {whom}，一个账户只能关联一名法律顾问或公职律师", "user")


def _snapshot(counsel: LegalCounsel) -> dict[str, Any]:
    user: User | None = counsel.user
    return {
        "kind": counsel.kind,
        "name": counsel.name,
        "firm": counsel.firm,
        "certificate_number": counsel.certificate_number,
        "term_start": counsel.term_start.isoformat() if counsel.term_start else None,
        "term_end": counsel.term_end.isoformat() if counsel.term_end else None,
        "fields": counsel.fields,
        "user": user.username if user is not None else None,
        "is_active": counsel.is_active,
    }


def save_counsel(counsel_or_none: LegalCounsel | None, *, actor: User, **fields: Any) -> LegalCounsel:
    """Register a legal advisor or public lawyer (None) or change an entry; audited as
    counsel.save with the values before and after."""
    if not permissions.can_manage_counsel(actor):
        raise PermissionDenied
    if counsel_or_none is not None and not permissions.can_edit_counsel(actor, counsel_or_none):
        raise PermissionDenied
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"save_counsel() got unexpected fields: {', '.join(sorted(unknown))}")
    creating = counsel_or_none is None
    counsel = LegalCounsel(agency=agency_for(actor)) if counsel_or_none is None else counsel_or_none
    before = None if creating else _snapshot(LegalCounsel.objects.select_related("user").get(pk=counsel.pk))
    for name, value in fields.items():
        setattr(counsel, name, value)
    _validate(counsel)
    after = _snapshot(counsel)
    try:
        with transaction.atomic():
            counsel.save()
            record_event(
                "counsel.save",
                actor=actor,
                obj=counsel,
                data={
                    "created": creating,
                    "before": before,
                    "after": after,
                    "changed": sorted(k for k in after if before is None or before[k] != after[k]),
                },
            )
    except IntegrityError as exc:
        # Another person registered the same certificate number or account a moment ago.
        raise CounselInvalid("证号或平台账户已被登记，请刷新后核对", "certificate_number") from exc
    return counsel


def counsel_state(counsel: LegalCounsel, today: datetime.date) -> str:
    """engaged / ended / not_started / inactive — what the register's status badge shows."""
    if not counsel.is_active:
        return "inactive"
    if counsel.term_start > today:
        return "not_started"
    if counsel.term_end is not None and counsel.term_end < today:
        return "ended"
    return "engaged"
