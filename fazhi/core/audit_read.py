"""Reading the stored audit chain as raw rows, fast, for verification (DOMAIN.md §9, issue 16).

Read with a plain cursor, not the ORM: the time is the UTC text the database formats (SQLite
stores it so; PostgreSQL is asked for it with `to_char`) and the data is its stored JSON text,
hashed as it is by the verifier where it is canonical. This skips the per-row field converters
and model machinery, which cost more than the hashing.

Keyset pages of `batch` events keep memory constant and each query short, holding no cursor
or transaction open across the whole chain. (A binary COPY was tried on PostgreSQL: psycopg
decodes its rows one Python call at a time, twice the client's time of a plain fetch.)
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from django.db import connection, models

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


def _column(name: str) -> str:
    return typing.cast(str, typing.cast(models.Field, AuditEvent._meta.get_field(name)).column)


def _select() -> str:
    quote = connection.ops.quote_name
    # Every chain field is a concrete column (actor_id the foreign key's).
    columns = [quote(_column(name)) for name in CHAIN_FIELDS]
    if connection.vendor == "postgresql":
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
    last = after
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, batch])
            rows = cursor.fetchall()
        if not rows:
            return
        yield from rows
        last = rows[-1][0]
