"""Government services in the demo, after the 2021 report: a catalog of service matters
published on the 天津网上办事大厅, five matters approved on commitment with their supervision
rules (事中事后监管细则), and municipal powers delegated to 滨海新区 and the functional zones
with their training (the matters' names are the bureau's usual ones; codes, dates and the
delegation documents are the demo's).

2026: commitments accepted on those matters, one verified, one found false and on the credit
record."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core.calendar import CalendarNotCovered
from fazhi.core.models import Organization, User
from fazhi.core.workflow import DomainError
from fazhi.demo.constants import BUREAU, DISTRICTS
from fazhi.services import actions
from fazhi.services.models import ServiceMatter

D = datetime.date
RULES = "受理后按核查时限在线核查承诺内容；发现虚假承诺的，依法处理并记入信用记录；每年随机抽查不少于一次。"

# (code, name, division, basis, commitment, proof replaced)
MATTERS = [
    (
        "TJKJ-XK-001",
        "实验动物生产许可证核发",
        "科技监督与诚信建设处",
        "《实验动物管理条例》《天津市实施〈实验动物管理条例〉的办法》",
        False,
        "",
    ),
    (
        "TJKJ-XK-002",
        "实验动物使用许可证核发",
        "科技监督与诚信建设处",
        "《实验动物管理条例》《天津市实施〈实验动物管理条例〉的办法》",
        False,
        "",
    ),
    (
        "TJKJ-QT-001",
        "技术合同认定登记",
        "成果转化与区域创新处",
        "《技术合同认定登记管理办法》",
        True,
        "营业执照复印件",
    ),
    (
        "TJKJ-QT-002",
        "高新技术企业认定申请受理",
        "企业创新处",
        "《高新技术企业认定管理办法》",
        True,
        "企业无重大安全、质量事故的证明",
    ),
    (
        "TJKJ-QT-003",
        "科技型中小企业评价入库",
        "企业创新处",
        "《科技型中小企业评价办法》",
        True,
        "企业社保缴纳证明",
    ),
    (
        "TJKJ-QT-004",
        "外国人来华工作许可",
        "科技人才与外国专家服务处",
        "《外国人在中国就业管理规定》",
        True,
        "无犯罪记录证明（境内部分）",
    ),
    (
        "TJKJ-QT-005",
        "科技成果评价机构备案",
        "成果转化与区域创新处",
        "本市科技成果评价工作相关规定",
        True,
        "场所使用证明",
    ),
]


@transaction.atomic
def load_services() -> list[str]:
    if ServiceMatter.objects.exists():
        return []
    reviewer = User.objects.get(username="reviewer")
    for code, name, division, basis, commitment, proof in MATTERS:
        excluded = "" if commitment else "直接涉及生物安全和人身健康，不适用告知承诺制"
        actions.register_matter(
            actor=reviewer,
            code=code,
            name=name,
            kind="government",
            division=Organization.objects.get(name=division, parent__code=BUREAU[2]),
            basis=basis,
            published=True,
            commitment_allowed=commitment,
            excluded_reason=excluded,
            proof_replaced=proof,
            verification_method="通过天津市信用信息共享平台在线核查" if commitment else "",
            verification_days=20 if commitment else None,
            supervision_rules=RULES if commitment else "",
        )
    for district in DISTRICTS[:4]:
        power = actions.delegate_power(
            actor=reviewer,
            name="技术合同认定登记",
            recipient=Organization.objects.get(name=district),
            document="市政府关于向滨海新区和功能区下放市级权力事项的决定（演示）",
            delegated_on=D(2021, 4, 1),
        )
        actions.record_training(power, actor=reviewer, held_on=D(2021, 4, 20))
    today = timezone.localdate()
    if today < D(2026, 11, 20):
        return []
    notes: list[str] = []
    contract = ServiceMatter.objects.get(code="TJKJ-QT-001")
    try:
        ok = actions.accept_commitment(
            actor=reviewer,
            matter=contract,
            applicant="天津某软件有限公司",
            applicant_code="91120116MA07AB1C28",
            signed_on=D(2026, 10, 12),
            chose_commitment=True,
        )
        actions.verify(
            ok, actor=reviewer, verified_on=D(2026, 10, 20), truthful=True, note="营业执照信息与登记一致"
        )
        false = actions.accept_commitment(
            actor=reviewer,
            matter=contract,
            applicant="天津某信息咨询有限公司",
            applicant_code="91120104MA06EF3G4T",
            signed_on=D(2026, 10, 15),
            chose_commitment=True,
        )
        actions.verify(
            false,
            actor=reviewer,
            verified_on=D(2026, 10, 28),
            truthful=False,
            note="承诺营业执照有效，核查发现已被吊销",
            consequence="terminate",
        )
        actions.accept_commitment(
            actor=reviewer,
            matter=ServiceMatter.objects.get(code="TJKJ-QT-003"),
            applicant="天津某新材料有限公司",
            applicant_code="91120118MA05JK5L63",
            signed_on=D(2026, 11, 20),
            chose_commitment=True,
        )
    except (CalendarNotCovered, DomainError) as exc:
        notes.append(f"告知承诺演示数据未能全部建立：{exc}")
    return notes
