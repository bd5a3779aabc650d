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


app.command("build", cls=ChineseCommand)(build_cmd.build)
app.command("check", cls=ChineseCommand)(check_cmd.check)
app.command("codes", cls=ChineseCommand)(codes_cmd.codes)
app.command("ingest", cls=ChineseCommand)(ingest_cmd.ingest)
app.command("new", cls=ChineseCommand)(new_cmd.new)
app.command("parse", cls=ChineseCommand)(parse_cmd.parse)
app.command("rules", cls=ChineseCommand)(rules_cmd.rules)
app.command("score", cls=ChineseCommand)(score_cmd.score)
app.command("serve", cls=ChineseCommand)(serve_cmd.serve)
app.add_typer(org_cmd.app, name="org")
app.add_typer(user_cmd.app, name="user")


def run() -> None:
    app()
