"""The leadership-duty figures of a year for the annual report (core.figures): the leading
group (head, deputies, the divisions in its office) and the key tasks of the ledger."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, RecordRef, agency_scope, count_of
from fazhi.ledger.models import LeadingGroupMember, LedgerItem

SYSTEM = _("第一责任人职责")
P = LeadingGroupMember.Position
S = LedgerItem.Status


def _group(agency: Any, year: int, position: str) -> Any:
    return LeadingGroupMember.objects.filter(agency_scope(agency, "agency"), year=year, position=position)


def group_head(agency: Any, year: int) -> FigureValue:
    return count_of(_group(agency, year, P.HEAD), "name")


def group_deputies(agency: Any, year: int) -> FigureValue:
    return count_of(_group(agency, year, P.DEPUTY), "name")


def group_divisions(agency: Any, year: int) -> FigureValue:
    """The divisions in the group's office (members counted once per division)."""
    members = _group(agency, year, P.MEMBER)
    refs: dict[int, tuple[int, str]] = {}
    for pk, org_id, name in members.order_by("pk").values_list("pk", "organization_id", "organization__name"):
        refs.setdefault(org_id, (pk, name))
    return FigureValue(
        len(refs), tuple(RecordRef(LeadingGroupMember._meta.label, pk, name) for pk, name in refs.values())
    )


def _tasks(agency: Any, year: int) -> Any:
    return LedgerItem.objects.filter(agency_scope(agency, "agency"), year=year).exclude(status=S.CANCELLED)


def tasks(agency: Any, year: int) -> FigureValue:
    return count_of(_tasks(agency, year))


def tasks_done_in_time(agency: Any, year: int) -> FigureValue:
    return count_of(_tasks(agency, year).filter(status=S.DONE, completed_on__lte=F("due_on")))


FIGURES = [
    Figure("ledger.group_head", _("法治建设领导小组组长"), _("人"), group_head, SYSTEM, 10),
    Figure("ledger.group_deputies", _("领导小组副组长"), _("人"), group_deputies, SYSTEM, 20),
    Figure("ledger.group_divisions", _("领导小组办公室成员处室"), _("个"), group_divisions, SYSTEM, 30),
    Figure("ledger.tasks", _("法治建设重点任务"), _("项"), tasks, SYSTEM, 40),
    Figure("ledger.tasks_done_in_time", _("按期完成的重点任务"), _("项"), tasks_done_in_time, SYSTEM, 50),
]
