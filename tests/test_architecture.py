"""The shape of the code (docs/design.md, Packages and their direction): no package imports
one above it, no cycle between packages, no module over 400 lines, no import of yusuan's own
modules inside a function body except where the command line keeps ``yusuan --help`` fast."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from tests.conftest import ROOT

SRC = ROOT / "src" / "yusuan"
# reference ← model ← (derive, parse) ← (checks, narrative) ← compose
#   ← (intake, render, store, output) ← (build, web) ← cli
LEVEL = {"reference": 0, "background": 0, "model": 1, "derive": 2, "parse": 2, "checks": 3, "narrative": 3,
         "compose": 4, "intake": 5, "render": 5, "store": 5, "output": 5, "build": 6, "regen": 6, "web": 6,
         "publication": 6,
         "cli": 7}


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(SRC.rglob("*.py"))
            if "migrations" not in p.parts]


def _package(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _own(node: ast.AST) -> str | None:
    if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("yusuan."):
        return node.module.split(".")[1]
    if isinstance(node, ast.Import):
        return next((a.name.split(".")[1] for a in node.names
                     if a.name.startswith("yusuan.")), None)
    return None


def test_no_package_imports_one_above_it_and_packages_form_no_cycle() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for path, tree in _modules():
        here = _package(path)
        for node in ast.walk(tree):
            target = _own(node)
            if target is None or target == here or here not in LEVEL:
                continue
            assert LEVEL[target] <= LEVEL[here], f"{path}: {here} imports {target}, above it"
            graph[here].add(target)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n}))
                   for n in graph.get(start, ()))

    assert not [p for p in list(graph) if reaches(p, p, set())]


def test_no_module_is_over_400_lines() -> None:
    long = [(str(p.relative_to(SRC)), n) for p, _t in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert long == []


def test_own_modules_are_imported_at_the_top_except_for_a_fast_help() -> None:
    found = []
    for path, tree in _modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        rel = str(path.relative_to(SRC))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if _own(node) is None:
                    continue
                if rel.startswith("cli/"):  # allowed, with a comment saying why
                    around = lines[max(node.lineno - 6, fn.lineno - 1):node.end_lineno or 0]
                    if any("#" in line for line in around):
                        continue
                found.append(f"{rel}:{node.lineno} ({fn.name})")
    assert found == []


def test_renderers_and_the_portal_print_part1_from_the_disclosure() -> None:
    """Part 1 is generated once, by the model (``Disclosure.organisation_paragraphs``): the
    renderers import no narrative code, and nothing outside the model calls the generator."""
    found = []
    for path, tree in _modules():
        rel = str(path.relative_to(SRC))
        for node in ast.walk(tree):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if rel.startswith("render/") and _own(node) == "narrative":
                found.append(f"{rel}:{node.lineno}")
            if module == "yusuan.model.part1" and rel != "model/disclosure.py":
                found.append(f"{rel}:{node.lineno}")
    assert found == []


def test_a_documents_profile_is_reached_by_the_one_accessor() -> None:
    """``profile_of(d)`` (``model.profiles``) and ``frame_of(d)`` (``render.frame``): nothing
    else loads a profile by a document's or budget's id (``load_profile(d.profile)``)."""
    accessors = {("model/profiles.py", "profile_of"), ("render/frame.py", "frame_of")}
    found = []
    for path, tree in _modules():
        rel = str(path.relative_to(SRC))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef) or (rel, fn.name) in accessors:
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                        and node.func.id in ("load_profile", "profile_data", "load_frame") \
                        and any(isinstance(a, ast.Attribute) and a.attr == "profile"
                                for a in node.args):
                    found.append(f"{rel}:{node.lineno} ({fn.name})")
    assert found == []


def test_help_loads_no_checks_readers_store_web_or_renderers() -> None:
    code = ("import sys; sys.argv = ['yusuan', '--help']\n"
            "from yusuan.cli.main import run\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('yusuan.', "
            "'sqlalchemy', 'fastapi', 'openpyxl', 'pypdfium2', 'weasyprint')))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True, cwd=ROOT)
    loaded = done.stdout.strip().splitlines()[-1].split()
    light = ("yusuan.render", "yusuan.render.formats")  # the registry of formats, no writer
    heavy = [m for m in loaded if m not in light and (m.split(".")[0] != "yusuan" or m.split(
        ".")[1] in ("checks", "intake", "parse", "store", "web", "render", "compose",
                    "narrative", "derive"))]
    assert heavy == [] and "yusuan.cli.main" in loaded
