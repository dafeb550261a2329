"""/api/v1/enforcement: enforcement cases and the public publicity list."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["行政执法"])
