"""What the steps of a sampling plan share: the transitions and the rules cited in a refusal."""

from __future__ import annotations

import datetime
import re

from fazhi.core.formats import cn_date
from fazhi.core.workflow import Transition
from fazhi.inspections.models import (
    FrozenPool,
    InspectionPlan,
    InspectionTask,
)

P = InspectionPlan.Status
T = InspectionTask.Status
R = InspectionTask.Result

TRANSITIONS = {
    "publish": Transition({P.DRAFT}, P.PUBLISHED, "公布抽查计划"),
    "draw": Transition({P.PUBLISHED}, P.DRAWN, "抽取"),
}
TASK_TRANSITIONS = {
    "record_result": Transition({T.ASSIGNED}, T.RECORDED, "录入检查结果"),
    "publish": Transition({T.RECORDED}, T.PUBLISHED, "公示检查结果"),
}

NO_REDRAW = "抽取结果一经产生即为最终结果，不得重新抽取；确需重新抽取的，应当另行制定计划并说明理由"
# DOMAIN.md §8: the sampling plan sends at least two inspectors to each entity. 行政处罚法第四十二条
# governs penalty procedures, not inspections, so it is not cited here; the certificate shown in
# an inspection is the 公示 rule of 国办发〔2018〕118号.
TWO_INSPECTORS = "每个检查对象应当至少选派两名执法检查人员（本机关“双随机、一公开”抽查计划规则）"
CERTIFICATE = "执法人员在执法检查中应当出示行政执法证件（国办发〔2018〕118号）"
RATIO = re.compile(r"\d+(\.\d{1,10})?")
HEX64 = re.compile(r"[0-9a-f]{64}")


def draw_date_not_reached(draw_on: datetime.date) -> str:
    """The draw date is published with the plan, next to the commitments (DOMAIN.md §10 step 2:
    the commitments are published "before the draw"): the public was told when the draw happens,
    so drawing earlier breaks the plan's published commitment."""
    return (
        f"计划公布的抽取日期为 {cn_date(draw_on)}，未到该日不得抽取：抽取日期随计划和种子承诺值一并"
        "向社会公布，是本次抽取公开承诺的一部分，应当按公布的日期抽取"
    )


MIN_CONTRIBUTORS = 2


_DIGEST_KINDS = (
    ("pool", FrozenPool.Kind.ENTITIES),
    ("inspector", FrozenPool.Kind.INSPECTORS),
    ("expert", FrozenPool.Kind.EXPERTS),
    ("conflict", FrozenPool.Kind.CONFLICTS),
)
