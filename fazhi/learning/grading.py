"""Grading of the objective kinds: single and multiple choice (all the right options and no
other), true/false, and fill-in (any accepted answer, ignoring spaces and full-width forms)."""

from __future__ import annotations

import unicodedata

from fazhi.learning.models import Question


def normalise(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split()).rstrip("。.").lower()


def is_correct(question: Question, value: str) -> bool:
    value = (value or "").strip()
    if not value:
        return False
    kind = question.kind
    if kind == Question.Kind.SINGLE or kind == Question.Kind.TRUE_FALSE:
        return value == question.answer.strip()
    if kind == Question.Kind.MULTIPLE:
        return sorted(set(value)) == sorted(set(question.answer.strip())) and len(value) == len(set(value))
    return normalise(value) in {normalise(a) for a in question.accepted()}
