"""Every write of the normative-document lifecycle (DOMAIN.md §5). Each action checks the
permission, refuses an out-of-order step naming the rule it breaks, and writes the audit event
in the same transaction. Split by sub-domain; everything is importable from here."""

from fazhi.documents.actions._common import (
    CAMPAIGN_TRANSITIONS,
    CLEANUP_EVENTS,
    FILING_TRANSITIONS,
    TRANSITIONS,
)
from fazhi.documents.actions.adoption import (
    abandon_document,
    issue_document,
    publish_document,
    record_deliberation,
    submit_for_review,
)
from fazhi.documents.actions.cleanup import (
    approve_campaign,
    create_campaign,
    publish_campaign,
    set_disposition,
)
from fazhi.documents.actions.drafting import (
    add_comment,
    add_version,
    answer_comment,
    comment_rule_code,
    create_document,
    current_text,
    open_solicitation,
)
from fazhi.documents.actions.filing import (
    answer_correction,
    decide_filing,
    file_document,
    filing_authority,
)
from fazhi.documents.actions.lifespan import (
    REQUIRES_BY_DOCUMENT,
    evaluation_due_on,
    expire_documents,
    record_validity_event,
)

__all__ = [
    "CAMPAIGN_TRANSITIONS",
    "CLEANUP_EVENTS",
    "FILING_TRANSITIONS",
    "REQUIRES_BY_DOCUMENT",
    "TRANSITIONS",
    "abandon_document",
    "add_comment",
    "add_version",
    "answer_comment",
    "answer_correction",
    "approve_campaign",
    "comment_rule_code",
    "create_campaign",
    "create_document",
    "current_text",
    "decide_filing",
    "evaluation_due_on",
    "expire_documents",
    "file_document",
    "filing_authority",
    "issue_document",
    "open_solicitation",
    "publish_campaign",
    "publish_document",
    "record_deliberation",
    "record_validity_event",
    "set_disposition",
    "submit_for_review",
]
