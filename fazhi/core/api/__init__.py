"""Core endpoints: who am I, and the deadline calculator."""

from ninja import Router

from . import accounts, calendar

router = Router()
router.add_router("", accounts.router)
router.add_router("calendar", calendar.router)
