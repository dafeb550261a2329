"""The platform's implementation of the verifiable draw `fazhi-draw-v1` (DOMAIN.md §10).

Pure functions, no database: the actions freeze the pools into canonical texts, and the draw
runs over those texts. `verify_draw.py` in this package is a second, independent
implementation for the public (standard library only); this module must never import it, so
that a mistake in one shows up as a disagreement with the other. Both are tested against
each other on every draw the test suite makes.

Canonical texts: lines sorted by Unicode code point and joined by "\\n" (no trailing newline),
hashed as UTF-8 with SHA-256 (lowercase hex). Entity lines are `stratum<TAB>entity_id`,
conflict lines `entity_id<TAB>person_id`.
"""

from __future__ import annotations

import bisect
import decimal
import hashlib
import json
import secrets as _secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ALGORITHM = "fazhi-draw-v1"
BUNDLE_KEYS = (
    "algorithm",
    "pool",
    "inspectors",
    "experts",
    "conflicts",
    "ratios",
    "inspectors_per_entity",
    "experts_per_entity",
    "inspector_cap",
    "commitments",
    "secrets",
    "public_value",
    "seed",
    "selected",
    "assignments",
)


class DrawFailed(Exception):
    """The draw cannot be completed as a whole (step 5: too few eligible people)."""


# --- steps 1 and 2: canonical texts, digests, commitments ------------------------------------


def canonical_text(lines: Iterable[str]) -> str:
    return "\n".join(sorted(lines))


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def new_secret() -> str:
    """A contributor's secret: 64 lowercase hex characters (256 bits) from `secrets`."""
    return _secrets.token_hex(32)


def commitment_of(secret: str) -> str:
    """The commitment published before the draw: SHA-256 hex of the secret's ASCII text."""
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


# --- step 3: the seed ----------------------------------------------------------------------


def compute_seed(
    *,
    pool_digest: str,
    inspector_digest: str,
    expert_digest: str,
    conflict_digest: str,
    secrets: Sequence[str],
    public_value: str,
) -> bytes:
    parts = [ALGORITHM, pool_digest, inspector_digest, expert_digest, conflict_digest, *secrets, public_value]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).digest()


# --- step 4: entities ----------------------------------------------------------------------


def sample_size(size: int, ratio: str) -> int:
    """k = ceil(N × ratio), exactly (Decimal on the ratio as written), at most N."""
    value = decimal.Decimal(ratio)
    digits = len(str(size)) + len(value.as_tuple().digits) + 2
    with decimal.localcontext(decimal.Context(prec=digits, traps=[decimal.Inexact])):
        k = int((decimal.Decimal(size) * value).to_integral_value(rounding=decimal.ROUND_CEILING))
    return min(max(k, 0), size)


class Scorer:
    """HMAC-SHA256 under one key (RFC 2104) for many messages sharing a prefix.

    HMAC(K, m) = SHA-256((K0 ⊕ opad) ‖ SHA-256((K0 ⊕ ipad) ‖ m)), with K0 the key padded
    with zeros to the 64-byte block. The two hash states after the padded key, and the inner
    state after the prefix, are computed once and copied per message: about half the time of
    `hmac.new(...).copy()`, which matters for the four million scores of a large draw. The
    tests check it against the standard library's `hmac` on every draw.
    """

    BLOCK = 64

    def __init__(self, key: bytes, prefix: str = "") -> None:
        if len(key) > self.BLOCK:
            key = hashlib.sha256(key).digest()
        padded = key.ljust(self.BLOCK, b"\0")
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded))
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded))
        self._inner.update(prefix.encode("utf-8"))

    def with_prefix(self, prefix: str) -> Scorer:
        scorer = Scorer.__new__(Scorer)
        scorer._outer = self._outer
        scorer._inner = self._inner.copy()
        scorer._inner.update(prefix.encode("utf-8"))
        return scorer

    def score(self, message: bytes) -> bytes:
        inner = self._inner.copy()
        inner.update(message)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()

    def scores(self, messages: Iterable[tuple[bytes, str]]) -> list[tuple[bytes, str]]:
        """[(score of the encoded message, its text)] — the loop of `score`, inlined."""
        inner_copy, outer_copy = self._inner.copy, self._outer.copy
        scored = []
        for encoded, text in messages:
            inner = inner_copy()
            inner.update(encoded)
            outer = outer_copy()
            outer.update(inner.digest())
            scored.append((outer.digest(), text))
        return scored


