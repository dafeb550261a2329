"""Drawing a candidate's paper from the exam's blueprint: seeded, recorded, reproducible.

The pool of each blueprint line (the usable questions of that category and kind, by id) is
frozen when the exam is set (`Exam.pool`), so the same seed gives the same paper for as long as
the exam exists: an appeal re-creates any paper with `draw_paper(exam_pool, lines, seed)`.
`random.Random(seed)` seeded with a string is stable across Python versions (version 2 seeding,
SHA-512 of the string).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    key: str  # "category/kind"
    count: int
    points: str


@dataclass(frozen=True)
class Paper:
    seed: str
    question_ids: list[int]
    option_orders: dict[str, list[int]]
    points: dict[str, str]

    @property
    def digest(self) -> str:
        """The same questions make the same paper, whatever their order."""
        return paper_digest(self.question_ids)


def paper_digest(question_ids: Sequence[int]) -> str:
    return hashlib.sha256(",".join(str(i) for i in sorted(question_ids)).encode()).hexdigest()


def line_key(category: str, kind: str) -> str:
    return f"{category}/{kind}"


def draw_paper(
    pool: Mapping[str, Sequence[int]],
    lines: Sequence[Line],
    seed: str,
    option_counts: Mapping[int, int],
) -> Paper:
    """Pick `count` questions of each line from its pool, shuffle the whole paper, and shuffle
    the options of each choice question (`option_counts`: question id → number of options)."""
    rng = random.Random(seed)
    ids: list[int] = []
    points: dict[str, str] = {}
    for line in sorted(lines, key=lambda item: item.key):
        candidates = sorted(pool.get(line.key, ()))
        if len(candidates) < line.count:
            raise ValueError(line.key)
        for qid in rng.sample(candidates, line.count):
            ids.append(qid)
            points[str(qid)] = line.points
    rng.shuffle(ids)
    orders: dict[str, list[int]] = {}
    for qid in ids:
        n = option_counts.get(qid, 0)
        if n > 1:
            orders[str(qid)] = rng.sample(range(n), n)
    return Paper(seed=seed, question_ids=ids, option_orders=orders, points=points)
