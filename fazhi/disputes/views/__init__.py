"""Staff pages of reconsideration, litigation and mediation (行政复议、行政诉讼、行政调解), court
observation (旁听庭审) and dispute screening (矛盾纠纷排查): the overview with the year's figures
and what is open, a list and a registration form for each, and the page of a reconsideration,
lawsuit or mediation where its steps are taken. Every write goes through actions.py. The legal
affairs division handles them; the leadership reads them (a step answers 404 to those who may
never take it). A step the matter's state does not allow, or that breaks a rule, is refused by
the action with the rule; the page is shown again with the input kept and the reason next to
the field."""

from fazhi.disputes.views.matters import (
    litigation_action,
    litigation_detail,
    mediation_action,
    mediation_detail,
    reconsideration_action,
    reconsideration_detail,
)
from fazhi.disputes.views.overview import (
    index,
    litigation_list,
    mediation_list,
    observation_list,
    reconsideration_list,
    screening_list,
)
from fazhi.disputes.views.registration import (
    litigation_create,
    mediation_create,
    observation_create,
    reconsideration_create,
    screening_create,
)

__all__ = [
    "index",
    "litigation_action",
    "litigation_create",
    "litigation_detail",
    "litigation_list",
    "mediation_action",
    "mediation_create",
    "mediation_detail",
    "mediation_list",
    "observation_create",
    "observation_list",
    "reconsideration_action",
    "reconsideration_create",
    "reconsideration_detail",
    "reconsideration_list",
    "screening_create",
    "screening_list",
]
