"""The .xlsx import of the entity registry through its pages: the upload kept in a private folder,
the progress bar polled while the file is read, the per-row report (bad code with the reason,
duplicate in the file, duplicate in the registry, missing field), then all rows, only the good
rows, or cancel — nothing half-saved. The work runs in the request here (the test database is
not shared with a thread); one test checks that the site runs it in a thread."""

from __future__ import annotations

import io
import threading
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from fazhi.core.models import AuditEvent
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.inspections.models import Entity
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import make_entities, uscc
from fazhi.inspections.views import imports as import_views
from fazhi.inspections.views.imports import Job, jobs_root

IMPORT = reverse("inspections:entity_import")
HEADER = ["统一社会信用代码", "名称", "法定代表人", "住所", "领域", "风险等级", "自然人"]


def row(n: int, **changes: object) -> list[object]:
    values: dict[str, object] = {
        "code": uscc(1000 + n),
        "name": f"天津某生物科技有限公司{n}",
        "rep": "赵某",
        "address": "天津市滨海新区中新生态城",
        "domain": "实验动物",
        "risk": "高风险",
        "natural": "否",
    }
    values.update(changes)
    return list(values.values())


def xlsx(*rows: list[object]) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for values in rows:
        ws.append(values)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("检查对象名录.xlsx", out.getvalue())


def job_url(token: str, name: str = "import_job") -> str:
    return reverse(f"inspections:{name}", args=[token])


def act(token: str, action: str) -> str:
    return reverse("inspections:import_action", args=[token, action])


