"""``yusuan org import FILE``: load the bureau's departments and budget units (CSV or XLSX,
columns 部门、单位、单位编码) into the org tree; ``yusuan org list`` prints the tree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import fail, handles_input_errors
from yusuan.cli.zh import ChineseCommand, ChineseGroup

app = typer.Typer(help="组织架构：部门与预算单位。", no_args_is_help=True,
                  rich_markup_mode=None, cls=ChineseGroup)
DB_HELP = "数据库：SQLite 文件路径或 URL"


@app.command("import", cls=ChineseCommand)
@handles_input_errors
def import_(
    file: Annotated[Path, typer.Argument(help="CSV 或 XLSX 文件：列名 部门、单位（可选 单位编码）")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """导入部门和预算单位；已有的不重复添加。"""
    # imported here so that ``yusuan --help`` stays fast
    from yusuan.store import open_store
    from yusuan.store.org import import_org, read_org

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise fail(f"{file}：无法读取（{exc.strerror}）") from None
    rows = read_org(data, str(file))
    store = open_store(db)
    try:
        with store.transaction() as session:
            depts, units = import_org(session, rows)
    finally:
        store.close()
    typer.echo(f"已导入：新增部门 {depts} 个，新增预算单位 {units} 个（共读到 {len(rows)} 行）。")


@app.command("list", cls=ChineseCommand)
@handles_input_errors
def list_(db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None) -> None:
    """列出组织架构。"""
    # imported here so that ``yusuan --help`` stays fast
    from yusuan.store import open_store
    from yusuan.store.org import tree

    store = open_store(db)
    try:
        with store.reading() as session:
            nodes = tree(session)
    finally:
        store.close()
    for node in nodes:
        typer.echo(node.name)
        for _, name, code in node.units:
            typer.echo(f"  {name}{f'（{code}）' if code else ''}")
