"""Writes to the register of laws, and what happens when a new version takes effect.

When a new version of a law takes effect, everything tied to the version before it must be
looked at again: exam questions that test it, documents that cite it, rule-book rows whose basis
it is. Core names no app: each app registers a handler with `on_new_version`, called with the new
version (and the actor) inside the transaction that records it as in effect, and returns how many
of its records it flagged.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.audit import record_event
from fazhi.core.models import Law, LawVersion
from fazhi.core.permissions import can_manage_laws
from fazhi.core.workflow import DomainError

VersionHandler = Callable[[LawVersion, Any], int]
_handlers: dict[str, VersionHandler] = {}


def on_new_version(name: str) -> Callable[[VersionHandler], VersionHandler]:
    """Register `handler(version, actor) -> flagged count` under a name (the app's label)."""

    def decorator(handler: VersionHandler) -> VersionHandler:
        _handlers[name] = handler
        return handler

    return decorator


def _require(actor: Any) -> None:
    if not can_manage_laws(actor):
        raise DomainError(_("无权维护法律法规库"))


@transaction.atomic
def create_law(*, title: str, kind: str, issuing_body: str = "", actor: Any) -> Law:
    _require(actor)
    title = title.strip()
    if not title:
        raise DomainError(_("请填写法律法规名称"))
    if Law.objects.filter(title=title).exists():
        raise DomainError(_("法律法规库中已有《%(title)s》") % {"title": title})
    law = Law.objects.create(title=title, kind=kind, issuing_body=issuing_body)
    record_event("law.create", actor=actor, obj=law, data={"title": title, "kind": kind})
    return law


@transaction.atomic
def record_law_version(
    law: Law,
    *,
    kind: str,
    adopted_on: datetime.date,
    effective_on: datetime.date,
    issuing_body: str = "",
    text: str = "",
    url: str = "",
    note: str = "",
    actor: Any,
    today: datetime.date | None = None,
) -> LawVersion:
    """Record a version; if it is already in effect, flag what was tied to the previous one."""
    _require(actor)
    if effective_on < adopted_on:
        raise DomainError(_("施行日期不得早于通过（公布）日期"))
    if law.versions.filter(kind=LawVersion.Kind.REPEALED).exists():
        raise DomainError(_("《%(title)s》已废止，不能再登记新版本") % {"title": law.title})
    if kind != LawVersion.Kind.ADOPTED and not law.versions.exists():
        raise DomainError(_("请先登记《%(title)s》的制定版本") % {"title": law.title})
    if kind == LawVersion.Kind.ADOPTED and law.versions.exists():
        raise DomainError(_("《%(title)s》已有制定版本，修改请登记为修正或修订") % {"title": law.title})
    version = LawVersion.objects.create(
        law=law,
        kind=kind,
        adopted_on=adopted_on,
        effective_on=effective_on,
        issuing_body=issuing_body or law.issuing_body,
        text=text,
        url=url,
        note=note,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record_event(
        "law.version",
        actor=actor,
        obj=law,
        data={
            "version": version.pk,
            "kind": kind,
            "adopted_on": adopted_on.isoformat(),
            "effective_on": effective_on.isoformat(),
        },
    )
    if effective_on <= (today or timezone.localdate()):
        _flag(version, actor)
    return version


def _flag(version: LawVersion, actor: Any) -> dict[str, int]:
    """Run every handler once for a version that has taken effect (idempotent per version)."""
    moved = LawVersion.objects.filter(pk=version.pk, flagged_at__isnull=True).update(
        flagged_at=timezone.now()
    )
    if not moved or version.kind == LawVersion.Kind.ADOPTED:
        return {}  # a law's first version supersedes nothing
    counts = {name: handler(version, actor) for name, handler in sorted(_handlers.items())}
    record_event(
        "law.version_effective", actor=actor, obj=version.law, data={"version": version.pk, "flagged": counts}
    )
    return counts


@transaction.atomic
def apply_effective_versions(*, today: datetime.date | None = None, actor: Any = None) -> int:
    """Flag the records tied to versions that took effect by `today` (daily; safe to repeat)."""
    day = today or timezone.localdate()
    done = 0
    for version in LawVersion.objects.filter(flagged_at__isnull=True, effective_on__lte=day).select_related(
        "law"
    ):
        if _flag(version, actor):
            done += 1
    return done
