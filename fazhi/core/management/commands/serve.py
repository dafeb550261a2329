from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "以生产级 WSGI 服务器（gunicorn）提供平台服务"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("FAZHI_WORKERS", "3")))

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"法治政府建设管理平台：http://{bind}/  （Ctrl+C 停止）")
        self.stdout.flush()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "fazhi.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
        ]
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with the server
