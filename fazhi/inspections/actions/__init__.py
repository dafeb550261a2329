"""Every write of sampling plans, the draw and inspection tasks. Each action checks the
permission, enforces the legal rule it names, and writes the audit event in the same
transaction. The registries' writes are in registry.py.

The draw follows `fazhi-draw-v1` (DOMAIN.md §10) through fazhi.inspections.draw; publishing a
plan freezes the pools (step 1) and records the contributors' commitments (step 2)."""

from __future__ import annotations

from fazhi.inspections.actions._common import (
    CERTIFICATE,
    HEX64,
    MIN_CONTRIBUTORS,
    NO_REDRAW,
    RATIO,
    TASK_TRANSITIONS,
    TRANSITIONS,
    TWO_INSPECTORS,
    P,
    R,
    T,
    draw_date_not_reached,
)
from fazhi.inspections.actions.drawing import draw
from fazhi.inspections.actions.plans import (
    _check_ratio,
    _check_stratum_name,
    _plan_numbers,
    add_contributor,
    add_stratum,
    create_plan,
    remove_contributor,
    remove_stratum,
    update_plan,
)
from fazhi.inspections.actions.publication import freeze_pools, publish_plan
from fazhi.inspections.actions.results import publish_results, record_result
from fazhi.inspections.draw import commitment_of, new_secret

__all__ = [
    "CERTIFICATE",
    "HEX64",
    "MIN_CONTRIBUTORS",
    "NO_REDRAW",
    "RATIO",
    "TASK_TRANSITIONS",
    "TRANSITIONS",
    "TWO_INSPECTORS",
    "P",
    "R",
    "T",
    "_check_ratio",
    "_check_stratum_name",
    "_plan_numbers",
    "add_contributor",
    "add_stratum",
    "commitment_of",
    "create_plan",
    "draw",
    "draw_date_not_reached",
    "freeze_pools",
    "new_secret",
    "publish_plan",
    "publish_results",
    "record_result",
    "remove_contributor",
    "remove_stratum",
    "update_plan",
]
