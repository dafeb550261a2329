"""The policies library in the portal's site-wide search: the library's own full-text search
(`library.search_documents`, the ranking and highlighting of /policies/?q=), limited to one
department's documents when the search is (`?dept=`); and a department's latest published
policies on its portal page (`core.publiclists`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.clock import today
from fazhi.core.publiclists import Entry, PublicList
from fazhi.core.sitesearch import Hit, Source
from fazhi.documents.library import library_documents, search_documents


def search(terms: Sequence[str], q: str, limit: int, department: Any = None) -> tuple[list[Hit], int]:
    """The library's search; with `department`, of its documents only (the index's own agency
    filter, as /policies/?dept= — the hits and the total both)."""
    agency = department.pk if department is not None else None
    found, total = search_documents(q, limit=limit, agency=agency)
    hits = [
        Hit(
            title=hit.title_html,
            url=reverse("library:document", args=[hit.document.pk]),
            detail=" · ".join(str(x) for x in (hit.document.number, hit.status.label) if x),
            snippet=hit.snippet,
            on=hit.document.published_on,
        )
        for hit in found
    ]
    return hits, total


def more_url(q: str) -> str:
    return f"{reverse('library:index')}?{urlencode({'q': q})}"


def latest(agency: Any, limit: int) -> list[Entry]:
    """The department's latest published policies, newest first (one query)."""
    documents = (
        library_documents(today())
        .filter(agency=agency)
        .only("pk", "title", "number", "published_on")
        .order_by("-published_on", "-pk")[:limit]
    )
    return [
        Entry(
            title=document.title,
            url=reverse("library:document", args=[document.pk]),
            detail=document.number,
            on=document.published_on,
        )
        for document in documents
    ]


SOURCE = Source(order=10, key="policies", label=_("政策文件"), search=search, more_url=more_url)
LATEST = PublicList(key="policies", url_name="library:index", latest=latest, order=10)
