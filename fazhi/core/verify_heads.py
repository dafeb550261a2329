#!/usr/bin/env python3
"""Verify the signed daily heads of Fazhi's audit chain (format fazhi-audit-heads-v1).

    python verify_heads.py heads.jsonl --key heads-key.pem [--previous my-older-copy.jsonl]

Anyone can run this file with nothing but Python 3.9 or later: it uses only the standard
library (Ed25519 signatures are checked with the reference algorithm of RFC 8032) and imports
nothing from the platform. It exits 0 only when every line is signed by the key, every line
names the one before it, and — with --previous — the file still begins with every line of the
older copy, unchanged: nothing published was removed, rewritten or reordered since.

任何人均可用本文件独立核验链头公示文件：仅依赖 Python 标准库。每一行都由公布的公钥签名、
每一行都记有上一行的哈希；给出 --previous（您以前保存的副本）时，还核对以前公布的每一行
仍原样保留在新文件的开头。全部一致时退出码为 0，否则指出第一处问题并以 1 退出。

The file: one line per published day, in the order published, each a JSON object in canonical
form (UTF-8, keys sorted, no whitespace):

    {"count": N, "day": "YYYY-MM-DD", "format": "fazhi-audit-heads-v1", "head": "<hex>",
     "n": <line number from 1>, "prev": "<hex>", "sig": "<base64>"}

count  the number of events in the chain at the end of that day (the last event's number);
head   that event's hash, SHA-256(previous hash + "\\n" + canonical JSON of the event);
prev   SHA-256 hex of the previous line's UTF-8 text (64 zeros for the first line);
sig    Ed25519 signature of the canonical JSON of the other fields.

Days increase strictly and counts never decrease. The platform's operators (and anyone they let
in) check their records against a copy with `fazhi audit verify --against FILE_OR_URL`.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

FORMAT = "fazhi-audit-heads-v1"
FIRST_PREV = "0" * 64
FIELDS = {"count", "day", "format", "head", "n", "prev", "sig"}
# DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the 32 key bytes follow it.
SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")

# --- Ed25519 verification, RFC 8032 section 6 ---------------------------------------------

_P = 2**255 - 19
_D = -121665 * pow(121666, -1, _P) % _P
_Q = 2**252 + 27742317777372353535851937790883648493
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)
Point = tuple[int, int, int, int]


def _add(a: Point, b: Point) -> Point:
    x = (a[1] - a[0]) * (b[1] - b[0]) % _P
    y = (a[1] + a[0]) * (b[1] + b[0]) % _P
    c = 2 * a[3] * b[3] * _D % _P
    d = 2 * a[2] * b[2] % _P
    e, f, g, h = y - x, d - c, d + c, y + x
    return (e * f, g * h, f * g, e * h)


def _mul(s: int, point: Point) -> Point:
    result: Point = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            result = _add(result, point)
        point = _add(point, point)
        s >>= 1
    return result


def _equal(a: Point, b: Point) -> bool:
    return (a[0] * b[2] - b[0] * a[2]) % _P == 0 and (a[1] * b[2] - b[1] * a[2]) % _P == 0


def _recover_x(y: int, sign: int) -> int | None:
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, -1, _P) % _P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


def _decompress(data: bytes) -> Point | None:
    if len(data) != 32:
        return None
    y = int.from_bytes(data, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    if x is None:
        return None
    return (x, y, 1, x * y % _P)


_GY = 4 * pow(5, -1, _P) % _P
_GX = _recover_x(_GY, 0) or 0
_G: Point = (_GX, _GY, 1, _GX * _GY % _P)


def ed25519_verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    if len(public_key) != 32 or len(signature) != 64:
        return False
    a = _decompress(public_key)
    r = _decompress(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= _Q:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public_key + message).digest(), "little") % _Q
    return _equal(_mul(s, _G), _add(r, _mul(h, a)))


# --- the heads file ------------------------------------------------------------------------


def canonical(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def signed_message(entry: dict[str, Any]) -> bytes:
    return canonical({k: v for k, v in entry.items() if k != "sig"}).encode("utf-8")


def line_hash(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def public_key_bytes(text: str) -> bytes:
    """The 32 key bytes from a PEM public key (as published) or from 64 hex characters."""
    text = text.strip()
    if text.startswith("-----BEGIN PUBLIC KEY-----"):
        body = "".join(line for line in text.splitlines() if not line.startswith("-----"))
        der = base64.b64decode(body)
        if len(der) != 44 or not der.startswith(SPKI_PREFIX):
            raise ValueError("not an Ed25519 public key")
        return der[len(SPKI_PREFIX) :]
    raw = bytes.fromhex(text)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return raw


@dataclass(frozen=True)
class Head:
    n: int
    day: str
    count: int
    head: str
    line: str


class HeadsError(Exception):
    """The first problem found, with the line it is on (0: the file as a whole)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}" if line else reason)
        self.line = line
        self.reason = reason


