"""The names every demo loader shares: the published demo password, the bureau, its divisions,
the districts and functional zones, the second department of the city (天津市教育委员会, issue 12)
and the demo accounts. This module imports no loader, so the
loaders import it and `demo.data` imports the loaders, with no cycle between them."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.core.roles import Role

DEMO_PASSWORD = "Fazhi@2026"  # noqa: S105 - the published demo password

BUREAU = ("天津市科学技术局", "市科技局", "tjkjj")
JUSTICE_BUREAU = ("天津市司法局", "市司法局", "tjsfj")
LEGAL_AFFAIRS = "政策法规处"
DIVISIONS = [
    "办公室",
    "政策法规处",
    "发展规划处",
    "资源配置与管理处",
    "基础研究处",
    "高新技术处",
    "农村科技处",
    "社会发展科技处",
    "成果转化与区域创新处",
    "科技人才与外国专家服务处",
    "国际合作处",
    "科技监督与诚信建设处",
    "企业创新处",
    "重大科技专项处",
    "科技服务业处",
    "行政审批处",
    "财务与审计处",
    "人事处",
]
DISTRICTS = [
    "滨海新区",
    "天津经济技术开发区",
    "天津港保税区",
    "天津滨海高新技术产业开发区",
    "中新天津生态城",
    "东疆综合保税区",
]

# The second department of the city: its own divisions (a 政策法规处 like the bureau's: names are
# unique per agency), words, number series and filing authority.
COMMISSION = ("天津市教育委员会", "市教委", "tjjw")
COMMISSION_WORDS = {
    "head_title": "主任",
    "leaders_title": "委领导",
    "office_meeting": "主任办公会",
    "party_meeting": "党组会",
}
COMMISSION_LEGAL_AFFAIRS = "政策法规处"
COMMISSION_DIVISIONS = [
    "办公室",
    "政策法规处",
    "基础教育处",
    "高等教育处",
    "民办教育管理处",
    "人事处",
]
# normative, ordinary and penalty numbers of the agency; review letters of its legal division
COMMISSION_SERIES = ("津教规", "津教", "津教罚", "津教法审")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    organization: str | None  # a top-level organization, or a division of `agency`
    roles: tuple[Role, ...]
    title: str = ""
    superuser: bool = False
    agency: str = BUREAU[0]  # the department whose division `organization` names


ACCOUNTS = [
    DemoAccount("admin", "郑管理", BUREAU[0], (Role.SYSTEM_ADMIN,), "系统管理员", superuser=True),
    DemoAccount("staff", "张起草", "基础研究处", (Role.DIVISION_STAFF,), "一级主任科员"),
    DemoAccount("divhead", "李处长", "基础研究处", (Role.DIVISION_HEAD,), "处长"),
    DemoAccount("reviewer", "王审核", LEGAL_AFFAIRS, (Role.LEGAL_REVIEWER,), "政策法规处四级调研员"),
    DemoAccount("lawyer", "刘公职", LEGAL_AFFAIRS, (Role.LEGAL_ADVISOR,), "公职律师"),
    DemoAccount("advisor", "赵律师", None, (Role.LEGAL_ADVISOR,), "常年法律顾问（律师事务所）"),
    DemoAccount("director", "陈局长", BUREAU[0], (Role.LEADERSHIP,), "局长"),
    DemoAccount("deputy", "周副局长", BUREAU[0], (Role.LEADERSHIP,), "副局长"),
    DemoAccount("officer", "孙执法", "科技监督与诚信建设处", (Role.ENFORCEMENT_OFFICER,), "执法人员"),
    DemoAccount("filing", "吴备案", "天津市司法局", (Role.FILING_OFFICER,), "备案审查处"),
    DemoAccount("personnel", "钱人事", "人事处", (Role.PERSONNEL,), "人事处一级主任科员"),
    # The Justice Bureau's leaders see every department's filings and figures (issue 12).
    DemoAccount(
        "sfj_leader", "冯副局长", JUSTICE_BUREAU[0], (Role.LEADERSHIP,), "副局长", agency=JUSTICE_BUREAU[0]
    ),
    # The city administrator creates departments, divisions and accounts, and keeps what every
    # department shares: the calendar, the rule book and the register of laws; not a legal role.
    DemoAccount("city_admin", "蒋管理", None, (Role.CITY_ADMIN,), "全市系统管理员", agency=""),
    # 天津市教育委员会: one account per role, all prefixed jw_.
    DemoAccount(
        "jw_staff", "高文静", "基础教育处", (Role.DIVISION_STAFF,), "一级主任科员", agency=COMMISSION[0]
    ),
    DemoAccount("jw_divhead", "杨处长", "基础教育处", (Role.DIVISION_HEAD,), "处长", agency=COMMISSION[0]),
    DemoAccount(
        "jw_reviewer",
        "何审核",
        COMMISSION_LEGAL_AFFAIRS,
        (Role.LEGAL_REVIEWER,),
        "政策法规处二级调研员",
        agency=COMMISSION[0],
    ),
    DemoAccount("jw_director", "沈主任", COMMISSION[0], (Role.LEADERSHIP,), "主任", agency=COMMISSION[0]),
    DemoAccount(
        "jw_officer",
        "许执法",
        "民办教育管理处",
        (Role.ENFORCEMENT_OFFICER,),
        "执法人员",
        agency=COMMISSION[0],
    ),
    DemoAccount(
        "jw_personnel", "韩人事", "人事处", (Role.PERSONNEL,), "人事处一级主任科员", agency=COMMISSION[0]
    ),
    # The department administrator: manages the commission's divisions and accounts only (it
    # reads the shared calendar, rule book and register of laws).
    DemoAccount(
        "jw_admin", "罗管理", COMMISSION[0], (Role.SYSTEM_ADMIN,), "系统管理员", agency=COMMISSION[0]
    ),
]
