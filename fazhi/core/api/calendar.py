"""GET /api/v1/calendar/deadline — filled in by the calendar work."""

from ninja import Router

router = Router(tags=["工作日历与期限"])
