"""Oversight items on the "我的工作" dashboard, for the legal affairs division: inspections whose
findings are all rectified and wait for the rectification report, and findings whose task is done
but whose evidence is not yet recorded."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.worklist import WorkItem
from fazhi.ledger.models import LedgerItem
from fazhi.oversight import permissions
from fazhi.oversight.models import Finding, Oversight

LIMIT = 50


def oversight_items(user: Any) -> Iterable[WorkItem]:
    if not permissions.can_manage(user):
        return []
    items: list[WorkItem] = []
    kind = _("评估督察整改")
    findings = (
        Finding.objects.filter(task__status=LedgerItem.Status.DONE, evidence="")
        .exclude(oversight__status=Oversight.Status.CLOSED)
        .select_related("oversight")
        .order_by("oversight_id", "number")[:LIMIT]
    )
    for f in findings:
        items.append(
            WorkItem(
                _("整改任务已完成，请登记佐证：%(o)s 第%(n)s项") % {"o": f.oversight.title, "n": f.number},
                reverse("oversight:detail", args=[f.oversight_id]) + f"#finding-{f.pk}",
                kind,
            )
        )
    unrectified = Finding.objects.exclude(task__status=LedgerItem.Status.DONE).values("oversight_id")
    unproven = Finding.objects.filter(evidence="").values("oversight_id")
    rectifying = (
        Oversight.objects.filter(status=Oversight.Status.RECTIFYING)
        .exclude(pk__in=unrectified)
        .exclude(pk__in=unproven)
    )
    for o in rectifying.order_by("started_on", "pk")[:LIMIT]:
        items.append(
            WorkItem(
                _("问题均已整改，请报送整改报告：%(o)s") % {"o": o.title},
                reverse("oversight:detail", args=[o.pk]) + "#close",
                kind,
            )
        )
    return items
