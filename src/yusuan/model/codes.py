"""The code grammar: classification codes with segment-aware ancestry — the one place that
knows how a code splits and what its parent is.

Functional codes (支出功能分类) have segments 3+2+2 (类 201, 款 20103, 项 2010301); economic
codes (经济分类) have 3+2 (类 301, 款 30101) — the widths per catalogue are reference data
(``reference.classification.SEGMENTS``). ``2010`` is not an ancestor of ``20101``: ancestry
compares whole segments, never raw prefixes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from yusuan.reference.classification import LEVEL_NAMES, SEGMENTS, Kind, normalize_code

_LENGTHS = {3: 1, 5: 2, 7: 3}
# the length of a code down to each level, per catalogue: functional (3, 5, 7), economic (3, 5)
_DEPTHS: dict[Kind, tuple[int, ...]] = {k: tuple(accumulate(w)) for k, w in SEGMENTS.items()}


def code_at(code: str, depth: int, kind: Kind = "functional") -> str:
    """The code of ``code``'s ancestor at ``depth`` (1 类, 2 款), by segment widths:
    ``2010301`` → ``201`` (1), ``20103`` (2); a code no deeper than that is itself."""
    return code[: _DEPTHS[kind][depth - 1]]


def class_of(code: str, kind: Kind = "functional") -> str:
    """The 类 of a code: ``2010301`` → ``201``, economic ``30101`` → ``301``."""
    return code_at(code, 1, kind)


def kuan_of(code: str, kind: Kind = "functional") -> str:
    """The 款 of a code: ``2010301`` → ``20103`` (a 类 code is itself)."""
    return code_at(code, 2, kind)


@lru_cache(maxsize=8192)  # the checker asks for the parents of every coded row of every table
def code_segments(code: str, kind: Kind = "functional") -> tuple[str, ...] | None:
    """Split a code into its segments (``2010301`` → ``("201", "03", "01")``); None if malformed."""
    if not (code.isascii() and code.isdigit()):
        code = normalize_code(code)  # printed with spaces or full-width digits
        if not code.isdigit():
            return None
    segments: list[str] = []
    pos = 0
    for width in SEGMENTS[kind]:
        if pos == len(code):
            return tuple(segments)
        if pos + width > len(code):
            return None
        segments.append(code[pos : pos + width])
        pos += width
    return tuple(segments) if pos == len(code) else None


def parent_code(code: str, kind: Kind = "functional") -> str | None:
    """The code one level up (``2010301`` → ``20103`` → ``201`` → None), by segments."""
    segments = code_segments(code, kind)
    if segments is None or len(segments) == 1:
        return None
    return "".join(segments[:-1])


def is_ancestor(ancestor: str, code: str, kind: Kind = "functional") -> bool:
    """True if ``ancestor`` is a strict ancestor of ``code`` comparing whole segments.

    ``201`` is an ancestor of ``2010301``; ``2010`` is not (it is no code at all).
    """
    a, c = code_segments(ancestor, kind), code_segments(code, kind)
    return a is not None and c is not None and len(a) < len(c) and c[: len(a)] == a


@dataclass(frozen=True, order=True)
class Code:
    """A classification code: digits only, 3, 5 or 7 long."""

    digits: str

    def __post_init__(self) -> None:
        if not self.digits.isdigit() or len(self.digits) not in _LENGTHS:
            raise ValueError(f"“{self.digits}”不是科目编码：应为 3、5 或 7 位数字")

    @classmethod
    def from_parts(cls, *parts: str) -> Code:
        """Join the 类/款/项 columns as printed (``201``, ``03``, ``01``)."""
        return cls("".join(p.strip() for p in parts if p and p.strip()))

    @property
    def depth(self) -> int:
        """1 for 类, 2 for 款, 3 for 项."""
        return _LENGTHS[len(self.digits)]

    @property
    def level(self) -> str:
        return LEVEL_NAMES[self.depth - 1]

    @property
    def segments(self) -> tuple[str, ...]:
        return code_segments(self.digits) or (self.digits,)  # 3, 5 or 7 digits: always splits

    @property
    def parent(self) -> Code | None:
        up = parent_code(self.digits)
        return Code(up) if up is not None else None

    @property
    def ancestors(self) -> tuple[Code, ...]:
        """Nearest first: ``2010301`` → (``20103``, ``201``)."""
        out: list[Code] = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return tuple(out)

    def is_ancestor_of(self, other: Code) -> bool:
        return is_ancestor(self.digits, other.digits)

    def __str__(self) -> str:
        return self.digits
