"""Generating a report's figures with the progress shown (DESIGN.md “Long work shows progress”).

Over large data a generation takes a while (bench/bench_report.py), so the “generate” step
starts it in a background thread of the server process and the report's page polls the
progress every second with htmx: which figure is being computed and how many of N are done.
The snapshots are stored at the end in one short transaction (actions.generate_figures), so an
interrupted generation stores nothing.

The state of a generation is a small JSON file per report under MEDIA_ROOT/private, so that
whichever server process answers the poll reads the same progress (several gunicorn workers),
and no progress write competes for SQLite's write lock. Only one generation of a report runs at
a time: a claim file created exclusively. A running generation whose state has not moved for
STALE_SECONDS was interrupted (the server restarted); the page says so and it may be started
again. Tests run the work in the request (settings.FAZHI_REPORT_IN_BACKGROUND = False), since the
test database is not shared with a thread.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils.translation import gettext as _

from fazhi.core.models import User
from fazhi.core.workflow import DomainError
from fazhi.reports import actions, snapshots
from fazhi.reports.actions import Progress
from fazhi.reports.models import AnnualReport

logger = logging.getLogger(__name__)

# No figure of the bench takes more than a few seconds; a state still for five minutes is dead.
STALE_SECONDS = 300
RUNNING, DONE, FAILED = "running", "done", "failed"
BUSY = "正在生成本报告的数字，请等待完成"


def jobs_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "private" / "report-generations"


def in_background() -> bool:
    return bool(getattr(settings, "FAZHI_REPORT_IN_BACKGROUND", True))


@dataclass(frozen=True)
class Job:
    """The generation of one report's figures."""

    report_pk: int

    @property
    def path(self) -> Path:
        return jobs_root() / f"{self.report_pk}.json"

    @property
    def claim_path(self) -> Path:
        return jobs_root() / f"{self.report_pk}.claim"

    def state(self) -> dict[str, Any]:
        try:
            state: dict[str, Any] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return state

    def write(self, **changes: Any) -> dict[str, Any]:
        """Update the state; written to a temporary file and renamed, so that a reader never
        sees half of it."""
        state = {**self.state(), **changes, "updated": time.time()}
        temporary = self.path.with_name(f"{self.report_pk}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_text(json.dumps(state, ensure_ascii=False), "utf-8")
        os.replace(temporary, self.path)
        return state

    def claim(self) -> bool:
        """Take the report's generation for this process; False if one is running."""
        jobs_root().mkdir(parents=True, exist_ok=True)
        for _attempt in range(2):
            try:
                os.close(os.open(self.claim_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                if not self.interrupted():
                    return False
                self.claim_path.unlink(missing_ok=True)  # an interrupted generation's claim
            else:
                return True
        return False

    def release(self) -> None:
        self.claim_path.unlink(missing_ok=True)

    def remove(self) -> None:
        """Forget a finished generation once its outcome is shown (the claim is the worker's)."""
        self.path.unlink(missing_ok=True)

    def interrupted(self) -> bool:
        """The claim is held but nothing has moved for STALE_SECONDS."""
        moved = float(self.state().get("updated", 0))
        try:  # a claim just taken, before its state is written
            moved = max(moved, self.claim_path.stat().st_mtime)
        except OSError:
            pass
        return time.time() - moved > STALE_SECONDS

    def running(self) -> bool:
        return self.state().get("phase") == RUNNING and not self.interrupted()


def begin(report: AnnualReport, *, actor: User) -> Job:
    """Claim the report's generation (refused, as the action is, without the right or once
    approved; refused while another generation of the report runs) and say it has begun."""
    actions.check_generate(report, actor)
    job = Job(report.pk)
    if not job.claim():
        raise DomainError(BUSY)
    total = len(snapshots.figure_keys(report))
    job.write(phase=RUNNING, done=0, total=total, current="", by=actor.pk, started=time.time())
    return job


def start(report: AnnualReport, *, actor: User) -> Job:
    """Start generating the report's figures, in a background thread of the server process."""
    job = begin(report, actor=actor)
    if in_background():
        threading.Thread(
            target=run,
            args=(job, actor.pk),
            kwargs={"own_thread": True},
            daemon=True,
            name="report-generation",
        ).start()
    else:
        run(job, actor.pk)
    return job


def run(job: Job, user_pk: int, echo: Progress | None = None, *, own_thread: bool = False) -> dict[str, Any]:
    """The generation itself: every figure in turn, the progress written before each (and told
    to `echo`, the command line's printer). Returns the final state. A thread of its own closes
    its database connection at the end."""
    try:
        report = AnnualReport.objects.get(pk=job.report_pk)
        user = User.objects.get(pk=user_pk)

        def progress(done: int, total: int, label: str) -> None:
            job.write(done=done, total=total, current=label)
            if echo is not None:
                echo(done, total, label)

        generation = actions.generate_figures(report, actor=user, progress=progress)
    except (DomainError, PermissionDenied) as exc:
        message = str(exc) if isinstance(exc, DomainError) else _("没有生成报告数字的权限")
        return job.write(phase=FAILED, message=message)
    except Exception:
        logger.exception("report %s: generating the figures failed", job.report_pk)
        return job.write(phase=FAILED, message=_("生成报告数字时出错，未保存任何数字；请重新生成"))
    else:
        return job.write(phase=DONE, generation=generation)
    finally:
        job.release()
        if own_thread:
            connection.close()


def progress_context(job: Job, state: dict[str, Any]) -> dict[str, Any]:
    total = int(state.get("total", 0))
    done = min(int(state.get("done", 0)), total)
    return {
        "report_pk": job.report_pk,
        "total": total,
        "done": done,
        "percent": done * 100 // total if total else 0,
        "current": state.get("current", ""),
    }
