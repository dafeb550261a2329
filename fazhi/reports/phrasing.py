"""How a report says a number (DOMAIN.md §12). Official reports round counts: 63 matters are
"60余", 196 opinions "近200". Staff choose per figure whether the report says the exact number
or the approximate one; the traced value always stays exact.

The rule, for a whole number n ≥ 10 (a smaller number, a rate and a round number are said
exactly): let the step be the power of ten of n's leading digit (10 for 10–99, 100 for
100–999, …). A two-digit n is "{n rounded down to the step}余" (60 ≤ n < 70 is "60余", as
DOMAIN.md §12 gives it). From three digits on, with `upper` the next multiple of the step above
n, n within 5 % below `upper` is "近{upper}" ("just under a round number": 196 is "近200"), and
otherwise "{n rounded down to the step}余" (447 is "400余"). The 5 % bound is the platform's
reading of "just under", not a rule from a source.
"""

from __future__ import annotations

from decimal import Decimal

NEAR_SHARE = Decimal("0.05")


def phrase(value: int | Decimal | None, approximate: bool = False) -> str:
    """The number as the report writes it."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return format(value.normalize(), "f")
    n = int(value)
    if not approximate or n < 10:
        return str(n)
    step = 10 ** (len(str(n)) - 1)
    if n % step == 0:
        return str(n)
    upper = (n // step + 1) * step
    if n >= 100 and upper - n <= upper * NEAR_SHARE:
        return f"近{upper}"
    return f"{n // step * step}余"


def exact(value: int | Decimal | None) -> str:
    return phrase(value, approximate=False)
