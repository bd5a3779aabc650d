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
from yusuan.cli import parse as parse_cmd
from yusuan.cli import rules as rules_cmd
from yusuan.cli import score as score_cmd
from yusuan.cli import serve as serve_cmd
from yusuan.cli import user as user_cmd

app = typer.Typer(
    name="yusuan",
    help="yusuan（预算）：部门预算公开的生成、解析、检查与发布。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
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


app.command("build")(build_cmd.build)
app.command("check")(check_cmd.check)
app.command("codes")(codes_cmd.codes)
app.command("ingest")(ingest_cmd.ingest)
app.command("new")(new_cmd.new)
app.command("parse")(parse_cmd.parse)
app.command("rules")(rules_cmd.rules)
app.command("score")(score_cmd.score)
app.command("serve")(serve_cmd.serve)
app.add_typer(user_cmd.app, name="user")


def run() -> None:
    app()
