"""The draw algorithm `fazhi-draw-v1` (DOMAIN.md §10): the platform's implementation
(draw.py), the standalone verifier (verify_draw.py), and their agreement."""

from __future__ import annotations

import ast
import copy
import hashlib
import hmac
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.test import SimpleTestCase

from fazhi.inspections import draw as algorithm
from fazhi.inspections.tests.factories import VERIFIER_PATH, uscc, verifier, verify

# A tiny draw small enough to follow by hand: stratum A (4 entities at 0.5 → 2 drawn) and
# B (1 entity at 0.01 → ceil(0.01) = 1 drawn); E1 conflicts with inspector I1, E2 with expert X1.
TINY = algorithm.FrozenTexts(
    pool="A\tE1\nA\tE2\nA\tE3\nA\tE4\nB\tE5",
    inspectors="I1\nI2\nI3",
    experts="X1\nX2",
    conflicts="E1\tI1\nE2\tX1",
)
TINY_SECRETS = ["00" * 32, "ff" * 32]
TINY_PUBLIC_VALUE = "2026040 03 17 25"


def tiny_bundle(**changes: Any) -> dict[str, Any]:
    options: dict[str, Any] = {
        "ratios": {"A": "0.5", "B": "0.01"},
        "inspectors_per_entity": 2,
        "experts_per_entity": 1,
        "inspector_cap": None,
        "commitments": [algorithm.commitment_of(s) for s in TINY_SECRETS],
        "secrets": TINY_SECRETS,
        "public_value": TINY_PUBLIC_VALUE,
    }
    options.update(changes)
    return algorithm.run_draw(TINY, digests=TINY.digests(), **options)


def random_texts(rnd: random.Random, *, entities: int, inspectors: int, experts: int, conflicts: int):
    strata = ["实验动物/高风险", "实验动物/一般风险", "人类遗传资源/全部"]
    pool = sorted({f"{rnd.choice(strata)}\t{uscc(rnd.randrange(10**7))}" for _ in range(entities)})
    inspector_ids = sorted({f"1201{rnd.randrange(10**6):06d}" for _ in range(inspectors)})
    expert_ids = sorted({f"ZJ-{rnd.randrange(10**4):04d}" for _ in range(experts)})
    entity_ids = [line.split("\t")[1] for line in pool]
    people = inspector_ids + expert_ids
    conflict_lines = sorted({f"{rnd.choice(entity_ids)}\t{rnd.choice(people)}" for _ in range(conflicts)})
    texts = algorithm.FrozenTexts(
        pool="\n".join(pool),
        inspectors="\n".join(inspector_ids),
        experts="\n".join(expert_ids),
        conflicts="\n".join(conflict_lines),
    )
    return texts, strata


