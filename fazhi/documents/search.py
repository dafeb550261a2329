"""Chinese full-text search without a word segmenter, exact for a query of any length: each
character of the text is indexed with the one after it, so that any query — 科, 备案,
实验动物管理条例, 津科规〔2021〕5号, API — matches exactly the documents that contain it.

`index_text` writes the text as pairs of adjacent characters (`pairs`: 科技创新 → 科_技 技_创
创_新 新_, the last character of a word paired with nothing), one line per part, the title
first; the database indexes them (search_text, migration 0005: an FTS5 table on SQLite, a GIN
index on PostgreSQL). A query of one character is every pair that begins with it; of two, one
pair; a longer one, its pairs next to each other (`parse_query`). `highlight`/`snippet` mark
the matches in the original text. The queries themselves are in `library.py`.

A term is a run of anything but white space: the documents that match are exactly those whose
title, number or body contains every term (`contains`, which the tests hold the index to).
Latin letters match in either case; nothing else is folded.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.html import escape
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
    if not terms:
        return None
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


# ---------------------------------------------------------------------------------------------
# The index (created by migration 0002_library_search, rebuilt for single characters by 0005)
#
# Both databases keep a derived table, written by triggers on the documents table, so that every
# way a row is written — the publish action, the legacy import, bulk_create, the admin — is
# indexed without a hook in Python:
#
# SQLite: a contentless FTS5 table `documents_search` (rowid = document id) with three columns:
# the title's pairs (the first line of search_text), the rest, and two facet tokens, y<year>
# and a<agency id>, so that the year and issuing-body filters are answered by the index too.
# `_` is a token character, so a pair is one token; a prefix index of two characters makes
# "科_" * (every pair that begins with 科: a one-character term) one lookup. A term of two
# characters is one token; a longer one a phrase of its pairs, which FTS5 finds only where they
# stand next to each other. A word's last pair (z_) keeps words and lines apart.
# bm25 weighs the title ten times the body and ignores the facets. Contentless rather than
# external content over a view: a view naming the documents table makes SQLite refuse the
# copy-and-rename by which Django alters a column there.
#
# PostgreSQL: a tsvector keeps at most 256 positions of a word and none past 16,383, so
# phrases cannot be checked by it in a long text. The table `documents_search` (document_id,
# published_on, agency_id, title, tsv) holds instead, in tsv, every token and every pair of the
# document, without positions, with a GIN index: a term of one or two characters is then
# answered exactly by the index; a longer one by its pairs, and the documents that have them
# all are checked for the term itself in their search_text (`strpos`, in the same query). The
# words of tsv are computed in Python (`search_fields`, into NormativeDocument.search_grams —
# in SQL it costs 2 ms a document) and sorted as a tsvector sorts them. `title` (the title's
# pairs) ranks the window: a document whose title holds every term comes first. No other index
# on the table, so that the GIN bitmap is the only way in (the year and the issuing body are
# checked on the rows it yields).
#
# Both databases also keep `documents_library`: one narrow row per published document with the
# dates its status depends on — published, effective and expiry dates, the first terminal event
# (失效、废止、宣布失效: date and kind) and the first amendment — written by triggers on the
# documents and the validity-events tables. A status on any day is then a comparison of dates
# on that row (library.status_condition), so that filtering 100,000 documents by status reads this
# small table instead of the documents and their events.
#
# On SQLite Django drops the triggers when it rebuilds the documents or the events table (an
# AlterField of most kinds): a migration that does so must end with
# RunPython(reinstall_search_index). A test checks that the triggers exist.

DOCUMENTS_TABLE = "documents_normativedocument"
EVENTS_TABLE = "documents_validityevent"
SEARCH_TABLE = "documents_search"
FACTS_TABLE = "documents_library"
SQLITE_TRIGGERS = (
    "documents_search_insert",
    "documents_search_delete",
    "documents_search_update",
    "documents_library_insert",
    "documents_library_update",
    "documents_library_delete",
    "documents_library_event_insert",
    "documents_library_event_update",
    "documents_library_event_delete",
)
PG_TRIGGERS = {
    DOCUMENTS_TABLE: (
        "documents_search_insert",
        "documents_search_sync",
        "documents_search_truncate",
        "documents_library_sync",
    ),
    EVENTS_TABLE: ("documents_library_events", "documents_library_events_truncate"),
}
PG_FUNCTIONS = (
    "documents_search_insert",
    "documents_search_sync",
    "documents_search_truncate",
    "documents_library_sync",
    "documents_library_events",
    "documents_library_events_truncate",
)
# bm25 weights of the FTS5 columns: title, rest of the text, facets.
SQLITE_BM25 = f"bm25({SEARCH_TABLE}, 10.0, 1.0, 0.0)"


def grams(text: str) -> str:
    """What the PostgreSQL index holds of `text` (a search_text): every pair but the last of a
    word, and every token on its own (the first of each pair); sorted as a tsvector sorts its
    words (by their bytes: code points in UTF-8 keep their order), so that array_to_tsvector
    finds them sorted."""
    found: set[str] = set()
    for pair in text.split():
        first, second = pair.split("_", 1)
        found.add(first)
        if second:
            found.add(pair)
    return " ".join(sorted(found))


def search_fields(title: str, number: str, body: str, *, vendor: str | None = None) -> dict[str, str]:
    """The search fields of a NormativeDocument: search_text, and on PostgreSQL search_grams
    (elsewhere empty: only PostgreSQL's index reads it)."""
    from django.db import connection

    text = index_text(title, number, body)
    vendor = vendor or connection.vendor
    return {"search_text": text, "search_grams": grams(text) if vendor == "postgresql" and text else ""}


def _sqlite_values(row: str) -> str:
    """title_terms, body_terms, facets of documents row `row` (new, old or d)."""
    s = f"{row}.search_text"
    return (
        f"CASE WHEN instr({s}, char(10)) > 0 THEN substr({s}, 1, instr({s}, char(10)) - 1) ELSE '' END, "
        f"substr({s}, instr({s}, char(10)) + 1), "
        f"'y' || coalesce(substr({row}.published_on, 1, 4), '') || ' a' || coalesce({row}.agency_id, '')"
    )


_COLUMNS = "title_terms, body_terms, facets"
_SQLITE_INSTALL = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5(
        {_COLUMNS}, content='', prefix='2', tokenize="unicode61 remove_diacritics 0 tokenchars '_'")""",
    # A contentless table is told the old values to remove a row: computed from OLD exactly as
    # they were from NEW.
    f"""CREATE TRIGGER IF NOT EXISTS documents_search_insert AFTER INSERT ON {DOCUMENTS_TABLE}
        WHEN new.search_text <> '' BEGIN
            INSERT INTO {SEARCH_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_sqlite_values("new")});
        END""",  # noqa: S608 - constant identifiers
    f"""CREATE TRIGGER IF NOT EXISTS documents_search_delete AFTER DELETE ON {DOCUMENTS_TABLE}
        WHEN old.search_text <> '' BEGIN
            INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, {_COLUMNS})
            VALUES ('delete', old.id, {_sqlite_values("old")});
        END""",  # noqa: S608 - constant identifiers
    f"""CREATE TRIGGER IF NOT EXISTS documents_search_update
        AFTER UPDATE OF search_text, published_on, agency_id ON {DOCUMENTS_TABLE} BEGIN
            INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, {_COLUMNS})
            SELECT 'delete', old.id, {_sqlite_values("old")} WHERE old.search_text <> '';
            INSERT INTO {SEARCH_TABLE}(rowid, {_COLUMNS})
            SELECT new.id, {_sqlite_values("new")} WHERE new.search_text <> '';
        END""",
]


def _pg_values(row: str) -> str:
    """document_id, published_on, agency_id, title, tsv of documents row `row`."""
    return (
        f"{row}.id, {row}.published_on, {row}.agency_id, split_part({row}.search_text, E'\\n', 1), "
        f"array_to_tsvector(string_to_array({row}.search_grams, ' '))"
    )


_PG_COLUMNS = "document_id, published_on, agency_id, title, tsv"
_PG_INSTALL = [
    f"""CREATE TABLE IF NOT EXISTS {SEARCH_TABLE} (
        document_id bigint PRIMARY KEY,
        published_on date,
        agency_id bigint,
        title text NOT NULL,
        tsv tsvector NOT NULL
    )""",
    f"CREATE INDEX IF NOT EXISTS documents_search_tsv ON {SEARCH_TABLE} USING gin (tsv)",
    # Rows inserted together (bulk_create, an import) are indexed by one statement.
    f"""CREATE OR REPLACE FUNCTION documents_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {SEARCH_TABLE} ({_PG_COLUMNS})
        SELECT {_pg_values("n")} FROM inserted n WHERE n.search_text <> '';
        RETURN NULL;
    END $$""",  # noqa: S608 - constant identifiers
    f"""CREATE OR REPLACE FUNCTION documents_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM {SEARCH_TABLE} WHERE document_id = OLD.id;
            RETURN OLD;
        END IF;
        IF NEW.search_text = '' THEN
            DELETE FROM {SEARCH_TABLE} WHERE document_id = NEW.id;
        ELSE
            INSERT INTO {SEARCH_TABLE} ({_PG_COLUMNS}) SELECT {_pg_values("NEW")}
            ON CONFLICT (document_id) DO UPDATE SET published_on = EXCLUDED.published_on,
                agency_id = EXCLUDED.agency_id, title = EXCLUDED.title, tsv = EXCLUDED.tsv;
        END IF;
        RETURN NEW;
    END $$""",  # noqa: S608 - constant identifiers
    f"""CREATE OR REPLACE FUNCTION documents_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {SEARCH_TABLE};
        TRUNCATE {FACTS_TABLE};
        RETURN NULL;
    END $$""",
    f"DROP TRIGGER IF EXISTS documents_search_insert ON {DOCUMENTS_TABLE}",
    f"""CREATE TRIGGER documents_search_insert AFTER INSERT ON {DOCUMENTS_TABLE}
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION documents_search_insert()""",
    f"DROP TRIGGER IF EXISTS documents_search_sync ON {DOCUMENTS_TABLE}",
    f"""CREATE TRIGGER documents_search_sync
        AFTER DELETE OR UPDATE OF search_text, search_grams, published_on, agency_id ON {DOCUMENTS_TABLE}
        FOR EACH ROW EXECUTE FUNCTION documents_search_sync()""",
    # Django's test runner empties tables with TRUNCATE, which fires no row trigger.
    f"DROP TRIGGER IF EXISTS documents_search_truncate ON {DOCUMENTS_TABLE}",
    f"""CREATE TRIGGER documents_search_truncate AFTER TRUNCATE ON {DOCUMENTS_TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION documents_search_truncate()""",
]


# --- the facts of each published document ---------------------------------------------------

_FACT_COLUMNS = "document_id, published_on, agency_id, effective_on, expires_on, end_on, end_kind, amended_on"
_TERMINAL = "('expired', 'repealed', 'declared_invalid')"


def _first_end(document_id: str, column: str) -> str:
    """The `column` of the document's first terminal event, by date and then by record."""
    return (
        f"(SELECT e.{column} FROM {EVENTS_TABLE} e WHERE e.document_id = {document_id} "  # noqa: S608 - constant names
        f'AND e.kind IN {_TERMINAL} ORDER BY e."on", e.id LIMIT 1)'
    )


def _first_amended(document_id: str) -> str:
    return f"(SELECT min(e.\"on\") FROM {EVENTS_TABLE} e WHERE e.document_id = {document_id} AND e.kind = 'amended')"  # noqa: S608 - constant names


def _facts(row: str) -> str:
    """The facts of documents row `row`, in the order of _FACT_COLUMNS."""
    return (
        f"{row}.id, {row}.published_on, {row}.agency_id, {row}.effective_on, {row}.expires_on, "
        f"{_first_end(f'{row}.id', chr(34) + 'on' + chr(34))}, {_first_end(f'{row}.id', 'kind')}, "
        f"{_first_amended(f'{row}.id')}"
    )


def _refresh_events(document_id: str) -> str:
    return (
        f"UPDATE {FACTS_TABLE} SET end_on = {_first_end(document_id, chr(34) + 'on' + chr(34))}, "  # noqa: S608 - constant names
        f"end_kind = {_first_end(document_id, 'kind')}, amended_on = {_first_amended(document_id)} "
        f"WHERE document_id = {document_id}"
    )


_SQLITE_FACTS = [
    f"""CREATE TABLE IF NOT EXISTS {FACTS_TABLE} (
        document_id integer PRIMARY KEY, published_on date NOT NULL, agency_id integer,
        effective_on date, expires_on date, end_on date, end_kind varchar(20), amended_on date)""",
    f"CREATE INDEX IF NOT EXISTS documents_library_published_on ON {FACTS_TABLE} (published_on, document_id)",
    f"""CREATE TRIGGER IF NOT EXISTS documents_library_insert AFTER INSERT ON {DOCUMENTS_TABLE}
        WHEN new.published_on IS NOT NULL BEGIN
            INSERT OR REPLACE INTO {FACTS_TABLE} ({_FACT_COLUMNS}) SELECT {_facts("new")};
        END""",
    f"""CREATE TRIGGER IF NOT EXISTS documents_library_update
        AFTER UPDATE OF published_on, agency_id, effective_on, expires_on ON {DOCUMENTS_TABLE} BEGIN
            DELETE FROM {FACTS_TABLE} WHERE document_id = old.id;
            INSERT OR REPLACE INTO {FACTS_TABLE} ({_FACT_COLUMNS})
            SELECT {_facts("new")} WHERE new.published_on IS NOT NULL;
        END""",  # noqa: S608 - constant names
    f"""CREATE TRIGGER IF NOT EXISTS documents_library_delete AFTER DELETE ON {DOCUMENTS_TABLE} BEGIN
            DELETE FROM {FACTS_TABLE} WHERE document_id = old.id;
        END""",  # noqa: S608 - constant names
    f"""CREATE TRIGGER IF NOT EXISTS documents_library_event_insert AFTER INSERT ON {EVENTS_TABLE} BEGIN
            {_refresh_events("new.document_id")};
        END""",
    f"""CREATE TRIGGER IF NOT EXISTS documents_library_event_update AFTER UPDATE ON {EVENTS_TABLE} BEGIN
            {_refresh_events("old.document_id")};
            {_refresh_events("new.document_id")};
        END""",
    f"""CREATE TRIGGER IF NOT EXISTS documents_library_event_delete AFTER DELETE ON {EVENTS_TABLE} BEGIN
            {_refresh_events("old.document_id")};
        END""",
]

_PG_FACTS = [
    f"""CREATE TABLE IF NOT EXISTS {FACTS_TABLE} (
        document_id bigint PRIMARY KEY, published_on date NOT NULL, agency_id bigint,
        effective_on date, expires_on date, end_on date, end_kind varchar(20), amended_on date)""",
    f"CREATE INDEX IF NOT EXISTS documents_library_published_on ON {FACTS_TABLE} (published_on, document_id)",
    f"""CREATE OR REPLACE FUNCTION documents_library_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            DELETE FROM {FACTS_TABLE} WHERE document_id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.published_on IS NOT NULL THEN
            INSERT INTO {FACTS_TABLE} ({_FACT_COLUMNS}) SELECT {_facts("NEW")};
        END IF;
        RETURN NULL;
    END $$""",  # noqa: S608 - constant names
    f"""CREATE OR REPLACE FUNCTION documents_library_events() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            {_refresh_events("OLD.document_id")};
        END IF;
        IF TG_OP <> 'DELETE' THEN
            {_refresh_events("NEW.document_id")};
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION documents_library_events_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {FACTS_TABLE} SET end_on = NULL, end_kind = NULL, amended_on = NULL;
        RETURN NULL;
    END $$""",  # noqa: S608 - constant names
    f"DROP TRIGGER IF EXISTS documents_library_sync ON {DOCUMENTS_TABLE}",
    f"""CREATE TRIGGER documents_library_sync
        AFTER INSERT OR DELETE OR UPDATE OF published_on, agency_id, effective_on, expires_on
        ON {DOCUMENTS_TABLE} FOR EACH ROW EXECUTE FUNCTION documents_library_sync()""",
    f"DROP TRIGGER IF EXISTS documents_library_events ON {EVENTS_TABLE}",
    f"""CREATE TRIGGER documents_library_events AFTER INSERT OR DELETE OR UPDATE ON {EVENTS_TABLE}
        FOR EACH ROW EXECUTE FUNCTION documents_library_events()""",
    f"DROP TRIGGER IF EXISTS documents_library_events_truncate ON {EVENTS_TABLE}",
    f"""CREATE TRIGGER documents_library_events_truncate AFTER TRUNCATE ON {EVENTS_TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION documents_library_events_truncate()""",
]


def _fill_grams(connection: BaseDatabaseWrapper) -> None:
    """PostgreSQL: search_grams of every document that has a search_text and lacks them (rows
    written before the column existed, or copied from another database)."""
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                f"SELECT id, search_text FROM {DOCUMENTS_TABLE} "  # noqa: S608 - constant names
                "WHERE search_text <> '' AND search_grams = '' AND id > %s ORDER BY id LIMIT 500",
                [last],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            cursor.executemany(
                f"UPDATE {DOCUMENTS_TABLE} SET search_grams = %s WHERE id = %s",  # noqa: S608 - constant names
                [(grams(text), pk) for pk, text in rows],
            )


def rebuild_search_index(connection: BaseDatabaseWrapper) -> None:
    """Index every published document again."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('delete-all')")  # noqa: S608 - constant names, values as parameters
            cursor.execute(
                f"INSERT INTO {SEARCH_TABLE}(rowid, {_COLUMNS}) "  # noqa: S608 - constant names, values as parameters
                f"SELECT d.id, {_sqlite_values('d')} FROM {DOCUMENTS_TABLE} d WHERE d.search_text <> ''"
            )
        elif connection.vendor == "postgresql":
            _fill_grams(connection)
            cursor.execute(f"DELETE FROM {SEARCH_TABLE}")  # noqa: S608 - constant names, values as parameters
            cursor.execute(
                f"INSERT INTO {SEARCH_TABLE} ({_PG_COLUMNS}) "  # noqa: S608 - constant names, values as parameters
                f"SELECT {_pg_values('d')} FROM {DOCUMENTS_TABLE} d WHERE d.search_text <> ''"
            )
        else:
            return
        cursor.execute(f"DELETE FROM {FACTS_TABLE}")  # noqa: S608 - constant names
        cursor.execute(
            f"INSERT INTO {FACTS_TABLE} ({_FACT_COLUMNS}) "  # noqa: S608 - constant names
            f"SELECT {_facts('d')} FROM {DOCUMENTS_TABLE} d WHERE d.published_on IS NOT NULL"
        )


def install_search_index(connection: BaseDatabaseWrapper) -> None:
    """Create whatever part of the index is missing and index every document again (rows may
    have changed while the triggers were missing). Safe to run any number of times."""
    statements = {
        "sqlite": [*_SQLITE_INSTALL, *_SQLITE_FACTS],
        "postgresql": [*_PG_INSTALL, *_PG_FACTS],
    }.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    rebuild_search_index(connection)


def uninstall_search_index(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for trigger in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        elif connection.vendor == "postgresql":
            for table, triggers in PG_TRIGGERS.items():
                for trigger in triggers:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
            for function in PG_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}()")
        else:
            return
        cursor.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
        cursor.execute(f"DROP TABLE IF EXISTS {FACTS_TABLE}")


def reinstall_search_index(apps: object, schema_editor: object) -> None:
    """For RunPython in a migration that rebuilds the documents table on SQLite."""
    install_search_index(schema_editor.connection)  # type: ignore[attr-defined]


def missing_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """Index triggers the database lacks (a table rebuilt by a migration on SQLite drops them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            wanted = set(SQLITE_TRIGGERS)
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            wanted = {t for triggers in PG_TRIGGERS.values() for t in triggers}
        else:
            return set()
        present = {row[0] for row in cursor.fetchall()}
    return wanted - present


def ensure_search_index(connection: BaseDatabaseWrapper) -> bool:
    """Install the index when any trigger is missing; True when it had to. Run after every
    migrate, so that no migration can leave the library without its index."""
    if not missing_triggers(connection):
        return False
    install_search_index(connection)
    return True
