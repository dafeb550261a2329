"""The audit chain's outside witness: a signed, append-only file of daily heads (DOMAIN.md §9).

A chain whose only witness lives in its own database proves little against whoever runs that
database: delete every event and the head, or cut the tail and fix the head row, or rewrite an
event and recompute every hash after it, and the chain is consistent again. So each published
daily head is also written as one signed line of `FAZHI_AUDIT_HEADS_FILE` (format
fazhi-audit-heads-v1, see verify_heads.py), served at /transparency/heads.jsonl for anyone to
mirror. Each line is signed with an Ed25519 key kept in a file outside the database
(`FAZHI_AUDIT_KEY_FILE`, generated once like the secret key) and names the line before it,
so a line can be neither altered, removed nor reordered without the signature or the link
failing, and a mirror taken earlier shows any rewrite of the file itself.

`verify_witnessed` checks the stored chain against the local heads file and, with `against`,
against a mirrored copy (a path or an http(s) URL): every head published must still be the
hash of the event it counts; fewer events than a published count is a truncation; an empty
chain where heads were published is a failure, not `ok 0`.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import os
import urllib.request
from collections.abc import Callable
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from fazhi.core.audit import VerifyResult, verify_chain_and_heads
from fazhi.core.models import AuditEvent, PublishedChainHead
from fazhi.core.verify_heads import (
    FIRST_PREV,
    FORMAT,
    Head,
    HeadsError,
    canonical,
    check_lines,
    check_prefix,
    line_hash,
    public_key_bytes,
    signed_message,
    split_lines,
)

MAX_HEADS_BYTES = 64 * 1024 * 1024


# --- the key -------------------------------------------------------------------------------


def key_path() -> Path:
    return Path(settings.FAZHI_AUDIT_KEY_FILE)


def heads_path() -> Path:
    return Path(settings.FAZHI_AUDIT_HEADS_FILE)


def signing_key() -> Ed25519PrivateKey:
    """The platform's signing key, generated once into FAZHI_AUDIT_KEY_FILE (mode 0600)."""
    path = key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        # Written aside and linked into place: two processes starting at once keep one key,
        # and no reader ever sees a half-written file.
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} 不是 Ed25519 私钥")
    return key


