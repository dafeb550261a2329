"""The flash messages' storage: Django's (cookie, else session), with each message's Chinese
dates written in the page's language (`core.formats.localize_dates`): a refusal an action words
in Chinese reads "Jan. 8, 2027" on an English page. Set as MESSAGE_STORAGE."""

from __future__ import annotations

from typing import Any

from django.contrib.messages.storage.fallback import FallbackStorage

from fazhi.core.formats import localize_dates


class LocalizedDatesStorage(FallbackStorage):
    def add(self, level: int, message: Any, extra_tags: str | None = "") -> None:
        if message:
            message = localize_dates(str(message))
        super().add(level, message, extra_tags)
