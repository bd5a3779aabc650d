"""``yusuan new DIR [--lines] [--profile P] [--edition unit] [--final]``: write a commented
source-folder skeleton that builds as-is.

The skeleton files ship as package data (``yusuan/derive/skeleton/``, one sub-folder per region
other than the default xinjiang-11, and ``final/`` for the 部门决算): ``budget.yaml`` plus
``tables.yaml`` (tables given table by table) or, with ``--lines``, ``lines.csv`` (line items
from which every table is derived). ``--edition unit`` writes the 单位预算 edition; ``--final``
a 部门决算 (its nine tables in ``tables.yaml``). A folder that exists and is not empty is
refused (exit 2): ``new`` never overwrites anybody's data.
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
FINAL_FOLDER = "final"  # the 部门决算 skeleton: not a region
DEFAULT_PROFILE = "xinjiang-11"
EDITIONS = {"dept": "部门预算", "unit": "单位预算"}
EDITION_WORDS = {"部门预算": "dept", "部门": "dept", "单位预算": "unit", "单位": "unit"}  # as said


def skeleton_profiles() -> tuple[str, ...]:
    folder = resources.files("yusuan.derive") / "skeleton"
    return (DEFAULT_PROFILE, *sorted(p.name for p in folder.iterdir()
                                     if p.is_dir() and not p.name.startswith("_")
                                     and p.name != FINAL_FOLDER))


def skeleton_bytes(name: str, profile: str = DEFAULT_PROFILE) -> bytes:
    folder = resources.files("yusuan.derive") / "skeleton"
    if profile != DEFAULT_PROFILE:
        folder = folder / profile
    return (folder / name).read_bytes()


def write_skeleton(folder: Path, *, lines: bool = False, profile: str = DEFAULT_PROFILE,
                   edition: str = "dept", final: bool = False) -> tuple[Path, ...]:
    """Write the skeleton into ``folder`` (created if missing; must be empty if it exists),
    atomically and without a manifest: it is the user's source from now on."""
    names = SKELETON_LINES_FILES if lines else SKELETON_FILES
    source = FINAL_FOLDER if final else profile

    def produce(name: str) -> bytes:
        data = skeleton_bytes(name, source)
        if name == "budget.yaml" and edition != "dept":
            data = data.replace("\nedition: 部门预算".encode(),
                                f"\nedition: {EDITIONS[edition]}".encode(), 1)
        return data

    return write_folder(folder, names, produce, manifest=False)


@handles_input_errors
def new(
    folder: Annotated[Path, typer.Argument(metavar="文件夹", help="要创建的源文件夹（不存在或为空）")],
    lines: Annotated[bool, typer.Option("--lines", help="用 lines.csv（预算明细）代替 tables.yaml")]
    = False,
    profile: Annotated[str, typer.Option(
        "--profile", help="地区体例：xinjiang-11（新疆 11 张表）、shanghai-9（上海 9 张表）、"
                          "jiangsu-12（江苏 12 张表）")]
    = DEFAULT_PROFILE,
    edition: Annotated[str, typer.Option("--edition", help="dept（部门预算）或 unit（单位预算），"
                                                             "也可写 部门预算、单位预算")]
    = "dept",
    final: Annotated[bool, typer.Option("--final", help="部门决算模板（九张决算表）")] = False,
) -> None:
    """生成带中文注释的源数据模板（budget.yaml + tables.yaml 或 lines.csv），可直接 yusuan build。"""
    if profile not in skeleton_profiles():
        raise fail(f"没有“{profile}”体例的模板；可用：{'、'.join(skeleton_profiles())}")
    edition = EDITION_WORDS.get(edition.strip(), edition)
    if edition not in EDITIONS:
        raise fail(f"--edition 应为 dept（部门预算）或 unit（单位预算），却是“{edition}”")
    if final and (lines or profile != DEFAULT_PROFILE or edition != "dept"):
        raise fail("--final 不能与 --lines、--profile、--edition 同时使用：决算按上海模板的九张表填写"
                   "（tables.yaml）")
    files = write_skeleton(folder, lines=lines, profile=profile, edition=edition, final=final)
    typer.echo(f"已生成源数据模板 {folder}：")
    for f in files:
        typer.echo(f"  {f}")
    typer.echo(f"填写后运行：yusuan build {folder} -o 输出文件夹")
