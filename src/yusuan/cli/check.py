"""``yusuan check FILE_OR_DIR... [--format text|json|html] [-o FILE] [--previous LAST...]
[--annotate OUT.pdf] [--budget BUDGET]``.

``--budget`` gives the same year's 部门预算: a 决算 checked with it has every 年初预算数 it
states held against that budget (``checks.final_budget``).

Exit code 0 when no error is found, 1 when any finding is an error, 2 when an input is
unusable (the other inputs are still checked). Files of one disclosure (a narrative PDF and
a tables PDF of the same department and year) are checked as one; a folder is read file by
file, with a progress bar on a terminal. ``--previous`` holds the disclosure against last
year's (the cross-year rules); ``--annotate`` writes the checked PDF with each finding boxed.
"""

from __future__ import annotations

import contextlib
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
from yusuan.output import check_file_target, write_file

if TYPE_CHECKING:
    from yusuan.checks.report import Checked
    from yusuan.intake import Intake
    from yusuan.model.disclosure import Disclosure
    from yusuan.model.finding import Finding

FORMATS = ("text", "json", "html")
LEVELS = ("error", "warning", "info")


@handles_input_errors
def check(
    paths: Annotated[list[Path], typer.Argument(metavar="文件", help="公开文件（PDF、DOCX、XLSX、文本）、Disclosure JSON、源文件夹，或含这些文件的文件夹")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：text、json、html")] = "text",
    out: Annotated[Path | None, typer.Option("-o", "--out", help="写入文件（默认输出到屏幕）")] = None,
    level: Annotated[str, typer.Option("--level", help="显示的最低级别：error、warning、info")]
    = "info",
    time_limit: TimeLimit = None,
    memory_limit: MemoryLimit = None,
    previous: Annotated[list[Path] | None, typer.Option(
        "--previous", help="上一年度的公开文件（可多个，如分开发布的两个 PDF）：核对所述比上年增减")]
    = None,
    annotate: Annotated[Path | None, typer.Option(
        "--annotate", help="写出标注版 PDF：原文件上框出每个问题的数字，并附检查报告")] = None,
    budget: Annotated[list[Path] | None, typer.Option(
        "--budget", help="同年度的部门预算（文件、JSON 或源文件夹）：决算所述年初预算数与之核对")]
    = None,
) -> None:
    """检查部门预算公开文件：表内运算、表间勾稽、文字与表格一致、完整性。"""
    # imported when the command runs, so that ``yusuan --help`` stays fast: the rule
    # catalogue and the intake (every reader) take about 0.2 s to load
    from yusuan.checks.cross_year import check_previous
    from yusuan.checks.final_budget import check_against_budget
    from yusuan.checks.report import Checked, Report, text_report
    from yusuan.checks.run import check_disclosure
    from yusuan.intake.parallel import SerialRunner  # every reader, loaded when it runs
    from yusuan.intake.stream import streamed

    if fmt not in FORMATS:
        raise fail(f"未知的输出格式“{fmt}”，可用：{'、'.join(FORMATS)}")
    if level not in LEVELS:
        raise fail(f"未知的级别“{level}”，可用：{'、'.join(LEVELS)}")
    kind = {"text": "findings-text", "json": "findings-json", "html": "findings-html"}[fmt]
    protected = [*paths, *(previous or []), *(budget or [])]
    if out is not None:
        check_file_target(out, kind, protected)  # refused before the (slow) checking
    if annotate is not None:
        check_file_target(annotate, "annotated-pdf", protected)
    limits = limits_of(time_limit, memory_limit)
    last = _one(previous, limits, "--previous", "上一年度") if previous else None
    planned = _one(budget, limits, "--budget", "同年度预算") if budget else None
    report = Report(fmt, level)
    errors = 0
    pdfs: list[Checked] = []  # for --annotate: the checked PDFs (one is allowed)
    with contextlib.ExitStack() as job:
        # every file read first (the parts of one disclosure may be anywhere in the list),
        # kept on disk; then each disclosure merged, checked and reported, and let go
        if is_terminal():
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task("读取中", total=None)
                intakes = job.enter_context(streamed(
                    paths, SerialRunner(), limits=limits,
                    progress=lambda _stage, done, total, name: bar.update(
                        task, completed=done, total=total, description=f"读取 {Path(name).name}")))
        else:
            intakes = job.enter_context(streamed(paths, SerialRunner(), limits=limits))
        shown = len(intakes.refused)
        for r in intakes.refused:
            print_error(str(r.error))
        for intake in intakes:
            checked = check_disclosure(intake.disclosure)
            if last is not None:
                checked = [*checked, *check_previous(intake.disclosure, last)]
            if planned is not None and intake.disclosure.kind == "final":
                checked = [*checked, *check_against_budget(intake.disclosure, planned)]
            found = [_located(f, intake) for f in checked]
            result = Checked(intake.label, intake.disclosure, (*intake.findings, *found))
            errors += result.summary.error
            if annotate is not None and str(result.label).lower().endswith(".pdf"):
                pdfs.append(result)
            if fmt == "text" and out is None:
                typer.echo(text_report(result, level))
                _said_against(intake.disclosure, last, planned)
            else:
                report.add(result)
        for r in intakes.refused[shown:]:  # groups whose parts would not merge
            print_error(str(r.error))
        refused = bool(intakes.refused)

    if out is not None:
        write_file(out, report.data(), kind, protected=protected)
    elif fmt != "text":
        sys.stdout.buffer.write(report.data())
        sys.stdout.flush()
    if annotate is not None:
        _annotate(annotate, pdfs, level, protected)
    if refused:
        raise typer.Exit(EXIT_UNUSABLE)
    if errors:
        raise typer.Exit(EXIT_ERRORS)


def _located(finding: Finding, intake: Intake) -> Finding:
    """Findings name the checked input: a file of it, or inside a checked folder, stays
    (tables.yaml:12); anything else (the original of a Disclosure JSON, or nothing) becomes
    the input, without the line, which was a line of that other file."""
    file = finding.location.file
    if file:
        inside = Path(file).resolve()
        for source in intake.sources:
            here = source.path.resolve()
            if inside == here or here in inside.parents:
                return finding
    return dataclasses.replace(finding, location=dataclasses.replace(
        finding.location, file=intake.label,
        line=finding.location.line if finding.location.sentence else None))


def _said_against(d: Disclosure, last: Disclosure | None, planned: Disclosure | None) -> None:
    """What ``d`` was held against, said even when every figure agrees (no finding)."""
    final = d.kind == "final"
    for other, words in ((last, "比上年增减已与上一年度"),
                         (planned if final else None, "年初预算数已与同年度预算")):
        if other is not None:
            typer.echo(f"  {words}核对：{other.department} {other.year} 年{other.edition}")


def _one(files: list[Path], limits: object, option: str, what: str) -> Disclosure:
    """The one disclosure an option names (last year's, or the budget a 决算 closes), read
    from its file(s) — a split publication's parts, a JSON or a source folder — as one."""
    from yusuan.intake import read_inputs  # every reader: loaded when used (``--help`` fast)

    intakes, refused = read_inputs(files, limits=limits)  # type: ignore[arg-type]
    if refused:
        raise refused[0].error
    if len(intakes) != 1:
        raise fail(f"{option} 应是{what}的一份公开（可为分开发布的几个文件），这里读出了 "
                   f"{len(intakes)} 份")
    return intakes[0].disclosure


def _annotate(target: Path, pdfs: list[Checked], level: str, inputs: list[Path]) -> None:
    """The checked PDF with its findings boxed, and the report after it."""
    from yusuan.render.annotate import annotated_report  # PDFium and rendering: when used

    if len(pdfs) != 1:
        raise fail("--annotate 需要恰好一个被检查的 PDF 文件")
    result = pdfs[0]
    data, _ = annotated_report(Path(result.label).read_bytes(), result.label, result.disclosure,
                               result.findings, level if level != "info" else "warning")
    write_file(target, data, "annotated-pdf", protected=inputs)
    typer.echo(f"已写出标注版 PDF：{target}", err=True)
