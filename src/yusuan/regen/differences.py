"""Where a document written again differs from the printed one: clause by clause, the clauses
that state figures, paired by what they talk about (``narrative.align``).

Each difference has both versions and where it is: the printed section (number, title,
paragraph) and, for a figure, the table cell the written-again figure comes from. Kinds:

- ``figure``: the same words, other figures — the printed figure is not what the tables give
  (or the prior-year figure it implies disagrees with another printed statement);
- ``wording``: the words differ as well;
- ``missing``: a printed clause with figures that the region's wording does not state;
- ``added``: a clause with figures the printed document lacks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from yusuan.model.disclosure import Fact, Section
from yusuan.model.money import format_amount
from yusuan.narrative.align import Clause, clauses, figures, has_figure, pair, section_pairs
from yusuan.regen.performance import Correction


@dataclass(frozen=True)
class Figure:
    """A figure that differs, and the cell the written-again one comes from."""

    original: str | None
    regenerated: str | None
    subject: str | None = None
    table: str | None = None
    code: str | None = None
    row: str | None = None
    column: str | None = None


@dataclass(frozen=True)
class Where:
    section: str  # ``一、2025年“三公”经费预算情况说明`` (number and title as printed)
    paragraph: int  # 1-based within the section


@dataclass(frozen=True)
class Difference:
    kind: str  # ``figure`` | ``wording`` | ``missing`` | ``added``
    where: Where
    original: str | None
    regenerated: str | None
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """The printed clauses with figures, how many came out word for word, the differences."""

    clauses: int
    verbatim: int
    differences: tuple[Difference, ...] = field(default_factory=tuple)

    @property
    def rate(self) -> float:
        return self.verbatim / self.clauses if self.clauses else 1.0

    def count(self, kind: str) -> int:
        return sum(1 for d in self.differences if d.kind == kind)


def _where(c: Clause) -> Where:
    head = f"{c.number}、{c.title}" if c.number else c.title
    return Where(head, c.paragraph + 1)


def _located(text: str, facts: Sequence[Fact]) -> Fact | None:
    """The fact whose printed amount (or change) is ``text``."""
    for f in facts:
        for amount in (f.amount, f.change, f.share, f.rate):
            if amount is None:
                continue
            for shown in (format_amount(amount), format_amount(abs(amount)),
                          format_amount(abs(amount), separators=False), str(abs(amount))):
                if shown == text or (("." in shown) and shown.rstrip("0").rstrip(".") == text):
                    return f
    return None


def _figures(a: Clause, b: Clause) -> tuple[Figure, ...]:
    fa, fb = figures(a.text), figures(b.text)
    out = []
    for i in range(max(len(fa), len(fb))):
        x = fa[i] if i < len(fa) else None
        y = fb[i] if i < len(fb) else None
        if x == y:
            continue
        f = _located(y, b.facts) if y is not None else None
        out.append(Figure(x, y, f.subject if f else None, f.ref_table if f else None,
                          f.ref_code if f else None, f.ref_row if f else None,
                          f.ref_column if f else None))
    return tuple(out)


def compare(original: Sequence[Section], regenerated: Sequence[Section]) -> Comparison:
    """Every printed clause with figures against its counterpart written again."""
    a, b = clauses(original), clauses(regenerated)
    pairs = dict(pair(a, b, section_pairs(original, regenerated)))
    paired = set(pairs.values())
    out: list[Difference] = []
    total = verbatim = 0
    for i, c in enumerate(a):
        if not has_figure(c.text):
            continue
        total += 1
        j = pairs.get(i)
        if j is None:
            out.append(Difference("missing", _where(c), c.text, None))
            continue
        if b[j].text == c.text:
            verbatim += 1
            continue
        differ = _figures(c, b[j])
        kind = "figure" if b[j].key == c.key and differ else "wording"
        out.append(Difference(kind, _where(c), c.text, b[j].text, differ))
    for j, c in enumerate(b):
        if j not in paired and has_figure(c.text):
            out.append(Difference("added", _where(c), None, c.text))
    return Comparison(total, verbatim, tuple(out))


KIND_NAMES = {"figure": "数字不同", "wording": "措辞不同", "missing": "重写中没有",
              "added": "原文中没有"}


def to_json(comparison: Comparison, document: dict[str, object],
            corrections: Sequence[Correction] = ()) -> bytes:
    """``differences.json`` (format: README, 开放数据); ``corrections``: the printed tables'
    figures written otherwise as ``tables``."""
    data = {
        "document": document,
        "summary": {"clauses": comparison.clauses, "verbatim": comparison.verbatim,
                    "rate": round(comparison.rate, 4),
                    **{k: comparison.count(k) for k in KIND_NAMES}},
        "differences": [asdict(d) for d in comparison.differences],
        "tables": [asdict(c) for c in corrections],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def summary_text(comparison: Comparison, most: int = 30, corrections: Sequence[Correction] = ()) -> str:
    """What the terminal shows: the counts, then each difference with both versions, then
    the printed tables' figures written otherwise."""
    c = comparison
    lines = [f"原文情况说明中含数字的语句 {c.clauses} 句，重写后逐字相同 {c.verbatim} 句"
             f"（{c.rate:.1%}）；不同之处 {len(c.differences)} 处"
             + ("：" if c.differences else "。")]
    for d in c.differences[:most]:
        lines.append(f"  [{KIND_NAMES[d.kind]}] {d.where.section} 第 {d.where.paragraph} 段")
        if d.original is not None:
            lines.append(f"    原文：{d.original}")
        if d.regenerated is not None:
            lines.append(f"    重写：{d.regenerated}")
        for f in d.figures:
            cell = "／".join(x for x in (f.table, f.code or f.row, f.column) if x)
            lines.append(f"    数字：{f.original or '（无）'} → {f.regenerated or '（无）'}"
                         + (f"（表 {cell}）" if cell else ""))
    if len(c.differences) > most:
        lines.append(f"  …… 其余 {len(c.differences) - most} 处见 differences.json")
    if corrections:
        lines.append(f"原文表格中不一致、重写时改正的数字 {len(corrections)} 处：")
    for k in corrections:
        lines.append(f"  {k.table} {k.field}：{k.original} → {k.regenerated}（{k.reason}）")
    return "\n".join(lines)
