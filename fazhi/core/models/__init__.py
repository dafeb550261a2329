"""Core models: organizations and people, the audit chain, calendar and rule book,
numbering, attachments and API tokens, the register of laws and the roster of enforcement
officers."""

from .accounts import ApiToken, Organization, User
from .attachments import Attachment
from .audit import AuditChainHead, AuditEvent, PublishedChainHead
from .calendar import CalendarDay, CalendarYear, DeadlineRule
from .laws import Law, LawVersion
from .numbering import IssuedNumber, NumberCounter, NumberSeries
from .officers import Domain, Inspector

__all__ = [
    "ApiToken",
    "Attachment",
    "AuditChainHead",
    "AuditEvent",
    "CalendarDay",
    "CalendarYear",
    "DeadlineRule",
    "Domain",
    "Inspector",
    "IssuedNumber",
    "Law",
    "LawVersion",
    "NumberCounter",
    "NumberSeries",
    "Organization",
    "PublishedChainHead",
    "User",
]
