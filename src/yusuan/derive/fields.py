"""Typed access to located YAML values: each bad value becomes an ``InputError`` that names
the file, the line and the field (``performance.projects[2].total``), and what was expected."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yusuan.derive.located_yaml import LList, LMap
from yusuan.model.errors import InputError
from yusuan.model.money import AmountError, parse_amount

MAX_DIGITS = 15  # an integer field (a year, a count) has far fewer


@dataclass(frozen=True)
class Fields:
    """A mapping of a source file, with its file name and dotted path for messages.

    Every key asked of a mapping — read or only looked for — is noted (shared by all the
    ``Fields`` of one file), so ``unknown_keys`` can refuse a key nothing asked for: a typo
    at any depth (``overview.staffing.autorized``) is an error, not a value silently left out.
    """

    data: LMap
    file: str
    path: str = ""
    asked: dict[int, tuple[Fields, set[str]]] = field(default_factory=dict, compare=False,
                                                      repr=False)

    def __post_init__(self) -> None:
        self.asked.setdefault(id(self.data), (self, set()))

    def _ask(self, key: str) -> None:
        self.asked[id(self.data)][1].add(key)

    def child(self, data: LMap, path: str) -> Fields:
        """A nested mapping of the same file (its keys noted with this file's)."""
        return Fields(data, self.file, path, self.asked)

    def _field(self, key: str) -> str:
        self._ask(key)
        return f"{self.path}.{key}" if self.path else key

    def line(self, key: str | None = None) -> int | None:
        if key is not None and key in self.data.lines:
            return self.data.lines[key]
        return getattr(self.data, "line", None)

    def error(self, key: str | None, message: str) -> InputError:
        return InputError(message, file=self.file, line=self.line(key),
                          field=self._field(key) if key else self.path or None)

    def _missing(self, key: str, message: str) -> InputError:
        """A required key not given: if a key written here looks like it, say so (a typo)."""
        written = [str(k) for k in self.data]
        near = difflib.get_close_matches(key, written, n=1, cutoff=0.6)
        if near:
            return InputError(f"{message}：是否把 {key} 写成了“{near[0]}”？", file=self.file,
                              line=self.line(near[0]), field=self._field(near[0]))
        return self.error(key, message)

    def has(self, key: str) -> bool:
        self._ask(key)
        return key in self.data and self.data[key] is not None

    def raw(self, key: str) -> Any:
        self._ask(key)
        return self.data.get(key)

    def text(self, key: str, default: str | None = None, *, required: bool = False) -> str:
        value = self.raw(key)
        if value is None:
            if required:
                raise self._missing(key, "缺少此项（必填）")
            return default or ""
        if isinstance(value, float):
            raise self.error(key, f"应为文字，却写成了数字 {value!r}：请加引号")
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.error(key, "应为文字")
        return str(value).strip()

    def integer(self, key: str, *, required: bool = False) -> int | None:
        value = self.raw(key)
        if value is None:
            if required:
                raise self._missing(key, "缺少此项（必填）")
            return None
        if isinstance(value, str) and value.strip().lstrip("+-").isdecimal() \
                and len(value) <= MAX_DIGITS + 2:
            try:
                value = int(value)
            except ValueError:  # "+-5"
                raise self.error(key, f"应为整数，却是“{value}”") from None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"应为整数，却是“{str(value)[:40]}”")
        if abs(value) >= 10**MAX_DIGITS:
            raise self.error(key, f"整数 {str(value)[:40]} 超出范围")
        return value

    def amount(self, key: str, *, required: bool = False) -> Decimal | None:
        value = self.raw(key)
        if value is None and required:
            raise self._missing(key, "缺少金额（必填）")
        try:
            return parse_amount(value)
        except AmountError as exc:
            raise self.error(key, str(exc)) from None

    def mapping(self, key: str) -> Fields:
        value = self.raw(key)
        if value is None:
            empty = LMap()
            empty.line = self.line(key) or 0
            empty.lines = {}
            return self.child(empty, self._field(key))
        if not isinstance(value, LMap):
            raise self.error(key, "应为“键: 值”形式的映射")
        return self.child(value, self._field(key))

    def items(self, key: str) -> list[tuple[int, Any]]:
        """A sequence's items with their lines (an absent key is an empty sequence)."""
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, LList):
            raise self.error(key, "应为列表（每项以“- ”开头）")
        return list(zip(value.lines, value, strict=True))

    def mappings(self, key: str) -> list[Fields]:
        out = []
        for i, (line, item) in enumerate(self.items(key)):
            if not isinstance(item, LMap):
                raise InputError("应为“键: 值”形式的映射", file=self.file, line=line,
                                 field=f"{self._field(key)}[{i + 1}]")
            out.append(self.child(item, f"{self._field(key)}[{i + 1}]"))
        return out

    def texts(self, key: str) -> tuple[str, ...]:
        out = []
        for i, (line, item) in enumerate(self.items(key)):
            if not isinstance(item, (str, int)) or isinstance(item, bool):
                raise InputError("应为文字", file=self.file, line=line,
                                 field=f"{self._field(key)}[{i + 1}]")
            out.append(str(item).strip())
        return tuple(out)

    def names(self) -> list[str]:
        """The keys as written (a mapping of free keys: each of them is taken)."""
        for key in self.data:
            self._ask(str(key))
        return list(self.data.keys())

    def only(self, known: Iterable[str]) -> None:
        """Refuse a key that is none of ``known`` (a typo would otherwise be silently left out),
        naming its line and the nearest known key."""
        allowed = sorted(known)
        for key in self.data:
            if key not in allowed:
                raise self._unknown(str(key), allowed)

    def _unknown(self, key: str, allowed: list[str]) -> InputError:
        near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"，是否应为 {near[0]}？" if near else f"；此处可用的键：{'、'.join(allowed)}"
        where = f"{self.path}.{key}" if self.path else key
        return InputError(f"不认识的键“{key}”{hint}", file=self.file, line=self.line(key),
                          field=where)

    def unknown_keys(self) -> None:
        """Refuse, in file order, the first key of any mapping of this file that nothing asked
        for, naming its line, its dotted path and the nearest key asked there."""
        found = [(f.line(str(k)) or 0, f, str(k), asked)
                 for f, asked in self.asked.values() for k in f.data if str(k) not in asked]
        if found:
            _, f, key, asked = min(found, key=lambda x: (x[0], x[2]))
            raise f._unknown(key, sorted(asked))
