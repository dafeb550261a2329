"""What the archive imports of decisions share: the stage names and the checks of a past date."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fazhi.core.clock import today as _today
from fazhi.core.workflow import DomainError
from fazhi.decisions.models import (
    DecisionCatalog,
    MajorDecision,
)
from fazhi.reviews.models import ReviewRequest

G = MajorDecision.Stage
C = DecisionCatalog.Status
RS = ReviewRequest.Status


def _at(day: datetime.date) -> datetime.datetime:
    """A date of the archive as a moment (ten in the morning, local time)."""
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=timezone.get_current_timezone())


def _not_future(*days: datetime.date | None) -> None:
    today = _today()
    if any(d is not None and d > today for d in days):
        raise DomainError("档案记录的日期不能晚于今天")
