"""/api/v1/disputes — administrative reconsideration, litigation and mediation over JSON.

For the legal affairs division, which handles them, and the leadership, which reads them
(permissions.can_see); anyone else gets 404, and no account 401:

    GET  /stats?year=                               the year's figures (stats.dispute_figures)
    GET  /reconsiderations[/{reconsideration_id}]   the bureau as respondent, by year and status
    GET  /litigations[/{litigation_id}]             the bureau as defendant, by year and status
    GET  /mediations[/{mediation_id}]               disputes the bureau mediates, by year and status

Writes, by the legal affairs division only (permissions.can_handle), each calling its action
and answering the record as it now stands:

    POST /reconsiderations                          register the application copy (reply due in
                                                    10 working days); optionally linked to an
                                                    enforcement case, which a reversing decision
                                                    then records as reversed
    POST /reconsiderations/{id}/reply | decision
    POST /litigations                               register the complaint (defence due in 15 days)
    POST /litigations/{id}/defence | judgment
    POST /mediations                                a request for mediation
    POST /mediations/{id}/accept | meetings | conclude

Planning who attends a reconsideration hearing or appears in court (with the sealed proof of the
head's excuse), closing a reconsideration, opinion letters, refusals, court observations and
dispute screening are done on the /work/disputes/ pages.

Errors answer JSON with a Chinese `detail` (fazhi/api.py): hidden, missing or not one's to do,
404; a step the record's state does not allow or a closed legal gate (with the article), 409; a
body or query of the wrong shape, 422; other refusals (a date after today, an empty field), 400."""

from __future__ import annotations

# The endpoint modules register their routes as they are imported: in this order, the order of
# the OpenAPI document (the figures, reconsideration, litigation, mediation).
from fazhi.disputes.api._common import (
    ERRORS,
    IN_YEARS,
    MAX_ID,
    MAX_YEAR,
    MIN_YEAR,
    CaseNumber,
    Day,
    InstanceValue,
    LitigationId,
    LitigationOutcomeValue,
    LitigationStatusValue,
    MediationId,
    MediationKindValue,
    MediationStatusValue,
    Name,
    Organ,
    Parties,
    ReconsiderationId,
    ReconsiderationOutcomeValue,
    ReconsiderationStatusValue,
    Text,
    router,
)

# isort: split
from fazhi.disputes.api.schemas import (
    DefenceIn,
    DisputeDeadlineOut,
    DisputePageQuery,
    DisputeStatsOut,
    DisputeStatsQuery,
    JudgmentEffectIn,
    JudgmentIn,
    LitigationDetailOut,
    LitigationPageOut,
    LitigationQuery,
    LitigationSummaryOut,
    MediationAcceptIn,
    MediationConcludeIn,
    MediationDetailOut,
    MediationPageOut,
    MediationQuery,
    MediationSummaryOut,
    MeetingIn,
    MeetingOut,
    ReconsiderationDecisionIn,
    ReconsiderationDetailOut,
    ReconsiderationPageOut,
    ReconsiderationQuery,
    ReconsiderationSummaryOut,
    RegisterLitigationIn,
    RegisterReconsiderationIn,
    ReplyIn,
    RequestMediationIn,
)

# isort: split
from fazhi.disputes.api.rows import (
    READ,
    _at,
    _deadline,
    _linked_case,
    _page,
    _reader,
    _registrar,
    _responses,
)

# isort: split
from fazhi.disputes.api.yearly import stats

# isort: split
from fazhi.disputes.api.reconsiderations import (
    reconsideration_decision,
    reconsideration_detail,
    reconsideration_list,
    reconsideration_register,
    reconsideration_reply,
)

# isort: split
from fazhi.disputes.api.litigations import (
    litigation_defence,
    litigation_detail,
    litigation_judgment,
    litigation_judgment_effect,
    litigation_list,
    litigation_register,
)

# isort: split
from fazhi.disputes.api.mediations import (
    mediation_accept,
    mediation_conclude,
    mediation_detail,
    mediation_list,
    mediation_meeting,
    mediation_request,
)

# The operations keep the ids they had in one module: fazhi_disputes_api_<function> (fazhi/api.py).
ONE_OPERATION_NAMESPACE = True

__all__ = [
    "ERRORS",
    "IN_YEARS",
    "MAX_ID",
    "MAX_YEAR",
    "MIN_YEAR",
    "READ",
    "CaseNumber",
    "Day",
    "DefenceIn",
    "DisputeDeadlineOut",
    "DisputePageQuery",
    "DisputeStatsOut",
    "DisputeStatsQuery",
    "InstanceValue",
    "JudgmentEffectIn",
    "JudgmentIn",
    "LitigationDetailOut",
    "LitigationId",
    "LitigationOutcomeValue",
    "LitigationPageOut",
    "LitigationQuery",
    "LitigationStatusValue",
    "LitigationSummaryOut",
    "MediationAcceptIn",
    "MediationConcludeIn",
    "MediationDetailOut",
    "MediationId",
    "MediationKindValue",
    "MediationPageOut",
    "MediationQuery",
    "MediationStatusValue",
    "MediationSummaryOut",
    "MeetingIn",
    "MeetingOut",
    "Name",
    "Organ",
    "Parties",
    "ReconsiderationDecisionIn",
    "ReconsiderationDetailOut",
    "ReconsiderationId",
    "ReconsiderationOutcomeValue",
    "ReconsiderationPageOut",
    "ReconsiderationQuery",
    "ReconsiderationStatusValue",
    "ReconsiderationSummaryOut",
    "RegisterLitigationIn",
    "RegisterReconsiderationIn",
    "ReplyIn",
    "RequestMediationIn",
    "Text",
    "_at",
    "_deadline",
    "_linked_case",
    "_page",
    "_reader",
    "_registrar",
    "_responses",
    "litigation_defence",
    "litigation_detail",
    "litigation_judgment",
    "litigation_judgment_effect",
    "litigation_list",
    "litigation_register",
    "mediation_accept",
    "mediation_conclude",
    "mediation_detail",
    "mediation_list",
    "mediation_meeting",
    "mediation_request",
    "reconsideration_decision",
    "reconsideration_detail",
    "reconsideration_list",
    "reconsideration_register",
    "reconsideration_reply",
    "router",
    "stats",
]
