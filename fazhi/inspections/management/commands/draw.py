"""`fazhi draw verify bundle.json` and `fazhi draw export PLAN_ID`.

verify   runs the standalone verifier (fazhi/inspections/verify_draw.py, standard library
         only) on a bundle file: the same file anyone can download and run with
         `python verify_draw.py bundle.json`. Exits 0 when everything matches, else 1.
export   writes the bundle of a drawn plan byte for byte as stored and published for download
         (stdout, or -o FILE): its SHA-256 is the draw's published bundle digest.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

VERIFIER = Path(__file__).resolve().parents[2] / "verify_draw.py"


def load_verifier() -> ModuleType:
    """The verifier file as a module of its own (loaded by path, never imported by the
    platform's draw code: the two implementations stay independent)."""
    spec = importlib.util.spec_from_file_location("fazhi_verify_draw", VERIFIER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Command(BaseCommand):
    help = "Verify a draw bundle with the standalone verifier, or export a plan's bundle."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{verify,export}")
        verify = actions.add_parser("verify", help="Recompute a draw from its bundle; exit 1 on a mismatch.")
        verify.add_argument("bundle")
        for name in ("pool", "inspector", "expert", "conflict"):
            verify.add_argument(f"--{name}-digest", help=f"the {name} digest published before the draw")
        export = actions.add_parser("export", help="Write the bundle of a drawn plan.")
        export.add_argument("plan_id", type=int)
        export.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            self.verify(options)
        else:
            self.export(options)

    def verify(self, options: dict[str, Any]) -> None:
        argv = [options["bundle"]]
        for name in ("pool", "inspector", "expert", "conflict"):
            if options.get(f"{name}_digest"):
                argv += [f"--{name}-digest", options[f"{name}_digest"]]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = load_verifier().main(argv)
        self.stdout.write(out.getvalue(), ending="")
        if code:
            sys.exit(code)

    def export(self, options: dict[str, Any]) -> None:
        from fazhi.inspections.models import Draw

        found = Draw.objects.filter(plan_id=options["plan_id"]).first()
        if found is None:
            raise CommandError(f"计划 {options['plan_id']} 尚未抽取 / plan not drawn")
        if options.get("output"):
            Path(options["output"]).write_bytes(found.bundle_json.encode("utf-8"))
        else:
            self.stdout.write(found.bundle_json, ending="")
