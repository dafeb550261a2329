"""Figures of a report: which figures it uses (the placeholders `{{key}}` in its sections and the
figures entered by hand), their values from the registry (core.figures), the snapshot stored at
each generation (value, records, SHA-256 of the records' canonical JSON, audit-chain head) and
the comparison of two generations, or of the stored snapshot with the records as they are now."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from fazhi.core import figures as registry
from fazhi.core.audit import canonical_json
from fazhi.core.figures import RecordRef
from fazhi.reports.models import AnnualReport, FigureSnapshot, ManualFigure, display_number

PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)+)\s*\}\}")
BATCH = 5000  # records read per query when hashing (SQLite's bound-variable limit)


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text or "")


def figure_keys(report: AnnualReport) -> list[str]:
    """The figures the report uses, in the order they first appear; manual ones last."""
    keys: dict[str, None] = {}
    for text in report.sections.order_by("order", "pk").values_list("text", flat=True):
        for key in placeholders(text):
            keys.setdefault(key, None)
    for key in report.manual_figures.order_by("pk").values_list("key", flat=True):
        keys.setdefault(f"manual.{key}", None)
    return list(keys)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime, Decimal)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return value


def records_sha256(refs: Iterable[tuple[str, int]]) -> str:
    """SHA-256 of the canonical JSON of the records (every stored field of each, sorted by model
    and id): it changes when any record behind a figure changes, even if the count does not.
    One query per model and 5,000 records, never one per record."""
    by_model: dict[str, list[int]] = defaultdict(list)
    for label, pk in refs:
        by_model[label].append(pk)
    digest = hashlib.sha256()
    for label in sorted(by_model):
        model = apps.get_model(label)
        ids = sorted(set(by_model[label]))
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            for row in model._default_manager.filter(pk__in=chunk).order_by("pk").values():
                fields = {k: _jsonable(v) for k, v in row.items()}
                digest.update(canonical_json({"model": label, "pk": row["id"], "fields": fields}).encode())
                digest.update(b"\n")
    return digest.hexdigest()


def records_sha256_shared(records: Iterable[Any], cache: dict[tuple[tuple[str, int], ...], str]) -> str:
    """records_sha256 of a figure's records ([model, pk, title] rows), read once for the figures
    of a generation that share them (a rate's records are its count's: documents issued and
    the filing rate, units inspected and the publicity rate)."""
    refs = tuple(sorted({(r[0], r[1]) for r in records}))
    if refs not in cache:
        cache[refs] = records_sha256(refs)
    return cache[refs]


@dataclass(frozen=True)
class Computed:
    key: str
    label: str
    unit: str
    system: str
    value: Decimal | None  # None: the figure is not available (not in the registry)
    is_rate: bool
    manual: bool
    source: str
    records: list[list[Any]]


def unknown_label(*, manual: bool) -> str:
    """The words for a placeholder no figure answers to (never its dotted key)."""
    with translation.override("zh-hans"):  # stored in the report's Chinese snapshot
        return _("尚未录入的手工数据") if manual else _("未登记的数据项")


def label_of(key: str, manual: dict[str, ManualFigure]) -> str:
    """The words of a figure, before it is computed (for the progress of a generation)."""
    if key.startswith("manual."):
        m = manual.get(key)
        return m.label if m is not None else unknown_label(manual=True)
    try:
        return str(registry.get(key).label)
    except KeyError:
        return unknown_label(manual=False)


def compute(report: AnnualReport, key: str, manual: dict[str, ManualFigure]) -> Computed:
    if key.startswith("manual."):
        m = manual.get(key)
        if m is None:
            return Computed(key, unknown_label(manual=True), "", "", None, False, True, "", [])
        return Computed(key, m.label, m.unit, "手工录入", m.value, m.unit == "%", True, m.source, [])
    try:
        figure = registry.get(key)
    except KeyError:
        return Computed(key, unknown_label(manual=False), "", "", None, False, False, "", [])
    result = registry.compute(key, report.agency, report.year)
    refs: list[RecordRef] = list(result.records)
    return Computed(
        key,
        str(figure.label),
        str(figure.unit),
        str(figure.system),
        Decimal(result.value),
        str(figure.unit) == "%",
        False,
        "",
        [[r.model, r.pk, r.title] for r in refs],
    )


def compute_all(report: AnnualReport) -> list[Computed]:
    manual = {m.figure_key: m for m in report.manual_figures.all()}
    # Labels and units are stored as the Chinese report says them, whatever the UI language.
    with translation.override("zh-hans"):
        return [compute(report, key, manual) for key in figure_keys(report)]


def latest(report: AnnualReport) -> list[FigureSnapshot]:
    return list(report.snapshots.filter(generation=report.generation))


def values_of(report: AnnualReport) -> dict[str, FigureSnapshot]:
    return {s.key: s for s in latest(report)}


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    before: Decimal | None
    after: Decimal | None
    records_changed: bool

    @property
    def delta(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def before_display(self) -> str:
        return display_number(self.before)

    @property
    def after_display(self) -> str:
        return display_number(self.after)

    @property
    def delta_display(self) -> str:
        delta = self.delta
        if delta is None:
            return ""
        return ("+" if delta > 0 else "") + display_number(delta)

    @property
    def moved(self) -> bool:
        return self.before != self.after


def diff_generations(report: AnnualReport) -> list[Change]:
    """What the last generation changed against the one before it."""
    if report.generation < 2:
        return []
    before = {s.key: s for s in report.snapshots.filter(generation=report.generation - 1)}
    changes = []
    for snap in latest(report):
        old = before.get(snap.key)
        if old is None or old.value != snap.value or old.records_sha256 != snap.records_sha256:
            changes.append(
                Change(
                    snap.key,
                    snap.label,
                    old.value if old else None,
                    snap.value,
                    old is None or old.records_sha256 != snap.records_sha256,
                )
            )
    return changes


def diff_with_records(report: AnnualReport) -> list[Change]:
    """The stored snapshot against the records as they are now (nothing is saved): an approved
    report never changes silently, but its page says which figures the records have moved."""
    stored = values_of(report)
    changes = []
    hashes: dict[tuple[tuple[str, int], ...], str] = {}
    for now in compute_all(report):
        old = stored.get(now.key)
        sha = records_sha256_shared(now.records, hashes) if not now.manual else ""
        if old is None or old.value != now.value or (not now.manual and old.records_sha256 != sha):
            changes.append(
                Change(
                    now.key,
                    now.label,
                    old.value if old else None,
                    now.value,
                    old is None or (not now.manual and old.records_sha256 != sha),
                )
            )
    return changes


def previous_generation_number(report: AnnualReport) -> int:
    return report.snapshots.aggregate(n=Max("generation"))["n"] or 0
