"""``yusuan new DIR [--lines | --final]``: write a commented source-folder skeleton that
builds as-is (``--final``: a 部门决算, its nine tables in ``tables.yaml``).

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

from yusuan.cli.common import fail, handles_input_errors
from yusuan.output import write_folder

SKELETON_FILES = ("budget.yaml", "tables.yaml")
SKELETON_LINES_FILES = ("budget.yaml", "lines.csv")
SKELETON_FINAL_FILES = ("final/budget.yaml", "final/tables.yaml")  # 部门决算


def skeleton_bytes(name: str) -> bytes:
    return (resources.files("yusuan.derive") / "skeleton" / name).read_bytes()


def write_skeleton(folder: Path, *, lines: bool = False, final: bool = False
                   ) -> tuple[Path, ...]:
    """Write the skeleton into ``folder`` (created if missing; must be empty if it exists),
    atomically and without a manifest: it is the user's source from now on."""
    names = SKELETON_FINAL_FILES if final else SKELETON_LINES_FILES if lines else SKELETON_FILES
    shipped = {Path(name).name: name for name in names}  # the 决算 skeleton is in final/
    return write_folder(folder, tuple(shipped), lambda name: skeleton_bytes(shipped[name]),
                        manifest=False)


@handles_input_errors
def new(
    folder: Annotated[Path, typer.Argument(help="要创建的源文件夹（不存在或为空）")],
    lines: Annotated[bool, typer.Option("--lines", help="用 lines.csv（预算明细）代替 tables.yaml")]
    = False,
    final: Annotated[bool, typer.Option("--final", help="部门决算模板（九张决算表）")] = False,
) -> None:
    """生成带中文注释的源数据模板（budget.yaml + tables.yaml 或 lines.csv），可直接 yusuan build。"""
    if final and lines:
        raise fail("--final 与 --lines 不能同时使用：决算按表填写（tables.yaml）")
    files = write_skeleton(folder, lines=lines, final=final)
    typer.echo(f"已生成源数据模板 {folder}：")
    for f in files:
        typer.echo(f"  {f}")
    typer.echo(f"填写后运行：yusuan build {folder} -o 输出文件夹")
