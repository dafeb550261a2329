"""Core models: organizations and people, the audit chain, calendar and rule book,
numbering, attachments and API tokens."""

from .accounts import ApiToken, Organization, User
from .attachments import Attachment
from .audit import AuditChainHead, AuditEvent, PublishedChainHead
from .calendar import CalendarDay, CalendarYear, DeadlineRule
from .laws import Law, LawVersion
from .numbering import IssuedNumber, NumberCounter, NumberSeries

__all__ = [
    "ApiToken",
    "Attachment",
    "AuditChainHead",
    "AuditEvent",
    "CalendarDay",
    "CalendarYear",
    "DeadlineRule",
    "IssuedNumber",
    "Law",
    "LawVersion",
    "NumberCounter",
    "NumberSeries",
    "Organization",
    "PublishedChainHead",
    "User",
]
