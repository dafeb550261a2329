"""Abuse protection for the public comment form, without any network service: an arithmetic
challenge kept in the session (single use, with an expiry), drawn as a PNG by a tiny pure-Python
encoder, and a per-address rate limit in Django's cache.

The challenge has two equivalent forms: the picture (the visual route) and the same question in
words, "12 加 7 等于几？", which screen readers read aloud (the accessible route WCAG 2.1 asks
for, 1.1.1). Neither stops a determined program; together with the honeypot field and the
rate limit they keep casual form spam out of the record, which is all an offline check can do.
"""

from __future__ import annotations

import random
import secrets
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils import timezone

SESSION_KEY = "fazhi_decision_captcha"
# Long enough to write a comment; an expired challenge is replaced and the comment kept.
CAPTCHA_TTL_SECONDS = 30 * 60
# Challenges a session may hold at once (several tabs); the oldest is dropped beyond it.
MAX_PENDING = 5

OPERATIONS = {"+": "加", "-": "减", "×": "乘以"}


class CaptchaError(Exception):
    """The answer cannot be accepted; the message says why, in Chinese."""


@dataclass(frozen=True)
class Challenge:
    key: str
    a: int
    op: str
    b: int
    issued_at: float

    @property
    def answer(self) -> int:
        if self.op == "+":
            return self.a + self.b
        if self.op == "-":
            return self.a - self.b
        return self.a * self.b

    @property
    def question(self) -> str:
        """The accessible form, read aloud by screen readers."""
        return f"{self.a} {OPERATIONS[self.op]} {self.b} 等于几？"

    @property
    def expression(self) -> str:
        """What the picture shows."""
        return f"{self.a}{self.op}{self.b}=?"

    def expired(self, now: float | None = None) -> bool:
        now = timezone.now().timestamp() if now is None else now
        return now - self.issued_at > CAPTCHA_TTL_SECONDS

    def as_session(self) -> dict[str, Any]:
        return {"a": self.a, "op": self.op, "b": self.b, "at": self.issued_at}


def _pending(session: SessionBase) -> dict[str, dict[str, Any]]:
    value = session.get(SESSION_KEY)
    return dict(value) if isinstance(value, dict) else {}


def _from_session(key: str, data: Any) -> Challenge | None:
    try:
        challenge = Challenge(key, int(data["a"]), str(data["op"]), int(data["b"]), float(data["at"]))
    except (KeyError, TypeError, ValueError):
        return None
    return challenge if challenge.op in OPERATIONS else None


def new_challenge(request: HttpRequest) -> Challenge:
    """A fresh question, remembered in the session under a random key."""
    rng = secrets.SystemRandom()
    op = rng.choice(list(OPERATIONS))
    if op == "+":
        a, b = rng.randint(1, 20), rng.randint(1, 20)
    elif op == "-":
        a = rng.randint(6, 30)
        b = rng.randint(1, a - 1)
    else:
        a, b = rng.randint(2, 9), rng.randint(2, 9)
    challenge = Challenge(secrets.token_urlsafe(12), a, op, b, timezone.now().timestamp())
    pending = {
        k: v for k, v in _pending(request.session).items() if (c := _from_session(k, v)) and not c.expired()
    }
    pending[challenge.key] = challenge.as_session()
    # Dicts keep insertion order: the oldest challenges go first.
    request.session[SESSION_KEY] = dict(list(pending.items())[-MAX_PENDING:])
    return challenge


def get_challenge(request: HttpRequest, key: str) -> Challenge | None:
    """The unexpired challenge `key` of this session, or None."""
    challenge = _from_session(key, _pending(request.session).get(key))
    if challenge is None or challenge.expired():
        return None
    return challenge


def discard(request: HttpRequest, key: str) -> None:
    pending = _pending(request.session)
    if key in pending:
        del pending[key]
        request.session[SESSION_KEY] = pending


def check_answer(request: HttpRequest, key: str, answer: str) -> None:
    """Accept `answer` to challenge `key` once: the challenge is used up whatever the outcome,
    so that a second try (or a replayed form) needs a new question."""
    pending = _pending(request.session)
    data = pending.pop(key, None) if key else None
    request.session[SESSION_KEY] = pending
    challenge = _from_session(key, data) if data is not None else None
    if challenge is None:
        raise CaptchaError("验证题已失效（每道题只能作答一次），请回答下面的新题目")
    if challenge.expired():
        raise CaptchaError("验证题已过期，请回答下面的新题目")
    text = unicodedata.normalize("NFKC", answer or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 6) or int(text) != challenge.answer:
        raise CaptchaError("验证题答案不正确，请回答下面的新题目")


def answer_for(session: SessionBase, key: str) -> int | None:
    """The expected answer of a pending challenge: for tests, including browser tests, which
    read the session named by the browser's cookie."""
    challenge = _from_session(key, _pending(session).get(key))
    return challenge.answer if challenge else None


# ---------------------------------------------------------------------------------------------
# The picture: a 5×7 bitmap font scaled up, jittered, with noise lines and dots.

