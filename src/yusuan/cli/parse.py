"""``yusuan parse FILE... [-o OUT] [--format json|csv] [--profile NAME]``.

Published file(s) → Disclosure JSON or cells CSV. Several files form one disclosure (e.g. a
narrative PDF and a tables PDF). Parse findings go to stderr; exit code 2 when nothing
usable was read.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import fail, handles_input_errors
from yusuan.output import check_file_target, write_file

FORMATS = ("json", "csv")


@handles_input_errors
def parse(
    files: Annotated[list[Path], typer.Argument(help="公开文件（PDF、文本；可多个，合为一份公开）")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="输出文件；不给则写到标准输出")]
    = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：json 或 csv")] = "json",
    profile: Annotated[str | None, typer.Option("--profile", help="表格配置，如 shanghai-9；"
                                                "不给则自动识别")] = None,
) -> None:
    """把已公开的部门预算文件解析为数据（Disclosure JSON 或单元格 CSV）。"""
    from yusuan.parse import parse_files
    from yusuan.render.export import render_cells_csv, render_json

    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise fail(f"未知的输出格式：{fmt}；可用：{','.join(FORMATS)}")
    kind = "disclosure-json" if fmt == "json" else "cells-csv"
    if out is not None:
        check_file_target(out, kind, files)  # refused before the (slow) reading
    disclosure, findings = parse_files(list(files), profile)
    for f in findings:
        typer.echo(str(f), err=True)
    data = render_json(disclosure) if fmt == "json" else render_cells_csv(disclosure)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_file(out, data, kind, protected=files)
    cells = sum(1 for t in disclosure.tables for _ in t.cells())
    typer.echo(f"已解析 {disclosure.title}：{len(disclosure.tables)} 张表，{cells} 个金额 → {out}",
               err=True)
