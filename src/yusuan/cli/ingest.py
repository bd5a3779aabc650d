"""``yusuan ingest FILE_OR_DIR... [--db URL]``: parse + check + store, one transaction each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import EXIT_UNUSABLE, handles_input_errors, is_terminal


@handles_input_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="公开文件（PDF/文本/XLSX/DOCX/JSON）或源数据文件夹")],
    db: Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或 URL（默认 ./yusuan.db 或 $YUSUAN_DB）")] = None,
) -> None:
    """解析、检查并存入数据库（每个文件一个事务；新文件为草稿，需在管理后台发布）。"""
    from yusuan.store import open_store
    from yusuan.store.ingest import expand, ingest_documents, read_document

    store = open_store(db)
    inputs = list(expand(paths))
    items = [(str(p), lambda p=p: read_document(p)) for p in inputs]
    if is_terminal() and items:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("导入中", total=len(items))

            def step(name: str) -> None:
                bar.update(task, description=f"导入 {Path(name).name}", advance=1)

            report = ingest_documents(store, items, progress=step)
    else:
        report = ingest_documents(store, items)
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
