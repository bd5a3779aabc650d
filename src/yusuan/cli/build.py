"""``yusuan build SOURCE_DIR -o OUT_DIR [--format …] [--level …]``.

Writes into a new folder or yusuan's own earlier output only (``yusuan.output``), then tells
the truth as ``yusuan check`` does: the findings, the summary, and exit code 1 while any error
remains (the documents then carry a 草稿 mark); 2 for unusable input or a refused folder.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from yusuan.background import Worker
from yusuan.build import FORMATS, draft_note, worker_for, write_outputs
from yusuan.cli.common import EXIT_ERRORS, fail, handles_input_errors, is_terminal

DEFAULT_FORMATS = "html,pdf,docx,xlsx,csv,json"
LEVELS = ("error", "warning", "info")


@handles_input_errors
def build(
    source: Annotated[list[Path], typer.Argument(
        metavar="源文件夹或文件",
        help="源文件夹（budget.yaml + tables.yaml 或 lines.csv）、填好的上海预算工作簿 .xlsx，"
             "或已公开的文件（PDF、DOCX、XLSX、文本；分成几个文件发布的一起给出）：按原文重新生成，"
             "另写 differences.json 列出与原文不同之处")],
    out: Annotated[Path, typer.Option("-o", "--out", help="输出文件夹（新的、空的，或 yusuan 先前生成的）")],
    formats: Annotated[str, typer.Option("--format", "-f",
                                         help="输出格式，逗号分隔：html,pdf,docx,xlsx,csv,json")]
    = DEFAULT_FORMATS,
    level: Annotated[str, typer.Option("--level", help="显示的最低级别：error、warning、info"
                                       "（全部结果都写入 checks.json）")] = "warning",
) -> None:
    """由预算数据（或已公开的文件）生成完整的部门预算公开文件，并检查生成的结果。"""
    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise fail(f"未知的输出格式：{'、'.join(unknown) or '（空）'}；可用：{'、'.join(FORMATS)}")
    if level not in LEVELS:
        raise fail(f"未知的级别“{level}”，可用：{'、'.join(LEVELS)}")
    # the PDF's process, forked first: it loads WeasyPrint and the fonts while this one
    # reads the source, composes and checks (ended however the build ends)
    with worker_for(wanted) or nullcontext() as worker:
        _build(source, out, wanted, level, worker)


def _build(sources: list[Path], out: Path, wanted: list[str], level: str,
           worker: Worker | None) -> None:
    # imported here, not at the top, so that ``yusuan --help`` stays fast: the checks and
    # the composer (derive, narrative) load the rule catalogue and the reference data
    from yusuan.checks.report import Checked, text_report
    from yusuan.checks.run import check_disclosure, findings_to_json
    from yusuan.compose import build_disclosure
    from yusuan.regen import regenerate, what_is

    given = what_is(sources)
    first = sources[0]
    regenerated = regenerate(sources) if given == "published" else None
    disclosure = regenerated.disclosure if regenerated else build_disclosure(first)
    label = regenerated.label if regenerated else str(first)
    result = Checked(label, disclosure, tuple(check_disclosure(disclosure)))
    errors = result.summary.error
    extra = {"checks.json": findings_to_json(result.findings)}
    draft = draft_note(errors)
    if given == "workbook":  # a 上海 budget workbook
        from yusuan.compose.workbook import filled_workbook  # the XLSX reader: only for workbooks

        extra[f"{first.stem}.filled.xlsx"] = filled_workbook(first, disclosure)
    if regenerated:
        extra["differences.json"] = regenerated.differences_json()
    if is_terminal():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("生成中", total=len(wanted))

            begun: list[str] = []

            def step(fmt: str) -> None:
                # called as each format starts (or, for the PDF made beside the others, as
                # the build waits for it): what is finished is the ones begun before it
                bar.update(task, description=f"生成 {fmt.upper()}", completed=len(begun))
                begun.append(fmt)

            files = write_outputs(disclosure, out, wanted, progress=step, extra=extra,
                                  draft=draft, protected=tuple(sources), worker=worker)
    else:
        files = write_outputs(disclosure, out, wanted, extra=extra, draft=draft,
                              protected=tuple(sources), worker=worker)
    typer.echo(f"已生成{'草稿' if errors else ''} {disclosure.title}：")
    for f in files:
        typer.echo(f"  {f}")
    if regenerated:
        typer.echo(regenerated.summary())
    typer.echo(text_report(result, level))
    if errors:
        where = "原文表格中" if regenerated else f" {first} 中"
        typer.echo(f"仍有 {errors} 个错误：生成的文件标有“草稿”，不能作为正式公开文件；"
                   f"请按上面的提示改正{where}的数据后重新生成。", err=True)
        raise typer.Exit(EXIT_ERRORS)
