"""The exam rules as data (DOMAIN.md §13): pass mark, retake allowance and how long a passed
pre-appointment exam stays valid. None of them is a national figure, so each row is a default
the personnel division confirms or corrects (tag U = unverified, R = second-hand); a change is
a new version, audited, and an exam keeps the versions it was set with. Each agency sets its
own (`ExamRule.agency`); the rows with no agency are the installation's defaults."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from fazhi.core.agencies import agency_id_of
from fazhi.core.audit import record_event
from fazhi.core.workflow import DomainError, clean_text, require
from fazhi.learning import permissions
from fazhi.learning.models import ExamRule

PASS_MARK = "learning.pass_mark"  # noqa: S105 - a rule code, not a password
RETAKES = "learning.retake_allowance"
VALIDITY = "learning.pre_appointment_validity"

DEFAULT_RULES: list[dict[str, Any]] = [
    {
        "code": PASS_MARK,
        "name": "考试合格线",
        "value": 60,
        "unit": ExamRule.Unit.POINTS,
        "basis": "待确认：国家未规定统一的合格分数，由本机关确定（DOMAIN.md §13）；默认百分制60分",
        "source_tag": "U",
    },
    {
        "code": RETAKES,
        "name": "任前法律知识考试补考次数",
        "value": 1,
        "unit": ExamRule.Unit.TIMES,
        "basis": "待确认：本机关确定。外地通行做法：任前考试未通过的可补考一次，补考仍未通过的不予任职（DOMAIN.md §13，二手来源）",
        "source_tag": "R",
    },
    {
        "code": VALIDITY,
        "name": "任前法律知识考试成绩有效期",
        "value": 12,
        "unit": ExamRule.Unit.MONTHS,
        "basis": "待确认：国家未规定，由本机关确定（DOMAIN.md §13）；默认12个月",
        "source_tag": "U",
    },
]
LIMITS = {ExamRule.Unit.POINTS: 100, ExamRule.Unit.TIMES: 5, ExamRule.Unit.MONTHS: 60}


def seed_rules(model: Any = None) -> int:
    """Add the default rows that are missing (never overwrites a correction)."""
    model = model or ExamRule
    made = 0
    for row in DEFAULT_RULES:
        defaults = model.objects.filter(code=row["code"])
        if any(f.name == "agency" for f in model._meta.get_fields()):  # not in the first migrations
            defaults = defaults.filter(agency__isnull=True)
        if not defaults.exists():
            model.objects.create(version=1, valid_from=datetime.date(2016, 3, 22), **row)
            made += 1
    return made


def _latest(code: str, agency_id: int | None) -> ExamRule | None:
    """The agency's own latest version of the rule, else the installation's default."""
    versions = ExamRule.objects.filter(code=code).order_by("-version")
    if agency_id is not None:
        own = versions.filter(agency_id=agency_id).first()
        if own is not None:
            return own
    return versions.filter(agency__isnull=True).first()


def current(code: str, agency_id: int | None = None) -> ExamRule:
    """The rule as `agency_id` set it (each agency sets its own), else the default row."""
    rule = _latest(code, agency_id)
    if rule is None:
        seed_rules()
        rule = _latest(code, agency_id)
    assert rule is not None
    return rule


def current_rules(agency_id: int | None = None) -> list[ExamRule]:
    return [current(row["code"], agency_id) for row in DEFAULT_RULES]


def cite(rule: ExamRule) -> str:
    """How a refusal names the rule: its name, value and basis (with 待确认 where unverified)."""
    return f"{rule.name}{rule.value}{rule.get_unit_display()}，依据：{rule.basis}"


@transaction.atomic
def set_rule(code: str, *, actor: Any, value: int, basis: str, valid_from: datetime.date) -> ExamRule:
    require(permissions.can_manage(actor))
    agency_id = agency_id_of(actor)
    old = current(code, agency_id)
    limit = LIMITS[ExamRule.Unit(old.unit)]
    if (
        not isinstance(value, int)
        or not 0 <= value <= limit
        or (old.unit != ExamRule.Unit.TIMES and value == 0)
    ):
        raise DomainError(f"{old.name}应在 1 至 {limit} 之间")
    if not isinstance(valid_from, datetime.date):
        raise DomainError("适用日期不正确")
    basis = clean_text(basis, "依据", limit=1000)
    # Versions are numbered across every agency's rows of the code (one series per code).
    last = ExamRule.objects.filter(code=code).order_by("-version").values_list("version", flat=True).first()
    rule = ExamRule.objects.create(
        agency_id=agency_id,
        code=code,
        version=(last or 0) + 1,
        name=old.name,
        value=value,
        unit=old.unit,
        basis=basis,
        source_tag="V" if "待确认" not in basis else old.source_tag,
        valid_from=valid_from,
        created_by=actor,
    )
    record_event(
        "learning.rule",
        actor=actor,
        obj=rule,
        data={"code": code, "version": rule.version, "from": old.value, "to": value, "basis": basis},
    )
    return rule
