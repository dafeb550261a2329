"""The text side of the search: a text written as pairs of adjacent characters (`index_text`,
`pairs`), a query parsed into terms (`parse_query`, `SearchQuery`), the exact check the index is
held to (`contains`), and the matches marked in the original text (`highlight`, `snippet`)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape  # what django.utils.html.escape does, without its lazy-string wrapper

from django.utils.safestring import SafeString, mark_safe

# A query longer than this is cut: each term costs an index lookup.
MAX_QUERY_CHARS = 100
MAX_TERMS = 8

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """Latin capitals in lower case (only ASCII: the same as SQLite's LIKE)."""
    return text.translate(_ASCII_LOWER)


class _Tokens(dict[str, str]):
    """The token of one character: the character itself for a Latin letter or digit and a
    Chinese character (what every tokenizer keeps as a word character), otherwise `x` and its
    code point in hex (〔 → x3014). A token of one character never equals one of several, so
    that every character of the text is one token and two different characters never share
    one."""

    def __missing__(self, character: str) -> str:
        literal = character in "0123456789abcdefghijklmnopqrstuvwxyz" or (
            "\u3400" <= character <= "\u4dbf" or "\u4e00" <= character <= "\u9fff"
        )
        token = character if literal else f"x{ord(character):x}"
        self[character] = token
        return token


_TOKENS = _Tokens()


def word_tokens(word: str) -> list[str]:
    """The tokens of a run of text without white space (already folded)."""
    return list(map(_TOKENS.__getitem__, word))


def pairs(tokens: Sequence[str]) -> list[str]:
    """Each token with the next (a_b), the last with nothing (z_): as many pairs as tokens.
    A token holds no `_`, so the pair says which two tokens it joins."""
    return [f"{a}_{b}" for a, b in itertools.pairwise(tokens)] + [f"{tokens[-1]}_"] if tokens else []


def index_line(text: str) -> str:
    """`text` as the space-separated pairs of each word (white space ends a word: a term never
    spans it)."""
    return " ".join(p for word in fold(text or "").split() for p in pairs(word_tokens(word)))


def index_text(*parts: str) -> str:
    """The text stored in `NormativeDocument.search_text`: the pairs of each part, one line per
    part. Callers pass the title first: the index weights the first line above the others, so
    that a match in the title ranks above a match in the body."""
    return "\n".join(index_line(part) for part in parts)


def contains(term: str, *parts: str) -> bool:
    """What the index answers, said in Python: `term` (one term of a query) occurs in one of
    `parts`, Latin letters in either case."""
    folded = fold(term)
    return any(folded in fold(part or "") for part in parts)


@dataclass(frozen=True)
class SearchQuery:
    """A query as the index is asked it.

    `terms`: each run of the query without white space, Latin letters in lower case; all are
    required. `phrases`: each term's tokens, which must stand next to each other in the text.
    """

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms)

    def joined(self) -> list[list[str]]:
        """Each term as the pairs it must find next to each other in the text; a term of one
        character as a list of one prefix, `t_`, which every pair that begins with it has."""
        return [[f"{p[0]}_"] if len(p) == 1 else pairs(p)[:-1] for p in self.phrases]

    @property
    def fts5_match(self) -> str:
        """The FTS5 MATCH expression: every term a phrase of its pairs in double quotes, or a
        prefix (the pairs hold only letters, digits and `_`, so nothing in them is FTS5
        syntax)."""
        return " AND ".join(
            f'"{j[0]}" *' if len(p) == 1 else '"' + " ".join(j) + '"'
            for p, j in zip(self.phrases, self.joined(), strict=True)
        )

    @property
    def grams(self) -> list[str]:
        """What the PostgreSQL index holds of the terms: a term of one character as itself,
        a longer one as its pairs (科技创新 → 科_技 技_创 创_新)."""
        grams: list[str] = []
        for p, j in zip(self.phrases, self.joined(), strict=True):
            grams += [g for g in ([p[0]] if len(p) == 1 else j) if g not in grams]
        return grams

    @property
    def tsquery(self) -> str:
        """`grams` as a tsquery: all of them (the tokens hold no quote)."""
        return " & ".join(f"'{g}'" for g in self.grams)

    @property
    def long_phrases(self) -> list[str]:
        """The terms of three or more characters, whose pairs the PostgreSQL index finds but
        not next to each other: each as it stands, space-bounded, in search_text."""
        return [f" {' '.join(j)} " for p, j in zip(self.phrases, self.joined(), strict=True) if len(p) > 2]

    @property
    def in_text(self) -> list[str]:
        """Each term as it stands in search_text after a space (a line begun by a space)."""
        return [
            f" {j[0]}" if len(p) == 1 else f" {' '.join(j)} "
            for p, j in zip(self.phrases, self.joined(), strict=True)
        ]


def parse_query(text: str) -> SearchQuery:
    terms: list[str] = []
    for word in fold((text or "")[:MAX_QUERY_CHARS]).split():
        # A term of nothing but punctuation would match almost everything: left out.
        if any(c.isalnum() for c in word) and word not in terms:
            terms.append(word)
    terms = terms[:MAX_TERMS]
    return SearchQuery(terms=tuple(terms), phrases=tuple(tuple(word_tokens(t)) for t in terms))


def _pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    return _compiled(tuple(terms)) if terms else None


@functools.lru_cache(maxsize=256)
def _compiled(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    alternatives = sorted({t for t in terms if t}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in alternatives), re.IGNORECASE | re.ASCII)


def _marked(text: str, pattern: re.Pattern[str] | None) -> str:
    """`text` escaped, each match wrapped in <mark>. Matches are found in the original text and
    each piece escaped on its own, so that a term never matches inside an HTML entity."""
    if pattern is None:
        return escape(text)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def highlight(text: str, terms: Sequence[str]) -> SafeString:
    """The whole of `text`, escaped, with the query terms marked."""
    return mark_safe(_marked(text or "", _pattern(terms)))  # noqa: S308 - every piece is escaped


def snippet(text: str, terms: Sequence[str], *, width: int = 80, before: int = 20) -> SafeString:
    """About `width` characters of `text` around the first match, escaped, with the matches
    marked; the beginning of the text when nothing matches."""
    text = " ".join((text or "").split())
    pattern = _pattern(terms)
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - before) if first else 0
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    piece = _marked(text[start:end], pattern)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{piece}{suffix}")  # noqa: S308 - _marked escapes every piece
