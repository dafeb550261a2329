"""The demo loaders import each other in one direction: the shared names come from
`demo.constants`, which imports no loader, and `demo.data` runs the loaders; no module of the
package imports, directly or through others, a module that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

from django.test import SimpleTestCase

DEMO = Path(__file__).resolve().parents[1]


def demo_imports(path: Path) -> set[str]:
    """The demo modules a module imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fazhi.demo."):
            found.add(node.module.split(".")[2])
        elif isinstance(node, ast.ImportFrom) and node.module == "fazhi.demo":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.split(".")[2] for alias in node.names if alias.name.startswith("fazhi.demo.")
            )
    return found


class DemoImportTests(SimpleTestCase):
    def graph(self) -> dict[str, set[str]]:
        modules = {path.stem: path for path in DEMO.glob("*.py") if path.stem != "__init__"}
        return {name: demo_imports(path) & modules.keys() for name, path in modules.items()}

    def test_the_constants_import_no_loader(self) -> None:
        self.assertEqual(self.graph()["constants"], set())

    def test_the_demo_package_has_no_import_cycle(self) -> None:
        graph = self.graph()
        self.assertIn("enforcement", graph["data"])  # the graph sees the loaders
        cycles = []

        def visit(name: str, path: list[str]) -> None:
            if name in path:
                cycles.append(" → ".join([*path[path.index(name) :], name]))
                return
            for other in sorted(graph.get(name, ())):
                visit(other, [*path, name])

        for name in sorted(graph):
            visit(name, [])
        self.assertEqual(cycles, [])
