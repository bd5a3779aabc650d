"""``yusuan ingest FILE_OR_DIR... [--db URL] [--workers N | --cluster ADDRESS]``: read + check +
store, one transaction per disclosure; the files of a split publication (same department and
year) are one. Reading and checking run in N local processes (default: one per core) or on a
Dask cluster; this process groups the parts and stores each disclosure as it comes back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yusuan.cli.check_inputs import MemoryLimit, TimeLimit, limits_of
from yusuan.cli.common import EXIT_ERRORS, EXIT_UNUSABLE, handles_input_errors, is_terminal

if TYPE_CHECKING:
    from yusuan.intake.parallel import Runner
    from yusuan.publication import RenderFailure
    from yusuan.store.db import Store


@handles_input_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(metavar="文件", help="公开文件（PDF/文本/XLSX/DOCX/JSON）或源数据文件夹")],
    db: Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或 URL（默认 ./yusuan.db 或 $YUSUAN_DB）")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="本机并行进程数（默认：CPU 核数；1 为不另开进程）")] = None,
    cluster: Annotated[str | None, typer.Option("--cluster", help="Dask 分布式集群调度器地址，如 tcp://10.0.0.1:8786（需安装 yusuan[cluster]；各节点须能以相同路径读到输入文件）")] = None,
    time_limit: TimeLimit = None,
    memory_limit: MemoryLimit = None,
    publish: Annotated[bool, typer.Option(
        "--publish", help="导入后直接发布（用于导入已经公开过的历史文件；记入操作日志）")] = False,
    user: Annotated[str, typer.Option("--user", help="操作日志中记录的操作人")] = "命令行导入",
) -> None:
    """解析、检查并存入数据库（每份公开一个事务，同一部门同一年度的几个文件合为一份；新文件为草稿，需在管理后台发布）。

    退出码：0 全部成功；1 部分文件失败；2 没有一个文件可用。"""
    # imported here: the intake pulls in every reader, and ``yusuan --help`` must stay fast
    from yusuan.intake.parallel import local_runner
    from yusuan.intake.pipeline import ingest_job
    from yusuan.store import open_store

    if cluster and workers is not None:
        raise typer.BadParameter("--workers 与 --cluster 只能选一个", param_hint="--workers")
    store = open_store(db)
    limits = limits_of(time_limit, memory_limit)
    runner: Runner
    not_rendered: list[RenderFailure] = []
    if cluster:
        from yusuan.intake.cluster import dask_runner  # only with --cluster: Dask is optional

        runner = dask_runner(cluster)
    else:
        runner = local_runner(workers)
    try:
        if is_terminal():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                          transient=True) as bar:
                task = bar.add_task("导入中", total=None)

                def step(stage: str, done: int, total: int, name: str) -> None:
                    bar.update(task, description=f"{stage} {Path(name).name[:40]}",
                               completed=done, total=total)

                report = ingest_job(store, paths, runner, user=user, limits=limits,
                                    progress=step)
        else:
            report = ingest_job(store, paths, runner, user=user, limits=limits)
        if publish:
            from functools import partial

            from yusuan.store.repository import set_state  # with the store, when used

            for o in report.ingested:  # each publication in the audit log, under ``user``
                store.write(partial(set_state, disclosure=o.disclosure_id, state="published",
                                    user=user, how="yusuan ingest --publish"))
            not_rendered = _render_downloads(store, [o.disclosure_id for o in report.ingested],
                                             runner)
    finally:
        runner.close()
        store.close()
    for o in report.ingested:
        state = "已发布" if publish else "草稿"
        typer.echo(f"已导入  {o.title}（第 {o.version} 版，编号 {o.disclosure_id}，{state}）")
    for o in report.unchanged:
        typer.echo(f"未变化  {o.title}（与第 {o.version} 版相同，编号 {o.disclosure_id}）")
    for r in not_rendered:
        typer.echo(f"警告    编号 {r.disclosure_id} 的 {r.format.upper()} 下载文件未能生成"
                   f"（{r.message}），将在首次下载时生成", err=True)
    for f in report.failed:
        why = f.message if f.message.startswith(f.path) else f"{f.path}：{f.message}"
        typer.echo(f"失败    {why}", err=True)
    typer.echo(f"合计：导入 {len(report.ingested)}，未变化 {len(report.unchanged)}，"
               f"失败 {len(report.failed)}。")
    if report.failed:
        usable = report.ingested or report.unchanged
        raise typer.Exit(EXIT_ERRORS if usable else EXIT_UNUSABLE)


def _render_downloads(store: Store, ids: list[int], runner: Runner) -> list[RenderFailure]:
    """The published versions' downloads rendered once now, by the same workers, and stored:
    never on a reader's request."""
    # imported here: the renderers (WeasyPrint) load only when something is published
    from yusuan.publication import render_publications

    if not is_terminal():
        return render_publications(store, ids, runner)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  transient=True) as bar:
        task = bar.add_task("生成下载文件", total=None)
        return render_publications(
            store, ids, runner, lambda done, total: bar.update(task, completed=done, total=total))
