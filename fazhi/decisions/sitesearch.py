"""Published major decisions in the portal's site-wide search: the title and the decided
text of the decisions /decisions/ shows."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.sitesearch import Hit, Source, every_term, excerpt, in_any, marked, page_of
from fazhi.decisions.public_views import public_decisions


def search(terms: Sequence[str], q: str, limit: int) -> tuple[list[Hit], int]:
    rows = (
        public_decisions(timezone.localdate())
        .filter(every_term(terms, lambda t: in_any(t, "title", "decision_text")))
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


SOURCE = Source(order=20, key="decisions", label=_("重大行政决策"), search=search)
