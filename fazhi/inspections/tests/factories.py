"""Test helpers for inspections: registries, plans reaching each state through the real
actions, and the standalone verifier loaded by path (as `fazhi draw verify` does)."""

from __future__ import annotations

import contextlib
import datetime
import functools
import importlib.util
import json
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import time_machine
from django.utils import timezone

from fazhi.core.agencies import agencies
from fazhi.core.models import Domain, Inspector, Organization, User
from fazhi.core.uscc import check_character
from fazhi.inspections import actions, registry
from fazhi.inspections.draw import commitment_of
from fazhi.inspections.models import Draw, Entity, InspectionItem, InspectionPlan, RiskLevel

VERIFIER_PATH = Path(__file__).resolve().parents[1] / "verify_draw.py"
DRAW_ON = datetime.date(2026, 4, 10)
# Two contributors' secrets, fixed so that a failing test can be replayed by hand.
SECRETS = ["1" * 64, "ab" * 32]
LAB = Domain.LAB_ANIMALS
HGR = Domain.HUMAN_GENETIC_RESOURCES


@functools.cache
def verifier() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fazhi_verify_draw_tests", VERIFIER_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def verify(bundle: dict[str, Any]) -> list[str]:
    """The verifier's report for `bundle` (a JSON round trip first, as a download would be)."""
    return verifier().verify(json.loads(json.dumps(bundle, ensure_ascii=False)))


def uscc(n: int, area: str = "120104") -> str:
    """A valid code: 91 (an enterprise), a Tianjin district, MA + n, and its check character."""
    first17 = f"91{area}MA{n:07d}"
    return first17 + check_character(first17)


def make_item(actor: User, *, domain: str = LAB, published: bool = True) -> InspectionItem:
    return registry.create_item(
        actor=actor,
        name="实验动物生产和使用单位监督检查" if domain == LAB else "人类遗传资源采集、保藏活动监督检查",
        legal_basis="《实验动物管理条例》第五条、第二十九条",
        inspecting_body="天津市科学技术局",
        method="现场检查、书面检查",
        domain=domain,
        published=published,
    )


def make_entities(
    count: int,
    *,
    start: int = 1,
    domain: str = LAB,
    risk_level: str = RiskLevel.HIGH,
    natural: bool = False,
    agency: Organization | None = None,
) -> list[Entity]:
    """Registry rows made directly (registry data, not a workflow state): many at once, in
    `agency`'s registry (the first agency's, the bureau's, unless given)."""
    agency = agency or agencies().first()
    return Entity.objects.bulk_create(
        Entity(
            agency=agency,
            name=f"天津某实验动物中心{n}号" if not natural else f"王小明{n}",
            uscc=uscc(n),
            legal_representative=f"法人{n}",
            address=f"天津市南开区科研西路{n}号",
            domain=domain,
            risk_level=risk_level,
            is_natural_person=natural,
        )
        for n in range(start, start + count)
    )


def make_inspector(
    actor: User,
    n: int,
    *,
    user: User | None = None,
    expires: datetime.date = datetime.date(2028, 12, 31),
    domains: tuple[str, ...] = (LAB,),
) -> Inspector:
    return registry.create_inspector(
        actor=actor,
        name=f"执法人员{n}",
        certificate_number=f"12010{n:04d}",
        certificate_expires_on=expires,
        domains=list(domains),
        user=user,
    )


def draft_plan(
    actor: User,
    item: InspectionItem,
    *,
    strata: dict[str, str] | None = None,
    cap: int | None = None,
    experts: int = 0,
    public_value_source: str = "",
    draw_on: datetime.date = DRAW_ON,
) -> InspectionPlan:
    """A plan with strata (risk level → ratio) and two seed contributors."""
    plan = actions.create_plan(
        actor=actor,
        year=2026,
        batch=1,
        item=item,
        draw_on=draw_on,
        inspector_cap=cap,
        experts_per_entity=experts,
        public_value_source=public_value_source,
    )
    for risk_level, ratio in (strata or {RiskLevel.HIGH: "1"}).items():
        actions.add_stratum(plan, actor=actor, domain=item.domain, risk_level=risk_level, ratio=ratio)
    actions.add_contributor(plan, actor=actor, name="政策法规处")
    actions.add_contributor(plan, actor=actor, name="科技监督与诚信建设处")
    return plan


def publish(actor: User, plan: InspectionPlan) -> InspectionPlan:
    return actions.publish_plan(plan, actor=actor, commitments=[commitment_of(s) for s in SECRETS])


def on_draw_day(plan: InspectionPlan) -> contextlib.AbstractContextManager[Any]:
    """The plan's published draw date (a draw is made on that day, neither before nor after
    it): the morning of that day, or now when today is already that day."""
    if timezone.localdate() == plan.draw_on:
        return contextlib.nullcontext()
    return time_machine.travel(f"{plan.draw_on:%Y-%m-%d} 09:30 +08:00", tick=False)


def drawn(actor: User, plan: InspectionPlan, public_value: str = "") -> Draw:
    with on_draw_day(plan):
        return actions.draw(plan, actor=actor, secrets=SECRETS, public_value=public_value)


BROWSER_VERIFIER_RUNNER = Path(__file__).resolve().parent / "verify_draw_node.mjs"


def verify_in_javascript(cases: list[tuple[dict[str, Any], dict[str, str]]]) -> list[dict[str, Any]]:
    """The in-browser verifier's verdict on each (bundle, expected digests), run under Node.js
    with the same Web Crypto API the browser has: {"ok": True, "report": [...]} or
    {"ok": False, "error": "..."}."""
    node = shutil.which("node")
    assert node, "Node.js (Debian's nodejs) runs the in-browser verifier in the tests: apt-get install nodejs"
    payload = json.dumps([{"bundle": b, "expected": e} for b, e in cases], ensure_ascii=False)
    done = subprocess.run(  # noqa: S603 - our own runner script, input as data on stdin
        [node, str(BROWSER_VERIFIER_RUNNER)],
        input=payload.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]
