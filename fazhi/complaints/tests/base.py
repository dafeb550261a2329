from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import time_machine

from fazhi.complaints import actions
from fazhi.complaints.models import Complaint
from fazhi.core.testing import BaseTestCase

D = datetime.date


@contextmanager
def on(day: str) -> Iterator[None]:
    with time_machine.travel(f"{day} 10:00 +08:00", tick=False):
        yield


@time_machine.travel("2026-11-10 10:00 +08:00", tick=False)
class ComplaintTestCase(BaseTestCase):
    """The legal affairs reviewer registers and decides; 基础研究处 (the drafter and its head)
    handles what it is given; the outsider's division is given nothing."""

    def entered(self, **overrides: Any) -> Complaint:
        """A 12345 transfer received on Monday 2 November 2026 and registered the same day."""
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "channel": Complaint.Channel.HOTLINE,
            "hotline_ticket": "GD20261102001",
            "kind": Complaint.Kind.COMPLAINT,
            "subject": "执法人员检查时未出示执法证件",
            "content": "2026年10月30日，两名检查人员到我单位检查实验动物饲养场所，未出示执法证件。",
            "respondent": "实验动物检查",
            "received_on": D(2026, 11, 2),
            "registered_on": D(2026, 11, 2),
            "contact_name": "刘女士",
            "contact_phone": "13800000000",
        }
        values.update(overrides)
        complaint, _code = actions.enter_complaint(**values)
        return complaint

    def accepted(self, complaint: Complaint | None = None, **overrides: Any) -> Complaint:
        """Accepted on Tuesday 3 November and given to 基础研究处."""
        complaint = complaint or self.entered()
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "decided_on": D(2026, 11, 3),
            "division": self.sci_division,
            "reason": "反映的是本局执法人员的执法行为，属于本局职责。",
            "notice": "您的投诉已受理，交基础研究处调查核实并答复。",
            "notice_method": Complaint.NoticeMethod.PHONE,
        }
        values.update(overrides)
        actions.accept_complaint(complaint, **values)
        return complaint

    def answered(self, complaint: Complaint | None = None) -> Complaint:
        complaint = complaint or self.accepted()
        actions.answer_complaint(
            complaint,
            actor=self.drafter,
            replied_on=D(2026, 11, 10),
            findings="经调取执法记录仪视频，检查人员进门时出示了执法证件，但未向在场人员逐一说明。",
            reply="经核实，检查人员出示了执法证件；已要求今后检查时向在场人员说明身份和检查依据。",
            reply_method=Complaint.NoticeMethod.PHONE,
        )
        return complaint
