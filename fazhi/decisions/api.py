"""/api/v1/decisions — filled in with the decisions API."""

from ninja import Router

router = Router(tags=["重大行政决策"])
