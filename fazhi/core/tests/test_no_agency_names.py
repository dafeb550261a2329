"""No page, message or refusal names a specific agency or assumes a 局 (issue 12): the words of
the agency a page is about come from its settings (`core.agencies.wording`, `fazhi_words` in
templates, `fazhi_site_name` in the header).

What is scanned:
- every template `fazhi/**/templates/**/*.html`, its `{# #}` and `{% comment %}` blocks left
  out (notes for developers, never shown);
- the string literals of every Python source under `fazhi/`, except tests (`tests/`,
  `test_*.py`, `testing.py`, `conftest.py`, `browser_tests/`), migrations and the demo data,
  which may keep the bureau's names. Comments and docstrings are left out: they explain the
  code to its readers (a docstring saying what 局长办公会 is in DOMAIN.md's words) and no person
  using the platform reads them. A literal that gives the words as an example of a setting
  ("如：局长、主任", the help text of the head's title) is allowed: that is what a setting's help
  says.

The translation catalogue (`locale/`) is not scanned: it keeps old entries until they are
retired, and an entry nobody uses is never shown.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

from django.test import SimpleTestCase

FAZHI = Path(__file__).resolve().parents[2]

NAMES = (
    "天津市科学技术局",
    "市科技局",
    "天津市教育委员会",
    "本局",
    "局领导",
    "局长办公会",
    "局党委会",
)
# 局长 as the title of the head (局长 / 副局长), not as part of a longer word (格局长期).
HEAD = re.compile(r"局长(?!期)")
PATTERN = re.compile("|".join([*(re.escape(name) for name in NAMES), HEAD.pattern]))
# "如：局长、主任" — the words given as examples of a setting.
EXAMPLE = re.compile(r"如[：:\s]")
TEMPLATE_COMMENTS = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)


def is_test_or_data(path: Path) -> bool:
    parts = path.relative_to(FAZHI).parts
    name = path.name
    return (
        "tests" in parts
        or "browser_tests" in parts
        or "migrations" in parts
        or parts[0] == "demo"
        or name.startswith("test_")
        or name in ("testing.py", "conftest.py")
    )


def hits_in_text(text: str) -> list[str]:
    if EXAMPLE.search(text):
        text = text[: EXAMPLE.search(text).start()]  # type: ignore[union-attr]
    return sorted({m.group() for m in PATTERN.finditer(text)})


def template_hits(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    # Blank out the comments, keeping the line numbers.
    source = TEMPLATE_COMMENTS.sub(lambda m: "\n" * m.group().count("\n"), source)
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        for name in hits_in_text(line):
            found.append(f"{path.relative_to(FAZHI)}:{number}: {name}: {line.strip()[:120]}")
    return found


def docstring_lines(tree: ast.AST) -> set[int]:
    """The first lines of every module, class and function docstring."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                if isinstance(body[0].value.value, str):
                    lines.add(body[0].lineno)
    return lines


def python_hits(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    docstrings = docstring_lines(ast.parse(source))
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.STRING or token.start[0] in docstrings:
            continue
        for name in hits_in_text(token.string):
            found.append(f"{path.relative_to(FAZHI)}:{token.start[0]}: {name}: {token.string[:120]}")
    return found


def all_hits() -> list[str]:
    found: list[str] = []
    for path in sorted(FAZHI.glob("**/templates/**/*.html")):
        found += template_hits(path)
    for path in sorted(FAZHI.rglob("*.py")):
        if "__pycache__" in path.parts or is_test_or_data(path):
            continue
        found += python_hits(path)
    return found


class NoAgencyNamesTests(SimpleTestCase):
    def test_no_template_or_source_names_a_specific_agency(self) -> None:
        hits = all_hits()
        self.assertEqual(hits, [], "name the agency through its settings:\n" + "\n".join(hits))

    def test_the_scanner_finds_what_it_looks_for_and_allows_examples(self) -> None:
        self.assertEqual(hits_in_text("请局长签批"), ["局长"])
        self.assertEqual(hits_in_text("提交局长办公会审议"), ["局长办公会"])
        self.assertEqual(hits_in_text("本局规范性文件"), ["本局"])
        self.assertEqual(hits_in_text("如：局长、主任"), [])
        self.assertEqual(hits_in_text("格局长期稳定"), [])
        self.assertEqual(hits_in_text("本机关主要负责人"), [])

    def test_the_core_and_portal_templates_are_clean(self) -> None:
        """What this part of the work answers for already (the apps' own are cleaned with them)."""
        hits = [
            hit
            for hit in all_hits()
            if hit.startswith(("core/", "portal/", "templates/", "settings.py", "urls.py"))
        ]
        self.assertEqual(hits, [], "\n".join(hits))
