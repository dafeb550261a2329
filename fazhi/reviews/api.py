"""/api/v1/reviews — filled in with the review API."""

from ninja import Router

router = Router(tags=["合法性审核"])