FONT: dict[str, tuple[str, ...]] = {
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11111", "00010", "00100", "00010", "00001", "10001", "01110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
    "+": ("00000", "00100", "00100", "11111", "00100", "00100", "00000"),
    "-": ("00000", "00000", "00000", "11111", "00000", "00000", "00000"),
    "×": ("00000", "10001", "01010", "00100", "01010", "10001", "00000"),
    "=": ("00000", "00000", "11111", "00000", "11111", "00000", "00000"),
    "?": ("01110", "10001", "00001", "00010", "00100", "00000", "00100"),
}
SCALE = 4
GLYPH_W, GLYPH_H = 5 * SCALE, 7 * SCALE
ADVANCE = GLYPH_W + 8
MARGIN = 12
HEIGHT = GLYPH_H + 2 * MARGIN + 8
BACKGROUND = (246, 247, 249)
# Dark inks, each above 7:1 contrast on the background.
INKS = [(28, 40, 64), (90, 20, 20), (20, 60, 40), (50, 30, 80)]


def _png(width: int, height: int, pixels: list[bytearray]) -> bytes:
    """An 8-bit RGB PNG (ISO/IEC 15948): signature, IHDR, one zlib IDAT, IEND."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    raw = b"".join(b"\x00" + bytes(row) for row in pixels)  # filter type 0 on every line
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def render_png(challenge: Challenge) -> bytes:
    """The challenge's expression as a picture. The noise is seeded by the key, so the same
    challenge always gives the same picture: averaging many downloads reveals nothing."""
    rng = random.Random(challenge.key)
    text = challenge.expression
    width = 2 * MARGIN + ADVANCE * len(text)
    pixels = [bytearray(BACKGROUND * width) for _ in range(HEIGHT)]

    def put(x: int, y: int, color: tuple[int, int, int]) -> None:
        if 0 <= x < width and 0 <= y < HEIGHT:
            pixels[y][3 * x : 3 * x + 3] = bytes(color)

    def line(x0: int, y0: int, x1: int, y1: int, color: tuple[int, int, int]) -> None:
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for i in range(steps + 1):
            put(round(x0 + (x1 - x0) * i / steps), round(y0 + (y1 - y0) * i / steps), color)

    for _ in range(4):
        grey = rng.randint(150, 200)
        line(0, rng.randrange(HEIGHT), width - 1, rng.randrange(HEIGHT), (grey, grey, grey + 20))
    for index, char in enumerate(text):
        ink = rng.choice(INKS)
        left = MARGIN + index * ADVANCE + rng.randint(-2, 2)
        top = MARGIN + rng.randint(-4, 8)
        slant = rng.choice((-1, 0, 0, 1))
        for row, bits in enumerate(FONT[char]):
            for col, bit in enumerate(bits):
                if bit != "1":
                    continue
                shift = slant * (3 - row)
                for dy in range(SCALE):
                    for dx in range(SCALE):
                        put(left + col * SCALE + dx + shift, top + row * SCALE + dy, ink)
    for _ in range(2):
        grey = rng.randint(110, 160)
        line(0, rng.randrange(HEIGHT), width - 1, rng.randrange(HEIGHT), (grey, grey, grey))
    for _ in range(width * HEIGHT // 40):
        grey = rng.randint(120, 220)
        put(rng.randrange(width), rng.randrange(HEIGHT), (grey, grey, grey))
    return _png(width, HEIGHT, pixels)


@dataclass(frozen=True)
class Screened:
    """What `screen` found: `status` 429 (too many posts) or 400 (the form or the challenge
    refused, the error placed on the form), `bot` when the hidden field was filled; neither when
    the post may go on to its action."""

    status: int | None = None
    bot: bool = False


def screen(request: HttpRequest, form: Any, *, submissions: Any, failures: Any, kept: str) -> Screened:
    """The checks every form the public posts without an account goes through, in one order:
    the rate limits (the input is kept, with the reason), the honeypot (a bot is answered as a
    person would be, and counted), the form's own validation, then the challenge. `kept` names
    what the person wrote ("意见", "内容") in the rate-limit message."""
    from django.utils.translation import gettext as _

    key = (request.POST.get("captcha_key") or "")[:64]
    if submissions.exceeded(request) or failures.exceeded(request):
        discard(request, key)
        limit = submissions if submissions.exceeded(request) else failures
        form.is_valid()
        form.errors.clear()
        form.add_error(
            None,
            _(
                "提交过于频繁：同一网络地址 %(minutes)d 分钟内最多提交 %(limit)d 次，请稍后再试。您填写的%(kept)s仍保留在下方。"
            )
            % {"minutes": limit.minutes, "limit": limit.limit, "kept": kept},
        )
        return Screened(status=429)
    if request.POST.get("website"):
        discard(request, key)
        submissions.hit(request)
        return Screened(bot=True)
    if not form.is_valid():
        discard(request, key)
        return Screened(status=400)
    try:
        check_answer(request, form.cleaned_data["captcha_key"], form.cleaned_data["captcha_answer"])
    except CaptchaError as exc:
        failures.hit(request)
        form.add_error("captcha_answer", str(exc))
        return Screened(status=400)
    return Screened()
