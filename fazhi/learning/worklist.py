"""Law-exam items on the "我的工作" dashboard: the open exams the user is on the roster of and has
not yet passed, each with its closing time."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.formats import date_text
from fazhi.core.worklist import WorkItem
from fazhi.learning import permissions
from fazhi.learning.models import Attempt, Exam

LIMIT = 20


def exam_items(user: Any) -> Iterable[WorkItem]:
    if not permissions.can_take_exams(user):
        return []
    now = timezone.now()
    passed = Attempt.objects.filter(exam=OuterRef("pk"), employee__user=user.pk, passed=True)
    exams = (
        Exam.objects.filter(
            candidates__employee__user=user.pk,
            source=Exam.Source.ONLINE,
            opens_at__lte=now,
            closes_at__gt=now,
        )
        .exclude(Exists(passed))
        .order_by("closes_at")[:LIMIT]
    )
    kind = _("学法考试")
    return [
        WorkItem(
            _("待参加考试：%(t)s（%(d)s 截止）")
            % {
                "t": exam.title,
                "d": f"{date_text(timezone.localtime(exam.closes_at).date())} {timezone.localtime(exam.closes_at):%H:%M}",
            },
            reverse("learning:index") + f"#exam-{exam.pk}",
            kind,
        )
        for exam in exams
    ]
