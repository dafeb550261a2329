"""The public library's feed and exports (Atom, JSON, CSV): every department's published
documents, or one department's with `?dept=<code>` (issue 12)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from fazhi.core.agencies import filter_public
from fazhi.core.spreadsheets import CsvRowWriter
from fazhi.documents import library as queries
from fazhi.documents.public_views import library_today
from fazhi.documents.validity import Validity

FEED_SIZE = 50


def _absolute(request: HttpRequest, pk: int) -> str:
    return request.build_absolute_uri(reverse("library:document", args=[pk]))


@require_GET
def atom_feed(request: HttpRequest) -> HttpResponse:
    """The 50 documents published last, as Atom."""
    day = library_today()
    feed = Atom1Feed(
        title=_("政策文件库"),
        link=request.build_absolute_uri(reverse("library:index")),
        description=_("各部门公布的行政规范性文件"),
        language="zh-cn",
        feed_url=request.build_absolute_uri(reverse("library:feed")),
    )
    documents = (
        filter_public(queries.library_documents(day), request)
        .select_related("agency")
        .only("title", "number", "summary", "body", "published_on", "agency__name")
        .order_by("-published_on", "-pk")[:FEED_SIZE]
    )
    zone = timezone.get_current_timezone()
    for document in documents:
        assert document.published_on is not None
        url = _absolute(request, document.pk)
        text = document.summary or " ".join(document.body.split())[:200]
        feed.add_item(
            title=str(document),
            link=url,
            unique_id=url,
            description=escape(text),
            pubdate=datetime.datetime.combine(document.published_on, datetime.time(), tzinfo=zone),
            author_name=document.agency.name,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


EXPORT_FIELDS = ["number", "title", "agency", "published_on", "effective_on", "expires_on", "status", "url"]


def _export_rows(request: HttpRequest) -> Iterator[dict[str, Any]]:
    """Every document of the library, newest first, read 2,000 at a time."""
    day = library_today()
    rows = (
        filter_public(queries.library_documents(day), request)
        .annotate(status_today=queries.status_expression(day))
        .order_by("-published_on", "-pk")
        .values(
            "pk",
            "number",
            "title",
            "agency__name",
            "published_on",
            "effective_on",
            "expires_on",
            "status_today",
        )
    )
    base = request.build_absolute_uri(reverse("library:index"))
    for row in rows.iterator(chunk_size=2000):
        status = Validity(row["status_today"])
        yield {
            "number": row["number"],
            "title": row["title"],
            "agency": row["agency__name"],
            "published_on": row["published_on"],
            "effective_on": row["effective_on"],
            "expires_on": row["expires_on"],
            "status": status.value,
            "status_label": str(status.label),
            "url": f"{base}{row['pk']}/",
        }


def _filename(extension: str) -> str:
    return f'attachment; filename="fazhi-policies-{library_today():%Y%m%d}.{extension}"'


@require_GET
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    """The whole library as JSON, streamed: {"generated_on", "documents": [...]}."""

    def chunks() -> Iterator[str]:
        yield json.dumps({"generated_on": library_today().isoformat()})[:-1] + ', "documents": ['
        for i, row in enumerate(_export_rows(request)):
            yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False, default=_iso)
        yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = _filename("json")
    return response


def _iso(value: object) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


@require_GET
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The whole library as CSV, streamed, with a UTF-8 byte-order mark so that Excel reads
    the Chinese correctly."""
    header = [
        _("文号"),
        _("文件名称"),
        _("制定机关"),
        _("公布日期"),
        _("施行日期"),
        _("有效期届满日"),
        _("效力状态"),
        _("网址"),
    ]
    writer = CsvRowWriter()

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.row(header)
        for row in _export_rows(request):
            yield writer.row(
                [
                    row[key]
                    for key in ("number", "title", "agency", "published_on", "effective_on", "expires_on")
                ]
                + [row["status_label"], row["url"]]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _filename("csv")
    return response


# ---------------------------------------------------------------------------------------------
# Drafts open for comment
