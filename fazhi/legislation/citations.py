"""When a new version of a law takes effect (`core.laws.on_new_version`), what cited the version
before it is flagged for a person to check — never changed:

- normative documents citing the law (found by its title in their text, `documents.citations`,
  since documents record their basis only as text): their drafters are asked to check;
- rule-book rows whose legal basis names the law: the rule book's keepers are asked to check.

Exam questions are flagged by the exams app's own handler.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from fazhi.core.calendar import current_rules
from fazhi.core.laws import on_new_version
from fazhi.core.models import LawVersion
from fazhi.legislation.models import CitationFlag

NATIONAL_PREFIX = "中华人民共和国"


def cited_names(title: str) -> list[str]:
    """The names a citation uses for a law: its title, and for a national law the short title
    without "中华人民共和国" (《行政处罚法》)."""
    names = [title]
    if title.startswith(NATIONAL_PREFIX) and len(title) > len(NATIONAL_PREFIX):
        names.append(title.removeprefix(NATIONAL_PREFIX))
    return names


def _cites(text: str, names: list[str]) -> bool:
    return any(f"《{name}》" in text for name in names)


def _flag(version: LawVersion, subject: str, key: str, title: str, **owner: Any) -> bool:
    try:
        with transaction.atomic():
            CitationFlag.objects.create(
                version=version, subject=subject, subject_key=key, title=title[:200], **owner
            )
    except IntegrityError:  # already flagged for this version
        return False
    return True


def flag_documents(version: LawVersion, actor: Any) -> int:
    from fazhi.documents.citations import documents_citing

    names = cited_names(version.law.title)
    count = 0
    for pk, title, division_id, drafter_id, agency_id in documents_citing(
        names, on=version.effective_on
    ).values_list("pk", "title", "division_id", "created_by_id", "agency_id"):
        if _flag(
            version,
            CitationFlag.Subject.DOCUMENT,
            str(pk),
            title,
            division_id=division_id,
            owner_id=drafter_id,
            agency_id=agency_id,
        ):
            count += 1
    return count


def flag_rules(version: LawVersion, actor: Any) -> int:
    names = cited_names(version.law.title)
    count = 0
    for rule in current_rules(version.effective_on):
        if _cites(rule.basis, names) and _flag(version, CitationFlag.Subject.RULE, rule.code, rule.name):
            count += 1
    return count


def register_handlers() -> None:
    on_new_version("legislation.documents")(flag_documents)
    on_new_version("legislation.rules")(flag_rules)
