"""A report as people read it: its parts numbered 一、, its sections （一）, the narrative in
paragraphs (plain text only: each line a paragraph, everything escaped), each placeholder
`{{key}}` replaced by the figure as the report says it (exact or approximate, phrasing.py) —
or "（数据暂缺）" when no figure of that key is available."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from fazhi.core.official_docx import chinese_number
from fazhi.reports import snapshots
from fazhi.reports.models import AnnualReport, FigureSnapshot, Part, Phrasing, display_number
from fazhi.reports.phrasing import phrase


@dataclass(frozen=True)
class Said:
    """A figure as the report says it."""

    key: str
    text: str  # "" when not available
    snapshot: FigureSnapshot | None
    approximate: bool

    @property
    def available(self) -> bool:
        return self.snapshot is not None and self.snapshot.value is not None


def said_figures(report: AnnualReport) -> dict[str, Said]:
    approximate = {
        k for k, p in report.figure_settings.values_list("key", "phrasing") if p == Phrasing.APPROXIMATE
    }
    out: dict[str, Said] = {}
    for key, snap in snapshots.values_of(report).items():
        text = ""
        if snap.value is not None:
            value: int | Decimal = snap.value if snap.is_rate else int(snap.value)
            if not snap.is_rate and snap.value != snap.value.to_integral_value():
                value = snap.value
            text = phrase(value, approximate=key in approximate and not snap.is_rate)
            if snap.is_rate:
                text += "%"
        out[key] = Said(key, text, snap, key in approximate)
    return out


def not_available() -> str:
    with translation.override("zh-hans"):  # part of the report's Chinese text
        return _("（数据暂缺）")


def plain_text(text: str, said: dict[str, Said]) -> str:
    """The narrative with its figures filled in, as plain text (for the .docx)."""

    def fill(match: Any) -> str:
        s = said.get(match.group(1))
        return s.text if s and s.available else not_available()

    return snapshots.PLACEHOLDER.sub(fill, text or "")


def html_paragraphs(text: str, said: dict[str, Said], *, link: Any = None) -> SafeString:
    """The narrative as escaped HTML paragraphs; each figure marked (and linked to its records
    on the staff page: `link(key)` gives the address)."""
    out = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        pieces = []
        pos = 0
        for match in snapshots.PLACEHOLDER.finditer(line):
            pieces.append(format_html("{}", line[pos : match.start()]))
            key = match.group(1)
            s = said.get(key)
            if s is None or not s.available:
                pieces.append(
                    format_html('<span class="figure missing" data-key="{}">{}</span>', key, not_available())
                )
            elif link is not None:
                pieces.append(
                    format_html('<a class="figure" href="{}" data-key="{}">{}</a>', link(key), key, s.text)
                )
            else:
                pieces.append(format_html('<span class="figure" data-key="{}">{}</span>', key, s.text))
            pos = match.end()
        pieces.append(format_html("{}", line[pos:]))
        out.append(format_html("<p>{}</p>", mark_safe("".join(pieces))))  # noqa: S308 - each piece escaped above
    return mark_safe("".join(out))  # noqa: S308 - built from escaped paragraphs


@dataclass
class RenderedPart:
    number: str  # 一、
    code: str
    label: Any
    sections: list[dict[str, Any]] = field(default_factory=list)


def outline(report: AnnualReport, said: dict[str, Said], *, link: Any = None) -> list[RenderedPart]:
    """The parts in the report's order, each with its sections numbered （一）（二）…"""
    by_part: dict[str, list[Any]] = {}
    for section in report.sections.order_by("order", "pk"):
        by_part.setdefault(section.part, []).append(section)
    parts = []
    for i, code in enumerate(report.part_order, start=1):
        # The report is a Chinese document whatever the reader's interface language.
        with translation.override("zh-hans"):
            label = str(Part(code).label)
        part = RenderedPart(f"{chinese_number(i)}、", code, label)
        sections = by_part.get(code, [])
        numbered = len(sections) > 1 or bool(sections and sections[0].heading != label)
        for j, section in enumerate(sections, start=1):
            part.sections.append(
                {
                    "section": section,
                    "number": f"（{chinese_number(j)}）" if numbered else "",
                    "html": html_paragraphs(section.text, said, link=link),
                    "plain": plain_text(section.text, said),
                    "show_heading": bool(numbered),
                }
            )
        parts.append(part)
    return parts


def figure_table(report: AnnualReport, said: dict[str, Said]) -> list[dict[str, Any]]:
    """The figures of the report for the data table and the charts: value, how it is said,
    last year's value of the same key from last year's published report (None when there is
    none), whether it was entered by hand."""
    previous = AnnualReport.objects.published().filter(agency=report.agency, year=report.year - 1).first()
    before = snapshots.values_of(previous) if previous else {}
    rows = []
    for key, s in said.items():
        snap = s.snapshot
        assert snap is not None
        old = before.get(key)
        rows.append(
            {
                "key": key,
                "label": snap.label,
                "unit": snap.unit,
                "system": snap.system,
                "value": snap.value,
                "display": snap.display_value,
                "previous_display": display_number(old.value) if old else "",
                "text": s.text,
                "approximate": s.approximate,
                "manual": snap.manual,
                "source": snap.source,
                "records": len(snap.records),
                "previous": old.value if old else None,
                "available": s.available,
            }
        )
    return rows


def format_html_list(items: list[str]) -> SafeString:
    return format_html_join("", "<li>{}</li>", ((i,) for i in items))
