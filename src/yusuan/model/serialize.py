"""``Disclosure`` ⇄ plain JSON-able data (the open-data Disclosure JSON, ``schema_version``).

Amounts are written as strings (exact decimals), blank amounts as ``null``. ``from_data``
reverses ``to_data`` exactly, so stored or downloaded JSON loads back into the same model.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from decimal import Decimal
from typing import Any

from yusuan.model import disclosure as d
from yusuan.model.errors import InputError
from yusuan.model.money import Unit

_SCALARS = (str, int, float, bool, type(None))


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(tp: type) -> tuple[str, ...] | None:
    """A dataclass's field names (cached: looking them up dominated writing time)."""
    if tp not in _FIELD_NAMES:
        _FIELD_NAMES[tp] = (tuple(f.name for f in dataclasses.fields(tp))
                            if dataclasses.is_dataclass(tp) else None)
    return _FIELD_NAMES[tp]


def to_data(value: Any) -> Any:
    """Dataclasses → dicts, tuples → lists, Decimal → str, enums → their value."""
    if isinstance(value, Unit):
        return value.value
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    names = _field_names(type(value))
    if names is not None:
        return {n: to_data(getattr(value, n)) for n in names}
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): to_data(v) for k, v in value.items()}
    return value


def disclosure_to_data(disclosure: d.Disclosure) -> dict[str, Any]:
    return {"schema_version": d.SCHEMA_VERSION, **to_data(disclosure)}


@functools.cache
def _type_hints(tp: type) -> dict[str, Any]:
    """A dataclass's resolved field types (cached: resolving them dominates loading time)."""
    return typing.get_type_hints(tp, vars(d) | {"Decimal": Decimal, "Unit": Unit})


def _build(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(members[0], data)
    if tp is Decimal:
        return Decimal(str(data))
    if tp is Unit:
        return Unit(data)
    if origin is tuple:
        args: tuple[Any, ...] = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], v) for v in data)
        return tuple(_build(a, v) for a, v in zip(args, data, strict=True))  # fixed-size
    if origin in (dict, typing.Mapping) or getattr(origin, "__name__", "") == "Mapping":
        _k, v_tp = typing.get_args(tp)
        return {k: _build(v_tp, v) for k, v in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _type_hints(tp)
        kwargs = {f.name: _build(hints[f.name], data[f.name])
                  for f in dataclasses.fields(tp) if f.name in data}
        return tp(**kwargs)
    return data


def disclosure_from_data(data: dict[str, Any]) -> d.Disclosure:
    """The inverse of ``disclosure_to_data``; refuses an unknown major schema version."""
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != d.SCHEMA_VERSION.split(".")[0]:
        raise ValueError(f"不支持的 schema_version “{version}”（支持 {d.SCHEMA_VERSION}）")
    result = _build(d.Disclosure, data)
    assert isinstance(result, d.Disclosure)
    return result


def _required_fields(tp: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(tp)
                 if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)


def disclosure_from_json(data: bytes, name: str) -> d.Disclosure:
    """A Disclosure JSON file's bytes (UTF-8, a BOM allowed) → ``Disclosure``; anything else
    is an ``InputError`` naming the file (``yusuan check`` and ``yusuan ingest`` both read so)."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"无法读取 Disclosure JSON：不是有效的 JSON（{exc}）", file=name) from None
    if not isinstance(parsed, dict):
        raise InputError("无法读取 Disclosure JSON：应为一个对象（{…}）", file=name)
    missing = [k for k in ("schema_version", *_required_fields(d.Disclosure)) if k not in parsed]
    if missing:
        raise InputError(f"无法读取 Disclosure JSON：缺少 {'、'.join(missing)}，"
                         "不是 yusuan 的 Disclosure JSON", file=name)
    try:
        return disclosure_from_data(parsed)
    except KeyError as exc:
        raise InputError(f"无法读取 Disclosure JSON：缺少字段 {exc}", file=name) from None
    except (TypeError, ValueError) as exc:
        raise InputError(f"无法读取 Disclosure JSON：{exc}", file=name) from None
