"""The `fazhi` command: manage.py with Fazhi's own subcommands.

fazhi demo                  build the demo database (migrate + demo data), do not serve
fazhi serve [--port N]      serve with gunicorn (collects static files first)
fazhi audit verify          recompute the audit chain (--against FILE_OR_URL: a mirrored heads file)
fazhi backup DIR            back up database, uploads and keys with a manifest of SHA-256s
fazhi restore DIR           restore a backup and verify it
fazhi calendar deadline …   compute a due date
fazhi token create USER     create an API bearer token
fazhi <any Django command>  e.g. fazhi migrate, fazhi check --deploy
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["fazhi", *argv])
    args[0] = "fazhi"
    try:
        execute_from_command_line(args)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) or exc.code is None else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
