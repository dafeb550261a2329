"""A “double random” draw through the real pages (issue 6): the legal affairs reviewer publishes a
plan by pasting the two seed contributors' commitments, reveals their secrets and draws — a
secret that does not match its commitment is refused first, naming the contributor, and nothing
is drawn — then anyone opens the public verification page of the draw, downloads its bundle
and the verifier, and runs the verifier on it.

The live server runs on the real date: the plan's draw date is today (a draw is made on its
published draw date, never before). The registry, the
item and the plan with its strata and contributors are set up through the actions (their pages
have their own tests). The contributors' secrets are made here as a contributor would on their
own computer; the platform only ever sees the commitments before the draw."""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.browser_tests.conftest import Personas, log_in, save_screenshot
from fazhi.core.models import CalendarYear, Domain, Organization, User
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.core.uscc import check_character
from fazhi.inspections import actions, registry
from fazhi.inspections.models import Draw, Entity, InspectionPlan, RiskLevel

pytestmark = pytest.mark.browser

CONTRIBUTORS = ["政策法规处", "科技监督与诚信建设处"]


def uscc(n: int) -> str:
    first17 = f"91120116MA{n:07d}"
    return first17 + check_character(first17)


def reviewer_of(personas: Personas) -> User:
    """The legal affairs reviewer, who keeps the registries and runs the draw. The year after
    this one is registered, so that a deadline crossing New Year can be computed."""
    next_year = timezone.localdate().year + 1
    CalendarYear.objects.get_or_create(year=next_year, defaults={"source": "测试"})
    legal = Organization.objects.create(
        name="政策法规处", code="zcfgc", kind="division", parent=personas.bureau, is_legal_affairs=True
    )
    return make_user("reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="王审核")


def plan_in_draft(reviewer: User) -> InspectionPlan:
    """Eight lab-animal entities (six high-risk, two low), three officers with valid
    certificates and one whose certificate expired before the draw date; a plan sampling half
    of the high-risk stratum and all of the low one, two inspectors each, drawn today."""
    today = timezone.localdate()
    item = registry.create_item(
        actor=reviewer,
        name="实验动物生产和使用单位监督检查",
        legal_basis="《实验动物管理条例》第五条、第二十九条",
        inspecting_body="天津市科学技术局",
        method="现场检查、书面检查",
        domain=Domain.LAB_ANIMALS,
        published=True,
    )
    for n in range(1, 9):
        registry.create_entity(
            actor=reviewer,
            name=f"天津某实验动物技术有限公司{n}号",
            uscc=uscc(n),
            legal_representative=f"李{n}",
            address=f"天津市滨海新区华苑产业区{n}号",
            domain=Domain.LAB_ANIMALS,
            risk_level=RiskLevel.HIGH if n <= 6 else RiskLevel.LOW,
        )
    for n, name in enumerate(["周执法", "吴执法", "郑执法"], start=1):
        registry.create_inspector(
            actor=reviewer,
            name=name,
            certificate_number=f"1201200{n}",
            certificate_expires_on=today + datetime.timedelta(days=700),
            domains=[Domain.LAB_ANIMALS],
        )
    registry.create_inspector(
        actor=reviewer,
        name="冯执法",
        certificate_number="12012009",
        certificate_expires_on=today - datetime.timedelta(days=3),
        domains=[Domain.LAB_ANIMALS],
    )
    plan = actions.create_plan(
        actor=reviewer,
        year=today.year,
        batch=2,
        item=item,
        draw_on=today,
        inspectors_per_entity=2,
    )
    actions.add_stratum(
        plan, actor=reviewer, domain=Domain.LAB_ANIMALS, risk_level=RiskLevel.HIGH, ratio="0.5"
    )
    actions.add_stratum(plan, actor=reviewer, domain=Domain.LAB_ANIMALS, risk_level=RiskLevel.LOW, ratio="1")
    for name in CONTRIBUTORS:
        actions.add_contributor(plan, actor=reviewer, name=name)
    return plan


def says(page: Any, text: str) -> None:
    expect(page.locator("ul.messages")).to_contain_text(text)


def test_a_plan_is_published_drawn_with_revealed_secrets_and_verified_on_the_public_page(
    page: Any, live_server: Any, personas: Personas, tmp_path: Path
) -> None:
    reviewer = reviewer_of(personas)
    plan = plan_in_draft(reviewer)
    base = live_server.url
    plan_url = base + reverse("inspections:plan_detail", args=[plan.pk])
    # Each contributor, on their own computer: a secret, and its commitment to hand in.
    contributor_secrets = [secrets.token_hex(32) for _ in CONTRIBUTORS]
    commitments = [hashlib.sha256(s.encode()).hexdigest() for s in contributor_secrets]

    # The reviewer opens the plan from the menu; the page says how to make a secret offline.
    log_in(page, base, reviewer.username)
    page.locator("#staff-menu").get_by_role("link", name="双随机抽查").click()
    page.get_by_role("link", name=plan.title).click()
    expect(page).to_have_url(plan_url)
    expect(page.locator("#status")).to_contain_text("草稿")
    expect(page.locator("#secret-one-liner")).to_have_value(
        "python3 -c \"import secrets,hashlib; s=secrets.token_hex(32); print('secret', s); "
        "print('commitment', hashlib.sha256(s.encode()).hexdigest())\""
    )
    expect(page.locator("#strata")).to_contain_text("实验动物/高风险")
    save_screenshot(page, "inspection-plan-draft")

    # Paste the two commitments and publish.
    publish = page.locator("#step-publish")
    for name, commitment in zip(CONTRIBUTORS, commitments, strict=True):
        publish.get_by_label(f"{name}：承诺值", exact=False).fill(commitment)
    publish.get_by_role("button", name="公布计划").click()
    says(page, "计划已公布：名录已冻结，承诺值已公布")
    plan.refresh_from_db()
    pools = page.locator("#pools")
    expect(pools).to_contain_text(plan.pool_digest)
    expect(pools).to_contain_text("冯执法（12012009）：执法证有效期至")
    for commitment in commitments:
        expect(page.locator("#contributors")).to_contain_text(commitment)

    # A secret that does not match its commitment: refused next to its field, nothing drawn.
    draw = page.locator("#step-draw")
    draw.get_by_label(f"{CONTRIBUTORS[0]}：秘密值", exact=False).fill(contributor_secrets[0])
    draw.get_by_label(f"{CONTRIBUTORS[1]}：秘密值", exact=False).fill(secrets.token_hex(32))
    draw.get_by_role("button", name="核对秘密值并抽取").click()
    refusal = f"种子提供方“{CONTRIBUTORS[1]}”提交的秘密值与其公布的承诺值不符，抽取未进行"
    expect(page.locator("#step-draw .field-error")).to_have_text(refusal)
    assert not Draw.objects.exists()

    # The secrets as revealed: the draw is made.
    draw = page.locator("#step-draw")
    for name, secret in zip(CONTRIBUTORS, contributor_secrets, strict=True):
        draw.get_by_label(f"{name}：秘密值", exact=False).fill(secret)
    draw.get_by_role("button", name="核对秘密值并抽取").click()
    says(page, "抽取完成：抽中 5 个检查对象，已生成检查任务。")
    made = Draw.objects.get(plan=plan)
    expect(page.locator("#seed")).to_have_text(made.seed)
    expect(page.locator("#assignments tbody tr")).to_have_count(5)
    expect(page.locator("#no-redraw")).to_contain_text("不得重新抽取")
    expect(page.get_by_role("button", name="核对秘密值并抽取")).to_have_count(0)
    save_screenshot(page, "inspection-plan-drawn")

    # Anyone opens the public verification page, downloads the bundle and the verifier and
    # runs it: exit code 0.
    public_url = page.locator("#public-draw").get_attribute("href")
    page.context.clear_cookies()
    page.goto(base + public_url)
    expect(page.locator("h1")).to_contain_text(plan.title)
    expect(page.locator("main")).to_contain_text(made.seed)
    with page.expect_download() as bundle_download:
        page.get_by_role("link", name="下载验证数据包", exact=False).click()
    bundle = tmp_path / bundle_download.value.suggested_filename
    bundle_download.value.save_as(bundle)
    with page.expect_download() as verifier_download:
        page.get_by_role("link", name="下载验证程序 verify_draw.py").click()
    verifier = tmp_path / "verify_draw.py"
    verifier_download.value.save_as(verifier)
    assert hashlib.sha256(bundle.read_bytes()).hexdigest() == made.bundle_sha256
    result = subprocess.run(  # noqa: S603 - the downloaded verifier on the downloaded bundle
        [sys.executable, str(verifier), str(bundle), "--pool-digest", plan.pool_digest],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    # Or in the browser itself, with no program to install: the page recomputes the draw.
    check = page.locator("#browser-check")
    check.get_by_role("button", name="在本浏览器中验证这次抽取").click()
    expect(check.locator("[data-verdict]")).to_contain_text("验证通过", timeout=30_000)
    expect(check.locator("[data-details]")).to_contain_text(f"种子 / seed: {made.seed} 相符")
    expect(check.locator("[data-details]")).to_contain_text("与公布值一致")
    save_screenshot(page, "inspection-public-draw")

    # A bundle changed on its way to the citizen is caught, and the page says where.
    tampered = json.loads(bundle.read_text(encoding="utf-8"))
    tampered["selected"].reverse()
    page.route(
        "**/bundle.json",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(tampered, ensure_ascii=False)
        ),
    )
    check.get_by_role("button", name="在本浏览器中验证这次抽取").click()
    expect(check.locator("[data-verdict]")).to_contain_text("验证未通过", timeout=30_000)
    expect(check.locator("[data-details]")).to_contain_text("selected / 抽中对象 第 1 项不符")


def test_an_entity_import_shows_its_progress_then_the_report_and_saves_only_the_good_rows(
    page: Any, live_server: Any, personas: Personas, tmp_path: Path
) -> None:
    """The .xlsx import as a person sees it: the file is read in a background thread while the
    page polls the progress every second; the report names the bad rows; only the good rows
    are saved when asked."""
    from openpyxl import Workbook

    reviewer = reviewer_of(personas)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["统一社会信用代码", "名称", "法定代表人", "住所", "领域", "风险等级"])
    for n in range(1, 4):
        sheet.append([uscc(n), f"天津某生物技术有限公司{n}号", "赵某", "天津市西青区", "实验动物", "高风险"])
    sheet.append([uscc(4)[:17] + "0", "校验位错误的公司", "钱某", "天津市西青区", "实验动物", ""])
    sheet.append([uscc(1), "重复的公司", "孙某", "天津市西青区", "实验动物", ""])
    upload = tmp_path / "检查对象名录.xlsx"
    workbook.save(upload)

    log_in(page, live_server.url, reviewer.username)
    page.goto(live_server.url + reverse("inspections:entity_list"))
    page.get_by_role("link", name="从 Excel 导入").click()
    page.get_by_label("Excel 文件（.xlsx）").set_input_files(str(upload))
    page.get_by_role("button", name="上传并检查").click()
    # The progress bar while the thread reads (a small file may already be done), then the
    # report once htmx is told the work is over.
    report = page.locator("#report-summary")
    expect(report).to_contain_text("无误 3 行，有错误 2 行。尚未保存任何内容。", timeout=20_000)
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("统一社会信用代码校验位错误")
    expect(errors).to_contain_text(f"统一社会信用代码 {uscc(1)} 与第 2 行重复")
    assert not Entity.objects.exists()
    page.get_by_role("button", name="仅导入无误的 3 行").click()
    says(page, "已导入 3 个检查对象。")
    expect(page.locator("#entities tbody tr")).to_have_count(3)
    save_screenshot(page, "inspection-entities-imported")
