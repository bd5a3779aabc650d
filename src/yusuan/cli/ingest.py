"""``yusuan ingest FILE_OR_DIR... [--db URL]``: read + check + store, one transaction per
disclosure; the files of a split publication (same department and year) are one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.check_inputs import MemoryLimit, TimeLimit, limits_of
from yusuan.cli.common import EXIT_UNUSABLE, handles_input_errors, is_terminal


@handles_input_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="公开文件（PDF/文本/XLSX/DOCX/JSON）或源数据文件夹")],
    db: Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或 URL（默认 ./yusuan.db 或 $YUSUAN_DB）")] = None,
    time_limit: TimeLimit = None,
    memory_limit: MemoryLimit = None,
) -> None:
    """解析、检查并存入数据库（每份公开一个事务，同一部门同一年度的几个文件合为一份；新文件为草稿，需在管理后台发布）。"""
    from yusuan.intake.pipeline import ingest_paths
    from yusuan.store import open_store

    store = open_store(db)
    limits = limits_of(time_limit, memory_limit)
    if is_terminal():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("导入中", total=None)

            def step(name: str) -> None:
                bar.update(task, description=f"读取 {Path(name).name}")

            report = ingest_paths(store, paths, progress=step, limits=limits)
    else:
        report = ingest_paths(store, paths, limits=limits)
    store.close()
    for o in report.ingested:
        typer.echo(f"已导入  {o.title}（第 {o.version} 版，编号 {o.disclosure_id}）")
    for o in report.unchanged:
        typer.echo(f"未变化  {o.title}（与第 {o.version} 版相同，编号 {o.disclosure_id}）")
    for f in report.failed:
        why = f.message if f.message.startswith(f.path) else f"{f.path}：{f.message}"
        typer.echo(f"失败    {why}", err=True)
    typer.echo(f"合计：导入 {len(report.ingested)}，未变化 {len(report.unchanged)}，"
               f"失败 {len(report.failed)}。")
    if not report.ingested and report.failed:
        raise typer.Exit(EXIT_UNUSABLE)
