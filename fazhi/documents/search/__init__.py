"""Chinese full-text search without a word segmenter, exact for a query of any length: each
character of the text is indexed with the one after it, so that any query — 科, 备案,
实验动物管理条例, 津科规〔2021〕5号, API — matches exactly the documents that contain it.

`index_text` writes the text as pairs of adjacent characters (`pairs`: 科技创新 → 科_技 技_创
创_新 新_, the last character of a word paired with nothing), one line per part, the title
first; the database indexes them (search_text, migration 0005: an FTS5 table on SQLite, a GIN
index on PostgreSQL). A query of one character is every pair that begins with it; of two, one
pair; a longer one, its pairs next to each other (`parse_query`). `highlight`/`snippet` mark
the matches in the original text. The SQL of a search is in `matches`, the library's
filters around it in `library.py`.

A term is a run of anything but white space: the documents that match are exactly those whose
title, number or body contains every term (`contains`, which the tests hold the index to).
Latin letters match in either case; nothing else is folded.

A package: `text` (pairs, queries, marks), `index` (the tables and triggers of both
databases) and `matches` (the SQL of one search: its count and its page, best first); the
names are re-exported here."""

from fazhi.documents.search.index import (
    DOCUMENTS_TABLE,
    EVENTS_TABLE,
    FACTS_TABLE,
    PG_FUNCTIONS,
    PG_TRIGGERS,
    SEARCH_TABLE,
    SQLITE_TRIGGERS,
    ensure_search_index,
    grams,
    install_search_index,
    missing_triggers,
    rebuild_search_index,
    reinstall_search_index,
    search_fields,
    uninstall_search_index,
)
from fazhi.documents.search.matches import Index, index_for, index_plans
from fazhi.documents.search.text import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    SearchQuery,
    contains,
    fold,
    highlight,
    index_line,
    index_text,
    pairs,
    parse_query,
    snippet,
    word_tokens,
)

__all__ = [
    "DOCUMENTS_TABLE",
    "EVENTS_TABLE",
    "FACTS_TABLE",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "PG_FUNCTIONS",
    "PG_TRIGGERS",
    "SEARCH_TABLE",
    "SQLITE_TRIGGERS",
    "Index",
    "SearchQuery",
    "contains",
    "ensure_search_index",
    "fold",
    "grams",
    "highlight",
    "index_for",
    "index_line",
    "index_plans",
    "index_text",
    "install_search_index",
    "missing_triggers",
    "pairs",
    "parse_query",
    "rebuild_search_index",
    "reinstall_search_index",
    "search_fields",
    "snippet",
    "uninstall_search_index",
    "word_tokens",
]
