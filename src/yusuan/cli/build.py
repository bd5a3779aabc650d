"""``yusuan build SOURCE_DIR -o OUT_DIR [--format …]``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yusuan.cli.common import fail, handles_input_errors, is_terminal

if TYPE_CHECKING:
    from yusuan.model.disclosure import Disclosure

DEFAULT_FORMATS = "html,pdf,docx,xlsx,csv,json"


@handles_input_errors
def build(
    source: Annotated[Path, typer.Argument(
        help="源文件夹（budget.yaml + tables.yaml 或 lines.csv），或填好的上海预算工作簿 .xlsx")],
    out: Annotated[Path, typer.Option("-o", "--out", help="输出文件夹")],
    formats: Annotated[str, typer.Option("--format", "-f",
                                         help="输出格式，逗号分隔：html,pdf,docx,xlsx,csv,json")]
    = DEFAULT_FORMATS,
) -> None:
    """由预算数据生成完整的部门预算公开文件。"""
    from yusuan.build import FORMATS, build_disclosure, write_outputs

    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise fail(f"未知的输出格式：{'、'.join(unknown) or '（空）'}；可用：{'、'.join(FORMATS)}")
    disclosure = build_disclosure(source)
    extra = _checks_json(disclosure)
    if source.is_file() and source.suffix.lower() == ".xlsx":  # a 上海 budget workbook
        from yusuan.workbook import filled_workbook

        extra[f"{source.stem}.filled.xlsx"] = filled_workbook(source, disclosure)
    if is_terminal():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("生成中", total=len(wanted))

            def step(fmt: str) -> None:
                # called as each format starts: what is finished is the ones before it
                bar.update(task, description=f"生成 {fmt.upper()}",
                           completed=wanted.index(fmt))

            files = write_outputs(disclosure, out, wanted, progress=step, extra=extra)
    else:
        files = write_outputs(disclosure, out, wanted, extra=extra)
    typer.echo(f"已生成 {disclosure.title}：")
    for f in files:
        typer.echo(f"  {f}")


def _checks_json(disclosure: Disclosure) -> dict[str, bytes]:
    """The checker's findings on what was built (``checks.json``)."""
    from yusuan.checks.run import findings_json

    return {"checks.json": findings_json(disclosure)}
