"""The receipt code (查询码) with which a complainant follows a complaint without an account.

Twenty characters of Crockford's base-32 alphabet drawn from `secrets`: 100 bits, so a code
cannot be guessed, and a wrong guess costs a rate-limited try (public_views.py). Only the
SHA-256 of the normalised code is stored, like an API token: whoever reads the database cannot
look a complaint up on the portal, and the code is shown once, when the complaint is filed.
Typing is forgiving: case, spaces and hyphens do not matter, and O, I and L read as 0, 1, 1.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
LENGTH = 20
GROUP = 4
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh code, grouped for reading aloud: XXXX-XXXX-XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalize(code: str) -> str | None:
    """The code as stored (20 characters of the alphabet), or None when it cannot be one."""
    text = "".join((code or "")[:64].split()).replace("-", "").upper().translate(_READ_AS)
    if len(text) != LENGTH or any(c not in ALPHABET for c in text):
        return None
    return text


def digest(code: str) -> str | None:
    """The SHA-256 stored for `code`, or None when it is not a well-formed code."""
    text = normalize(code)
    return hashlib.sha256(text.encode("ascii")).hexdigest() if text else None
