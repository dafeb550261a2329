"""The in-browser verifier (static/fazhi/js/verify_draw.mjs) agrees with verify_draw.py.

Run under Node.js, which has the browser's Web Crypto API: on random registries both accept
with the same report, and on each kind of tampering both refuse, for the same reason."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

from django.test import SimpleTestCase

from fazhi.inspections import draw as algorithm
from fazhi.inspections.tests.factories import verifier, verify_in_javascript
from fazhi.inspections.tests.test_draw import TINY, random_texts, tiny_bundle


def python_verdict(bundle: dict[str, Any], expected: dict[str, str]) -> dict[str, Any]:
    module = verifier()
    try:
        return {"ok": True, "report": module.verify(json.loads(json.dumps(bundle)), expected)}
    except module.Mismatch as error:
        return {"ok": False, "error": str(error)}


def reason(verdict: dict[str, Any]) -> str:
    """What a refusal says before its details (the details quote values, which Python and
    JavaScript print each in their own syntax)."""
    return str(verdict["error"]).split(":")[0]


def tampered() -> list[tuple[str, dict[str, Any], dict[str, str]]]:
    cases: list[tuple[str, dict[str, Any], dict[str, str]]] = []

    def case(name: str, change: Any, expected: dict[str, str] | None = None) -> None:
        bundle = tiny_bundle()
        change(bundle)
        cases.append((name, bundle, expected or {}))

    case("secret", lambda b: b["secrets"].__setitem__(1, "fe" + b["secrets"][1][2:]))
    case(
        "secret and commitment",
        lambda b: (
            b["secrets"].__setitem__(0, "01" * 32),
            b["commitments"].__setitem__(0, algorithm.commitment_of("01" * 32)),
        ),
    )
    case("pool line", lambda b: b["pool"].__setitem__(2, ["A", "E3X"]))
    case("assignment", lambda b: b["assignments"]["E1"].__setitem__("inspectors", ["I3", "I2"]))
    case("assignment extra", lambda b: b["assignments"].__setitem__("E4", {"inspectors": [], "experts": []}))
    case("selection order", lambda b: b["selected"].reverse())
    case("selection shortened", lambda b: b["selected"].pop())
    case("ratio", lambda b: b["ratios"].__setitem__("A", "0.75"))
    case("ratio not a number", lambda b: b["ratios"].__setitem__("A", "half"))
    case("negative ratio", lambda b: b["ratios"].__setitem__("A", "-0.5"))
    case("cap", lambda b: b.__setitem__("inspector_cap", 1))
    case("conflict dropped", lambda b: b.__setitem__("conflicts", b["conflicts"][1:]))
    case("key missing", lambda b: b.pop("seed"))
    case("key added", lambda b: b.__setitem__("note", "x"))
    case("algorithm", lambda b: b.__setitem__("algorithm", "fazhi-draw-v2"))
    case("pool unsorted", lambda b: b["pool"].reverse())
    case("pool duplicated", lambda b: b["pool"].insert(1, ["A", "E1"]))
    case("inspectors unsorted", lambda b: b["inspectors"].reverse())
    case("count as text", lambda b: b.__setitem__("inspectors_per_entity", "2"))
    case("empty id", lambda b: b["experts"].__setitem__(0, ""))
    case("secret not hex", lambda b: b["secrets"].__setitem__(0, "G" * 64))
    case("no secrets", lambda b: (b.__setitem__("secrets", []), b.__setitem__("commitments", [])))
    case("public value", lambda b: b.__setitem__("public_value", b["public_value"] + " "))
    case("digest published before", lambda b: None, {"conflict": "0" * 64})
    return cases


class BrowserVerifierAgreementTests(SimpleTestCase):
    def test_both_accept_the_tiny_draw_and_random_registries_with_the_same_report(self) -> None:
        bundles = [(tiny_bundle(), {"pool": TINY.digests()["pool_digest"]})]
        for n in range(4):
            rnd = random.Random(100 + n)
            texts, strata = random_texts(rnd, entities=300, inspectors=10, experts=5, conflicts=100)
            secrets = [algorithm.new_secret() for _ in range(rnd.randint(2, 3))]
            bundle = algorithm.run_draw(
                texts,
                digests=texts.digests(),
                ratios={s: rnd.choice(["0.03", "0.1", "0.25", "1", "3E-1"]) for s in strata},
                inspectors_per_entity=rnd.choice([2, 3]),
                experts_per_entity=rnd.choice([0, 1, 2]),
                inspector_cap=rnd.choice([None, 200]),
                commitments=[algorithm.commitment_of(s) for s in secrets],
                secrets=secrets,
                public_value=rnd.choice(["", "福彩3D 2026089 期 4 7 1"]),
            )
            bundles.append((bundle, {}))
        for (bundle, expected), js in zip(bundles, verify_in_javascript(bundles), strict=True):
            with self.subTest(selected=len(bundle["selected"])):
                self.assertEqual(js, python_verdict(bundle, expected))
                self.assertTrue(js["ok"])

    def test_ids_beyond_the_basic_plane_are_sorted_by_code_point_as_python_does(self) -> None:
        # U+FF21 (Ａ) sorts before U+1D538 (𝔸) by code point, but after it by UTF-16 code unit.
        texts = algorithm.FrozenTexts(
            pool="\n".join(sorted(["A\t\U0001d5381", "A\t\U0001d5382", "A\t\uff211", "A\t\uff212"])),
            inspectors="\n".join(sorted(["I1", "I2", "\U0001d538I", "\uff21I"])),
            experts="",
            conflicts="\uff211\tI1",
        )
        bundle = algorithm.run_draw(
            texts,
            digests=texts.digests(),
            ratios={"A": "0.5"},
            inspectors_per_entity=2,
            experts_per_entity=0,
            inspector_cap=None,
            commitments=[algorithm.commitment_of("ab" * 32)],
            secrets=["ab" * 32],
            public_value="",
        )
        [js] = verify_in_javascript([(bundle, {})])
        self.assertEqual(js, python_verdict(bundle, {}))
        self.assertTrue(js["ok"], js)

    def test_each_tampering_is_refused_by_both_for_the_same_reason(self) -> None:
        cases = tampered()
        verdicts = verify_in_javascript([(copy.deepcopy(b), e) for _name, b, e in cases])
        for (name, bundle, expected), js in zip(cases, verdicts, strict=True):
            python = python_verdict(bundle, expected)
            with self.subTest(name):
                self.assertFalse(python["ok"], name)
                self.assertFalse(js["ok"], name)
                self.assertEqual(reason(js), reason(python))
