"""The shape of the code: core names no app (apps plug into core's registries from their
`AppConfig.ready()`), and no app uses another app's private names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.test import SimpleTestCase

FAZHI = Path(__file__).resolve().parents[2]
CORE = FAZHI / "core"


def app_names() -> set[str]:
    """The packages under fazhi/ that are Django apps, core excepted."""
    return {path.parent.name for path in FAZHI.glob("*/apps.py")} - {"core"}


def python_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.py") if "__pycache__" not in path.parts)


def imported_modules(tree: ast.AST) -> list[tuple[int, str, list[str]]]:
    """Each import: line, module and the names taken from it."""
    found: list[tuple[int, str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module, [alias.name for alias in node.names]))
    return found


class CoreNamesNoAppTests(SimpleTestCase):
    def test_no_module_under_core_names_an_app_module(self) -> None:
        apps = app_names()
        self.assertIn("enforcement", apps)
        mention = re.compile(r"\bfazhi\.(" + "|".join(sorted(apps)) + r")\b")
        offenders = []
        for path in python_files(CORE):
            text = path.read_text(encoding="utf-8")
            for number, line in enumerate(text.splitlines(), 1):
                if mention.search(line):
                    offenders.append(f"{path.relative_to(FAZHI)}:{number}: {line.strip()}")
        self.assertEqual(offenders, [], "core names an app; register through a core registry instead")


class PrivateNamesTests(SimpleTestCase):
    def test_no_app_uses_a_private_name_of_another_app(self) -> None:
        """`from fazhi.other import _name`, `from fazhi.other._module import …` and
        `other_module._name` after `from fazhi.other import module as other_module`."""
        offenders = []
        for app in sorted(app_names() | {"core"}):
            for path in python_files(FAZHI / app):
                tree = ast.parse(path.read_text(encoding="utf-8"))
                aliases: dict[str, str] = {}
                for number, module, names in imported_modules(tree):
                    parts = module.split(".")
                    if parts[0] != "fazhi" or len(parts) < 2 or parts[1] in (app, "core", "conftest"):
                        continue
                    where = f"{path.relative_to(FAZHI)}:{number}"
                    if any(part.startswith("_") and part != "__init__" for part in parts[2:]):
                        offenders.append(f"{where}: {module}")
                    offenders += [f"{where}: {module}.{name}" for name in names if name.startswith("_")]
                for node in ast.walk(tree):
                    if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fazhi."):
                        other = node.module.split(".")[1]
                        if other not in (app, "core"):
                            for alias in node.names:
                                aliases[alias.asname or alias.name] = node.module
                for node in ast.walk(tree):
                    if (
                        isinstance(node, ast.Attribute)
                        and isinstance(node.value, ast.Name)
                        and node.value.id in aliases
                        and node.attr.startswith("_")
                        and not node.attr.startswith("__")
                    ):
                        offenders.append(
                            f"{path.relative_to(FAZHI)}:{node.lineno}: {node.value.id}.{node.attr}"
                        )
        self.assertEqual(offenders, [])
