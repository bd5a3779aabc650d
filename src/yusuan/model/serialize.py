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
from yusuan.model.money import AmountError, Unit, parse_amount

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


class SchemaError(ValueError):
    """Data that does not fit the Disclosure schema, with the JSON path where it fails
    (``tables[3].rows[7].values.total``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path or '（顶层）'}：{message}")
        self.path = path
        self.message = message


MAX_JSON_BYTES = 64 * 1024 * 1024  # a whole department's disclosure is a few megabytes
MAX_INT = 10**12  # counts (人数, 单位数) and page numbers; more is no count
YEARS = range(1900, 3000)
_JSON_TYPES = {str: "文字", int: "整数", float: "数字", bool: "true/false"}


def _shown(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:40] + "…"


def _join(path: str, key: str | int) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else key


def _scalar(tp: type, data: Any, path: str) -> Any:
    if tp is bool:
        if isinstance(data, bool):
            return data
    elif tp is int:
        if isinstance(data, int) and not isinstance(data, bool):
            if abs(data) > MAX_INT:
                raise SchemaError(path, f"整数 {_shown(data)} 超出范围")
            return data
    elif tp is float:
        if isinstance(data, (int, Decimal)) and not isinstance(data, bool):
            value = float(data)
            if value == value and abs(value) < float(MAX_INT):  # not NaN, not absurd
                return value
    elif tp is str and isinstance(data, str):
        return data
    raise SchemaError(path, f"应为{_JSON_TYPES.get(tp, tp.__name__)}，却是 {_shown(data)}")


def _build(tp: Any, data: Any, path: str = "") -> Any:
    """``data`` as a value of type ``tp``; anything else is a ``SchemaError`` at ``path``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(members[0], data, path)
    if data is None:
        raise SchemaError(path, "不能为空（null）")
    if tp is Decimal:
        if isinstance(data, bool) or not isinstance(data, (str, int, Decimal)):
            raise SchemaError(path, f"应为金额文字（如 \"12.34\"），却是 {_shown(data)}")
        try:
            return parse_amount(data, max_places=20)
        except AmountError as exc:
            raise SchemaError(path, str(exc)) from None
    if origin is typing.Literal:  # the closed sets of ``model.kinds``
        allowed = typing.get_args(tp)
        if data not in allowed:
            raise SchemaError(path, f"应为 {'、'.join(map(str, allowed))} 之一，却是 {_shown(data)}")
        return data
    if tp is Unit:
        if data not in (Unit.YUAN.value, Unit.WAN.value):
            raise SchemaError(path, f"应为“元”或“万元”，却是 {_shown(data)}")
        return Unit(data)
    if origin is tuple:
        if not isinstance(data, list):
            raise SchemaError(path, f"应为列表（[…]），却是 {_shown(data)}")
        args: tuple[Any, ...] = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], v, _join(path, i)) for i, v in enumerate(data))
        if len(data) != len(args):  # fixed-size
            raise SchemaError(path, f"应有 {len(args)} 项，却有 {len(data)} 项")
        pairs = enumerate(zip(args, data, strict=True))
        return tuple(_build(a, v, _join(path, i)) for i, (a, v) in pairs)
    if origin in (dict, typing.Mapping) or getattr(origin, "__name__", "") == "Mapping":
        if not isinstance(data, dict):
            raise SchemaError(path, f"应为对象（{{…}}），却是 {_shown(data)}")
        _k, v_tp = typing.get_args(tp)
        return {k: _build(v_tp, v, _join(path, k)) for k, v in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp, data, path)
    if isinstance(tp, type) and tp in _JSON_TYPES:
        return _scalar(tp, data, path)
    return data


def _dataclass(tp: type, data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise SchemaError(path, f"应为对象（{{…}}），却是 {_shown(data)}")
    missing = [n for n in _required_fields(tp) if n not in data]
    if missing:
        raise SchemaError(path, f"缺少字段 {'、'.join(missing)}")
    hints = _type_hints(tp)
    kwargs = {f.name: _build(hints[f.name], data[f.name], _join(path, f.name))
              for f in dataclasses.fields(tp) if f.name in data}
    try:
        return tp(**kwargs)
    except (TypeError, ValueError) as exc:
        raise SchemaError(path, str(exc)) from None


def disclosure_from_data(data: dict[str, Any]) -> d.Disclosure:
    """The inverse of ``disclosure_to_data``; refuses an unknown major schema version, and
    data that does not fit the schema with a ``SchemaError`` naming its JSON path."""
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != d.SCHEMA_VERSION.split(".")[0]:
        raise ValueError(f"不支持的 schema_version “{version}”（支持 {d.SCHEMA_VERSION}）")
    result = _build(d.Disclosure, data)
    assert isinstance(result, d.Disclosure)
    if result.year not in YEARS:
        raise SchemaError("year", f"年度 {result.year} 不在 {YEARS[0]}–{YEARS[-1]} 之间")
    return result


@functools.cache
def _required_fields(tp: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(tp)
                 if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)


def _no_constant(name: str) -> Any:
    raise ValueError(f"JSON 中不允许 {name}")


def disclosure_from_json(data: bytes, name: str) -> d.Disclosure:
    """A Disclosure JSON file's bytes (UTF-8, a BOM allowed) → ``Disclosure``; anything else
    is an ``InputError`` naming the file and, for a value that does not fit the schema, its
    JSON path (``yusuan check`` and ``yusuan ingest`` both read so)."""
    if len(data) > MAX_JSON_BYTES:
        raise InputError(f"无法读取 Disclosure JSON：文件过大（{len(data):,} 字节，"
                         f"最多 {MAX_JSON_BYTES:,} 字节）", file=name)
    try:
        parsed = json.loads(data.decode("utf-8-sig"), parse_float=Decimal,
                            parse_constant=_no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"无法读取 Disclosure JSON：不是有效的 JSON（{exc}）", file=name) from None
    except ValueError as exc:  # NaN/Infinity, an integer of more than 4,300 digits
        raise InputError(f"无法读取 Disclosure JSON：{exc}", file=name) from None
    except RecursionError:
        raise InputError("无法读取 Disclosure JSON：嵌套过深", file=name) from None
    if not isinstance(parsed, dict):
        raise InputError("无法读取 Disclosure JSON：应为一个对象（{…}）", file=name)
    missing = [k for k in ("schema_version", *_required_fields(d.Disclosure)) if k not in parsed]
    if missing:
        raise InputError(f"无法读取 Disclosure JSON：缺少 {'、'.join(missing)}，"
                         "不是 yusuan 的 Disclosure JSON", file=name)
    try:
        return disclosure_from_data(parsed)
    except SchemaError as exc:
        raise InputError(f"无法读取 Disclosure JSON：{exc.message}", file=name,
                         field=exc.path or None) from None
    except ValueError as exc:
        raise InputError(f"无法读取 Disclosure JSON：{exc}", file=name) from None
