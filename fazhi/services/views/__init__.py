"""Staff pages of government services (政务服务, /work/services/): the overview with the year's
figures, the catalog of service matters and its notification-commitment list (告知承诺制清单),
the commitments with their verification, the false-commitment credit records, and the powers
delegated to the districts. Every write goes through actions.py. The legal affairs division
keeps everything; the leadership reads. A write the rules refuse is shown again with the input
kept and the reason next to the field."""

from fazhi.services.views.commitments import (
    commitment_action,
    commitment_create,
    commitment_detail,
    commitment_list,
)
from fazhi.services.views.credit import credit_action, credit_detail, credit_list
from fazhi.services.views.matters import matter_action, matter_create, matter_detail, matter_list
from fazhi.services.views.overview import index
from fazhi.services.views.powers import power_action, power_create, power_detail, power_list

__all__ = [
    "commitment_action",
    "commitment_create",
    "commitment_detail",
    "commitment_list",
    "credit_action",
    "credit_detail",
    "credit_list",
    "index",
    "matter_action",
    "matter_create",
    "matter_detail",
    "matter_list",
    "power_action",
    "power_create",
    "power_detail",
    "power_list",
]
