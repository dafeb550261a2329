"""Importing the entity registry from .xlsx, with the progress shown (DESIGN.md “Long work shows
progress”).

Upload → the file is kept in a private folder under MEDIA_ROOT (never served) and read and
checked in a background thread (excel.read_entity_import, nothing saved) → the page polls the
progress every second with htmx and shows a bar → the per-row report (a bad code with its
reason, a code repeated in the file or already in the registry, a missing field) → “import all”
(a file without errors), “import only the N good rows”, or cancel. Saving runs in the background
too, all or none (excel.import_entities); a cancelled or failed import saves nothing.

The state of an import is a small JSON file next to the upload, so that whichever server
process answers the poll reads the same progress. Tests run the work in the request
(settings.FAZHI_IMPORT_IN_BACKGROUND = False), since the test database is not shared with a
thread.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.agencies import agency_id_of, agency_of
from fazhi.core.http import staff_view
from fazhi.core.models import Organization, User
from fazhi.core.workflow import DomainError
from fazhi.inspections import permissions
from fazhi.inspections.excel import (
    IMPORT_COLUMNS,
    MAX_IMPORT_BYTES,
    EntityRow,
    import_entities,
    read_entity_import,
)
from fazhi.inspections.forms import ImportForm
from fazhi.inspections.view_helpers import domain_label, posted, render_area, risk_label

logger = logging.getLogger(__name__)

TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
RUNNING = {"reading", "saving"}
# A running import whose state has not moved for this long was interrupted (e.g. the server
# restarted); nothing of it was saved.
STALE_SECONDS = 300
# Abandoned imports (never confirmed nor cancelled) are removed after a day.
KEEP_SECONDS = 24 * 60 * 60
ERRORS_SHOWN = 1000
PREVIEW_ROWS = 20


class Cancelled(Exception):
    """The person cancelled while the file was being read."""


def jobs_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "private" / "entity-imports"


@dataclass(frozen=True)
class Job:
    token: str

    @property
    def folder(self) -> Path:
        return jobs_root() / self.token

    @property
    def upload(self) -> Path:
        return self.folder / "upload.xlsx"

    @property
    def cancel_marker(self) -> Path:
        return self.folder / "cancelled"

    def state(self) -> dict[str, Any]:
        try:
            state: dict[str, Any] = json.loads((self.folder / "state.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return state

    def write(self, **changes: Any) -> dict[str, Any]:
        """Update the state; written to a temporary file and renamed, so that a reader never
        sees half of it."""
        state = {**self.state(), **changes, "updated": time.time()}
        temporary = self.folder / f"state.{threading.get_ident()}.tmp"
        temporary.write_text(json.dumps(state, ensure_ascii=False), "utf-8")
        os.replace(temporary, self.folder / "state.json")
        return state

    def save_json(self, name: str, value: Any) -> None:
        (self.folder / name).write_text(json.dumps(value, ensure_ascii=False), "utf-8")

    def load_json(self, name: str) -> Any:
        return json.loads((self.folder / name).read_text("utf-8"))

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _purge_abandoned() -> None:
    root = jobs_root()
    if not root.exists():
        return
    cutoff = time.time() - KEEP_SECONDS
    for folder in root.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _start(work: Callable[..., None], *args: Any) -> None:
    if getattr(settings, "FAZHI_IMPORT_IN_BACKGROUND", True):
        threading.Thread(target=work, args=args, daemon=True, name="entity-import").start()
    else:
        work(*args)


def _reporter(job: Job, phase: str) -> Callable[[str, int, int], None]:
    def progress(_step: str, done: int, total: int) -> None:
        if phase == "reading" and job.cancel_marker.exists():
            raise Cancelled
        job.write(done=done, total=total)

    return progress


def check_file(job: Job, agency_pk: int | None = None) -> None:
    """Read and check the upload against the agency's domains and registry (nothing saved);
    keep the good rows and the report."""
    try:
        agency = Organization.objects.filter(pk=agency_pk).first() if agency_pk else None
        with job.upload.open("rb") as upload:
            report = read_entity_import(
                upload, size=job.upload.stat().st_size, progress=_reporter(job, "reading"), agency=agency
            )
        if job.cancel_marker.exists():
            raise Cancelled
        job.save_json("rows.json", [r.as_json() for r in report.rows])
        job.save_json("errors.json", report.errors)
        job.upload.unlink(missing_ok=True)
        file_error = report.file_error
        if not file_error and not report.rows and not report.errors:
            file_error = _("文件中没有数据行")
        job.write(
            phase="checked",
            file_error=file_error,
            good=len(report.rows),
            bad_lines=report.error_lines,
            error_count=len(report.errors),
            preview=[r.as_json() for r in report.rows[:PREVIEW_ROWS]],
        )
    except Cancelled:
        job.remove()
    except Exception:
        logger.exception("entity import %s: checking failed", job.token)
        job.write(phase="failed", message=_("读取文件时出错，未保存任何内容；请检查文件后重新上传"))
    finally:
        if getattr(settings, "FAZHI_IMPORT_IN_BACKGROUND", True):
            connection.close()


def save_rows(job: Job, user_pk: int) -> None:
    """Save the checked rows, all or none."""
    try:
        user = User.objects.get(pk=user_pk)
        rows = [EntityRow.from_json(r) for r in job.load_json("rows.json")]
        try:
            count = import_entities(
                rows, actor=user, filename=job.state().get("filename", ""), progress=_reporter(job, "saving")
            )
        except (DomainError, PermissionDenied) as exc:
            message = str(exc) if isinstance(exc, DomainError) else _("没有导入名录库的权限")
            job.write(phase="failed", message=message)
        else:
            job.write(phase="done", imported=count)
    except Exception:
        logger.exception("entity import %s: saving failed", job.token)
        job.write(phase="failed", message=_("保存时出错，未保存任何内容；请重新导入"))
    finally:
        if getattr(settings, "FAZHI_IMPORT_IN_BACKGROUND", True):
            connection.close()


def _job_of(request: HttpRequest, token: str) -> tuple[Job, dict[str, Any]]:
    """The import of this person (anyone else's, and a missing one, answer 404)."""
    if not TOKEN.fullmatch(token):
        raise Http404
    job = Job(token)
    state = job.state()
    if not state or state.get("user") != request.user.pk:
        raise Http404
    if state.get("phase") in RUNNING and time.time() - float(state.get("updated", 0)) > STALE_SECONDS:
        state = job.write(phase="failed", message=_("导入已中断（如服务重启），未保存任何内容；请重新上传"))
    return job, state


# ---------------------------------------------------------------------------------------------
# The pages


@staff_view(permissions.can_manage_registry)
def entity_import(request: HttpRequest) -> HttpResponse:
    """The upload form; a valid upload starts the check and goes to its page."""
    form = ImportForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            upload: UploadedFile = form.cleaned_data["file"]
            if (upload.size or 0) > MAX_IMPORT_BYTES:
                form.add_error(
                    "file",
                    _("文件大小超过 %(n)s MB 上限，请分批导入") % {"n": MAX_IMPORT_BYTES // 1024 // 1024},
                )
            else:
                _purge_abandoned()
                job = Job(secrets.token_urlsafe(24))
                job.folder.mkdir(parents=True, mode=0o700)
                with job.upload.open("wb") as target:
                    for chunk in upload.chunks():
                        target.write(chunk)
                job.write(
                    user=request.user.pk,
                    filename=(upload.name or "")[:200],
                    phase="reading",
                    done=0,
                    total=0,
                    started=time.time(),
                )
                _start(check_file, job, agency_id_of(request.user))
                return redirect("inspections:import_job", token=job.token)
        messages.error(request, _("请按提示修改后再提交。"))
    return render_area(
        request,
        "inspections/import.html",
        {"form": form, "columns": IMPORT_COLUMNS, "max_mb": MAX_IMPORT_BYTES // 1024 // 1024},
        section="entities",
    )


def _progress_context(job: Job, state: dict[str, Any]) -> dict[str, Any]:
    done, total = int(state.get("done", 0)), int(state.get("total", 0))
    return {
        "token": job.token,
        "state": state,
        "phase": state.get("phase"),
        "done": done,
        "total": total,
        "percent": min(100, done * 100 // total) if total else None,
    }


def _upload_form_with_error(message: str) -> ImportForm:
    """A fresh upload form with the reason the last file failed next to its field."""
    form = ImportForm(data={}, files=MultiValueDict())
    form.is_valid()
    form.errors["file"] = form.error_class([message])
    return form


@staff_view(permissions.can_manage_registry)
def import_job(request: HttpRequest, token: str) -> HttpResponse:
    """The import's page: the progress bar while it runs, then the report and the choices."""
    job, state = _job_of(request, token)
    phase = state.get("phase")
    if phase == "done":
        job.remove()
        messages.success(request, _("已导入 %(n)s 个检查对象。") % {"n": state.get("imported", 0)})
        return redirect("inspections:entity_list")
    context: dict[str, Any] = {**_progress_context(job, state), "form": ImportForm()}
    if phase == "failed" or (phase == "checked" and state.get("file_error")):
        job.remove()
        context["form"] = _upload_form_with_error(str(state.get("message") or state.get("file_error")))
        context["columns"] = IMPORT_COLUMNS
        context["max_mb"] = MAX_IMPORT_BYTES // 1024 // 1024
        return render_area(request, "inspections/import.html", context, section="entities")
    if phase == "checked":
        errors = job.load_json("errors.json")
        context.update(
            errors=errors[:ERRORS_SHOWN],
            errors_more=max(0, len(errors) - ERRORS_SHOWN),
            preview=[
                {
                    **r,
                    "domain": domain_label(r["domain"], agency_of(request.user)),
                    "risk_level": risk_label(r["risk_level"]),
                }
                for r in state.get("preview", [])
            ],
            good=int(state.get("good", 0)),
            bad_lines=int(state.get("bad_lines", 0)),
        )
    return render_area(request, "inspections/import_job.html", context, section="entities")


@staff_view(permissions.can_manage_registry)
def import_progress(request: HttpRequest, token: str) -> HttpResponse:
    """The progress bar alone, polled by htmx every second; once the work is over, htmx is
    sent to the import's page (the report, or the registry after saving)."""
    job, state = _job_of(request, token)
    if state.get("phase") not in RUNNING:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("inspections:import_job", args=[job.token])
        return response
    return render(request, "inspections/_import_progress.html", _progress_context(job, state))


@require_POST
@staff_view(permissions.can_manage_registry)
def import_action(request: HttpRequest, token: str, action: str) -> HttpResponse:
    """Confirm (import the checked rows: all of a clean file, or only the good rows of a file
    with errors) or cancel (nothing is saved)."""
    if action not in {"confirm", "cancel"}:
        raise Http404
    job, state = _job_of(request, token)
    phase = state.get("phase")
    if action == "cancel":
        if phase == "saving":
            messages.error(request, _("正在保存，不能取消；保存全部成功或全部不保存。"))
            return redirect("inspections:import_job", token=job.token)
        if phase == "reading":
            # The reading thread stops at its next progress report and removes the folder.
            job.cancel_marker.touch()
        else:
            job.remove()
        messages.info(request, _("已取消导入，未保存任何内容。"))
        return redirect("inspections:entity_import")
    if phase != "checked" or not int(state.get("good", 0)):
        messages.error(request, _("没有可导入的行。"))
        return redirect("inspections:import_job", token=job.token)
    job.write(phase="saving", done=0, total=int(state.get("good", 0)))
    _start(save_rows, job, request.user.pk)
    return redirect("inspections:import_job", token=job.token)
