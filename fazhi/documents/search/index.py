"""The database side of the search: the derived tables and the triggers that keep them in step
with the documents (an FTS5 table on SQLite, a GIN-indexed table on PostgreSQL, and the facts
of each published document), their installation and their rebuild."""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

from fazhi.documents.search.text import index_text

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
# The title's own column lets a query ask for the documents whose title holds every term
# (search.matches ranks them first). Contentless rather than
# external content over a view: a view naming the documents table makes SQLite refuse the
# copy-and-rename by which Django alters a column there.
#
# PostgreSQL: a tsvector keeps at most 256 positions of a word and none past 16,383, so
# phrases cannot be checked by it in a long text. The table `documents_search` (document_id,
# published_on, agency_id, title, tsv) holds instead, in tsv, every token and every pair of the
# document, without positions, with a GIN index: a term of one or two characters is then
# answered exactly by the index; a longer one by its pairs, and the documents that have them
# all are checked for the term itself in their title, number and body (`strpos`, in the same
# query). The
# words of tsv are computed in Python (`search_fields`, into NormativeDocument.search_grams —
# in SQL it costs 2 ms a document) and sorted as a tsvector sorts them. tsv also holds the
# blocks of ids the document is in (`id_block_tokens`: #i<id >> 10> and #j<id >> 14>, which no
# text yields), so that the GIN index answers "among the ids from N" too: the window of a
# search (search.matches) reads only its own rows, where intersecting the GIN bitmap with the
# primary key's is a choice the planner does not make (it reads every row of the range and
# checks its tsv, out of line: 5 µs a row). `title` (the title's pairs) ranks the window: a
# document whose title holds every term comes first. No other index on the table but the
# primary key, so that the GIN bitmap is the only way in (the year and the issuing body are
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


# PostgreSQL: the blocks of document ids named in tsv, small and large (bits of the id below
# the block number, and the token's prefix).
ID_BLOCKS = ((10, "#i"), (14, "#j"))


def id_block_tokens(low: int, high: int) -> list[str]:
    """The fewest block tokens whose blocks cover every id from `low` to `high` (and maybe a
    few ids around them: the caller checks the ids themselves)."""
    (small, small_prefix), (large, large_prefix) = ID_BLOCKS
    tokens: list[str] = []
    n = max(0, low)
    while n <= high:
        if n % (1 << large) == 0 and n + (1 << large) - 1 <= high:
            tokens.append(f"{large_prefix}{n >> large}")
            n += 1 << large
        else:
            tokens.append(f"{small_prefix}{n >> small}")
            n = ((n >> small) + 1) << small
    return tokens


def _pg_values(row: str) -> str:
    """document_id, published_on, agency_id, title, tsv of documents row `row`."""
    blocks = ", ".join(f"'{prefix}' || ({row}.id >> {bits})" for bits, prefix in ID_BLOCKS)
    return (
        f"{row}.id, {row}.published_on, {row}.agency_id, split_part({row}.search_text, E'\\n', 1), "
        f"array_to_tsvector(string_to_array({row}.search_grams, ' ') || ARRAY[{blocks}])"
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
    # A department's list (?dept=, issue 12): its newest first, and its count, from the index.
    f"CREATE INDEX IF NOT EXISTS documents_library_agency ON {FACTS_TABLE} (agency_id, published_on, document_id)",
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
    # A department's list (?dept=, issue 12): its newest first, and its count, from the index.
    f"CREATE INDEX IF NOT EXISTS documents_library_agency ON {FACTS_TABLE} (agency_id, published_on, document_id)",
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
