"""/api/v1/inspections — filled in with the inspections API."""

from ninja import Router

router = Router(tags=["双随机抽查"])
