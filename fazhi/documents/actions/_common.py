"""The transition tables of normative documents, filings and cleanups."""

from __future__ import annotations

from fazhi.core.workflow import Transition
from fazhi.documents.models import (
    CleanupCampaign,
    CleanupItem,
    Filing,
    NormativeDocument,
    ValidityEvent,
)

S = NormativeDocument.Status
O = NormativeDocument.Outcome  # noqa: E741 - the outcome choices, as in the model
E = ValidityEvent.Kind

TRANSITIONS = {
    "open_solicitation": Transition({S.DRAFTING}, S.SOLICITING, "公开征求意见"),
    "submit_for_review": Transition(
        {S.SOLICITING}, S.UNDER_REVIEW, "送请合法性审核", rule="征求意见结束后方可送审"
    ),
    "deliberate": Transition(
        {S.UNDER_REVIEW},
        S.DELIBERATED,
        "提交集体审议",
        rule="未经合法性审核或者经审核不合法的，不得提交集体审议",
    ),
    "not_adopted": Transition({S.UNDER_REVIEW}, S.NOT_ADOPTED, "记录审议结果"),
    "back_to_review": Transition(
        {S.UNDER_REVIEW, S.DELIBERATED},
        S.UNDER_REVIEW,
        "修改文本并重新送审",
        rule="合法性审核后修改文本的，应当重新送请合法性审核",
    ),
    "issue": Transition({S.DELIBERATED}, S.ISSUED, "统一编号印发", rule="经集体审议通过后方可印发"),
    "publish": Transition({S.ISSUED}, S.PUBLISHED, "公布", rule="印发后方可公布"),
    "abandon": Transition({S.DRAFTING, S.SOLICITING, S.UNDER_REVIEW}, S.ABANDONED, "终止制定"),
}
FILING_TRANSITIONS = {
    "filed": Transition({Filing.Status.SUBMITTED, Filing.Status.CORRECTED}, Filing.Status.FILED, "予以备案"),
    "rejected": Transition(
        {Filing.Status.SUBMITTED, Filing.Status.CORRECTED}, Filing.Status.REJECTED, "不予备案"
    ),
    "deferred": Transition(
        {Filing.Status.SUBMITTED, Filing.Status.CORRECTED}, Filing.Status.DEFERRED, "暂缓备案"
    ),
    "corrected": Transition({Filing.Status.DEFERRED}, Filing.Status.CORRECTED, "报送纠正情况"),
}
# The dispositions of a cleanup that change a document's status when the result is published.
CLEANUP_EVENTS: dict[str, str] = {
    CleanupItem.Disposition.REPEAL: ValidityEvent.Kind.REPEALED,
    CleanupItem.Disposition.DECLARE_INVALID: ValidityEvent.Kind.DECLARED_INVALID,
}
CAMPAIGN_TRANSITIONS = {
    "approve": Transition({CleanupCampaign.Status.DRAFT}, CleanupCampaign.Status.APPROVED, "审定清理结果"),
    "publish": Transition(
        {CleanupCampaign.Status.APPROVED}, CleanupCampaign.Status.PUBLISHED, "公布清理结果"
    ),
}
