from __future__ import annotations

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from fazhi.core.uscc import CODE_SET, check_character, normalize_uscc, uscc_validator, validate_uscc


class CodeSetTests(SimpleTestCase):
    def test_the_code_set_has_31_characters_without_i_o_s_v_z(self) -> None:
        self.assertEqual(len(CODE_SET), 31)
        self.assertFalse(set("IOSVZ") & set(CODE_SET))


class ValidCodeTests(SimpleTestCase):
    def test_a_code_checked_by_hand_is_valid(self) -> None:
        # 91350100M000100Y43 (a code often quoted as an example). Values of the first 17:
        # 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4; weighted by 1 3 9 27 19 26 16 17 20 29 25 13
        # 8 24 10 30 28: 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28;
        # 31 − 28 = 3 → "3".
        self.assertIsNone(validate_uscc("91350100M000100Y43"))

    def test_a_second_code_checked_by_hand_is_valid(self) -> None:
        # 91120104MA0000001?: 9 1 1 2 0 1 0 4 M=21 A=10 0 0 0 0 0 0 1 weighted: 9+3+9+54+0+26+0
        # +68+420+290+0+0+0+0+0+0+28 = 907; 907 mod 31 = 8; 31 − 8 = 23 → the 24th character
        # of the code set, "P".
        self.assertEqual(check_character("91120104MA0000001"), "P")
        self.assertIsNone(validate_uscc("91120104MA0000001P"))

    def test_a_sum_divisible_by_31_gives_check_character_0(self) -> None:
        # 91120116MA0000039: 9 1 1 2 0 1 1 6 M=21 A=10 0 0 0 0 0 3 9 weighted: 9+3+9+54+0+26+16
        # +102+420+290+0+0+0+0+0+90+252 = 1271 = 41 × 31, so 31 − 0 = 31, which becomes 0.
        self.assertEqual(check_character("91120116MA0000039"), "0")
        self.assertIsNone(validate_uscc("91120116MA00000390"))

    def test_what_a_person_types_is_normalised_before_checking(self) -> None:
        self.assertEqual(normalize_uscc(" 91350100m000100y43 "), "91350100M000100Y43")
        self.assertEqual(normalize_uscc("9135 0100 M000 100Y 43"), "91350100M000100Y43")


class InvalidCodeTests(SimpleTestCase):
    def test_a_wrong_length_is_named(self) -> None:
        self.assertEqual(validate_uscc("91350100M000100Y4"), "统一社会信用代码应为 18 位，实为 17 位")
        self.assertIn("实为 19 位", validate_uscc("91350100M000100Y433") or "")

    def test_a_forbidden_letter_is_named_with_its_position(self) -> None:
        # O in place of the digit 0 at position 10: a common typing mistake.
        reason = validate_uscc("91350100MO00100Y43")
        self.assertIn("第 10 位“O”不是有效字符", reason or "")
        for letter in "IOSVZ":
            self.assertIsNotNone(validate_uscc("91350100M000100" + letter + "43"))

    def test_a_wrong_check_character_names_the_right_one(self) -> None:
        self.assertEqual(
            validate_uscc("91350100M000100Y44"),
            "统一社会信用代码校验位错误：第 18 位应为“3”，实为“4”（GB 32100-2015）",
        )

    def test_lower_case_is_not_in_the_code_set(self) -> None:
        self.assertIn("不是有效字符", validate_uscc("91350100m000100y43") or "")

    def test_empty_is_invalid(self) -> None:
        self.assertEqual(validate_uscc(""), "统一社会信用代码为空")

    def test_the_model_validator_raises_with_the_reason(self) -> None:
        with self.assertRaisesMessage(ValidationError, "校验位错误"):
            uscc_validator("91350100M000100Y44")
        uscc_validator("91350100M000100Y43")
