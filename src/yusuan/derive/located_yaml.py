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
    line: int
    lines: dict[str, int]


class LList(list[Any]):
    line: int
    lines: list[int]


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.Node) -> Any:
    return _CONSTRUCTOR.construct_object(node, deep=True)


def _convert(node: yaml.Node, file: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = LMap()
        out.line = node.start_mark.line + 1
        out.lines = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, file)
            if isinstance(key, (int, float)) or key is None:
                key = "" if key is None else str(key)
            if not isinstance(key, str):
                raise InputError("键必须是文字", file=file, line=key_node.start_mark.line + 1)
            if key in out:
                raise InputError(f"键“{key}”重复", file=file, line=key_node.start_mark.line + 1)
            out[key] = _convert(value_node, file)
            out.lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LList(_convert(n, file) for n in node.value)
        seq.line = node.start_mark.line + 1
        seq.lines = [n.start_mark.line + 1 for n in node.value]
        return seq
    value = _scalar(node)
    if isinstance(value, (dt.date, dt.datetime)):
        return node.value  # dates stay text: the document prints them as written
    return value


def load(path: Path) -> Any:
    """Load one YAML file; malformed YAML becomes an ``InputError`` with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError("文件不存在", file=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError("不是 UTF-8 编码的文本文件", file=str(path)) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"YAML 格式错误：{exc.problem}", file=str(path), line=line) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"YAML 格式错误：{exc}", file=str(path)) from exc
    if node is None:
        return LMap()
    return _convert(node, str(path))
