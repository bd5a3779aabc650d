"""Classification codes with segment-aware ancestry.

Functional codes (支出功能分类) have segments 3+2+2 (类 201, 款 20103, 项 2010301); economic
codes (经济分类) have 3+2 (类 301, 款 30101). ``2010`` is not an ancestor of ``20101``: ancestry
compares whole segments, never raw prefixes.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVEL_NAMES = ("类", "款", "项")
_LENGTHS = {3: 1, 5: 2, 7: 3}


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
        d = self.digits
        return tuple(s for s in (d[:3], d[3:5], d[5:7]) if s)

    @property
    def parent(self) -> Code | None:
        return Code(self.digits[: len(self.digits) - 2]) if self.depth > 1 else None

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
        return self in other.ancestors

    def __str__(self) -> str:
        return self.digits
