"""What the overdue-provider tests of every app share: the days and the assertion."""

from __future__ import annotations

import datetime
from typing import Any

from fazhi.core.overdue import OverdueItem
from fazhi.core.testing import BaseTestCase

D = datetime.date
TODAY = D(2024, 6, 14)
LATE = D(2024, 6, 3)
AHEAD = D(2024, 6, 20)


class ProviderTestCase(BaseTestCase):
    def titles(self, items: Any) -> list[str]:
        return [item.title for item in items]

    def assert_one(self, items: Any, *, words: str, due: D, division: Any) -> OverdueItem:
        items = list(items)
        self.assertEqual(len(items), 1, self.titles(items))
        item = items[0]
        self.assertIn(words, item.title)
        self.assertEqual(item.due_on, due)
        self.assertEqual(item.division_id, division.pk if division else None)
        self.assertEqual(item.division_name, division.name if division else "")
        self.assertTrue(item.url.startswith("/work/"), item.url)
        return item