def select_entities(
    seed: bytes, strata: Mapping[str, Sequence[str]], ratios: Mapping[str, str]
) -> list[tuple[str, str]]:
    """The selected [stratum, entity_id] pairs in draw order: strata sorted, then by score
    (HMAC-SHA256(seed, "entity\\n" + id), bytes compared, ties by id)."""
    scorer = Scorer(seed, "entity\n")
    selected: list[tuple[str, str]] = []
    for stratum in sorted(strata):
        ids = strata[stratum]
        k = sample_size(len(ids), ratios[stratum])
        if k == 0:
            continue
        scored = scorer.scores((entity_id.encode("utf-8"), entity_id) for entity_id in ids)
        scored.sort()
        selected.extend((stratum, entity_id) for _score, entity_id in scored[:k])
    return selected


# --- step 5: people ------------------------------------------------------------------------


def assign_people(
    seed: bytes,
    selected: Sequence[tuple[str, str]],
    *,
    inspectors: Sequence[str],
    experts: Sequence[str],
    conflicts: Iterable[tuple[str, str]],
    inspectors_per_entity: int,
    experts_per_entity: int,
    inspector_cap: int | None,
) -> dict[str, dict[str, list[str]]]:
    """entity_id → {"inspectors": [...], "experts": [...]}, each list in rank order.

    Raises DrawFailed (naming the entity) when fewer than the required number remain.
    """
    conflicted: dict[str, set[str]] = {}
    for entity_id, person_id in conflicts:
        conflicted.setdefault(entity_id, set()).add(person_id)
    inspector_bytes = [(i.encode("utf-8"), i) for i in inspectors]
    expert_bytes = [(e.encode("utf-8"), e) for e in experts]
    load = dict.fromkeys(inspectors, 0)
    scorer = Scorer(seed)
    no_one: set[str] = set()
    assignments: dict[str, dict[str, list[str]]] = {}
    for _stratum, entity_id in selected:
        avoid = conflicted.get(entity_id, no_one)
        chosen = _rank_and_take(
            scorer,
            f"inspector\n{entity_id}\n",
            inspector_bytes,
            inspectors_per_entity,
            avoid,
            load,
            inspector_cap,
        )
        if len(chosen) < inspectors_per_entity:
            raise DrawFailed(
                f"检查对象 {entity_id} 可选派的执法人员只有 {len(chosen)} 名（已排除回避人员"
                f"{'和已达分派上限的人员' if inspector_cap is not None else ''}），"
                f"少于每个对象 {inspectors_per_entity} 名的要求，抽取未进行，未保存任何结果"
            )
        for person in chosen:
            load[person] += 1
        chosen_experts = _rank_and_take(
            scorer, f"expert\n{entity_id}\n", expert_bytes, experts_per_entity, avoid, None, None
        )
        if len(chosen_experts) < experts_per_entity:
            raise DrawFailed(
                f"检查对象 {entity_id} 可选派的专家只有 {len(chosen_experts)} 名（已排除回避人员），"
                f"少于每个对象 {experts_per_entity} 名的要求，抽取未进行，未保存任何结果"
            )
        assignments[entity_id] = {"inspectors": chosen, "experts": chosen_experts}
    return assignments


def _rank_and_take(
    scorer: Scorer,
    prefix: str,
    people: Sequence[tuple[bytes, str]],
    wanted: int,
    avoid: set[str],
    load: dict[str, int] | None,
    cap: int | None,
) -> list[str]:
    """The first `wanted` people by HMAC-SHA256(seed, prefix + id) (ties by id), skipping
    those in `avoid` and, when there is a cap, those already at it."""
    if wanted <= 0:
        return []
    ranked = scorer.with_prefix(prefix).scores(people)
    ranked.sort()
    chosen: list[str] = []
    for _score, person in ranked:
        if person in avoid or (cap is not None and load is not None and load[person] >= cap):
            continue
        chosen.append(person)
        if len(chosen) == wanted:
            break
    return chosen


