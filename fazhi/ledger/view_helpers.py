"""Helpers shared by the ledger pages (views/) and the work list (worklist.py): today's date, the
year asked for, action messages placed next to their field, a task's or a supervision's date
shown like a deadline (with who set it, never a statute: DOMAIN.md §11 sets no time limit for
these), the leading group in the order of its positions, and a task's timeline from the audit
chain."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.audit import timeline_of
from fazhi.core.calendar import Deadline
from fazhi.core.formats import date_text
from fazhi.core.formfields import place_error, year_from  # noqa: F401 - this app's pages import them from here
from fazhi.core.models import AuditEvent
from fazhi.ledger.models import LeadingGroupMember, LedgerItem, Supervision

S = LedgerItem.Status
P = LeadingGroupMember.Position
POSITION_ORDER = {P.HEAD: 0, P.DEPUTY: 1, P.MEMBER: 2}


def year_choices(year: int, today: datetime.date, agency: Any = None) -> list[int]:
    """The years with tasks or a leading group of the agency, the one shown and this year,
    newest first."""
    years = set(LedgerItem.objects.filter(agency=agency).values_list("year", flat=True).distinct())
    years |= set(LeadingGroupMember.objects.filter(agency=agency).values_list("year", flat=True).distinct())
    return sorted(years | {year, today.year}, reverse=True)


# --- dates set by people, shown like deadlines -------------------------------------------------


def due_date(item: LedgerItem) -> Deadline:
    """The task's due date, entered when it was put on the ledger (no rule computes it)."""
    return Deadline(
        start=item.due_on,
        due=item.due_on,
        rule_code=None,
        rule_version=None,
        rule_id=None,
        basis=_("重点任务台账确定的完成时限"),
        period_label=_("录入任务时确定，非法定期限"),
    )


def respond_date(supervision: Supervision) -> Deadline:
    """The date the leader set for the division's answer when supervising."""
    return Deadline(
        start=supervision.issued_on,
        due=supervision.respond_by,
        rule_code=None,
        rule_version=None,
        rule_id=None,
        basis=_("督办时确定的反馈时限"),
        period_label=_("%(d)s 督办时确定") % {"d": date_text(supervision.issued_on)},
    )


# --- the leading group -----------------------------------------------------------------------


def ordered_group(members: Iterable[LeadingGroupMember]) -> list[LeadingGroupMember]:
    """The head, then the deputies, then the office's members, each in the order entered (the
    model orders positions by their codes, which puts the deputies first)."""
    return sorted(members, key=lambda m: (POSITION_ORDER.get(P(m.position), 3), m.pk))


def leading_group(year: int, agency: Any) -> list[LeadingGroupMember]:
    """The leading group of `agency` for `year`."""
    return ordered_group(
        LeadingGroupMember.objects.filter(agency=agency, year=year).select_related("organization", "user")
    )


# --- the timeline ----------------------------------------------------------------------------

VERB_LABELS: dict[str, Any] = {
    "ledger.create": gettext_lazy("列入台账"),
    "ledger.progress": gettext_lazy("报告进展"),
    "ledger.submit": gettext_lazy("提请确认完成"),
    "ledger.sign_off": gettext_lazy("确认完成"),
    "ledger.return": gettext_lazy("退回"),
    "ledger.cancel": gettext_lazy("撤销任务"),
    "ledger.supervise": gettext_lazy("督办"),
    "ledger.respond": gettext_lazy("反馈督办"),
    "ledger.assess": gettext_lazy("年终评价"),
    "ledger.enter_completed": gettext_lazy("据档案录入（已完成）"),
}


def _event_detail(event: AuditEvent) -> str:
    data = event.data if isinstance(event.data, dict) else {}
    if event.verb == "ledger.progress" and "progress" in data:
        return f"{data['progress']}%"
    if event.verb in {"ledger.return", "ledger.cancel"}:
        return str(data.get("reason", ""))
    if event.verb == "ledger.supervise" and data.get("respond_by"):
        return _("反馈时限 %(d)s") % {"d": data["respond_by"]}
    if event.verb == "ledger.respond" and "in_time" in data:
        return _("按期") if data["in_time"] else _("逾期")
    if event.verb == "ledger.assess" and data.get("assessment") in LedgerItem.Assessment.values:
        return str(LedgerItem.Assessment(data["assessment"]).label)
    return ""


def timeline(item: LedgerItem) -> list[AuditEvent]:
    return timeline_of(item, verb_labels=VERB_LABELS, statuses=dict(S.choices), detail=_event_detail)
