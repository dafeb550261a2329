"""The public enforcement publicity pages (/enforcement/: 行政执法公示)."""

from __future__ import annotations

from django.urls import path  # noqa: F401 - the pages are added here

app_name = "public_enforcement"

urlpatterns: list = []  # type: ignore[type-arg]
