"""The audit chain's canonical JSON, and a model field that stores a value as exactly that text.

Canonical JSON is UTF-8 with sorted keys and no insignificant whitespace (DOMAIN.md §9): what
an event's hash covers. `CanonicalJSONField` keeps an event's data in a text column as its
canonical text, on SQLite and PostgreSQL alike (jsonb would reorder the keys and add spaces), so
that verifying the chain can hash the stored text as it is instead of decoding and re-encoding
every event (issue 16). Python sees the decoded value, as with a JSONField.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db import models

# Exactly what json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
# builds on every call, built once: verification encodes every event of the chain.
CANONICAL_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
# Its encoder of a string (with ensure_ascii=False: only quotes, backslashes and control
# characters escaped), for the verifiers that write an event's fields without a payload dict.
encode_string: Callable[[str], str] = json.encoder.encode_basestring  # type: ignore[attr-defined]


class CanonicalJSONField(models.JSONField):  # type: ignore[type-arg]
    """A JSON value in a plain text column, written as its canonical JSON text.

    Read back like a JSONField (the text decoded). The column is text on every database, so
    JSON lookups on it (`data__key`, `data__contains`) are refused (FieldError) on both:
    nothing queries inside an event's data.
    """

    def get_transform(self, name: str) -> Any:
        # No key transforms (`data__key`): they are JSON operators that a text column lacks on
        # PostgreSQL. Read the value and look inside it in Python.
        return models.Field.get_transform(self, name)

    def get_lookup(self, lookup_name: str) -> Any:
        # Only what compares the whole text; jsonb's containment and key tests do not apply.
        if lookup_name not in {"exact", "isnull", "in"}:
            return None
        return super().get_lookup(lookup_name)

    def get_internal_type(self) -> str:
        return "TextField"

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or hasattr(value, "as_sql"):
            return value
        return CANONICAL_ENCODER.encode(value)
