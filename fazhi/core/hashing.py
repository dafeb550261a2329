"""The SHA-256 of a text, as every app records it (issue 15: the published text is the reviewed
text). Over the text's UTF-8 bytes, exactly as stored: what `sha256sum` prints for the file
the public pages offer."""

from __future__ import annotations

import hashlib


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
