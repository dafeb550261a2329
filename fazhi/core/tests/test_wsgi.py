"""The WSGI module every server process loads keeps what it loaded out of the cyclic
collector's passes (gc.freeze): a full pass mid-request paused a page for 100 ms and more."""

from __future__ import annotations

import gc
import importlib
import sys
import unittest


class WsgiTests(unittest.TestCase):
    def test_loading_the_application_freezes_what_is_loaded(self) -> None:
        gc.unfreeze()
        self.addCleanup(gc.unfreeze)
        sys.modules.pop("fazhi.wsgi", None)
        module = importlib.import_module("fazhi.wsgi")
        self.assertTrue(callable(module.application))
        self.assertGreater(gc.get_freeze_count(), 10_000)
