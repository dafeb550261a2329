"""Today, for the agency: the local date in the project's time zone (`TIME_ZONE`).

Every app asks here rather than keeping its own helper, so a step, a page and a deadline agree
on the day (and the tests' shifted clocks move all of them at once)."""

from __future__ import annotations

import datetime

from django.utils import timezone


def today() -> datetime.date:
    """The agency's date now."""
    return timezone.localdate()
