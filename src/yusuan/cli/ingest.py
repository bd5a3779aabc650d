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
    publish: Annotated[bool, typer.Option(
        "--publish", help="导入后直接发布（用于导入已经公开过的历史文件；记入操作日志）")] = False,
    user: Annotated[str, typer.Option("--user", help="操作日志中记录的操作人")] = "命令行导入",
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

            report = ingest_paths(store, paths, user, progress=step, limits=limits)
    else:
        report = ingest_paths(store, paths, user, limits=limits)
    if publish:
        from functools import partial

        from yusuan.store.repository import set_state

        for o in report.ingested:  # each publication in the audit log, under ``user``
            store.write(partial(set_state, disclosure=o.disclosure_id, state="published",
                                user=user, how="yusuan ingest --publish"))
    store.close()
    for o in report.ingested:
        state = "已发布" if publish else "草稿"
        typer.echo(f"已导入  {o.title}（第 {o.version} 版，编号 {o.disclosure_id}，{state}）")
    for o in report.unchanged:
        typer.echo(f"未变化  {o.title}（与第 {o.version} 版相同，编号 {o.disclosure_id}）")
    for f in report.failed:
        why = f.message if f.message.startswith(f.path) else f"{f.path}：{f.message}"
        typer.echo(f"失败    {why}", err=True)
    typer.echo(f"合计：导入 {len(report.ingested)}，未变化 {len(report.unchanged)}，"
               f"失败 {len(report.failed)}。")
    if not report.ingested and report.failed:
        raise typer.Exit(EXIT_UNUSABLE)