@override_settings(FAZHI_IMPORT_IN_BACKGROUND=False)
class ImportPageTests(InspectionTestCase):
    def upload(self, upload: SimpleUploadedFile) -> str:
        self.login(self.reviewer)
        response = self.client.post(IMPORT, {"file": upload})
        self.assertEqual(response.status_code, 302)
        token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
        self.assertRedirects(response, job_url(token), fetch_redirect_response=False)
        return token

    def test_only_the_registry_keepers_may_import(self) -> None:
        self.assertEqual(self.client.get(IMPORT).status_code, 302)
        for user in (self.director, self.officer, self.drafter):
            self.login(user)
            self.assertEqual(self.client.get(IMPORT).status_code, 404)
            self.assertEqual(self.client.post(IMPORT, {"file": xlsx(row(1))}).status_code, 404)
        self.assertFalse(jobs_root().exists())

    def test_a_file_that_is_not_excel_is_refused_next_to_the_field(self) -> None:
        token = self.upload(SimpleUploadedFile("名录.xlsx", b"not a spreadsheet"))
        response = self.client.get(job_url(token))
        self.assertEqual(
            response.context["form"].errors["file"],
            ["不是有效的 Excel 文件（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再导入"],
        )
        self.assertFalse(Job(token).folder.exists())
        response = self.client.post(IMPORT, {})
        self.assertEqual(response.context["form"].errors["file"], ["请选择要导入的文件"])

    def test_the_report_names_each_bad_row_and_nothing_is_saved(self) -> None:
        make_entities(1, start=1004)
        token = self.upload(
            xlsx(
                row(1),
                row(2, code=uscc(1002)[:17] + ("0" if uscc(1002)[17] != "0" else "1")),
                row(3, code=uscc(1001)),
                row(4),
                row(5, name=""),
            )
        )
        # The upload is kept in a private folder under MEDIA_ROOT (never served) until checked.
        self.assertTrue(str(Job(token).folder).startswith(str(jobs_root())))
        self.assertIn("private", Job(token).folder.parts)
        response = self.client.get(job_url(token))
        self.assertContains(response, "无误 1 行，有错误 4 行。尚未保存任何内容。")
        reasons = dict(response.context["errors"])
        self.assertIn("统一社会信用代码校验位错误", reasons[3])
        self.assertEqual(reasons[4], f"统一社会信用代码 {uscc(1001)} 与第 2 行重复")
        self.assertEqual(reasons[5], f"统一社会信用代码 {uscc(1004)} 已在名录库中")
        self.assertEqual(reasons[6], "缺少名称")
        self.assertContains(response, "仅导入无误的 1 行")
        self.assertContains(response, "取消，不导入")
        self.assertEqual(Entity.objects.count(), 1)

    def test_only_the_good_rows_are_imported_when_asked_and_audited_once(self) -> None:
        token = self.upload(xlsx(row(1), row(2, domain="火星"), row(3)))
        response = self.client.post(act(token, "confirm"))
        self.assertRedirects(response, job_url(token), fetch_redirect_response=False)
        response = self.client.get(job_url(token), follow=True)
        self.assertRedirects(response, reverse("inspections:entity_list"))
        self.assertContains(response, "已导入 2 个检查对象。")
        self.assertEqual(set(Entity.objects.values_list("uscc", flat=True)), {uscc(1001), uscc(1003)})
        event = AuditEvent.objects.get(verb="inspection.entity_import")
        self.assertEqual(
            (event.actor, event.data["count"], event.data["file"]), (self.reviewer, 2, "检查对象名录.xlsx")
        )
        self.assertFalse(Job(token).folder.exists())

    def test_a_clean_file_is_imported_whole_after_one_confirmation(self) -> None:
        token = self.upload(xlsx(row(1), row(2)))
        response = self.client.get(job_url(token))
        self.assertContains(response, "全部导入（2 行）")
        self.assertFalse(Entity.objects.exists())
        self.client.post(act(token, "confirm"))
        self.client.get(job_url(token))
        self.assertEqual(Entity.objects.count(), 2)

    def test_a_row_registered_meanwhile_fails_the_whole_import(self) -> None:
        token = self.upload(xlsx(row(1), row(2)))
        make_entities(1, start=1002)
        self.client.post(act(token, "confirm"))
        response = self.client.get(job_url(token))
        self.assertIn(
            "已在名录库中（可能已被其他人导入），未导入任何内容", response.context["form"].errors["file"][0]
        )
        self.assertEqual(Entity.objects.count(), 1)
        self.assertFalse(AuditEvent.objects.filter(verb="inspection.entity_import").exists())

    def test_cancel_saves_nothing_and_removes_the_upload(self) -> None:
        token = self.upload(xlsx(row(1)))
        response = self.client.post(act(token, "cancel"), follow=True)
        self.assertRedirects(response, IMPORT)
        self.assertContains(response, "已取消导入，未保存任何内容。")
        self.assertFalse(Job(token).folder.exists())
        self.assertFalse(Entity.objects.exists())
        self.assertEqual(self.client.get(job_url(token)).status_code, 404)

    def test_the_progress_bar_is_polled_every_second_while_the_file_is_read(self) -> None:
        token = self.upload(xlsx(row(1)))
        job = Job(token)
        job.write(phase="reading", done=4000, total=10000)
        response = self.client.get(job_url(token))
        self.assertContains(response, 'max="10000" value="4000"')
        self.assertContains(response, 'hx-trigger="every 1s"')
        self.assertContains(response, f'hx-get="{job_url(token, "import_progress")}"')
        self.assertContains(response, "已处理 4000 / 10000 行（40%）")
        self.assertContains(response, 'http-equiv="refresh"')  # without JavaScript
        fragment = self.client.get(job_url(token, "import_progress"))
        self.assertContains(fragment, "<progress")
        self.assertNotContains(fragment, "<html")
        job.write(phase="saving", done=0, total=0)
        self.assertContains(self.client.get(job_url(token, "import_progress")), "正在保存")
        # Once the work is over, htmx is sent on to the import's page.
        job.write(phase="checked")
        finished = self.client.get(job_url(token, "import_progress"))
        self.assertEqual(finished.status_code, 204)
        self.assertEqual(finished["HX-Redirect"], job_url(token))

    def test_reading_records_its_progress(self) -> None:
        token = self.upload(xlsx(row(1), row(2), row(3)))
        state = Job(token).state()
        self.assertEqual((state["phase"], state["done"], state["total"]), ("checked", 3, 3))

    def test_an_interrupted_import_says_so_and_saves_nothing(self) -> None:
        token = self.upload(xlsx(row(1)))
        job = Job(token)
        job.write(phase="saving")
        state = job.state()
        state["updated"] = time.time() - import_views.STALE_SECONDS - 1
        (job.folder / "state.json").write_text(__import__("json").dumps(state), "utf-8")
        response = self.client.get(job_url(token))
        self.assertIn("导入已中断", response.context["form"].errors["file"][0])
        self.assertFalse(Entity.objects.exists())

    def test_nobody_else_opens_an_import(self) -> None:
        token = self.upload(xlsx(row(1)))
        colleague = make_user("reviewer2", org=self.legal_division, roles=[Role.LEGAL_REVIEWER])
        self.login(colleague)
        self.assertEqual(self.client.get(job_url(token)).status_code, 404)
        self.assertEqual(self.client.get(job_url(token, "import_progress")).status_code, 404)
        self.assertEqual(self.client.post(act(token, "confirm")).status_code, 404)
        self.assertEqual(self.client.get(job_url("..%2F..%2Fetc")).status_code, 404)
        self.assertEqual(self.client.get(job_url("x" * 32)).status_code, 404)
        self.login(self.reviewer)
        self.assertEqual(self.client.post(act(token, "delete")).status_code, 404)


class BackgroundTests(InspectionTestCase):
    def test_the_work_runs_in_a_thread_of_its_own_on_the_site(self) -> None:
        ran = threading.Event()
        names: list[str] = []

        def work() -> None:
            names.append(threading.current_thread().name)
            ran.set()

        import_views._start(work)
        self.assertTrue(ran.wait(5))
        self.assertEqual(names, ["entity-import"])
