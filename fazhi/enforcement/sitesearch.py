"""The enforcement publicity in the portal's site-wide search: the decision number of every
published decision; the title, the decision and an organization's name and credit code of
those not withdrawn — never a natural person's name, which the public page masks, nor
anything of a withdrawn decision but its number (行政处罚法 Art 48) —, of one department when the
search is (`?dept=`); and a department's latest published decisions on its portal page
(`core.publiclists`), masked as the public list masks them (`public_row`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.publiclists import Entry, PublicList
from fazhi.core.sitesearch import Hit, Source, every_term, excerpt, in_any, marked, page_of
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.public_views import public_decisions, public_row


def _matches(term: str) -> Q:
    organization = ~Q(party_kind=EnforcementCase.PartyKind.PERSON) & in_any(term, "party_name", "party_code")
    shown = Q(withdrawn_on__isnull=True) & (in_any(term, "title", "decision_text") | organization)
    return Q(decision_number__icontains=term) | shown


def search(terms: Sequence[str], q: str, limit: int, department: Any = None) -> tuple[list[Hit], int]:
    found, total = page_of(public_decisions(agency=department).filter(every_term(terms, _matches)), limit)
    hits = []
    for case in found:
        withdrawn = case.withdrawn_on is not None
        title = case.decision_number if withdrawn else f"{case.decision_number} {case.title}"
        hits.append(
            Hit(
                title=marked(title, terms),
                url=reverse("public_enforcement:detail", args=[case.pk]),
                # The deciding department first: the portal searches every department's.
                detail=f"{case.agency.short_name or case.agency.name} · "
                + (str(_("已撤回公示")) if withdrawn else case.party_shown),
                snippet=None if withdrawn else excerpt(case.decision_text, terms),
                on=case.published_on,
            )
        )
    return hits, total


def latest(agency: Any, limit: int) -> list[Entry]:
    """The department's latest published decisions, newest first (one query), as the public
    list shows them: a natural person's name masked; a withdrawn one by its number only, as
    withdrawn (行政处罚法 Art 48)."""
    entries = []
    for case in public_decisions(agency=agency)[:limit]:
        row = public_row(case)
        if row["withdrawn"]:
            title, detail = row["decision_number"], str(_("已撤回公示"))
        else:
            title = f"{row['decision_number']} {row['title']}".strip()
            detail = row["party"] or ""
        entries.append(
            Entry(
                title=title,
                url=reverse("public_enforcement:detail", args=[case.pk]),
                detail=detail,
                on=row["published_on"],
            )
        )
    return entries


SOURCE = Source(order=40, key="enforcement", label=_("行政执法公示"), search=search)
LATEST = PublicList(key="enforcement", url_name="public_enforcement:index", latest=latest, order=40)
