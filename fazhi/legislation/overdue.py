"""Legislative drafts whose public comment window has closed (the stored closing date) and that
still wait in the comment stage, for the leadership's overview (core.overdue)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.figures import agency_scope
from fazhi.core.overdue import OverdueItem
from fazhi.legislation.models import LegislativeProject

LIMIT = 200


def overdue_projects(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    late = (
        LegislativeProject.objects.filter(
            agency_scope(agency, "division"),
            stage=LegislativeProject.Stage.PUBLIC_COMMENT,
            comment_closes_on__lt=today,
        )
        .select_related("division")
        .only("pk", "title", "comment_closes_on", "division__name", "division_id")
        .order_by("comment_closes_on", "pk")[:LIMIT]
    )
    return [
        OverdueItem(
            title=_("征求意见期已届满，尚未报送审查：%(t)s") % {"t": project.title},
            url=reverse("legislation:project_detail", args=[project.pk]),
            kind=_("立法项目"),
            due_on=project.comment_closes_on,  # type: ignore[arg-type]
            division_id=project.division_id,
            division_name=project.division.name,
        )
        for project in late
    ]