class SeedTests(SimpleTestCase):
    def test_the_seed_is_sha256_of_the_published_formula(self) -> None:
        digests = TINY.digests()
        text = (
            "fazhi-draw-v1\n"
            + hashlib.sha256(b"A\tE1\nA\tE2\nA\tE3\nA\tE4\nB\tE5").hexdigest()
            + "\n"
            + hashlib.sha256(b"I1\nI2\nI3").hexdigest()
            + "\n"
            + hashlib.sha256(b"X1\nX2").hexdigest()
            + "\n"
            + hashlib.sha256(b"E1\tI1\nE2\tX1").hexdigest()
            + "\n"
            + "00" * 32
            + "\n"
            + "ff" * 32
            + "\n"
            + TINY_PUBLIC_VALUE
        )
        seed = algorithm.compute_seed(secrets=TINY_SECRETS, public_value=TINY_PUBLIC_VALUE, **digests)
        self.assertEqual(seed, hashlib.sha256(text.encode()).digest())
        self.assertEqual(len(seed), 32)

    def test_the_tiny_draw_never_changes(self) -> None:
        # Pinned: a change to either implementation that alters results breaks the public contract.
        bundle = tiny_bundle()
        self.assertEqual(bundle["seed"], "50d82455a6fa1c801b9583d23dbbb0b3f077fc25541e589de47ae16a1d171dc1")
        self.assertEqual(bundle["selected"], [["A", "E4"], ["A", "E1"], ["B", "E5"]])
        self.assertEqual(
            bundle["assignments"],
            {
                "E4": {"inspectors": ["I1", "I3"], "experts": ["X1"]},
                "E1": {"inspectors": ["I2", "I3"], "experts": ["X2"]},
                "E5": {"inspectors": ["I3", "I1"], "experts": ["X2"]},
            },
        )

    def test_the_tiny_selection_follows_the_hmac_scores(self) -> None:
        seed = bytes.fromhex(tiny_bundle()["seed"])

        def score(message: str) -> bytes:
            return hmac.new(seed, message.encode(), hashlib.sha256).digest()

        by_score = sorted(["E1", "E2", "E3", "E4"], key=lambda e: score("entity\n" + e))
        self.assertEqual(by_score[:2], ["E4", "E1"])
        ranked = sorted(["I1", "I2", "I3"], key=lambda i: score("inspector\nE1\n" + i))
        self.assertEqual([i for i in ranked if i != "I1"][:2], ["I2", "I3"])  # I1 recuses from E1

    def test_commitments_are_sha256_of_the_secret_text(self) -> None:
        secret = algorithm.new_secret()
        self.assertRegex(secret, r"^[0-9a-f]{64}$")
        self.assertEqual(algorithm.commitment_of(secret), hashlib.sha256(secret.encode("ascii")).hexdigest())
        self.assertNotEqual(algorithm.new_secret(), secret)

    def test_the_bundle_has_exactly_the_published_keys(self) -> None:
        self.assertEqual(set(tiny_bundle()), set(algorithm.BUNDLE_KEYS))
        self.assertEqual(len(algorithm.BUNDLE_KEYS), 15)


class SampleSizeTests(SimpleTestCase):
    def test_k_is_the_ceiling_of_n_times_the_ratio_in_exact_decimals(self) -> None:
        cases = [
            (38, "0.03", 2),  # 1.14 → 2: the seed year's 38 units
            (100, "0.07", 7),  # float: 100 * 0.07 = 7.000000000000001 → 8; Decimal: exactly 7
            (100, "0.03", 3),
            (1, "0.001", 1),
            (0, "0.5", 0),
            (10, "1", 10),
            (3, "0.3333333333", 1),
            (1_000_000, "0.03", 30_000),
            (250_001, "0.03", 7501),
        ]
        for size, ratio, expected in cases:
            with self.subTest(size=size, ratio=ratio):
                self.assertEqual(algorithm.sample_size(size, ratio), expected)
                self.assertEqual(verifier().how_many(size, ratio), expected)

    def test_k_is_capped_at_the_stratum_size(self) -> None:
        self.assertEqual(algorithm.sample_size(5, "1.5"), 5)
        self.assertEqual(verifier().how_many(5, "1.5"), 5)


class AssignmentTests(SimpleTestCase):
    def test_a_conflicted_person_is_never_assigned_to_that_entity(self) -> None:
        for n in range(20):
            bundle = tiny_bundle(ratios={"A": "1", "B": "1"}, public_value=str(n))
            self.assertNotIn("I1", bundle["assignments"]["E1"]["inspectors"])
            self.assertNotIn("X1", bundle["assignments"]["E2"]["experts"])

    def test_no_inspector_is_assigned_more_entities_than_the_cap(self) -> None:
        # 5 entities × 2 inspectors = 10 assignments over 3 inspectors with a cap of 4.
        bundle = tiny_bundle(ratios={"A": "1", "B": "1"}, inspector_cap=4)
        counts: dict[str, int] = {}
        for people in bundle["assignments"].values():
            for person in people["inspectors"]:
                counts[person] = counts.get(person, 0) + 1
        self.assertEqual(sum(counts.values()), 10)
        self.assertLessEqual(max(counts.values()), 4)
        verify(bundle)

    def test_too_few_eligible_inspectors_fail_the_whole_draw_naming_the_entity(self) -> None:
        # 3 inspectors, a cap of 3: the 5th entity finds at most 1 inspector below the cap.
        with self.assertRaisesMessage(algorithm.DrawFailed, "可选派的执法人员只有"):
            tiny_bundle(ratios={"A": "1", "B": "1"}, inspector_cap=3)
        # E1 conflicts with I1; with 3 inspectors required only 2 remain.
        with self.assertRaisesMessage(algorithm.DrawFailed, "检查对象 E1 可选派的执法人员只有 2 名"):
            tiny_bundle(ratios={"A": "1", "B": "1"}, inspectors_per_entity=3)

    def test_too_few_experts_fail_the_whole_draw(self) -> None:
        with self.assertRaisesMessage(algorithm.DrawFailed, "检查对象 E2 可选派的专家只有 1 名"):
            tiny_bundle(ratios={"A": "1", "B": "1"}, experts_per_entity=2)


