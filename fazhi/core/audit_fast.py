"""Verifying the audit chain fast (issue 16: 100,000 events near the speed of SHA-256 itself),
with the standard library's `audit.row_json` as the reference: every verdict is the one the
reference alone would give. Two fast ways, tried in turn before the reference:

1. `run_stored`: the event's data is hashed as its stored text, unread. Since migration core
   0010 the data is stored as its canonical text (`CanonicalJSONField`), so this is the way an
   ordinary chain is verified. Its other fields are encoded as the reference encodes them (the
   same `json` string encoder, each string once per run). A match means the bytes are the
   original canonical text S, and so the stored data is exactly S's data, whatever it holds:
   every other part is well formed and pins the data's two ends. From the left, the actor (a
   JSON string, which ends at its first unescaped quote), the actor's id (an int or null,
   followed by a comma) and the time (32 characters) put the data's start where S's is. From
   the right, each of the six fields after the data is a JSON string or an int led by its key,
   and a JSON string cannot hold an unescaped `,"key":`, so each ends and starts where S's
   does, and the data ends where S's does. That text is the canonical JSON of the event's
   data, which the reference decodes and encodes back to itself.
2. `payload_bytes`, for data stored in another form (before that migration, or rewritten): the
   data decoded and re-encoded by orjson in one call. A match means orjson's encoding of the
   decoded data is S. Both decoders read S to the same value (valid JSON; no NaN, which orjson
   refuses, and no integer of 20 digits or more, which orjson reads as a float and which is
   sent to the reference unread, below); both read the stored text to the same value too (they
   agree on valid JSON: the same escapes, the last of repeated keys, the same rounding); so the
   reference would rebuild S from the stored text and match as well. orjson's output was
   checked byte for byte against `json.dumps(ensure_ascii=False, sort_keys=True,
   separators=(",", ":"))` for strings (escapes, control characters, astral characters,
   U+2028), keys in code-point order and floats; where it differs (an exponent such as 1.5e-7,
   written 1.5e-07 by Python), the bytes do not match and the reference decides.

Neither way ever says an event is broken: a miss, or anything unusual in a row, goes on to
the next way, and the reference has the last word.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import orjson

from fazhi.core.models.canonical import encode_string

_SORT_KEYS = orjson.OPT_SORT_KEYS
_dumps, _loads = orjson.dumps, orjson.loads
_KEEP = 50_000
# audit._ROW_JSON as bytes: the payload's keys in sorted order, the values filled in.
_ROW_JSON = (
    b'{"actor":%b,"actor_id":%b,"at":"%b","data":%b,"from_status":%b,"object_id":%b,'
    b'"object_type":%b,"seq":%d,"to_status":%b,"verb":%b}'
)


def _encoded(strings: dict[str, bytes], text: str) -> bytes:
    if type(text) is not str:  # a JSON string only: anything else is the reference's to judge
        raise TypeError(text)
    if len(strings) >= _KEEP:  # bounded over a chain of millions of records
        strings.clear()
    encoded = strings[text] = _dumps(text)
    return encoded


def payload_bytes(
    row: tuple[Any, ...], utc_text: Callable[[Any], str], strings: dict[str, bytes] | None = None
) -> bytes | None:
    """The canonical JSON of a raw chain row (`audit.CHAIN_FIELDS`) as UTF-8, the data decoded
    and re-encoded (way 2), or None where only the reference encoder can say. `strings` keeps
    the JSON of the names, verbs and statuses that recur from event to event, and the ids of
    records with several events (one dict per verification)."""
    seq, at, actor_id, actor_name, verb, object_type, object_id, from_status, to_status, data, _, _ = row
    if strings is None:
        strings = {}
    try:
        if data is None:
            data_json = b"null"
        elif data == "{}":
            data_json = b"{}"
        else:
            data_json = _dumps(_loads(data), option=_SORT_KEYS)
            # An integer beyond 64 bits in the stored text became a float, written with an exponent.
            if b"e+" in data_json:
                return None
        # The stored forms `audit.utc_text` rewrites without parsing, here without a call.
        if len(at) == 26 and at[10] == " ":
            at_text = f"{at[:10]}T{at[11:]}+00:00"
        elif len(at) == 32 and at[10] == "T" and at.endswith("+00:00"):
            at_text = at
        else:
            at_text = utc_text(at)
        # The JSON of a string is never empty, so `or` tells a miss.
        get = strings.get
        actor = get(actor_name) or _encoded(strings, actor_name)
        from_json = get(from_status) or _encoded(strings, from_status)
        id_json = get(object_id) or _encoded(strings, object_id)
        type_json = get(object_type) or _encoded(strings, object_type)
        to_json = get(to_status) or _encoded(strings, to_status)
        verb_json = get(verb) or _encoded(strings, verb)
        return _ROW_JSON % (
            actor,
            b"null" if actor_id is None else b"%d" % actor_id,
            at_text.encode(),
            data_json,
            from_json,
            id_json,
            type_json,
            seq,
            to_json,
            verb_json,
        )
    except (orjson.JSONDecodeError, TypeError, UnicodeEncodeError):
        return None


RawRows = Iterator[tuple[Any, ...]]
# "YYYY-MM-DD HH:MM:SS[.f…]" by its length: what completes its fraction to six digits. SQLite
# holds six digits, or none at a whole second; PostgreSQL's text drops the fraction's trailing
# zeros. Always 32 characters once written out, whatever the stored text holds.
_NO_FRACTION = b".000000"
_FRACTION_PAD = {19: _NO_FRACTION, 21: b"00000", 22: b"0000", 23: b"000", 24: b"00", 25: b"0", 26: b""}


def run_stored(
    rows: RawRows, prev: str, count: int, published: dict[int, tuple[Any, str]], strings: dict[bytes, bytes]
) -> tuple[tuple[Any, ...] | None, str, int]:
    """Way 1 over rows as `audit_read.iter_chain_raw` reads them (`audit.CHAIN_FIELDS`, every
    text as its stored UTF-8 bytes) in sequence order: consume them while each is the next in
    sequence, names `prev` as its previous hash and gives its stored hash from its stored data
    text (and, for a published head, the published hash). Returns the first row that does not
    (None at the end), with the hash and sequence number reached before it. `strings` keeps
    the JSON of recurring strings for the whole verification."""
    sha256, get, join = hashlib.sha256, strings.get, b"".join
    prev_bytes = prev.encode()
    for row in rows:
        (
            seq,
            at,
            actor_id,
            actor_name,
            verb,
            object_type,
            object_id,
            from_status,
            to_status,
            data,
            prev_hash,
            digest,
        ) = row
        if seq != count + 1 or prev_hash != prev_bytes or type(data) is not bytes:
            break
        if actor_id is not None and type(actor_id) is not int:
            break
        # The stored forms `audit.utc_text` rewrites without parsing; any other goes on.
        if type(at) is not bytes:
            break
        pad = _FRACTION_PAD.get(len(at))
        if pad is not None and at[10:11] == b" " and (pad is _NO_FRACTION or at[19:20] == b"."):
            at = b"%bT%b%b+00:00" % (at[:10], at[11:], pad)
        elif not (len(at) == 32 and at[10:11] == b"T" and at.endswith(b"+00:00")):
            break
        try:
            # The JSON of a string is never empty, so `or` tells a miss.
            line = join(
                (
                    prev_bytes,
                    b'\n{"actor":',
                    get(actor_name) or _string(strings, actor_name),
                    b',"actor_id":',
                    b"null" if actor_id is None else b"%d" % actor_id,
                    b',"at":"',
                    at,
                    b'","data":',
                    data,
                    b',"from_status":',
                    get(from_status) or _string(strings, from_status),
                    b',"object_id":',
                    get(object_id) or _string(strings, object_id),
                    b',"object_type":',
                    get(object_type) or _string(strings, object_type),
                    b',"seq":',
                    b"%d" % seq,
                    b',"to_status":',
                    get(to_status) or _string(strings, to_status),
                    b',"verb":',
                    get(verb) or _string(strings, verb),
                    b"}",
                )
            )
        except (TypeError, UnicodeDecodeError):  # not text; not UTF-8
            break
        if sha256(line).hexdigest().encode() != digest:
            break
        if seq in published and published[seq][1].encode() != digest:
            break
        prev_bytes, count = digest, seq
    else:
        return None, prev_bytes.decode(), count
    return row, prev_bytes.decode(), count


def _string(strings: dict[bytes, bytes], text: Any) -> bytes:
    """The JSON of a stored string, as the reference encodes it."""
    if type(text) is not bytes:  # text only: anything else is the reference's to judge
        raise TypeError(text)
    if len(strings) >= _KEEP:  # bounded over a chain of millions of records
        strings.clear()
    encoded = strings[text] = encode_string(text.decode()).encode()
    return encoded
