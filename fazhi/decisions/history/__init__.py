"""Major decisions of past years entered from the archive (档案录入), the counterpart of the
reviews app's `import_concluded_review`: the live actions date every step today, while an
archived matter carries the dates of its paper record.

Each function checks the permission, checks that the archived record is complete and in the
order 713号 requires (the same rules the live actions enforce, applied to the archive's dates),
and writes one audit event for the record it enters. Nothing is computed from today except that
no date may lie in the future."""

from __future__ import annotations

from fazhi.decisions.history._common import RS, C, G, _at, _not_future
from fazhi.decisions.history.aftercare import (
    _published,
    import_execution_report,
    import_post_evaluation,
    record_archive_handover,
)
from fazhi.decisions.history.catalog import import_catalog
from fazhi.decisions.history.matter import import_decision
from fazhi.decisions.history.records import (
    ArchivedComment,
    ArchivedConsultation,
    ArchivedDecision,
    ArchivedExpertOpinion,
    ArchivedHearing,
    ArchivedMeeting,
    ArchivedRiskAssessment,
)

__all__ = [
    "RS",
    "ArchivedComment",
    "ArchivedConsultation",
    "ArchivedDecision",
    "ArchivedExpertOpinion",
    "ArchivedHearing",
    "ArchivedMeeting",
    "ArchivedRiskAssessment",
    "C",
    "G",
    "_at",
    "_not_future",
    "_published",
    "import_catalog",
    "import_decision",
    "import_execution_report",
    "import_post_evaluation",
    "record_archive_handover",
]
