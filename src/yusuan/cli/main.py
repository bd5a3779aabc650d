"""The ``yusuan`` Typer app: registers one module per command. Heavy libraries are imported
inside the commands, so ``yusuan --help`` and ``--version`` start fast."""

from __future__ import annotations

from typing import Annotated

import typer

from yusuan import __version__
from yusuan.cli import build as build_cmd
from yusuan.cli import check as check_cmd
from yusuan.cli import codes as codes_cmd
from yusuan.cli import ingest as ingest_cmd
from yusuan.cli import new as new_cmd
from yusuan.cli import org as org_cmd
from yusuan.cli import parse as parse_cmd
from yusuan.cli import rules as rules_cmd
from yusuan.cli import score as score_cmd
from yusuan.cli import serve as serve_cmd
from yusuan.cli import user as user_cmd
from yusuan.cli.zh import ChineseCommand, ChineseGroup

app = typer.Typer(
    name="yusuan",
    help="yusuan（预算）：部门预算公开的生成、解析、检查与发布。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=ChineseGroup,
    epilog="\b\n常用：\n"
           "  yusuan new 我的部门2025                   # 生成模板，填写\n"
           "  yusuan build 我的部门2025 -o 公开文件2025  # 生成公开文件并检查\n"
           "  yusuan check 部门预算.pdf                 # 检查已公开的文件\n"
           "每个命令的选项与示例：yusuan 命令 --help",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"yusuan {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="显示版本号")] = False,
) -> None:
    """yusuan（预算）：部门预算公开的生成、解析、检查与发布。"""


EXIT_CODES = "退出码：0 没有错误；1 有错误（检查结果中有 error）；2 输入无法使用（消息指明文件、行或页、字段）。"
EXAMPLES = {  # shown under each command's help: the commonest uses, as the README gives them
    "build": ["yusuan new 我的部门2025                      # 先生成带注释的模板，填写后：",
              "yusuan build 我的部门2025 -o 公开文件2025      # 全部格式：HTML、PDF、Word、Excel、CSV、JSON",
              "yusuan build 我的部门2025 -o 预览 -f html,pdf  # 只要 HTML 和 PDF",
              "yusuan build 预算工作簿.xlsx -o 公开文件2025    # 上海预算工作簿",
              "yusuan build 已公开.pdf -o 重新生成             # 按已公开的文件重新生成，另写 differences.json"],
    "check": ["yusuan check 部门预算.pdf                       # 文件:页: 规则编号 [级别] 说明",
              "yusuan check 部门预算.pdf -f html -o 报告.html    # 发回部门的检查报告",
              "yusuan check 部门预算.pdf --annotate 批注版.pdf  # 原文上框出有问题的数字",
              "yusuan check 2025.pdf --previous 2024.pdf       # 核对所述比上年增减",
              "yusuan check 决算2024.pdf --budget 预算2024.pdf  # 决算：年初预算数与预算核对"],
    "parse": ["yusuan parse 部门预算.pdf -o 部门预算.json",
              "yusuan parse 说明.pdf 表格.pdf -f csv -o cells.csv  # 分开发布的两个文件合为一份"],
    "score": ["yusuan score 2025年/                            # 文件夹中每份公开文件的公开度",
              "yusuan score 部门预算.pdf -f csv"],
    "new": ["yusuan new 我的部门2025                             # 新疆 11 张表，按表填写 tables.yaml",
            "yusuan new 我的部门2025 --lines                     # 按预算明细填写 lines.csv",
            "yusuan new 我的部门2025 --profile shanghai-9 --edition unit  # 上海单位预算",
            "yusuan new 我的部门2025 --profile jiangsu-12",
            "yusuan new 我的部门决算2024 --final                  # 部门决算"],
    "codes": ["yusuan codes 2010301", "yusuan codes 维修 --kind economic_dept",
              "yusuan codes 2080506 --year 2025"],
    "rules": ["yusuan rules -f markdown > 规则.md"],
    "ingest": ["yusuan ingest 2025年/ --db yusuan.db",
               "yusuan ingest 档案/ --publish --user 档案员     # 已公开过的历史文件"],
    "serve": ["YUSUAN_ADMIN_PASSWORD=… yusuan serve --port 8000"],
}
WITH_EXIT_CODES = ("build", "check", "parse", "score", "ingest")


def _epilog(name: str) -> str:
    """The examples (and exit codes) under a command's help, kept line by line (``\\b``)."""
    lines = ["\b", "示例：", *(f"  {e}" for e in EXAMPLES[name])]
    if name in WITH_EXIT_CODES:
        lines += ["", EXIT_CODES]
    return "\n".join(lines)


app.command("build", cls=ChineseCommand, epilog=_epilog("build"))(build_cmd.build)
app.command("check", cls=ChineseCommand, epilog=_epilog("check"))(check_cmd.check)
app.command("codes", cls=ChineseCommand, epilog=_epilog("codes"))(codes_cmd.codes)
app.command("ingest", cls=ChineseCommand, epilog=_epilog("ingest"))(ingest_cmd.ingest)
app.command("new", cls=ChineseCommand, epilog=_epilog("new"),
            short_help="生成带中文注释的源数据模板，填写后即可 yusuan build。")(new_cmd.new)
app.command("parse", cls=ChineseCommand, epilog=_epilog("parse"))(parse_cmd.parse)
app.command("rules", cls=ChineseCommand, epilog=_epilog("rules"))(rules_cmd.rules)
app.command("score", cls=ChineseCommand, epilog=_epilog("score"))(score_cmd.score)
app.command("serve", cls=ChineseCommand, epilog=_epilog("serve"))(serve_cmd.serve)
app.add_typer(org_cmd.app, name="org")
app.add_typer(user_cmd.app, name="user")


def run() -> None:
    app()
