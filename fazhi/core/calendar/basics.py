"""What deadlines are made of: the caps on a period, the words of units and their legal basis,
the errors, and the `Deadline` itself."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from fazhi.core.models import DeadlineRule
from fazhi.core.workflow import DomainError

# What a rule code may look like ("document.comment_min"); anything else is unknown without
# asking the database (PostgreSQL rejects a NUL byte in a query parameter with an error).
RULE_CODE_RE = re.compile(r"[A-Za-z0-9_.\-]{1,60}")

# Caps on a single period: far beyond any legal time limit, and they keep every computation
# inside the dates Python can represent.
MAX_DAYS = 3650
MAX_MONTHS = 120

UNIT_WORDS: dict[str, str] = {
    DeadlineRule.Unit.WORKING_DAYS.value: "个工作日",
    DeadlineRule.Unit.CALENDAR_DAYS.value: "日",
    DeadlineRule.Unit.MONTHS.value: "个月",
}

PERIOD_BASIS = {
    DeadlineRule.Unit.WORKING_DAYS: (
        "按工作日计算：开始当日不计入，不含周末和法定节假日，含调休上班日（民法典第二百零一条）"
    ),
    DeadlineRule.Unit.CALENDAR_DAYS: (
        "按自然日计算：开始当日不计入，期间最后一日是法定休假日的，以休假日结束的次日为最后一日"
        "（民法典第二百零一条、第二百零三条）"
    ),
    DeadlineRule.Unit.MONTHS: (
        "按月计算：到期月的对应日为最后一日，没有对应日的为月末日；最后一日是法定休假日的顺延"
        "（民法典第二百零一条至第二百零三条）"
    ),
}

# The package's English holiday names, in the words of the State Council's notices.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class CalendarNotCovered(DomainError):
    """A deadline needs a year whose official calendar has not been entered."""

    status_code = 422

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"{year} 年的工作日历尚未录入（国务院办公厅节假日安排通知），无法计算该期限")


class UnknownRule(DomainError):
    """No rule with this code, or none that applies on the given date."""

    status_code = 404

    def __init__(self, code: str, on: datetime.date | None = None) -> None:
        self.code = code
        if on is None:
            message = f"未找到期限规则“{code}”"
        else:
            message = f"期限规则“{code}”在 {on.isoformat()} 尚无适用的版本"
        super().__init__(message)


class InvalidPeriod(DomainError):
    """A period that cannot be computed: none or several given, negative, too long, out of range."""

    status_code = 422


@dataclass(frozen=True)
class Deadline:
    """A computed due date and what produced it (shown on hover by `{% deadline d %}`)."""

    start: datetime.date
    due: datetime.date
    rule_code: str | None
    rule_version: int | None
    rule_id: int | None
    basis: str
    period_label: str
    unit: str = ""
    amount: int = 0
    direction: str = DeadlineRule.Direction.AFTER

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "rule": self.rule_code,
            "rule_version": self.rule_version,
            "basis": self.basis,
            "period": self.period_label,
            "unit": self.unit,
            "amount": self.amount,
        }
