"""Written again, the sections after the spending tables: 江苏 三公/会议费/培训费, 政府性基金,
机关运行经费, 政府采购, 国有资产, 绩效目标 and their zero lines, and 新疆 (Korla) 三公 — each
mechanism on a corpus document and on a small made-up case."""

from __future__ import annotations

from functools import cache

import yaml

from tests.conftest import EXAMPLES, FIXTURES
from yusuan.compose import build_disclosure
from yusuan.compose.published import disclosure_from_published
from yusuan.model.disclosure import Section, Sentence
from yusuan.narrative.align import clauses
from yusuan.regen import Regenerated, regenerate
from yusuan.regen.differences import compare

DOCUMENTS = {d["name"]: d["files"] for d in yaml.safe_load(
    (FIXTURES / "expected" / "tables.yaml").read_text(encoding="utf-8"))["documents"]}


@cache
def regenerated(name: str) -> Regenerated:
    return regenerate([FIXTURES / f for f in DOCUMENTS[name]])


def _left(name: str, *words: str) -> list[tuple[str, str | None, str | None]]:
    """The differences of the sections whose title has one of ``words``."""
    return [(d.kind, d.original, d.regenerated) for d in regenerated(name).comparison.differences
            if any(w in d.where.section for w in words)]


def test_a_list_bullet_of_the_text_format_is_not_part_of_a_clause():
    s = Section("一", "结构", ((Sentence("- 1、教育支出（类）4.81 万元，占 0.32%。"),),
                              (Sentence("• 2、其他 1.00 万元。"),),
                              (Sentence("-1.50万元为负数。"),)))
    assert [c.text for c in clauses([s])] == ["1、教育支出（类）4.81万元，占0.32%。",
                                              "2、其他1.00万元。", "-1.50万元为负数。"]


def test_korla_is_written_again_word_for_word():
    """The “-1、” items are list bullets of the text copy; each 三公 item's change and reason
    is read from its own clause (an item whose only figure is its change starts a statement)."""
    c = regenerated("korla-2024-seed").comparison
    assert c.verbatim == c.clauses and not c.differences


def test_the_korla_example_comes_back_word_for_word():
    built = build_disclosure(EXAMPLES / "korla-2024")
    c = compare(built.narrative, disclosure_from_published(built).narrative)
    assert not c.differences and c.verbatim == c.clauses
