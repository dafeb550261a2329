"""The library's search is exact: over a generated corpus of Chinese text mixed with Latin
words, digits, punctuation and document numbers, every query of 1 to 10 characters finds
exactly the documents whose title, number or body contains it — what a plain substring scan
finds — and a query found nowhere finds nothing. On the database the suite runs on; the class
marked `postgres` runs the same on PostgreSQL (CI, with DATABASE_URL)."""

from __future__ import annotations

import datetime
import random
from unittest import mock

import pytest
from django.db import connection
from django.test import TestCase

from fazhi.core.models import Organization, User
from fazhi.documents import library
from fazhi.documents.models import NormativeDocument
from fazhi.documents.search import contains, matches, parse_query, search_fields

# A small alphabet, so that short queries hit many documents and long ones a few.
CHINESE = "科技创新备案审查实验动物管理条例法规办市局天津号第条"
LATIN = "APIapiXyz"
DIGITS = "0123456789"
PUNCTUATION = "，。、《》〔〕（）()-.:"
SPACES = [" ", "\u3000", "\n"]


def _piece(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.65:
        return "".join(rng.choice(CHINESE) for _ in range(rng.randint(1, 6)))
    if roll < 0.75:
        return "".join(rng.choice(LATIN) for _ in range(rng.randint(1, 4)))
    if roll < 0.83:
        return str(rng.randint(0, 3000))
    if roll < 0.93:
        return rng.choice(PUNCTUATION)
    if roll < 0.97:
        return rng.choice(SPACES)
    return f"津科规〔{rng.randint(2019, 2023)}〕{rng.randint(1, 12)}号"


def _text(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    parts: list[str] = []
    while sum(map(len, parts)) < target:
        parts.append(_piece(rng))
    return "".join(parts)


class ExactSearchTests(TestCase):
    SEED = 20261207
    DOCUMENTS = 160

    @classmethod
    def setUpTestData(cls) -> None:
        rng = random.Random(cls.SEED)
        agency = Organization.objects.create(name="天津市科学技术局", code="exact-tjkjj", kind="agency")
        author = User.objects.create(username="exact-drafter")
        documents = []
        for i in range(cls.DOCUMENTS):
            title = _text(rng, 6, 24)
            number = f"津科规〔{2019 + i % 5}〕{i % 12 + 1}号"
            body = _text(rng, 20, 400)
            if i == 0:  # longer than a tsvector's positions reach (16,383)
                body = _text(rng, 20_000, 20_000) + "兽医" + body
            published_on = datetime.date(2019 + i % 5, 1 + i % 12, 1 + i % 28)
            documents.append(
                NormativeDocument(
                    title=title,
                    agency=agency,
                    division=agency,
                    created_by=author,
                    status=NormativeDocument.Status.PUBLISHED,
                    number=number,
                    published_on=published_on,
                    effective_on=published_on,
                    body=body,
                    **search_fields(title, number, body),
                )
            )
        NormativeDocument.objects.bulk_create(documents)

    def corpus(self) -> dict[int, tuple[str, str, str]]:
        return {d.pk: (d.title, d.number, d.body) for d in NormativeDocument.objects.all()}

    def expected(self, corpus: dict[int, tuple[str, str, str]], q: str) -> set[int]:
        """The plain substring scan: every term of the query in the title, number or body."""
        terms = parse_query(q).terms
        return {pk for pk, parts in corpus.items() if all(contains(t, *parts) for t in terms)}

    def found(self, q: str) -> tuple[set[int], int]:
        hits, total = library.search_documents(q, limit=10_000)
        return {hit.document.pk for hit in hits}, total

    def queries(self, corpus: dict[int, tuple[str, str, str]]) -> list[str]:
        """For each length 1 to 10: pieces cut from the documents (always found) and random
        strings of the alphabet (often found nowhere); the document numbers; queries in
        capitals; several terms at once."""
        rng = random.Random(self.SEED + 1)
        texts = [part for parts in corpus.values() for part in parts if part]
        alphabet = CHINESE + LATIN + DIGITS + PUNCTUATION
        queries: list[str] = []
        for length in range(1, 11):
            cut = 0
            while cut < 12:
                text = rng.choice(texts)
                if len(text) < length:
                    continue
                start = rng.randint(0, len(text) - length)
                piece = text[start : start + length]
                if any(c.isalnum() for c in piece) and not any(c.isspace() for c in piece):
                    queries.append(piece)
                    cut += 1
            for _ in range(6):
                queries.append("".join(rng.choice(alphabet) for _ in range(length)))
        queries += [parts[1] for parts in list(corpus.values())[:10]]
        queries += [
            "津科规〔2021〕5号",
            "〔2021〕",
            "2021〕5",
            "API",
            "aPi",
            "兽",
            "兽医",
            "鑫",
            "科技 备案",
            "条例 2021",
        ]
        return queries

    def assert_exact(self) -> None:
        corpus = self.corpus()
        empty = 0
        for q in self.queries(corpus):
            expected = self.expected(corpus, q)
            empty += not expected
            with self.subTest(q=q):
                self.assertEqual(self.found(q), (expected, len(expected)))
        self.assertGreater(empty, 10)  # queries found nowhere were asked too

    def test_every_query_finds_exactly_the_documents_that_contain_it(self) -> None:
        self.assert_exact()

    def test_the_index_follows_changed_and_deleted_documents(self) -> None:
        rng = random.Random(self.SEED + 2)
        documents = list(NormativeDocument.objects.order_by("pk"))
        for document in documents[1:40:3]:
            body = _text(rng, 20, 300)
            NormativeDocument.objects.filter(pk=document.pk).update(
                body=body, **search_fields(document.title, document.number, body)
            )
        NormativeDocument.objects.filter(pk__in=[d.pk for d in documents[2:40:5]]).delete()
        self.assert_exact()


@pytest.mark.postgres
class PostgresExactSearchTests(ExactSearchTests):
    """The same on PostgreSQL, where the index works differently (search/index.py)."""

    def setUp(self) -> None:
        super().setUp()
        self.assertEqual(connection.vendor, "postgresql")

    def test_a_long_term_is_looked_for_among_the_newest_ids_first_then_the_older(self) -> None:
        # A span of a few ids: the newest ones hold some matches of a term, the older the rest.
        corpus = self.corpus()
        long_queries = [q for q in self.queries(corpus) if len(q) > 2]
        with mock.patch.object(matches, "PHRASE_SPAN", 40):
            self.assert_exact()
            for q in long_queries:
                expected = self.expected(corpus, q)
                with self.subTest(q=q):
                    hits, total = library.search_documents(q, count_cap=5, limit=5)
                    self.assertEqual(total, min(len(expected), 6))
                    self.assertLessEqual({hit.document.pk for hit in hits}, expected)
                    self.assertEqual(len(hits), min(len(expected), 5))
