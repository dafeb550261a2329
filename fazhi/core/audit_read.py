"""Reading the stored audit chain as raw rows, fast, for verification (DOMAIN.md §9, issue 16).

Read with a plain cursor, not the ORM: the time is the UTC text the database formats (SQLite
stores it so; PostgreSQL is asked for it with `to_char`) and the data is its stored JSON text,
hashed as it is by the verifier where it is canonical. This skips the per-row field converters
and model machinery, which cost more than the hashing.

Keyset pages of `batch` events keep memory constant and each query short, holding no cursor
or transaction open across the whole chain. (A binary COPY was tried on PostgreSQL: psycopg
decodes its rows one Python call at a time, twice the client's time of a plain fetch.)

`iter_chain_raw` reads every text as its stored UTF-8 bytes, for the verifier's fast run
(`audit_fast.run_stored`), which hashes them without decoding most of them: SQLite's module
hands the bytes over when its text factory is `bytes`, and PostgreSQL's binary results hold a
text as its UTF-8 bytes, read as a bytea's. Decoding 1.2 million values was a quarter of the
verification's time on SQLite.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
from django.db import connection, models
from psycopg.types.string import ByteaBinaryLoader

from fazhi.core.models import AuditEvent

# The columns of AuditEvent that verification reads, in the order of a ChainRow.
CHAIN_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "verb",
    "object_type",
    "object_id",
    "from_status",
    "to_status",
    "data",
    "prev_hash",
    "hash",
)
ChainRow = tuple[Any, ...]
# PostgreSQL's types of the chain's texts (CharField is varchar, the data a text column).
_RAW_TEXT = ("text", "varchar")


def _column(name: str) -> str:
    return typing.cast(str, typing.cast(models.Field, AuditEvent._meta.get_field(name)).column)


def _select(*, raw: bool = False) -> str:
    quote = connection.ops.quote_name
    # Every chain field is a concrete column (actor_id the foreign key's).
    columns = [quote(_column(name)) for name in CHAIN_FIELDS]
    if connection.vendor == "postgresql":
        if raw:
            # The integers as int8; the time as SQLite stores it (ISO, UTC, microseconds unless
            # they are 0: such a row is read again as text). to_char would cost the server more
            # than the rest of the row. Every text comes as its bytes (`_RAW_TEXT`).
            columns[1] = f"({columns[1]} AT TIME ZONE 'UTC')::text"
            columns[0], columns[2] = f"{columns[0]}::int8", f"{columns[2]}::int8"
        else:
            columns[1] = f"to_char({columns[1]} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')"
    else:
        # An expression has no declared type, so sqlite3 hands the stored text back as it is
        # instead of parsing it into a datetime.
        columns[1] = f"CAST({columns[1]} AS TEXT)"
    seq = quote(_column("seq"))
    return (
        f"SELECT {', '.join(columns)} FROM {quote(AuditEvent._meta.db_table)} "  # noqa: S608 - names from the model
        f"WHERE {seq} > %s ORDER BY {seq} LIMIT %s"
    )


def iter_chain_rows(after: int = 0, batch: int = 5000) -> Iterator[ChainRow]:
    """The stored events after seq `after` as raw tuples (CHAIN_FIELDS), in sequence order."""
    sql = _select()

    def page(last: int) -> list[ChainRow]:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, batch])
            return cursor.fetchall()

    return _keyset(page, after)


def iter_chain_raw(after: int = 0, batch: int = 5000) -> Iterator[ChainRow]:
    """`iter_chain_rows` with every text as its stored UTF-8 bytes (None stays None)."""
    sql = _select(raw=True)
    connection.ensure_connection()
    raw_connection = connection.connection

    def page(last: int) -> list[ChainRow]:
        if connection.vendor == "postgresql":
            # A server-side binding cursor: binary results need one. In binary results a text
            # is its UTF-8 bytes, as a bytea is: read with bytea's loader, it stays bytes.
            with psycopg.Cursor(raw_connection) as cursor:
                for name in _RAW_TEXT:
                    cursor.adapters.register_loader(name, ByteaBinaryLoader)
                cursor.execute(sql, (last, batch), binary=True)
                return cursor.fetchall()
        factory = raw_connection.text_factory
        raw_connection.text_factory = bytes
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, [last, batch])
                return cursor.fetchall()
        finally:
            raw_connection.text_factory = factory

    return _keyset(page, after)


def _keyset(page: Callable[[int], list[ChainRow]], after: int) -> Iterator[ChainRow]:
    """Every row of the pages `page(last)` returns, each after the last seq of the one before."""
    last = after
    while rows := page(last):
        yield from rows
        last = rows[-1][0]