# --- the whole draw and its bundle (step 6) --------------------------------------------------


@dataclass(frozen=True)
class FrozenTexts:
    """The four canonical texts frozen at publication."""

    pool: str
    inspectors: str
    experts: str
    conflicts: str

    def digests(self) -> dict[str, str]:
        return {
            "pool_digest": text_digest(self.pool),
            "inspector_digest": text_digest(self.inspectors),
            "expert_digest": text_digest(self.experts),
            "conflict_digest": text_digest(self.conflicts),
        }


def split_pool(text: str, strata: Iterable[str]) -> dict[str, list[str]]:
    """The entity ids of each stratum, from the canonical pool text, in the text's order.

    The lines are sorted, so each stratum's lines are one run, found by bisection: they all
    lie between "stratum<TAB>" and "stratum<LF>" (LF is the code point after TAB, and names
    hold no control characters). Every line must belong to one of `strata`.
    """
    lines = split_lines(text)
    runs = []
    for stratum in strata:
        start = bisect.bisect_left(lines, stratum + "\t")
        end = bisect.bisect_left(lines, stratum + "\n", start)
        runs.append((start, end, stratum))
    found: dict[str, list[str]] = {}
    for start, end, stratum in sorted(runs):  # in the order of the text
        width = len(stratum) + 1
        found[stratum] = [line[width:] for line in lines[start:end]]
    if sum(len(ids) for ids in found.values()) != len(lines):
        raise ValueError("the pool has lines outside the plan's strata")
    return found


def run_draw(
    texts: FrozenTexts,
    *,
    digests: Mapping[str, str],
    ratios: Mapping[str, str],
    inspectors_per_entity: int,
    experts_per_entity: int,
    inspector_cap: int | None,
    commitments: Sequence[str],
    secrets: Sequence[str],
    public_value: str,
) -> dict[str, Any]:
    """Steps 3–6 over frozen texts whose digests are `digests`; returns the bundle."""
    seed = compute_seed(secrets=secrets, public_value=public_value, **digests)
    strata = split_pool(texts.pool, ratios)
    pool = [[stratum, entity_id] for stratum, ids in strata.items() for entity_id in ids]
    inspectors = split_lines(texts.inspectors)
    experts = split_lines(texts.experts)
    conflicts = [line.split("\t", 1) for line in split_lines(texts.conflicts)]
    selected = select_entities(seed, strata, ratios)
    assignments = assign_people(
        seed,
        selected,
        inspectors=inspectors,
        experts=experts,
        conflicts=[(e, p) for e, p in conflicts],
        inspectors_per_entity=inspectors_per_entity,
        experts_per_entity=experts_per_entity,
        inspector_cap=inspector_cap,
    )
    return {
        "algorithm": ALGORITHM,
        "pool": pool,
        "inspectors": inspectors,
        "experts": experts,
        "conflicts": conflicts,
        "ratios": dict(ratios),
        "inspectors_per_entity": inspectors_per_entity,
        "experts_per_entity": experts_per_entity,
        "inspector_cap": inspector_cap,
        "commitments": list(commitments),
        "secrets": list(secrets),
        "public_value": public_value,
        "seed": seed.hex(),
        "selected": [[stratum, entity_id] for stratum, entity_id in selected],
        "assignments": assignments,
    }


def stored_bundle(bundle: Mapping[str, Any]) -> str:
    """The compact form kept in the database (sorted keys, UTF-8 text)."""
    return json.dumps(bundle, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def bundle_download(bundle: Mapping[str, Any]) -> str:
    """The bundle indented for reading (the verifier accepts any JSON layout; the published
    file is the stored text of `stored_bundle`, whose digest the draw records)."""
    return json.dumps(bundle, ensure_ascii=False, sort_keys=True, indent=2)
