#!/usr/bin/env python3
"""Verify a "double random" draw published by Fazhi (algorithm fazhi-draw-v1).

    python verify_draw.py bundle.json [--pool-digest HEX] [--inspector-digest HEX]
                                      [--expert-digest HEX] [--conflict-digest HEX]

Anyone can run this file with nothing but Python 3.9 or later: it uses only the standard
library and imports nothing from the platform. It reads the bundle the platform publishes
after a draw, recomputes everything from it and exits 0 only when all of it matches; otherwise
it names the first mismatch and exits 1. The digests published with the plan before the draw
may be given as options, to check that the pools in the bundle are the ones frozen then.

任何人均可用本文件独立验证抽取结果：仅依赖 Python 标准库。全部一致时退出码为 0，
否则指出第一处不一致并以 1 退出。

The algorithm (DOMAIN.md §10 of the platform, a public contract):

1. Canonical texts: lines sorted by Unicode code point, joined by "\\n", UTF-8, SHA-256 hex.
   Entity lines "stratum<TAB>entity_id"; inspector ids; expert ids; conflict lines
   "entity_id<TAB>person_id".
2. Commitments: SHA-256 hex of each contributor's secret (64 lowercase hex characters, ASCII).
3. seed = SHA-256 of "fazhi-draw-v1\\n" + pool_digest + "\\n" + inspector_digest + "\\n" +
   expert_digest + "\\n" + conflict_digest + "\\n" + secret_1 + "\\n" + ... + secret_n + "\\n" +
   public_value (32 raw bytes).
4. In each stratum, the k entities with the smallest HMAC-SHA256(seed, "entity\\n" + id)
   (bytes compared, ties by id), k = ceil(N x ratio) in exact decimal arithmetic, at most N.
5. Selected entities in order (stratum sorted, then score): inspectors ranked by
   HMAC-SHA256(seed, "inspector\\n" + entity_id + "\\n" + inspector_id), skipping conflicts
   and inspectors already assigned `inspector_cap` entities, the first m taken; experts ranked
   by HMAC-SHA256(seed, "expert\\n" + entity_id + "\\n" + expert_id), skipping conflicts, the
   first x taken.
"""

from __future__ import annotations

import argparse
import decimal
import hashlib
import hmac
import json
import re
import sys

ALGORITHM = "fazhi-draw-v1"
KEYS = {
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
}
SECRET = re.compile(r"^[0-9a-f]{64}$")


class Mismatch(Exception):
    """The first thing in the bundle that does not match its recomputation."""


