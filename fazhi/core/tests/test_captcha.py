from __future__ import annotations

import os
import struct
import subprocess
import sys
import tempfile
import zlib

import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.http import HttpRequest
from django.test import RequestFactory, SimpleTestCase, TestCase

from fazhi.core import captcha
from fazhi.core.captcha import CaptchaError, Challenge
from fazhi.core.ratelimit import RateLimit

NOON = "2026-06-16 12:00 +08:00"


def request(address: str = "192.0.2.1") -> HttpRequest:
    req = RequestFactory().post("/", REMOTE_ADDR=address)
    req.session = SessionStore()
    return req


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks of a PNG, each CRC checked."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    found, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        tag, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(tag + data), tag
        found.append((tag, data))
        pos += 12 + length
    return found


class PngTests(SimpleTestCase):
    def test_the_picture_is_a_valid_png_with_one_row_per_line(self) -> None:
        challenge = Challenge("k" * 16, 12, "+", 7, 0.0)
        found = chunks(captcha.render_png(challenge))
        self.assertEqual([tag for tag, _ in found], [b"IHDR", b"IDAT", b"IEND"])
        width, height, depth, colour, compression, filtering, interlace = struct.unpack(
            ">IIBBBBB", found[0][1]
        )
        self.assertEqual((depth, colour, compression, filtering, interlace), (8, 2, 0, 0, 0))
        raw = zlib.decompress(found[1][1])
        self.assertEqual(len(raw), height * (1 + 3 * width))
        self.assertTrue(all(raw[y * (1 + 3 * width)] == 0 for y in range(height)))
        # Ink was drawn: some pixels are much darker than the background.
        self.assertLess(min(raw), 100)

    def test_the_same_challenge_always_gives_the_same_picture(self) -> None:
        a = Challenge("same-key", 3, "×", 4, 0.0)
        b = Challenge("other-key", 3, "×", 4, 0.0)
        self.assertEqual(captcha.render_png(a), captcha.render_png(a))
        self.assertNotEqual(captcha.render_png(a), captcha.render_png(b))

    def test_every_character_of_an_expression_has_a_glyph(self) -> None:
        for op in captcha.OPERATIONS:
            self.assertTrue(set(Challenge("k", 29, op, 18, 0.0).expression) <= set(captcha.FONT))


class ChallengeTests(TestCase):
    def test_the_question_in_words_has_the_same_answer_as_the_picture(self) -> None:
        self.assertEqual(Challenge("k", 12, "+", 7, 0).question, "12 加 7 等于几？")
        self.assertEqual(Challenge("k", 12, "-", 7, 0).answer, 5)
        self.assertEqual(Challenge("k", 6, "×", 7, 0).expression, "6×7=?")
        self.assertEqual(Challenge("k", 6, "×", 7, 0).answer, 42)

    def test_answers_are_never_negative(self) -> None:
        req = request()
        for _ in range(200):
            self.assertGreaterEqual(captcha.new_challenge(req).answer, 1)

    @time_machine.travel(NOON, tick=False)
    def test_a_right_answer_is_accepted_once(self) -> None:
        req = request()
        challenge = captcha.new_challenge(req)
        captcha.check_answer(req, challenge.key, f" {challenge.answer} ")
        with self.assertRaisesMessage(CaptchaError, "已失效"):
            captcha.check_answer(req, challenge.key, str(challenge.answer))

    @time_machine.travel(NOON, tick=False)
    def test_a_wrong_answer_uses_up_the_question(self) -> None:
        req = request()
        for wrong in ("+1", "", "abc", "１２３４５６７", "-1"):
            with self.subTest(answer=wrong):
                challenge = captcha.new_challenge(req)
                if wrong == "+1":  # off by one from this question's own answer
                    wrong = str(challenge.answer + 1)
                with self.assertRaisesMessage(CaptchaError, "不正确"):
                    captcha.check_answer(req, challenge.key, wrong)
                self.assertIsNone(captcha.get_challenge(req, challenge.key))

    def test_an_answer_after_thirty_minutes_has_expired(self) -> None:
        req = request()
        with time_machine.travel(NOON, tick=False):
            challenge = captcha.new_challenge(req)
        with time_machine.travel("2026-06-16 12:29 +08:00", tick=False):
            self.assertIsNotNone(captcha.get_challenge(req, challenge.key))
        with time_machine.travel("2026-06-16 12:31 +08:00", tick=False):
            self.assertIsNone(captcha.get_challenge(req, challenge.key))
            with self.assertRaisesMessage(CaptchaError, "已过期"):
                captcha.check_answer(req, challenge.key, str(challenge.answer))

    def test_a_session_holds_at_most_five_questions(self) -> None:
        req = request()
        keys = [captcha.new_challenge(req).key for _ in range(7)]
        self.assertIsNone(captcha.get_challenge(req, keys[0]))
        self.assertIsNone(captcha.get_challenge(req, keys[1]))
        self.assertEqual(len(req.session[captcha.SESSION_KEY]), captcha.MAX_PENDING)
        self.assertEqual(
            captcha.answer_for(req.session, keys[-1]), captcha.get_challenge(req, keys[-1]).answer
        )  # type: ignore[union-attr]

    def test_another_sessions_key_is_unknown(self) -> None:
        challenge = captcha.new_challenge(request())
        with self.assertRaisesMessage(CaptchaError, "已失效"):
            captcha.check_answer(request(), challenge.key, str(challenge.answer))

    def test_a_tampered_session_value_is_ignored(self) -> None:
        req = request()
        req.session[captcha.SESSION_KEY] = {"x": {"a": "one", "op": "+", "b": 1, "at": 0}, "y": "junk"}
        self.assertIsNone(captcha.get_challenge(req, "x"))
        self.assertIsNone(captcha.get_challenge(req, "y"))
        captcha.new_challenge(req)
        req.session[captcha.SESSION_KEY] = ["not", "a", "dict"]
        self.assertIsNotNone(captcha.new_challenge(req))


class RateLimitTests(SimpleTestCase):
    def setUp(self) -> None:
        cache.clear()

    def test_the_limit_counts_per_address_within_the_window(self) -> None:
        limit = RateLimit("test", limit=2, window_seconds=60)
        first, other = request("192.0.2.1"), request("192.0.2.2")
        self.assertFalse(limit.exceeded(first))
        self.assertEqual([limit.hit(first), limit.hit(first)], [1, 2])
        self.assertTrue(limit.exceeded(first))
        self.assertFalse(limit.exceeded(other))
        self.assertEqual(limit.minutes, 1)

    def test_server_processes_share_one_count(self) -> None:
        """Under the production settings two processes (two gunicorn workers) count together."""
        script = (
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'fazhi.settings'); "
            "django.setup(); from django.test import RequestFactory; "
            "from fazhi.core.ratelimit import RateLimit; "
            "print(RateLimit('shared', limit=5, window_seconds=60).hit("
            "RequestFactory().post('/', REMOTE_ADDR='192.0.2.9')))"
        )
        with tempfile.TemporaryDirectory() as var:
            env = {**os.environ, "FAZHI_VAR_DIR": var, "FAZHI_SECRET_KEY": "x" * 50}
            env.pop("PYTEST_VERSION", None)
            env.pop("DJANGO_SETTINGS_MODULE", None)
            counts = [
                subprocess.run(  # noqa: S603 - our own interpreter and script
                    [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
                ).stdout.strip()
                for _ in range(2)
            ]
        self.assertEqual(counts, ["1", "2"])
