"""The library's page (/policies/) written for speed: its filter form, the years, the rows of
a page of documents, the notes and pages, as HTML rather than by the template engine; and for a
visitor, the page around them from a frame rendered once (`framed`).

The page of a search must cost less than the search (issue 16): through templates, the twenty
rows, the seventeen year links and the four fields of the form (each widget a template of its
own, each option of a select an include), and base.html around them, took several times the
index queries of a common word. Each part here writes the same markup as the template it
replaces — `form_html` that of core/_field.html around Django's widgets (the widget's own
context says the attributes, the value and the selected options; any other widget, option
groups or a fieldset are left to Django), which a test holds equal to Django's rendering; the
filters but the query are kept once written (`filters_html`) — and escapes every value
(`escape`, the standard library's, which django.utils.html.escape calls).
"""

from __future__ import annotations

import datetime
import functools
import secrets
from collections.abc import Iterable, Sequence
from html import escape  # what django.utils.html.escape does, without its lazy-string wrapper
from typing import Any

from django import forms
from django.conf import settings
from django.forms.widgets import Input
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from fazhi.core.branding import site_name
from fazhi.core.formats import date_text
from fazhi.documents.library import Row
from fazhi.documents.search import highlight, snippet
from fazhi.documents.validity import Validity

V = Validity
BADGES = {
    V.IN_FORCE: "badge-ok",
    V.AMENDED: "badge-ok",
    V.NOT_YET_IN_FORCE: "badge-warn",
    V.EXPIRED: "badge-muted",
    V.REPEALED: "badge-bad",
    V.DECLARED_INVALID: "badge-bad",
    V.NOT_PUBLISHED: "badge-muted",
}


def status_badge(status: Validity) -> str:
    return BADGES.get(status, "badge-muted")


# ---------------------------------------------------------------------------------------------
# The form


def _attrs(attrs: dict[str, Any]) -> str:
    """As django/forms/widgets/attrs.html: ` name="value"`, a bare name for True, nothing for
    False."""
    out: list[str] = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(
            f" {escape(str(name))}" if value is True else f' {escape(str(name))}="{escape(str(value))}"'
        )
    return "".join(out)


def _widget_html(field: forms.BoundField) -> str:
    """The widget of `field`, as Django's input.html and select.html write it."""
    widget = field.field.widget
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
        options: list[str] = []
        if any(group_name for group_name, _choices, _index in context["optgroups"]):
            return str(field.as_widget())  # option groups: Django writes them
        for _group_name, group_choices, _index in context["optgroups"]:
            for option in group_choices:
                options.append(
                    f'\n  <option value="{escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                    f"{escape(str(option['label']))}</option>"
                )
        return f'<select name="{escape(context["name"])}"{_attrs(context["attrs"])}>{"".join(options)}\n</select>'
    if isinstance(widget, Input):
        value = context["value"]
        shown = "" if value is None else f' value="{escape(str(value))}"'
        return f'<input type="{escape(context["type"])}" name="{escape(context["name"])}"{shown}{_attrs(context["attrs"])}>'
    return str(field.as_widget())  # any other widget: Django writes it, as the template's {{ field }}


def field_html(field: forms.BoundField) -> str:
    """One field as core/_field.html writes it (label, widget, help, errors)."""
    if field.use_fieldset:  # a group of radios or checkboxes: the template writes its fieldset
        return get_template("core/_field.html").render({"field": field})
    errors = field.errors
    required = '<span class="req" aria-hidden="true">*</span>' if field.field.required else ""
    parts = [
        f'<div class="field{" has-error" if errors else ""}">\n',
        f'  <label for="{escape(field.id_for_label)}">{escape(str(field.label))}{required}</label>\n',
        f"  {_widget_html(field)}\n",
    ]
    if field.help_text:
        parts.append(f'  <p class="help" id="{escape(field.auto_id)}_helptext">{field.help_text}</p>\n')
    if errors:
        messages = "".join(
            f'<p class="field-error" role="alert">{escape(str(error))}</p>' for error in errors
        )
        parts.append(f'  <div id="{escape(field.auto_id)}_error">{messages}</div>\n')
    parts.append("</div>\n")
    return "".join(parts)


def form_html(form: forms.Form) -> SafeString:
    """Every field of `form`, as `{% for field in form %}{% include "core/_field.html" %}`."""
    return mark_safe("".join(field_html(field) for field in form))  # noqa: S308 - every value escaped


# ---------------------------------------------------------------------------------------------
# Links that change one parameter of the page's address


def query_string(get: QueryDict, **changes: Any) -> str:
    """What `{% querystring name=value … %}` writes: the page's parameters with `changes` (None
    removes one)."""
    params = get.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    if not params and not get:
        return ""
    return f"?{params.urlencode()}"


def _year_links(get: QueryDict, years: Iterable[int]) -> dict[int, str]:
    """`query_string(get, year=y, page=None)` for every y, the rest of the address encoded once."""
    before, after = QueryDict(mutable=True), QueryDict(mutable=True)
    seen = False  # an address without a year gets it last
    for key, values in get.lists():
        if key == "year":
            seen = True
        elif key != "page":
            (after if seen else before).setlist(key, values)
    head, tail = before.urlencode(), after.urlencode()
    return {y: "?" + "&".join(part for part in (head, f"year={y}", tail) if part) for y in years}


