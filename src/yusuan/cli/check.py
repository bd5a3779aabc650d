"""``yusuan check FILE_OR_DIR... [--format text|json|html] [-o FILE] [--budget BUDGET]``.

``--budget`` gives the same year's 部门预算: a 决算 checked with it has every 年初预算数 it
states held against that budget (``checks.final_budget``).

Exit code 0 when no error is found, 1 when any finding is an error, 2 when an input is
unusable (the other inputs are still checked). A folder is checked file by file, with a
progress bar on a terminal.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yusuan.cli.common import (
    EXIT_ERRORS,
    EXIT_UNUSABLE,
    fail,
    handles_input_errors,
    is_terminal,
    print_error,
)

if TYPE_CHECKING:
    from yusuan.model.finding import Finding

FORMATS = ("text", "json", "html")
LEVELS = ("error", "warning", "info")


@handles_input_errors
def check(
    paths: Annotated[list[Path], typer.Argument(help="公开文件（PDF、文本）、Disclosure JSON、源文件夹或文件夹")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：text、json、html")] = "text",
    out: Annotated[Path | None, typer.Option("-o", "--out", help="写入文件（默认输出到屏幕）")] = None,
    level: Annotated[str, typer.Option("--level", help="显示的最低级别：error、warning、info")]
    = "info",
    budget: Annotated[Path | None, typer.Option(
        "--budget", help="同年度的部门预算（文件、JSON 或源文件夹）：决算所述年初预算数与之核对")] = None,
) -> None:
    """检查部门预算公开文件：表内运算、表间勾稽、文字与表格一致、完整性。"""
    from yusuan.checks.final_budget import check_against_budget
    from yusuan.checks.report import Checked, html_report, json_report, text_report
    from yusuan.checks.run import check_disclosure
    from yusuan.cli.check_inputs import expand, load
    from yusuan.model.errors import InputError

    if fmt not in FORMATS:
        raise fail(f"未知的输出格式“{fmt}”，可用：{'、'.join(FORMATS)}")
    if level not in LEVELS:
        raise fail(f"未知的级别“{level}”，可用：{'、'.join(LEVELS)}")
    files = list(expand(paths))
    planned = load(budget).disclosure if budget is not None else None  # InputError: exit 2
    results: list[Checked] = []
    unusable = 0

    def one(path: Path) -> None:
        nonlocal unusable
        try:
            loaded = load(path)
        except InputError as exc:
            unusable += 1
            print_error(str(exc))
            return
        found = [_located(f, loaded.label) for f in check_disclosure(loaded.disclosure)]
        if planned is not None and loaded.disclosure.kind == "final":
            found += [_located(f, loaded.label)
                      for f in check_against_budget(loaded.disclosure, planned)]
        result = Checked(loaded.label, loaded.disclosure, (*loaded.read_findings, *found))
        results.append(result)
        if fmt == "text" and out is None:
            typer.echo(text_report(result, level))

    if is_terminal() and len(files) > 1:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("检查中", total=len(files))
            for path in files:
                bar.update(task, description=f"检查 {path.name}")
                one(path)
                bar.advance(task)
    else:
        for path in files:
            one(path)

    if fmt == "text" and out is not None:
        out.write_text("\n".join(text_report(r, level) for r in results) + "\n", encoding="utf-8")
    elif fmt == "json":
        _emit(json_report(results, level), out)
    elif fmt == "html":
        _emit(html_report(results, level), out)
    if unusable:
        raise typer.Exit(EXIT_UNUSABLE)
    if any(f.severity == "error" for r in results for f in r.findings):
        raise typer.Exit(EXIT_ERRORS)


def _located(finding: Finding, label: str) -> Finding:
    """Findings name the checked input: a file inside a checked folder stays (tables.yaml:12),
    anything else (the original of a Disclosure JSON, or nothing) becomes the input."""
    file = finding.location.file
    if file:
        here, inside = Path(label).resolve(), Path(file).resolve()
        if inside == here or here in inside.parents:
            return finding
    return dataclasses.replace(finding, location=dataclasses.replace(finding.location, file=label))


def _emit(data: bytes, out: Path | None) -> None:
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        out.write_bytes(data)