class AgreementTests(SimpleTestCase):
    def test_the_platform_and_the_verifier_agree_on_random_registries(self) -> None:
        for n in range(6):
            rnd = random.Random(n)
            texts, strata = random_texts(rnd, entities=400, inspectors=12, experts=6, conflicts=150)
            secrets = [algorithm.new_secret() for _ in range(rnd.randint(2, 4))]
            with self.subTest(n=n):
                bundle = algorithm.run_draw(
                    texts,
                    digests=texts.digests(),
                    ratios={s: rnd.choice(["0.03", "0.1", "0.25", "1"]) for s in strata},
                    inspectors_per_entity=rnd.choice([2, 3]),
                    experts_per_entity=rnd.choice([0, 1, 2]),
                    inspector_cap=rnd.choice([None, 250]),
                    commitments=[algorithm.commitment_of(s) for s in secrets],
                    secrets=secrets,
                    public_value=rnd.choice(["", "福彩3D 2026089 期 4 7 1"]),
                )
                report = verify(bundle)
                self.assertIn(f"{len(bundle['selected'])} 个相符", report[-2])


class VerifierRejectsTests(SimpleTestCase):
    def assertRejected(self, bundle: dict[str, Any], reason: str) -> None:
        with self.assertRaisesMessage(verifier().Mismatch, reason):
            verify(bundle)

    def test_one_changed_secret_is_rejected(self) -> None:
        bundle = tiny_bundle()
        bundle["secrets"][1] = "fe" + bundle["secrets"][1][2:]
        self.assertRejected(bundle, "第 2 个秘密值与其承诺值不符")

    def test_a_secret_changed_together_with_its_commitment_changes_the_seed(self) -> None:
        bundle = tiny_bundle()
        bundle["secrets"][0] = "01" * 32
        bundle["commitments"][0] = algorithm.commitment_of("01" * 32)
        self.assertRejected(bundle, "种子不符")

    def test_one_changed_pool_line_is_rejected(self) -> None:
        bundle = tiny_bundle()
        bundle["pool"][2] = ["A", "E3X"]
        self.assertRejected(bundle, "种子不符")

    def test_one_changed_assignment_is_rejected(self) -> None:
        bundle = tiny_bundle()
        bundle["assignments"]["E1"]["inspectors"] = ["I3", "I2"]
        self.assertRejected(bundle, "E1 的人员分派不符")

    def test_a_changed_selection_is_rejected(self) -> None:
        bundle = tiny_bundle()
        bundle["selected"][0], bundle["selected"][1] = bundle["selected"][1], bundle["selected"][0]
        self.assertRejected(bundle, "selected / 抽中对象 第 1 项不符")

    def test_a_changed_ratio_conflict_or_cap_is_rejected(self) -> None:
        for key, value in (("ratios", {"A": "0.75", "B": "0.01"}), ("inspector_cap", 1)):
            bundle = tiny_bundle()
            bundle[key] = value
            with self.subTest(key=key), self.assertRaises(verifier().Mismatch):
                verify(bundle)
        bundle = tiny_bundle()
        bundle["conflicts"] = bundle["conflicts"][1:]
        self.assertRejected(bundle, "种子不符")

    def test_missing_or_extra_keys_and_other_algorithms_are_rejected(self) -> None:
        bundle = tiny_bundle()
        del bundle["seed"]
        self.assertRejected(bundle, "missing ['seed']")
        bundle = tiny_bundle()
        bundle["algorithm"] = "fazhi-draw-v2"
        self.assertRejected(bundle, "unknown algorithm")

    def test_an_unsorted_or_duplicated_pool_is_rejected(self) -> None:
        bundle = tiny_bundle()
        bundle["pool"].reverse()
        self.assertRejected(bundle, "pool 未按规定排序")
        bundle = tiny_bundle()
        bundle["pool"].insert(1, ["A", "E1"])
        self.assertRejected(bundle, "pool 中有重复项")

    def test_a_digest_published_before_the_draw_is_compared(self) -> None:
        bundle = tiny_bundle()
        module = verifier()
        good = module.verify(copy.deepcopy(bundle), {"pool": TINY.digests()["pool_digest"]})
        self.assertIn("与公布值一致", good[0])
        with self.assertRaisesMessage(module.Mismatch, "摘要与抽取前公布的不符"):
            module.verify(bundle, {"conflict": "0" * 64})