def public_key_pem() -> str:
    return (
        signing_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def key_fingerprint(pem: str | None = None) -> str:
    """SHA-256 of the 32 raw key bytes, for people to note down and compare."""
    return hashlib.sha256(public_key_bytes(pem or public_key_pem())).hexdigest()


def _verifier(pem: str) -> Callable[[bytes, bytes], bool]:
    key = Ed25519PublicKey.from_public_bytes(public_key_bytes(pem))

    def verify(message: bytes, signature: bytes) -> bool:
        try:
            key.verify(signature, message)
        except InvalidSignature:
            return False
        return True

    return verify


# --- writing -------------------------------------------------------------------------------


def local_heads_text() -> str:
    path = heads_path()
    return path.read_text(encoding="utf-8") if path.exists() else ""


def append_signed_heads() -> int:
    """Append one signed line for each published day (PublishedChainHead) after the last day
    already in the heads file; returns how many. Lines are only ever appended: the file is
    opened for appending and locked, and an existing file that no longer verifies is refused
    rather than extended."""
    path = heads_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = signing_key()
    verify = _verifier(public_key_pem())
    with path.open("a+", encoding="utf-8", newline="") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        f.seek(0)
        lines = split_lines(f.read())
        heads = check_lines(lines, verify)
        rows = PublishedChainHead.objects.order_by("day")
        if heads:
            rows = rows.filter(day__gt=heads[-1].day)
        prev = line_hash(lines[-1]) if lines else FIRST_PREV
        new: list[str] = []
        for day, seq, digest in rows.values_list("day", "seq", "hash"):
            entry: dict[str, object] = {
                "count": seq,
                "day": day.isoformat(),
                "format": FORMAT,
                "head": digest,
                "n": len(lines) + len(new) + 1,
                "prev": prev,
            }
            entry["sig"] = base64.b64encode(key.sign(signed_message(entry))).decode("ascii")
            line = canonical(entry)
            new.append(line)
            prev = line_hash(line)
        if new:
            f.write("".join(line + "\n" for line in new))
            f.flush()
            os.fsync(f.fileno())
    return len(new)


# --- verifying -----------------------------------------------------------------------------


def read_source(source: str) -> str:
    """A mirrored heads file from a path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=30) as response:  # noqa: S310 - scheme checked above
            data = response.read(MAX_HEADS_BYTES + 1)
    else:
        data = Path(source).read_bytes()
    if len(data) > MAX_HEADS_BYTES:
        raise ValueError(f"{source} 超过 {MAX_HEADS_BYTES // (1024 * 1024)} MB")
    return data.decode("utf-8")


def check_chain_against(heads: list[Head], chain: VerifyResult, *, source: str) -> VerifyResult:
    """The stored chain (already verified as `chain`) against signed heads."""
    if not heads:
        return chain
    if chain.count == 0:
        last = heads[-1]
        return VerifyResult(
            False,
            0,
            chain.head,
            1,
            f"审计链为空，但{source}记载已公布 {len(heads)} 个链头（{last.day} 时已有 {last.count} 条事件）",
        )
    counts = sorted({head.count for head in heads})
    stored: dict[int, str] = {}
    for start in range(0, len(counts), 500):
        stored.update(
            AuditEvent.objects.filter(seq__in=counts[start : start + 500]).values_list("seq", "hash")
        )
    for head in heads:
        if head.count > chain.count:
            return VerifyResult(
                False,
                chain.count,
                chain.head,
                chain.count + 1,
                f"链尾被截去：{source}记载 {head.day} 时已有 {head.count} 条事件，现仅有 {chain.count} 条",
            )
        if stored.get(head.count) != head.head:
            return VerifyResult(
                False,
                chain.count,
                chain.head,
                head.count,
                f"历史被改写：第 {head.count} 号事件的哈希与{source}中 {head.day} 公布的链头不符",
            )
    published = {
        day.isoformat(): (seq, digest)
        for day, seq, digest in PublishedChainHead.objects.values_list("day", "seq", "hash")
    }
    for head in heads:
        if published.get(head.day) != (head.count, head.head):
            change = "被删除" if head.day not in published else "被改写"
            return VerifyResult(
                False, chain.count, chain.head, head.count, f"数据库中 {head.day} 的公布链头{change}"
            )
    return chain


def _heads_of(text: str, pem: str, source: str) -> tuple[list[str], list[Head]] | VerifyResult:
    try:
        lines = split_lines(text)
        return lines, check_lines(lines, _verifier(pem))
    except HeadsError as exc:
        where = f"第 {exc.line} 行：" if exc.line else ""
        return VerifyResult(False, 0, "", None, f"{source}{where}{exc.reason}")


def verify_witnessed(against: str | None = None, *, key_pem: str | None = None) -> tuple[VerifyResult, int]:
    """The chain (verify_chain_and_heads), then the local heads file, then the mirror.

    Returns the first failure or the chain's result, and how many signed heads were checked.
    `key_pem` is the public key the mirror is checked with (default: the platform's own).
    """
    chain = verify_chain_and_heads()
    if not chain.ok:
        return chain, 0
    own_pem = public_key_pem()
    local = _heads_of(local_heads_text(), own_pem, "本机链头文件")
    if isinstance(local, VerifyResult):
        return local, 0
    local_lines, local_heads = local
    result = check_chain_against(local_heads, chain, source="本机链头文件")
    if not result.ok or against is None:
        return result, len(local_heads)
    try:
        text = read_source(against)
    except (OSError, ValueError) as exc:
        return VerifyResult(False, chain.count, chain.head, None, f"无法读取 {against}：{exc}"), 0
    mirror = _heads_of(text, key_pem or own_pem, "链头副本")
    if isinstance(mirror, VerifyResult):
        return mirror, 0
    mirror_lines, mirror_heads = mirror
    result = check_chain_against(mirror_heads, chain, source="链头副本")
    if not result.ok:
        return result, len(mirror_heads)
    try:
        check_prefix(mirror_lines, local_lines)
    except HeadsError as exc:
        return VerifyResult(
            False, chain.count, chain.head, None, f"本机链头文件与副本不符（第 {exc.line} 行）：{exc.reason}"
        ), len(mirror_heads)
    return chain, len(mirror_heads)
