"""``yusuan parse FILE... [-o OUT] [--format json|csv] [--profile NAME]``.

Published file(s) → Disclosure JSON or cells CSV. Several files of one disclosure (same
department and year, e.g. a narrative PDF and a tables PDF) are merged; files of different
disclosures are refused. Parse findings go to stderr; exit code 2 when an input is unusable.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.check_inputs import MemoryLimit, TimeLimit, limits_of
from yusuan.cli.common import EXIT_UNUSABLE, fail, handles_input_errors, print_error
from yusuan.output import check_file_target, write_file
from yusuan.render.formats import writer

FORMATS = ("json", "csv")


@handles_input_errors
def parse(
    files: Annotated[list[Path], typer.Argument(metavar="文件", help="公开文件（PDF、DOCX、XLSX、文本）；同一份公开分成几个文件发布的一起给出，合为一份")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="输出文件；不给则写到标准输出")]
    = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：json 或 csv")] = "json",
    profile: Annotated[str | None, typer.Option("--profile", help="表格配置，如 shanghai-9；"
                                                "不给则自动识别")] = None,
    time_limit: TimeLimit = None,
    memory_limit: MemoryLimit = None,
) -> None:
    """把已公开的部门预算文件解析为数据（Disclosure JSON 或单元格 CSV）。"""
    from yusuan.intake import (
        read_inputs,  # every reader: loaded when the command runs (``yusuan --help`` stays fast)
    )

    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise fail(f"未知的输出格式：{fmt}；可用：{'、'.join(FORMATS)}")
    kind = "disclosure-json" if fmt == "json" else "cells-csv"
    if out is not None:
        check_file_target(out, kind, files)  # refused before the (slow) reading
    intakes, refused = read_inputs(files, profile, limits_of(time_limit, memory_limit))
    for r in refused:
        print_error(str(r.error))
    if refused:
        raise typer.Exit(EXIT_UNUSABLE)
    if len(intakes) > 1:
        listed = "；".join(f"{i.label}（{i.disclosure.department} {i.disclosure.year} 年）"
                          for i in intakes)
        raise fail(f"这些文件不是同一份公开，请分别解析：{listed}")
    disclosure, findings = intakes[0].disclosure, intakes[0].findings
    for f in findings:
        typer.echo(str(f), err=True)
    data = writer(fmt)(disclosure)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_file(out, data, kind, protected=files)
    cells = sum(1 for t in disclosure.tables for _ in t.cells())
    typer.echo(f"已解析 {disclosure.title}：{len(disclosure.tables)} 张表，{cells} 个金额 → {out}",
               err=True)
