"""How a report says a number: exact, or approximate by the explicit rule of DOMAIN.md §12."""

from __future__ import annotations

from decimal import Decimal

from django.test import SimpleTestCase

from fazhi.reports.phrasing import phrase


class PhrasingTests(SimpleTestCase):
    def test_sixty_three_matters_are_sixty_odd(self) -> None:
        self.assertEqual(phrase(63, approximate=True), "60余")

    def test_one_hundred_ninety_six_opinions_are_nearly_two_hundred(self) -> None:
        self.assertEqual(phrase(196, approximate=True), "近200")

    def test_a_two_digit_number_is_always_the_tens_and_more(self) -> None:
        for n, said in ((60, "60"), (61, "60余"), (69, "60余"), (99, "90余"), (10, "10"), (11, "10余")):
            with self.subTest(n=n):
                self.assertEqual(phrase(n, approximate=True), said)

    def test_nearly_applies_within_five_percent_below_the_next_round_number(self) -> None:
        for n, said in ((190, "近200"), (189, "100余"), (447, "400余"), (980, "近1000"), (1049, "1000余")):
            with self.subTest(n=n):
                self.assertEqual(phrase(n, approximate=True), said)

    def test_small_numbers_round_numbers_and_rates_stay_exact(self) -> None:
        self.assertEqual(phrase(5, approximate=True), "5")
        self.assertEqual(phrase(200, approximate=True), "200")
        self.assertEqual(phrase(Decimal("92.86"), approximate=True), "92.86")
        self.assertEqual(phrase(Decimal("100.00"), approximate=True), "100")

    def test_exact_phrasing_never_changes_the_number(self) -> None:
        for n in (0, 5, 63, 196, 447):
            with self.subTest(n=n):
                self.assertEqual(phrase(n), str(n))

    def test_a_missing_value_is_said_as_nothing(self) -> None:
        self.assertEqual(phrase(None, approximate=True), "")
