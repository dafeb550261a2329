"""The unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters from a 31-character code set (digits and capital letters without I, O, S, V
and Z); the last is a check character over the first 17:

    check = 31 − (Σ value(cᵢ) × wᵢ mod 31), and 31 becomes 0,

with the weights wᵢ = 3^(i−1) mod 31 and the values of the code set in order (0–9 → 0–9,
A → 10 … Y → 30).
"""

from __future__ import annotations

CODE_SET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {char: value for value, char in enumerate(CODE_SET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def normalize_uscc(code: str) -> str:
    """What a person typed, without spaces and in capitals (the code set has no lower case)."""
    return "".join((code or "").split()).upper()


def check_character(first17: str) -> str:
    """The check character for the first 17 characters (which must be in the code set)."""
    total = sum(VALUES[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return CODE_SET[(31 - total % 31) % 31]


def validate_uscc(code: str) -> str | None:
    """None for a valid code, else the reason in Chinese (shown next to the field or the row)."""
    if not code:
        return "统一社会信用代码为空"
    if len(code) != LENGTH:
        return f"统一社会信用代码应为 {LENGTH} 位，实为 {len(code)} 位"
    for position, char in enumerate(code, start=1):
        if char not in VALUES:
            return (
                f"统一社会信用代码第 {position} 位“{char}”不是有效字符"
                "（只能是数字和除 I、O、S、V、Z 以外的大写字母）"
            )
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：第 18 位应为“{expected}”，实为“{code[17]}”（GB 32100-2015）"
    return None


def uscc_validator(value: str) -> None:
    """The model field validator (a form shows the same reason next to the field)."""
    from django.core.exceptions import ValidationError

    reason = validate_uscc(value)
    if reason:
        raise ValidationError(reason, code="invalid_uscc")
