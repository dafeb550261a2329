"""The policies library in the portal's site-wide search: the library's own full-text search
(`library.search_documents`, the ranking and highlighting of /policies/?q=)."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.sitesearch import Hit, Source
from fazhi.documents.library import search_documents


def search(terms: Sequence[str], q: str, limit: int) -> tuple[list[Hit], int]:
    found, total = search_documents(q, limit=limit)
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


SOURCE = Source(order=10, key="policies", label=_("政策文件"), search=search, more_url=more_url)