def sha256_hex(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest_of_lines(lines):
    return sha256_hex("\n".join(sorted(lines)))


def ranked(seed, prefix, ids):
    """`ids` in the order of HMAC-SHA256(seed, prefix + id as UTF-8), bytes compared, ties by
    id: the pairs (score, id) sorted. Each score is one call of the standard library's
    one-shot HMAC, with no object or function call per id besides."""
    digest = hmac.digest
    pairs = [(digest(seed, (prefix + id_).encode("utf-8"), "sha256"), id_) for id_ in ids]
    pairs.sort()
    return [id_ for _score, id_ in pairs]


def how_many(size, ratio_text):
    """ceil(size x ratio) without rounding anywhere, at most size."""
    try:
        ratio = decimal.Decimal(ratio_text)
    except decimal.InvalidOperation:
        raise Mismatch(f"抽查比例不是十进制数 / ratio is not a decimal: {ratio_text!r}") from None
    if not ratio.is_finite() or ratio < 0:
        raise Mismatch(f"抽查比例无效 / invalid ratio: {ratio_text!r}")
    exact = decimal.Context(prec=len(str(size)) + len(ratio.as_tuple().digits) + 2)
    exact.traps[decimal.Inexact] = True
    product = exact.multiply(decimal.Decimal(size), ratio)
    k = int(product.to_integral_value(rounding=decimal.ROUND_CEILING))
    return min(k, size)


def check_shape(bundle):
    if not isinstance(bundle, dict):
        raise Mismatch("文件内容不是 JSON 对象 / the bundle is not a JSON object")
    missing = sorted(KEYS - set(bundle))
    extra = sorted(set(bundle) - KEYS)
    if missing or extra:
        raise Mismatch(f"键不符 / keys differ: missing {missing}, unexpected {extra}")
    if bundle["algorithm"] != ALGORITHM:
        raise Mismatch(f"算法不是 {ALGORITHM} / unknown algorithm: {bundle['algorithm']!r}")

    def strings(name, items, width):
        if not isinstance(items, list):
            raise Mismatch(f"{name} 应为列表 / must be a list")
        for item in items:
            if width and (not isinstance(item, list) or len(item) != width):
                raise Mismatch(f"{name} 中的项应为 {width} 个字符串 / items must be pairs: {item!r}")
            for part in item if width else (item,):
                if not isinstance(part, str) or not part or "\t" in part or "\n" in part or "\r" in part:
                    raise Mismatch(f"{name} 中有无效的值 / invalid value in {name}: {item!r}")

    strings("pool", bundle["pool"], 2)
    strings("inspectors", bundle["inspectors"], 0)
    strings("experts", bundle["experts"], 0)
    strings("conflicts", bundle["conflicts"], 2)
    strings("selected", bundle["selected"], 2)
    for name in ("inspectors_per_entity", "experts_per_entity"):
        value = bundle[name]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise Mismatch(f"{name} 应为非负整数 / must be a non-negative integer: {value!r}")
    cap = bundle["inspector_cap"]
    if cap is not None and (not isinstance(cap, int) or isinstance(cap, bool) or cap < 1):
        raise Mismatch(f"inspector_cap 应为正整数或 null / must be a positive integer or null: {cap!r}")
    ratios = bundle["ratios"]
    if not isinstance(ratios, dict) or not all(isinstance(v, str) for v in ratios.values()):
        raise Mismatch("ratios 应为 分层 → 比例字符串 / ratios must map strata to decimal strings")
    if not isinstance(bundle["public_value"], str):
        raise Mismatch("public_value 应为字符串 / must be a string")
    if not isinstance(bundle["assignments"], dict):
        raise Mismatch("assignments 应为对象 / must be an object")
    for name in ("commitments", "secrets"):
        if not isinstance(bundle[name], list) or not all(isinstance(v, str) for v in bundle[name]):
            raise Mismatch(f"{name} 应为字符串列表 / must be a list of strings")


def check_sorted_unique(name, lines):
    if lines != sorted(lines):
        raise Mismatch(f"{name} 未按规定排序 / {name} is not sorted")
    for index in range(1, len(lines)):
        if lines[index] == lines[index - 1]:
            raise Mismatch(f"{name} 中有重复项 / duplicate in {name}: {lines[index]!r}")


def verify(bundle, expected_digests=None):
    """Recompute the draw of `bundle`; return the report lines, or raise Mismatch."""
    check_shape(bundle)
    report = []

    pool_lines = [stratum + "\t" + entity for stratum, entity in bundle["pool"]]
    conflict_lines = [entity + "\t" + person for entity, person in bundle["conflicts"]]
    check_sorted_unique("pool", pool_lines)
    check_sorted_unique("inspectors", bundle["inspectors"])
    check_sorted_unique("experts", bundle["experts"])
    check_sorted_unique("conflicts", conflict_lines)
    entity_ids = [entity for _stratum, entity in bundle["pool"]]
    if len(set(entity_ids)) != len(entity_ids):
        raise Mismatch("同一检查对象出现在多个分层中 / an entity is in more than one stratum")
    strata_of_pool = {stratum for stratum, _entity in bundle["pool"]}
    without_ratio = sorted(strata_of_pool - set(bundle["ratios"]))
    if without_ratio:
        raise Mismatch(f"分层没有抽查比例 / stratum without a ratio: {without_ratio[0]!r}")

    digests = {
        "pool": digest_of_lines(pool_lines),
        "inspector": digest_of_lines(bundle["inspectors"]),
        "expert": digest_of_lines(bundle["experts"]),
        "conflict": digest_of_lines(conflict_lines),
    }
    counts = {
        "pool": len(pool_lines),
        "inspector": len(bundle["inspectors"]),
        "expert": len(bundle["experts"]),
        "conflict": len(conflict_lines),
    }
    labels = {
        "pool": "检查对象名录 / entity pool",
        "inspector": "执法检查人员 / inspectors",
        "expert": "专家 / experts",
        "conflict": "回避关系 / conflicts",
    }
    for name in ("pool", "inspector", "expert", "conflict"):
        wanted = (expected_digests or {}).get(name)
        if wanted and wanted.lower() != digests[name]:
            raise Mismatch(
                f"{labels[name]} 摘要与抽取前公布的不符 / digest differs from the one published: "
                f"{digests[name]} != {wanted.lower()}"
            )
        note = "（与公布值一致 / matches the published digest）" if wanted else ""
        report.append(f"{labels[name]}: {counts[name]} 条 / lines, sha256 {digests[name]}{note}")

    commitments, secrets = bundle["commitments"], bundle["secrets"]
    if not secrets or len(commitments) != len(secrets):
        raise Mismatch(
            f"承诺值 {len(commitments)} 个、秘密值 {len(secrets)} 个，数量不符或为零 / "
            "commitments and secrets must pair up"
        )
    for number in range(1, len(secrets) + 1):
        commitment, secret = commitments[number - 1], secrets[number - 1]
        if not SECRET.match(secret):
            raise Mismatch(
                f"第 {number} 个秘密值不是 64 位小写十六进制 / secret #{number} is not 64 lowercase hex"
            )
        if hashlib.sha256(secret.encode("ascii")).hexdigest() != commitment:
            raise Mismatch(
                f"第 {number} 个秘密值与其承诺值不符 / secret #{number} does not match its commitment"
            )
    report.append(f"承诺值 / commitments: {len(secrets)} 个全部相符 / all match")

    seed_text = "\n".join(
        [
            ALGORITHM,
            digests["pool"],
            digests["inspector"],
            digests["expert"],
            digests["conflict"],
            *secrets,
            bundle["public_value"],
        ]
    )
    seed = hashlib.sha256(seed_text.encode("utf-8")).digest()
    if seed.hex() != bundle["seed"]:
        raise Mismatch(f"种子不符 / seed differs: recomputed {seed.hex()}, bundle {bundle['seed']}")
    report.append(f"种子 / seed: {seed.hex()} 相符 / matches")

    by_stratum = {}
    for stratum, entity in bundle["pool"]:
        by_stratum.setdefault(stratum, []).append(entity)
    selected = []
    for stratum in sorted(bundle["ratios"]):
        members = by_stratum.get(stratum, [])
        k = how_many(len(members), bundle["ratios"][stratum])
        selected.extend([stratum, entity] for entity in ranked(seed, "entity\n", members)[:k])
    if selected != bundle["selected"]:
        raise Mismatch(first_difference("selected / 抽中对象", selected, bundle["selected"]))
    report.append(f"抽中对象 / selected entities: {len(selected)} 个相符 / match")

    avoid = {}
    for entity, person in bundle["conflicts"]:
        avoid.setdefault(entity, set()).add(person)
    cap = bundle["inspector_cap"]
    assigned_count = {inspector: 0 for inspector in bundle["inspectors"]}
    assignments = {}
    for _stratum, entity in selected:
        conflicts = avoid.get(entity, set())
        inspector_rank = ranked(seed, "inspector\n" + entity + "\n", bundle["inspectors"])
        inspectors = []
        for person in inspector_rank:
            if len(inspectors) == bundle["inspectors_per_entity"]:
                break
            if person in conflicts or (cap is not None and assigned_count[person] >= cap):
                continue
            inspectors.append(person)
        if len(inspectors) < bundle["inspectors_per_entity"]:
            raise Mismatch(f"{entity} 可选执法人员不足，不应产生抽取结果 / too few inspectors for {entity}")
        for person in inspectors:
            assigned_count[person] += 1
        experts = []
        if bundle["experts_per_entity"]:
            expert_rank = ranked(seed, "expert\n" + entity + "\n", bundle["experts"])
            experts = [person for person in expert_rank if person not in conflicts]
            experts = experts[: bundle["experts_per_entity"]]
        if len(experts) < bundle["experts_per_entity"]:
            raise Mismatch(f"{entity} 可选专家不足，不应产生抽取结果 / too few experts for {entity}")
        assignments[entity] = {"inspectors": inspectors, "experts": experts}
    published = bundle["assignments"]
    for entity, people in assignments.items():
        if published.get(entity) != people:
            raise Mismatch(
                f"{entity} 的人员分派不符 / assignment differs: recomputed {people}, "
                f"bundle {published.get(entity)}"
            )
    unexpected = sorted(set(published) - set(assignments))
    if unexpected:
        raise Mismatch(f"分派了未抽中的对象 / assignment for an entity not selected: {unexpected[0]}")
    report.append(f"人员分派 / assignments: {len(assignments)} 个对象相符 / match")
    return report


def first_difference(name, recomputed, published):
    for index in range(min(len(recomputed), len(published))):
        mine, theirs = recomputed[index], published[index]
        if mine != theirs:
            return (
                f"{name} 第 {index + 1} 项不符 / item {index + 1} differs: recomputed {mine}, bundle {theirs}"
            )
    return f"{name} 数量不符 / count differs: recomputed {len(recomputed)}, bundle {len(published)}"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Verify a fazhi-draw-v1 bundle / 验证抽取结果")
    parser.add_argument("bundle", help="the bundle .json published with the draw")
    for name in ("pool", "inspector", "expert", "conflict"):
        parser.add_argument(f"--{name}-digest", help=f"the {name} digest published before the draw")
    args = parser.parse_args(argv)
    expected = {
        "pool": args.pool_digest,
        "inspector": args.inspector_digest,
        "expert": args.expert_digest,
        "conflict": args.conflict_digest,
    }
    print(f"{ALGORITHM} 抽取验证 / draw verification: {args.bundle}")
    try:
        with open(args.bundle, encoding="utf-8") as handle:
            bundle = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"不一致 / MISMATCH: 无法读取文件 / cannot read the bundle: {error}")
        return 1
    try:
        report = verify(bundle, expected)
    except Mismatch as error:
        print(f"不一致 / MISMATCH: {error}")
        return 1
    for line in report:
        print("  " + line)
    print("结论：全部一致 / OK: everything matches")
    return 0


if __name__ == "__main__":
    sys.exit(main())
