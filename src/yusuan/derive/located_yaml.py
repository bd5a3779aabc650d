"""YAML that remembers line numbers, so bad input can be reported as ``file:line: field``.

Mappings load as ``LMap`` (a dict with ``line`` and per-key ``lines``), sequences as ``LList``
(a list with per-item ``lines``); scalars keep their YAML type (str, int, float, bool, None),
so a float written where a string was needed can be detected and refused.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from yusuan.model.errors import InputError


class LMap(dict[str, Any]):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.line = 1
        self.lines: dict[str, int] = {}


class LList(list[Any]):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.line = 1
        self.lines: list[int] = []


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
MAX_BYTES = 2 * 1024 * 1024  # a budget source is some kilobytes; reading 2 MB takes seconds
MAX_NODES = 500_000  # values after expanding aliases (``&a``/``*a``): a "billion laughs" stops
MAX_DEPTH = 64  # nesting of mappings and lists; a budget source needs fewer than ten
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the same nodes, 4× faster


class _Budget:
    """How much of the limits one file has used while converting its nodes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.nodes = 0

    def take(self, node: yaml.Node, depth: int) -> None:
        self.nodes += 1
        line = node.start_mark.line + 1
        if self.nodes > MAX_NODES:
            raise InputError(f"内容过多：展开别名（&/*）后超过 {MAX_NODES:,} 个值，"
                             "请不要用别名层层引用", file=self.file, line=line)
        if depth > MAX_DEPTH:
            raise InputError(f"嵌套过深：超过 {MAX_DEPTH} 层", file=self.file, line=line)


def _scalar(node: yaml.Node, file: str) -> Any:
    if node.tag == _TIMESTAMP:
        return node.value  # dates stay text: the document prints them as written
    try:
        value = _CONSTRUCTOR.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError) as exc:  # 4,301-digit integer, …
        raise InputError(f"无法读取的值“{str(node.value)[:40]}”（{type(exc).__name__}）",
                         file=file, line=node.start_mark.line + 1) from None
    if isinstance(value, (dt.date, dt.datetime)):
        return node.value
    return value


def _convert(node: yaml.Node, budget: _Budget, depth: int = 0) -> Any:
    budget.take(node, depth)
    file = budget.file
    if isinstance(node, yaml.MappingNode):
        out = LMap()
        out.line = node.start_mark.line + 1
        out.lines = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, budget, depth + 1)
            if isinstance(key, (int, float)) or key is None:
                key = "" if key is None else str(key)
            if not isinstance(key, str):
                raise InputError("键必须是文字", file=file, line=key_node.start_mark.line + 1)
            if key in out:
                raise InputError(f"键“{key}”重复", file=file, line=key_node.start_mark.line + 1)
            out[key] = _convert(value_node, budget, depth + 1)
            out.lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LList(_convert(n, budget, depth + 1) for n in node.value)
        seq.line = node.start_mark.line + 1
        seq.lines = [n.start_mark.line + 1 for n in node.value]
        return seq
    return _scalar(node, file)


def text_lines(data: Any) -> tuple[tuple[str, int], ...]:
    """Every text value of a loaded file with the line it is written on (a value of a
    mapping on its key's line, an item of a list on its own), in file order: how a finding
    about some text of a built document is traced back to ``budget.yaml:12``."""
    found: list[tuple[str, int]] = []

    def walk(value: Any, line: int) -> None:
        if isinstance(value, LMap):
            for key, item in value.items():
                walk(item, value.lines.get(key, value.line))
        elif isinstance(value, LList):
            for item, at in zip(value, value.lines, strict=False):
                walk(item, at)
        elif isinstance(value, str) and value.strip():
            found.append((value, line))

    walk(data, getattr(data, "line", 1))
    return tuple(found)


# PyYAML's commonest complaints, as a finance officer can act on them (unknown ones kept)
_PROBLEMS = (
    ("found character '\\t' that cannot start any token", "不能用 Tab 键缩进，请改用空格"),
    ("found character that cannot start any token", "此处有不能作为开头的字符（如 Tab、@、`）：缩进请用空格，"
                                                    "含特殊字符的文字请加引号"),
    ("mapping values are not allowed", "此处不能出现“: ”：文字中含冒号时请整段加引号，"
                                            "或检查上一行的缩进"),
    ("could not find expected ':'", "缺少“: ”：每项应写成“键: 值”（冒号后有空格）"),
    ("found duplicate anchor", "锚点（&名称）重复"),
    ("expected <block end>, but found", "缩进不一致：同一层的各项须对齐"),
    ("found unexpected end of stream", "引号或括号没有配对"),
    ("did not find expected key", "此处应是“键: 值”：检查缩进，或引号是否配对"),
    ("did not find expected", "缩进不一致，或引号、括号没有配对"),
    ("found undefined alias", "引用了未定义的别名（*名称）"),
)


def _problem(problem: str) -> str:
    return next((zh for en, zh in _PROBLEMS if problem.startswith(en)), problem)

def load(path: Path) -> Any:
    """Load one YAML file; malformed YAML becomes an ``InputError`` with its line.

    Bounded: a file over ``MAX_BYTES``, more than ``MAX_NODES`` values once aliases are
    expanded, or nesting deeper than ``MAX_DEPTH`` is refused with a message, never a hang
    or a ``RecursionError``. An empty file is an empty mapping.
    """
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"文件过大（{size:,} 字节，最多 {MAX_BYTES:,} 字节）", file=file)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError("文件不存在", file=file) from exc
    except IsADirectoryError as exc:
        raise InputError("这是文件夹，不是 YAML 文件", file=file) from exc
    except UnicodeDecodeError as exc:
        raise InputError("不是 UTF-8 编码的文本文件", file=file) from exc
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        if "nesting depth" in str(exc.problem):
            raise InputError(f"嵌套过深：超过 {MAX_DEPTH} 层", file=file, line=line) from None
        raise InputError(f"YAML 格式错误：{_problem(str(exc.problem))}", file=file,
                         line=line) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"YAML 格式错误：{exc}", file=file) from exc
    except RecursionError:
        raise InputError(f"嵌套过深：超过 {MAX_DEPTH} 层", file=file) from None
    if node is None:
        return LMap()
    try:
        return _convert(node, _Budget(file))
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops the walk well before
        raise InputError(f"嵌套过深：超过 {MAX_DEPTH} 层", file=file) from None
