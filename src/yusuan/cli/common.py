"""What every command shares: turning bad input into one clear message and exit code 2."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from yusuan.model.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_ERRORS = 1
EXIT_UNUSABLE = 2


def print_error(message: str) -> None:
    """``yusuan: 错误：message`` on stderr, the form of every error message."""
    typer.echo(f"yusuan: 错误：{message}", err=True)


def fail(message: str, code: int = EXIT_UNUSABLE) -> typer.Exit:
    print_error(message)
    return typer.Exit(code)


def handles_input_errors(func: F) -> F:
    """Run a command; an ``InputError`` (or an unreadable file) becomes exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            raise fail(str(exc)) from None
        except ChildProcessError as exc:  # a helper process (the PDF's) ended without its file
            raise fail(str(exc)) from None
        except OSError as exc:  # unreadable, missing parent folder, full disk, …
            where = f"{exc.filename}：" if exc.filename else ""
            hint = ("；文件可能正被其他程序（如 Word、Excel）打开，请关闭后重试"
                    if isinstance(exc, PermissionError) else "")
            raise fail(f"{where}无法读写（{exc.strerror or exc}）{hint}") from None
        except KeyboardInterrupt:
            raise fail("已中断", 130) from None

    return wrapper  # type: ignore[return-value]


def is_terminal() -> bool:
    return sys.stderr.isatty()