class VerifierFileTests(SimpleTestCase):
    def run_file(self, bundle: dict[str, Any]) -> subprocess.CompletedProcess[str]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bundle.json"
            path.write_text(algorithm.bundle_download(bundle), encoding="utf-8")
            return subprocess.run(  # noqa: S603 - our own file, run by the interpreter running the tests
                [sys.executable, "-I", str(VERIFIER_PATH), str(path)],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )

    def test_running_the_file_on_a_bundle_exits_0_with_a_report(self) -> None:
        done = self.run_file(tiny_bundle())
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("OK: everything matches", done.stdout)
        self.assertIn("50d82455a6fa1c801b9583d23dbbb0b3f077fc25541e589de47ae16a1d171dc1", done.stdout)

    def test_running_the_file_on_a_tampered_bundle_exits_1_naming_the_mismatch(self) -> None:
        bundle = tiny_bundle()
        bundle["assignments"]["E5"]["experts"] = ["X1"]
        done = self.run_file(bundle)
        self.assertEqual(done.returncode, 1)
        self.assertIn("MISMATCH: E5 的人员分派不符", done.stdout)

    def test_the_verifier_imports_only_the_standard_library(self) -> None:
        tree = ast.parse(VERIFIER_PATH.read_text(encoding="utf-8"))
        imported: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                imported.add((node.module or "").split(".")[0])
        self.assertTrue(imported)
        self.assertLessEqual(imported, set(sys.stdlib_module_names))

    def test_the_platform_draw_does_not_import_the_verifier(self) -> None:
        package = VERIFIER_PATH.parent
        modules = [package / "draw.py", package / "models.py", *sorted((package / "actions").glob("*.py"))]
        self.assertGreater(len(modules), 3)
        for path in modules:
            name = path.name
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    names = [node.module or "", *(alias.name for alias in node.names)]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    continue
                self.assertFalse([n for n in names if "verify_draw" in n], name)

    def test_the_download_is_indented_json_with_sorted_keys_and_chinese_as_is(self) -> None:
        bundle = tiny_bundle(ratios={"A": "0.5", "B": "0.01"})
        bundle["ratios"] = {"实验动物/高风险": "0.5", **bundle["ratios"]}
        text = algorithm.bundle_download(bundle)
        self.assertIn('"实验动物/高风险"', text)
        self.assertTrue(text.startswith('{\n  "algorithm": "fazhi-draw-v1",\n  "assignments"'))
        self.assertEqual(json.loads(text), bundle)


class ScorerTests(SimpleTestCase):
    def test_the_scorer_is_hmac_sha256_of_the_standard_library(self) -> None:
        rnd = random.Random(7)
        for key_length in (0, 1, 32, 63, 64, 65, 200):
            key = rnd.randbytes(key_length)
            scorer = algorithm.Scorer(key, "entity\n")
            for message in (b"", b"91350100M000100Y43", "实验动物".encode(), rnd.randbytes(300)):
                with self.subTest(key_length=key_length, message=message[:10]):
                    expected = hmac.new(key, b"entity\n" + message, hashlib.sha256).digest()
                    self.assertEqual(scorer.score(message), expected)
                    self.assertEqual(scorer.scores([(message, "x")]), [(expected, "x")])
            prefixed = algorithm.Scorer(key).with_prefix("inspector\nE1\n")
            self.assertEqual(
                prefixed.score(b"I1"), hmac.new(key, b"inspector\nE1\nI1", hashlib.sha256).digest()
            )
