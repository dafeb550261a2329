"""Published major decisions in the portal's site-wide search: the title and the decided
text of the decisions /decisions/ shows, of one department when the search is (`?dept=`); and
a department's latest published decisions on its portal page (`core.publiclists`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.publiclists import Entry, PublicList
from fazhi.core.sitesearch import Hit, Source, every_term, excerpt, in_any, marked, page_of
from fazhi.decisions.public_views import public_decisions


def search(terms: Sequence[str], q: str, limit: int, department: Any = None) -> tuple[list[Hit], int]:
    decisions = public_decisions(timezone.localdate())
    if department is not None:
        decisions = decisions.filter(agency=department)
    rows = (
        decisions.filter(every_term(terms, lambda t: in_any(t, "title", "decision_text")))
        .select_related("lead_division")
        .only("pk", "title", "decision_text", "published_on", "lead_division__name")
        .order_by("-published_on", "-pk")
    )
    found, total = page_of(rows, limit)
    hits = [
        Hit(
            title=marked(d.title, terms),
            url=reverse("public_decisions:decision", args=[d.pk]),
            detail=d.lead_division.name if d.lead_division_id else "",
            snippet=excerpt(d.decision_text, terms),
            on=d.published_on,
        )
        for d in found
    ]
    return hits, total


def latest(agency: Any, limit: int) -> list[Entry]:
    """The department's latest published decisions, newest first (one query)."""
    decisions = (
        public_decisions(timezone.localdate())
        .filter(agency=agency)
        .select_related("lead_division")
        .only("pk", "title", "published_on", "lead_division__name")
        .order_by("-published_on", "-pk")[:limit]
    )
    return [
        Entry(
            title=d.title,
            url=reverse("public_decisions:decision", args=[d.pk]),
            detail=d.lead_division.name if d.lead_division_id else "",
            on=d.published_on,
        )
        for d in decisions
    ]


SOURCE = Source(order=20, key="decisions", label=_("重大行政决策"), search=search)
LATEST = PublicList(key="decisions", url_name="public_decisions:index", latest=latest, order=20)