Verifier = Callable[[bytes, bytes], bool]


def check_lines(lines: Sequence[str], verify: Verifier) -> list[Head]:
    """Every line well formed, signed (verify(message, signature)), linked and in order."""
    heads: list[Head] = []
    prev = FIRST_PREV
    for number, line in enumerate(lines, start=1):
        try:
            entry = json.loads(line)
        except ValueError:
            raise HeadsError(number, "不是有效的 JSON / not valid JSON") from None
        if not isinstance(entry, dict) or set(entry) != FIELDS or canonical(entry) != line:
            raise HeadsError(number, "格式不符 / not in the canonical fazhi-audit-heads-v1 form")
        if entry["format"] != FORMAT:
            raise HeadsError(number, f"未知格式 / unknown format {entry['format']!r}")
        if entry["n"] != number:
            raise HeadsError(number, f"行号应为 {number} / numbered {entry['n']}, expected {number}")
        try:
            signature = base64.b64decode(entry["sig"], validate=True)
        except (binascii.Error, TypeError):
            signature = b""
        if not verify(signed_message(entry), signature):
            raise HeadsError(number, "签名无效 / the signature does not verify with this key")
        if entry["prev"] != prev:
            raise HeadsError(number, "与上一行不衔接 / does not name the line before it")
        if not isinstance(entry["count"], int) or not isinstance(entry["head"], str):
            raise HeadsError(number, "格式不符 / count or head of the wrong type")
        if heads and entry["day"] <= heads[-1].day:
            raise HeadsError(number, "日期未递增 / days do not increase")
        if heads and entry["count"] < heads[-1].count:
            raise HeadsError(number, "事件数减少 / the count went down")
        heads.append(Head(number, entry["day"], entry["count"], entry["head"], line))
        prev = line_hash(line)
    return heads


def split_lines(text: str) -> list[str]:
    """The file's lines; a file is empty or every line ends with a newline."""
    if text and not text.endswith("\n"):
        raise HeadsError(0, "文件末行不完整 / the last line is cut off")
    return text.split("\n")[:-1] if text else []


def check_prefix(older: Sequence[str], newer: Sequence[str]) -> None:
    """Nothing published in the older copy was removed, rewritten or reordered in the newer."""
    if len(newer) < len(older):
        raise HeadsError(
            len(newer) + 1, f"新文件少了以前公布的行 / {len(older) - len(newer)} published line(s) removed"
        )
    for number, old in enumerate(older, start=1):
        if newer[number - 1] != old:
            raise HeadsError(number, "以前公布的行被改写 / a line published before was rewritten")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verify Fazhi's signed daily audit-chain heads.")
    parser.add_argument("heads", help="the heads file (heads.jsonl)")
    parser.add_argument("--key", required=True, help="the published public key (heads-key.pem)")
    parser.add_argument("--previous", help="an older copy of the heads file that you kept")
    args = parser.parse_args(argv)
    try:
        with open(args.key, encoding="ascii") as f:
            key = public_key_bytes(f.read())
        with open(args.heads, encoding="utf-8", newline="") as f:
            lines = split_lines(f.read())
        heads = check_lines(lines, lambda message, signature: ed25519_verify(key, message, signature))
        if args.previous:
            with open(args.previous, encoding="utf-8", newline="") as f:
                older = split_lines(f.read())
            check_lines(older, lambda message, signature: ed25519_verify(key, message, signature))
            check_prefix(older, lines)
    except (OSError, ValueError, HeadsError) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    if not heads:
        print("ok 0 lines (nothing published yet)")
    else:
        last = heads[-1]
        print(f"ok {len(heads)} lines, last {last.day}: {last.count} events, head {last.head}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
