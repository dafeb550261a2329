"""The enforcement pages of the staff area (/work/enforcement/)."""

from __future__ import annotations

from django.urls import path  # noqa: F401 - the pages are added here

app_name = "enforcement"

urlpatterns: list = []  # type: ignore[type-arg]
