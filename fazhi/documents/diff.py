"""A side-by-side diff of two versions of a draft, line by line with the changed characters
marked. The rows hold plain text; the template escapes it like any other text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class DiffRow:
    kind: str  # equal / delete / insert / replace
    left_no: int | None = None
    left: list[tuple[str, str]] = field(default_factory=list)
    right_no: int | None = None
    right: list[tuple[str, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return {"delete": _("删除"), "insert": _("新增"), "replace": _("修改")}.get(self.kind, "")


def _inline(old: str, new: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Character-level changes inside a changed line (Chinese has no spaces between words)."""
    left: list[tuple[str, str]] = []
    right: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left.append(("", old[i1:i2]))
            right.append(("", new[j1:j2]))
            continue
        if i2 > i1:
            left.append(("del", old[i1:i2]))
        if j2 > j1:
            right.append(("ins", new[j1:j2]))
    return left, right


def diff_rows(old: str, new: str) -> list[DiffRow]:
    """A side-by-side diff of two texts, line by line, with the changed characters marked. The
    rows hold plain text: the template escapes it like any other text."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [
                DiffRow("equal", i + 1, [("", a[i])], j + 1, [("", b[j])])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
            continue
        if tag == "replace":
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                left, right = _inline(a[i1 + k], b[j1 + k])
                rows.append(DiffRow("replace", i1 + k + 1, left, j1 + k + 1, right))
            i1, j1 = i1 + pairs, j1 + pairs
        rows += [DiffRow("delete", i + 1, [("del", a[i])]) for i in range(i1, i2)]
        rows += [DiffRow("insert", None, [], j + 1, [("ins", b[j])]) for j in range(j1, j2)]
    return rows
