"""``yusuan check FILE_OR_DIR... [--format text|json|html] [-o FILE]``.

Exit code 0 when no error is found, 1 when any finding is an error, 2 when an input is
unusable (the other inputs are still checked). Files of one disclosure (a narrative PDF and
a tables PDF of the same department and year) are checked as one; a folder is read file by
file, with a progress bar on a terminal.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yusuan.cli.check_inputs import MemoryLimit, TimeLimit, limits_of
from yusuan.cli.common import (
    EXIT_ERRORS,
    EXIT_UNUSABLE,
    fail,
    handles_input_errors,
    is_terminal,
    print_error,
)

if TYPE_CHECKING:
    from yusuan.intake import Intake
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
    time_limit: TimeLimit = None,
    memory_limit: MemoryLimit = None,
) -> None:
    """检查部门预算公开文件：表内运算、表间勾稽、文字与表格一致、完整性。"""
    from yusuan.checks.report import Checked, html_report, json_report, text_report
    from yusuan.checks.run import check_disclosure
    from yusuan.intake import read_inputs

    if fmt not in FORMATS:
        raise fail(f"未知的输出格式“{fmt}”，可用：{'、'.join(FORMATS)}")
    if level not in LEVELS:
        raise fail(f"未知的级别“{level}”，可用：{'、'.join(LEVELS)}")
    limits = limits_of(time_limit, memory_limit)
    if is_terminal():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("读取中", total=None)
            intakes, refused = read_inputs(paths, limits=limits, progress=lambda name: bar.update(
                task, description=f"读取 {Path(name).name}"))
    else:
        intakes, refused = read_inputs(paths, limits=limits)
    for r in refused:
        print_error(str(r.error))
    results: list[Checked] = []
    for intake in intakes:
        found = [_located(f, intake) for f in check_disclosure(intake.disclosure)]
        result = Checked(intake.label, intake.disclosure, (*intake.findings, *found))
        results.append(result)
        if fmt == "text" and out is None:
            typer.echo(text_report(result, level))

    if fmt == "text" and out is not None:
        out.write_text("\n".join(text_report(r, level) for r in results) + "\n", encoding="utf-8")
    elif fmt == "json":
        _emit(json_report(results, level), out)
    elif fmt == "html":
        _emit(html_report(results, level), out)
    if refused:
        raise typer.Exit(EXIT_UNUSABLE)
    if any(f.severity == "error" for r in results for f in r.findings):
        raise typer.Exit(EXIT_ERRORS)


def _located(finding: Finding, intake: Intake) -> Finding:
    """Findings name the checked input: a file of it, or inside a checked folder, stays
    (tables.yaml:12); anything else (the original of a Disclosure JSON, or nothing) becomes
    the input."""
    file = finding.location.file
    if file:
        inside = Path(file).resolve()
        for source in intake.sources:
            here = source.path.resolve()
            if inside == here or here in inside.parents:
                return finding
    return dataclasses.replace(finding, location=dataclasses.replace(finding.location,
                                                                     file=intake.label))


def _emit(data: bytes, out: Path | None) -> None:
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        out.write_bytes(data)
