"""Reconsideration, litigation and mediation tests run from just before the 2026 National Day
holiday, so that the 10-working-day reply crosses it."""

from __future__ import annotations

import time_machine

from fazhi.enforcement.tests.base import D, EnforcementTestCase, on

__all__ = ["D", "DisputeTestCase", "on"]

# A Tuesday; 25 September (Mid-Autumn) and 1–7 October are holidays, 10 October is worked.
START = "2026-09-22 10:00 +08:00"


@time_machine.travel(START, tick=False)
class DisputeTestCase(EnforcementTestCase):
    """The legal affairs reviewer handles disputes; the director is the head who appears.
    Inherits the enforcement fixtures, for decisions that a reconsideration or a court reverses."""
