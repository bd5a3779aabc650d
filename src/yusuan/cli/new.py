"""``yusuan new DIR [--lines]``: write a commented source-folder skeleton that builds as-is.

The skeleton files ship as package data (``yusuan/derive/skeleton/``): ``budget.yaml`` plus
``tables.yaml`` (tables given table by table) or, with ``--lines``, ``lines.csv`` (line items
from which every table is derived). A folder that exists and is not empty is refused (exit 2):
``new`` never overwrites anybody's data.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import handles_input_errors
from yusuan.output import write_folder

SKELETON_FILES = ("budget.yaml", "tables.yaml")
SKELETON_LINES_FILES = ("budget.yaml", "lines.csv")


def skeleton_bytes(name: str) -> bytes:
    return (resources.files("yusuan.derive") / "skeleton" / name).read_bytes()


def write_skeleton(folder: Path, *, lines: bool = False) -> tuple[Path, ...]:
    """Write the skeleton into ``folder`` (created if missing; must be empty if it exists),
    atomically and without a manifest: it is the user's source from now on."""
    names = SKELETON_LINES_FILES if lines else SKELETON_FILES
    return write_folder(folder, names, skeleton_bytes, manifest=False)


@handles_input_errors
def new(
    folder: Annotated[Path, typer.Argument(help="要创建的源文件夹（不存在或为空）")],
    lines: Annotated[bool, typer.Option("--lines", help="用 lines.csv（预算明细）代替 tables.yaml")]
    = False,
) -> None:
    """生成带中文注释的源数据模板（budget.yaml + tables.yaml 或 lines.csv），可直接 yusuan build。"""
    files = write_skeleton(folder, lines=lines)
    typer.echo(f"已生成源数据模板 {folder}：")
    for f in files:
        typer.echo(f"  {f}")
    typer.echo(f"填写后运行：yusuan build {folder} -o 输出文件夹")
