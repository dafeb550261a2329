"""The canonical bytes of a stored audit event, fast: what `audit.row_json` builds with the
standard library's json, built by orjson in one call (issue 16: verifying 100,000 events near
the speed of SHA-256 itself).

The standard library stays the reference. The verifier hashes these bytes first and, only when
they do not give the stored hash or cannot be built (`None`), hashes `row_json`'s. So a chain
verifies exactly as it would with the reference alone:

- A match here means orjson's encoding of the decoded data is the original canonical text S.
  Both decoders read S to the same value (valid JSON; no NaN, which orjson refuses, and no
  integer of 20 digits or more, which orjson reads as a float and which is sent to the
  reference unread, below); both read the stored text to the same value too (they agree on
  valid JSON: the same escapes, the last of repeated keys, the same rounding); so the reference
  would rebuild S from the stored text and match as well.
- orjson's output was checked byte for byte against `json.dumps(ensure_ascii=False,
  sort_keys=True, separators=(",", ":"))` for strings (escapes, control characters, astral
  characters, U+2028), keys in code-point order and floats; where it differs (an exponent such
  as 1.5e-7, written 1.5e-07 by Python), the bytes do not match and the reference decides.

Since migration core 0010 the data is stored as its canonical text (`CanonicalJSONField`), so
the first bytes tried take the stored text as it is (`stored=True`), unread. A match then means
the stored text is exactly S's data, whatever it holds: every other part is well formed and
pins the data's two ends. From the left, the actor (a JSON string, which ends at its first
unescaped quote), the actor's id (digits or null, followed by a comma) and the time (32
characters) put the data's start where S's is. From the right, each of the six fields after
the data is a JSON string or digits led by its key, and a JSON string cannot hold an unescaped
`,"key":`, so each ends and starts where S's does, and the data ends where S's does. That text
is the canonical JSON of the event's data, which the reference decodes and encodes back to
itself. Text written before that migration, or by anything else, is decoded and re-encoded as
above.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

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
    row: tuple[Any, ...],
    utc_text: Callable[[Any], str],
    strings: dict[str, bytes] | None = None,
    *,
    stored: bool = False,
) -> bytes | None:
    """The canonical JSON of a raw chain row (`audit.CHAIN_FIELDS`) as UTF-8, or None where only
    the reference encoder can say. `strings` keeps the JSON of the names, verbs and statuses
    that recur from event to event, and the ids of records with several events (one dict per
    verification). With `stored`, the data's stored text is taken as it is (see above)."""
    seq, at, actor_id, actor_name, verb, object_type, object_id, from_status, to_status, data, _, _ = row
    if strings is None:
        strings = {}
    try:
        if data is None:
            data_json = b"null"
        elif data == "{}":
            data_json = b"{}"
        elif stored:
            data_json = data.encode()
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
