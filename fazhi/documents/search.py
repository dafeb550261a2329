"""Chinese full-text search without a word segmenter: text is indexed as overlapping character
bigrams, so that any query of two or more characters — 备案, 科技, 科技创新 — matches."""

from __future__ import annotations

import re

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[0-9A-Za-z]+")


def bigrams(text: str) -> list[str]:
    """Overlapping bigrams of each run of Chinese characters (a lone character stays as it is);
    Latin words and numbers stay whole, lower-cased."""
    terms: list[str] = []
    for run in _RUN.findall(text or ""):
        if run[0].isascii():
            terms.append(run.lower())
        elif len(run) == 1:
            terms.append(run)
        else:
            terms.extend(run[i : i + 2] for i in range(len(run) - 1))
    return terms


def index_text(*parts: str) -> str:
    """The space-separated bigrams stored in `NormativeDocument.search_text`."""
    return " ".join(bigrams(" ".join(p for p in parts if p)))
