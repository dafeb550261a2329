"""Legality reviews past their review time limit (审核期限, computed from the rule book when the
review was accepted and stored on the request) and not yet concluded, for the leadership's
overview (core.overdue). The legal affairs division reviews, so the item is its own."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.figures import agency_scope
from fazhi.core.overdue import OverdueItem, legal_affairs
from fazhi.reviews.models import ReviewRequest

LIMIT = 200


def overdue_reviews(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    late = list(
        ReviewRequest.objects.filter(agency_scope(agency, "agency"))
        .overdue(today)
        .only("pk", "title", "due_on")
        .order_by("due_on", "pk")[:LIMIT]
    )
    if not late:
        return []
    division_id, division_name = legal_affairs(agency)
    return [
        OverdueItem(
            title=_("超过审核期限：%(c)s %(t)s") % {"c": review.code, "t": review.title},
            url=reverse("reviews:detail", args=[review.pk]),
            kind=_("合法性审核"),
            due_on=review.due_on,
            division_id=division_id,
            division_name=division_name,
        )
        for review in late
        if review.due_on is not None
    ]
