"""Click's (Typer's) own English in Chinese: the help page ("Usage", "Options", "Show this
message and exit") and the command-line mistakes ("Missing argument", "No such option"…),
which then read like every other yusuan error: ``yusuan: 错误：…``, exit code 2.

Typer's vendored Click builds these strings in code (no gettext catalogue to install), so the
commands and groups of the app use the classes below, which translate what Click produced.
"""

from __future__ import annotations

import re
from typing import IO, Any

import typer
import typer.core
from typer._click.core import Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

HELP_WORDS = (
    (re.compile(r"^Usage: ", re.M), "用法："),
    (re.compile(r"\[OPTIONS\]"), "[选项]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "命令 [参数]..."),
    (re.compile(r"^Arguments:$", re.M), "参数："),
    (re.compile(r"^Options:$", re.M), "选项："),
    (re.compile(r"^Commands:$", re.M), "命令："),
    (re.compile(r"Show this message and exit\."), "显示本帮助并退出。"),
    (re.compile(r"\[required\]"), "[必填]"),
    (re.compile(r"\[default:\s+"), "[默认："),
    (re.compile(r"\[env var:\s+"), "[环境变量："),
    (re.compile(r"<path>"), "<路径>"),
    # longer English metavars: padded to the same display width, so the help columns stay aligned
    (re.compile(r"<list\[Path\]>"), "<路径>      "),
    (re.compile(r"<float range>"), "<秒>         "),
    (re.compile(r"<int range>"), "<整数>     "),
    (re.compile(r"\[x>=(?P<n>[\d.]+)\]"), r"[最小 \g<n>]"),
    (re.compile(r"<str> ?"), "<文本>"),  # one column wider on screen: a space less after it
    (re.compile(r"<int> ?"), "<整数>"),
    (re.compile(r"<bool>"), "<是/否>"),
)

MESSAGES = (
    (re.compile(r"^Missing argument '?(?P<a>[^'.]+)'?\.?(?P<rest>.*)$", re.S), "缺少参数 {a}{rest}"),
    (re.compile(r"^Missing option '?(?P<a>.+?)'?\.(?P<rest>.*)$", re.S), "缺少选项 {a}{rest}"),
    (re.compile(r"^Missing parameter:? '?(?P<a>[^'.]+)'?\.?(?P<rest>.*)$", re.S), "缺少参数 {a}{rest}"),
    (re.compile(r"^No such option: (?P<a>\S+)(?: \(Possible options: (?P<b>[^)]*)\))?$"),
     "没有选项 {a}{maybe}"),
    (re.compile(r"^No such command '(?P<a>[^']*)'\.(?: Did you mean (?P<b>.+)\?)?$"),
     "没有命令“{a}”{maybe}"),
    (re.compile(r"^Option '(?P<a>[^']+)' requires an argument\.$"), "选项 {a} 需要一个值"),
    (re.compile(r"^Option '(?P<a>[^']+)' requires (?P<b>\d+) arguments\.$"), "选项 {a} 需要 {b} 个值"),
    (re.compile(r"^Option '(?P<a>[^']+)' does not take a value\.$"), "选项 {a} 不需要值"),
    (re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<a>.*)\)$"), "多余的参数：{a}"),
    (re.compile(r"^Invalid value for '?(?P<a>[^':]+)'?: (?P<b>.*)$", re.S), "{a} 的值无效：{b}"),
    (re.compile(r"^Invalid value: (?P<b>.*)$", re.S), "值无效：{b}"),
    (re.compile(r"^Missing command\.$"), "缺少命令"),
)
VALUE_WORDS = (  # what a wrong value should have been (inside "Invalid value for …")
    (re.compile(r"Input should be a valid integer.*$"), "应为整数"),
    (re.compile(r"Input should be a valid number.*$"), "应为数字"),
    (re.compile(r"Input should be a valid boolean.*$"), "应为 true 或 false"),
    (re.compile(r"'(?P<v>[^']*)' is not one of (?P<c>.*)\.$"), r"“\g<v>”不是可选值之一：\g<c>"),
    (re.compile(r"'(?P<v>[^']*)' is not a valid integer.*$"), r"“\g<v>”不是整数"),
    (re.compile(r"(?:Path|File|Directory) '(?P<v>[^']*)' does not exist\.$"), r"“\g<v>”不存在"),
)


# the few strings Typer itself passes through gettext (``typer.core._``, looked up at each use)
TYPER_WORDS = {"Aborted!": "已取消。", "(dynamic)": "（动态）"}


def _typer_gettext(message: str) -> str:
    return TYPER_WORDS.get(message, message)


typer.core._ = _typer_gettext


def help_text(text: str) -> str:
    for pattern, chinese in HELP_WORDS:
        text = pattern.sub(chinese, text)
    return text


def message(english: str) -> str:
    """One of Click's error messages in Chinese (unknown ones are kept as they are)."""
    text = english.strip()
    for pattern, chinese in MESSAGES:
        m = pattern.match(text)
        if m:
            parts = {k: (v or "").strip() for k, v in m.groupdict().items()}
            parts["a"] = parts.get("a", "").replace("'", "")
            maybe = ""
            if parts.get("b") and "maybe" in chinese:
                maybe = f"；您是否想用：{parts['b'].replace(chr(39), '')}"
            rest = parts.get("rest", "")
            if "b" in parts and "maybe" not in chinese:
                for pattern2, words in VALUE_WORDS:
                    parts["b"] = pattern2.sub(words, parts["b"])
            return chinese.format(**{**parts, "rest": f"（{rest}）" if rest else ""},
                                  maybe=maybe)
    return text


class ChineseUsageError(UsageError):
    """A command-line mistake, shown as ``用法：…`` + ``yusuan: 错误：…`` (exit code 2)."""

    def __init__(self, original: UsageError) -> None:
        super().__init__(message(original.format_message()), original.ctx)

    def format_message(self) -> str:
        return self.message

    def show(self, file: IO[Any] | None = None) -> None:
        hint = ""
        if self.ctx is not None:
            typer.echo(help_text(self.ctx.get_usage()), err=True)
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = f"（运行 {self.ctx.command_path} {self.ctx.help_option_names[0]} 查看帮助）"
        typer.echo(f"yusuan: 错误：{self.message}{hint}", err=True)


def _chinese(exc: UsageError) -> UsageError:
    """The mistake in Chinese (no arguments at all shows the help page, as it is)."""
    if isinstance(exc, ChineseUsageError | NoArgsIsHelpError):
        return exc
    return ChineseUsageError(exc)


class _Chinese:
    """Help, usage and usage mistakes in Chinese (mixed into Typer's command classes)."""

    def get_help(self, ctx: Context) -> str:
        return help_text(super().get_help(ctx))  # type: ignore[misc]

    def get_usage(self, ctx: Context) -> str:
        return help_text(super().get_usage(ctx))  # type: ignore[misc]

    def make_context(self, *args: Any, **kwargs: Any) -> Context:
        try:
            return super().make_context(*args, **kwargs)  # type: ignore[misc]
        except UsageError as exc:
            raise _chinese(exc) from None


class ChineseCommand(_Chinese, TyperCommand):
    """A command (``yusuan build`` …)."""


class ChineseGroup(_Chinese, TyperGroup):
    """A group (``yusuan``, ``yusuan user``); an unknown command is a usage mistake too."""

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            raise _chinese(exc) from None