def years_html(get: QueryDict, years: Sequence[tuple[int, int]], year: int | None) -> SafeString:
    """The year links: 全部年度, then each year with its count (the current one not a link)."""
    everything = escape(gettext("全部年度"))
    if year:
        items = [f'<li><a href="{escape(query_string(get, year=None, page=None))}">{everything}</a></li>']
    else:
        items = [f'<li><span class="current" aria-current="true">{everything}</span></li>']
    links = _year_links(get, (y for y, _n in years))
    label = gettext("%(y)s年（%(n)s）")
    for y, n in years:
        text = escape(label % {"y": y, "n": n})
        if y == year:
            items.append(f'<li><span class="current" aria-current="true">{text}</span></li>')
        else:
            items.append(f'<li><a href="{escape(links[y])}">{text}</a></li>')
    return mark_safe("".join(items))  # noqa: S308 - every value escaped


# ---------------------------------------------------------------------------------------------
# The rows


@functools.lru_cache(maxsize=8192)
def _date_cell(day: datetime.date, language: str | None) -> str:
    return format_html(
        '<td class="nowrap"><time datetime="{}">{}</time></td>', day.isoformat(), date_text(day)
    )


def _document_url() -> tuple[str, str]:
    """The address of a document, around its id (reversed once, not once a row)."""
    marker = 987654321
    url = reverse("library:document", args=[marker])
    head, _marker, tail = url.partition(str(marker))
    return head, tail


