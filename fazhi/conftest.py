"""Session-wide test set-up, and the shifted clocks of CI (issue 9).

`FAZHI_TEST_CLOCK=2026-12-20` runs the whole session with the clock moved to that day (10:00
Asia/Shanghai, ticking) by time_machine; `FAZHI_TEST_ENTERED_YEARS=2027` adds the years given
to the seeded calendar from the test notices (core/tests/notices.py), as an administrator would
enter them. Every other year after the package's last is absent: a late-December clock runs with
next year missing. A test that depends on today's date fails under one of the clocks.
"""

import datetime
import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings

_traveller: Any = None


def _entered_years() -> list[int]:
    return [int(y) for y in os.environ.get("FAZHI_TEST_ENTERED_YEARS", "").split(",") if y.strip()]


def pytest_configure(config: pytest.Config) -> None:
    global _traveller
    clock = os.environ.get("FAZHI_TEST_CLOCK", "").strip()
    if clock:
        import time_machine

        moment = datetime.datetime.fromisoformat(clock if "T" in clock else f"{clock}T10:00:00+08:00")
        _traveller = time_machine.travel(moment, tick=True)
        _traveller.start()
    entered = _entered_years()
    if entered:
        from fazhi.core import calendar
        from fazhi.core.calendar import seeding

        original_years, original_days = seeding.package_years, seeding.package_days

        def package_years() -> list[int]:
            return sorted(set(original_years()) | set(entered))

        def package_days(year: int) -> list[tuple[datetime.date, bool, str]]:
            if year not in entered:
                return original_days(year)
            from fazhi.core.holiday_notice import parse_notice
            from fazhi.core.tests import notices

            parsed = parse_notice(getattr(notices, f"NOTICE_{year}"))
            days = [(d, False, n) for d, n in parsed.holidays.items()]
            return sorted(days + [(d, True, n) for d, n in parsed.workdays.items()])

        # The seeding module reads them; the package re-exports them for the tests' imports.
        seeding.package_years, seeding.package_days = package_years, package_days  # type: ignore[assignment]
        calendar.package_years, calendar.package_days = package_years, package_days  # type: ignore[assignment]


def pytest_unconfigure(config: pytest.Config) -> None:
    if _traveller is not None:
        _traveller.stop()


def pytest_report_header(config: pytest.Config) -> list[str]:
    clock = os.environ.get("FAZHI_TEST_CLOCK")
    if not clock:
        return []
    return [f"fazhi: clock moved to {clock}; years entered beyond the package: {_entered_years() or 'none'}"]


@pytest.fixture(autouse=True, scope="session")
def _media_in_tmp_for_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Files uploaded while a test class builds its data (setUpTestData) go to a temporary
    folder too, never into var/."""
    names = ("MEDIA_ROOT", "FAZHI_AUDIT_KEY_FILE", "FAZHI_AUDIT_HEADS_FILE")
    original = {name: getattr(django_settings, name) for name in names}
    django_settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    # The audit-heads signing key and heads file too: one key for the session, never var/'s.
    witness = tmp_path_factory.mktemp("witness")
    django_settings.FAZHI_AUDIT_KEY_FILE = witness / "audit_signing_key.pem"
    django_settings.FAZHI_AUDIT_HEADS_FILE = witness / "audit_heads.jsonl"
    yield
    for name, value in original.items():
        setattr(django_settings, name, value)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded files of a test go to a temporary folder, never into var/; so does the signed
    audit-heads file, which each test starts without."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FAZHI_AUDIT_HEADS_FILE = tmp_path / "audit_heads.jsonl"
