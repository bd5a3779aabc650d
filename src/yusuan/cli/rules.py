"""``yusuan rules [--format text|markdown|json]``: the checker's rule catalogue."""

from __future__ import annotations

from typing import Annotated

import typer

from yusuan.cli.common import fail


def rules(
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：text、markdown、json")]
    = "text",
) -> None:
    """列出检查规则：编号、级别、类别、标题、依据。"""
    # the whole rule catalogue: imported when the command runs, so that ``yusuan --help`` stays fast
    from yusuan.checks.docs import rules_json, rules_markdown, rules_text

    render = {"text": rules_text, "markdown": rules_markdown, "json": rules_json}.get(fmt)
    if render is None:
        raise fail(f"未知的输出格式“{fmt}”，可用：text、markdown、json")
    typer.echo(render(), nl=False)