def rows_html(rows: Sequence[Row], terms: Sequence[str]) -> SafeString:
    """The rows of the table: number, title (with the terms marked, and the text around the
    first match for a search), issuing body, publication and effective dates, status."""
    head, tail = _document_url()
    language = get_language()
    statuses = {
        status: f'<span class="badge {status_badge(status)}">{escape(str(status.label))}</span>'
        for status in {row.status for row in rows}
    }
    out: list[str] = []
    for row in rows:
        text = snippet(row.body, terms) if terms else ""
        around = f"<br><small>{text}</small>" if text else ""
        dates = "".join(
            _date_cell(day, language) if day else '<td class="nowrap">—</td>'
            for day in (row.published_on, row.effective_on)
        )
        out.append(
            f'<tr>\n    <td class="nowrap">{escape(row.number or "—")}</td>\n'
            f'    <td class="title"><a href="{head}{row.pk}{tail}">{highlight(row.title, terms)}</a>{around}</td>\n'
            f"    <td>{escape(row.agency)}</td>\n    {dates}\n"
            f"    <td>{statuses[row.status]}</td>\n  </tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 - every value escaped (highlight and snippet escape theirs)


# ---------------------------------------------------------------------------------------------
# The form's buttons, and the part after the form


# The library's filters but the query: the markup of each follows from the language, the value
# asked and the choices (its errors too), and is kept once written.
_FILTERS: dict[tuple[Any, ...], str] = {}


def _filter_html(field: forms.BoundField) -> str:
    if field.name == "q":
        return field_html(field)
    choices = field.field.choices if field.name == "agency" else ()  # type: ignore[attr-defined]
    key = (get_language(), field.name, field.data, tuple(choices))
    written = _FILTERS.get(key)
    if written is None:
        if len(_FILTERS) > 1024:
            _FILTERS.clear()
        written = _FILTERS[key] = field_html(field)
    return written


def filters_html(form: forms.Form, *, filtered: bool) -> SafeString:
    """The fields of the filter form and its buttons (清除条件 when anything is filtered)."""
    clear = (
        f'<a class="button" href="{escape(reverse("library:index"))}">{escape(gettext("清除条件"))}</a>'
        if filtered
        else ""
    )
    fields = "".join(_filter_html(field) for field in form)
    return mark_safe(  # noqa: S308 - every value escaped
        f'{fields}  <div class="actions">\n'
        f'    <button type="submit" class="button primary">{escape(gettext("检索"))}</button>\n'
        f"    {clear}\n  </div>"
    )


# ---------------------------------------------------------------------------------------------
# The page around them


class _FrameRequest:
    """The request the frame is rendered for: the same, but for its address, a marker."""

    def __init__(self, request: HttpRequest, marker: str) -> None:
        self._request = request
        self._marker = marker

    def get_full_path(self, force_append_slash: bool = False) -> str:
        return self._marker

    def __getattr__(self, name: str) -> Any:
        return getattr(self._request, name)


_FRAMES: dict[tuple[str, ...], list[tuple[str, str]]] = {}
_MARKER = f"fzslot{secrets.token_hex(8)}"
FULL_PATH = "full_path"


def framed(request: HttpRequest, template: str, parts: dict[str, SafeString]) -> HttpResponse | None:
    """The page `template` with `parts` (its only context) for a visitor, from its frame — what
    the template writes around the parts, the same for every visitor of the address in a
    language (the header, menus, footer, the page's fixed text) — rendered once by this process;
    the request's address (base.html writes it in the language form) is put in as well. None
    for a request the frame may not be the same for: a signed-in user, a session or a message
    waiting to be shown (the caller renders the template)."""
    cookies = request.COOKIES
    if (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
    ):
        return None
    if getattr(request, "user", None) is None or request.user.is_authenticated:
        return None
    key = (template, get_language() or "", request.path, str(site_name(request)), *sorted(parts))
    frame = _FRAMES.get(key)
    if frame is None:
        frame = _render_frame(request, template, list(parts))
        if frame is None:
            return None
        if len(_FRAMES) > 256:
            _FRAMES.clear()
        _FRAMES[key] = frame
    values = {**parts, FULL_PATH: escape(request.get_full_path())}
    return HttpResponse("".join(f"{literal}{values[name] if name else ''}" for literal, name in frame))


def _render_frame(request: HttpRequest, template: str, names: list[str]) -> list[tuple[str, str]] | None:
    """The template's output cut at each part: (text, the part that follows it), the last
    followed by none. None when a part does not appear exactly once."""
    markers = {f"{_MARKER}{i}x": name for i, name in enumerate([*names, FULL_PATH])}
    context = {name: mark_safe(marker) for marker, name in markers.items() if name != FULL_PATH}  # noqa: S308 - a marker
    path_marker = next(marker for marker, name in markers.items() if name == FULL_PATH)
    text = get_template(template).render(context, _FrameRequest(request, path_marker))  # type: ignore[arg-type]
    if any(text.count(marker) != 1 for marker in markers):
        return None
    pieces: list[tuple[str, str]] = []
    rest = text
    while True:
        found = [(rest.find(marker), marker) for marker in markers if marker in rest]
        if not found:
            pieces.append((rest, ""))
            return pieces
        at, marker = min(found)
        pieces.append((rest[:at], markers[marker]))
        rest = rest[at + len(marker) :]


def results_part(
    *,
    notes: Sequence[str],
    years: SafeString | str,
    rows: SafeString | str,
    total: int,
    capped: bool,
    count_cap: int,
    page: dict[str, Any],
    searching: bool,
    filtered: bool,
) -> SafeString:
    """The notes, the years, and the table of documents with its pages (or the line that says
    there is none)."""
    out = [f'<p class="status-banner warn" role="status">{escape(str(note))}</p>' for note in notes]
    if years:
        out.append(
            f'\n<nav aria-label="{escape(gettext("按年度"))}">\n  <ul class="pagination">\n    {years}\n  </ul>\n</nav>\n'
        )
    if not rows:
        empty = gettext("没有符合条件的文件。") if filtered else gettext("尚未公布文件。")
        out.append(f'\n<p class="empty">{escape(empty)}</p>\n')
        return mark_safe("".join(out))  # noqa: S308 - every value escaped
    if searching and capped:
        caption = gettext("检索到 %(cap)s+ 件文件，按相关程度排列") % {"cap": count_cap}
    elif searching:
        caption = ngettext(
            "检索到 %(counter)s 件文件，按相关程度排列", "检索到 %(counter)s 件文件，按相关程度排列", total
        ) % {"counter": total}
    elif capped:
        caption = gettext("共 %(cap)s+ 件文件，按公布日期排列") % {"cap": count_cap}
    else:
        caption = ngettext(
            "共 %(counter)s 件文件，按公布日期排列", "共 %(counter)s 件文件，按公布日期排列", total
        ) % {"counter": total}
    heads = "".join(
        f'\n    <th scope="col">{escape(gettext(label))}</th>'
        for label in ("文号", "文件名称", "制定机关", "公布日期", "施行日期", "效力状态")
    )
    out.append(
        f'\n<div class="table-wrap">\n<table class="table">\n  <caption>{escape(caption)}</caption>\n'
        f"  <thead><tr>{heads}\n  </tr></thead>\n  <tbody>{rows}</tbody>\n</table>\n</div>\n"
    )
    if page["count"] > 1:
        previous, following = escape(gettext("上一页")), escape(gettext("下一页"))
        if page["capped"]:
            current = gettext("第 %(number)s 页") % {"number": page["number"]}
        else:
            current = gettext("第 %(number)s / %(total)s 页") % {
                "number": page["number"],
                "total": page["count"],
            }
        back = (
            f'<a href="{escape(page["previous"])}" rel="prev">{previous}</a>'
            if page["previous"]
            else f'<span class="disabled">{previous}</span>'
        )
        forward = (
            f'<a href="{escape(page["next"])}" rel="next">{following}</a>'
            if page["next"]
            else f'<span class="disabled">{following}</span>'
        )
        out.append(
            f'<nav aria-label="{escape(gettext("分页"))}">\n  <ul class="pagination">\n'
            f"    <li>{back}</li>\n"
            f'    <li><span class="current" aria-current="page">{escape(current)}</span></li>\n'
            f"    <li>{forward}</li>\n  </ul>\n</nav>\n"
        )
    return mark_safe("".join(out))  # noqa: S308 - every value escaped
