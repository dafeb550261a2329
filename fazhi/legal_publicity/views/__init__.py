"""Staff pages of legal publicity (普法, /work/publicity/): the overview with the year's figures,
the five-year plans, the yearly responsibility list (谁执法谁普法) and the activities. Every
write goes through actions.py. The legal affairs division keeps the plan and the list; each
division records its own activities and completes its own list items; the leadership reads
everything. A write the rules refuse is shown again with the input kept and the reason next
to the field."""

from fazhi.legal_publicity.views.activities import activity_create, activity_detail, activity_list
from fazhi.legal_publicity.views.overview import index
from fazhi.legal_publicity.views.plans import plan_create, plan_detail, plan_list
from fazhi.legal_publicity.views.responsibilities import (
    responsibility_complete,
    responsibility_create,
    responsibility_detail,
    responsibility_list,
)

__all__ = [
    "activity_create",
    "activity_detail",
    "activity_list",
    "index",
    "plan_create",
    "plan_detail",
    "plan_list",
    "responsibility_complete",
    "responsibility_create",
    "responsibility_detail",
    "responsibility_list",
]
