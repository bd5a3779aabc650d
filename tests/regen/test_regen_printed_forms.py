"""A corpus document printed otherwise — as other departments of its region print the same
things — comes back in the forms it was printed in: the comparison's lead (较, 与…相比), the
change words (增长/下降), a 项 named without its 类/款, brackets, 其它 and 万. The printed text
is varied here, in the test; the corpus files are not touched."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from tests.regen.test_regen_corpus import regenerated
from yusuan.compose.published import disclosure_from_published, without_repeats
from yusuan.model.disclosure import Disclosure
from yusuan.regen.differences import compare

COMMERCE = "shanghai-putuo-commerce-commission-2025-dept-budget"
WANLI = "shanghai-putuo-wanli-subdistrict-2023-dept-budget"
OFFICE = "shanghai-putuo-government-office-2025-dept-budget"


def _varied(d: Disclosure, edit) -> Disclosure:
    return replace(d, narrative=tuple(
        replace(s, paragraphs=tuple(tuple(replace(x, text=edit(x.text)) for x in p)
                                    for p in s.paragraphs)) for s in d.narrative))


def _again(name: str, edit) -> tuple[list[str], int, int]:
    d = _varied(regenerated(name).original, edit)
    written = disclosure_from_published(d)
    c = compare(without_repeats(d.narrative), written.narrative)
    return [x.text for s in written.narrative for x in s.sentences()], c.verbatim, c.clauses


def _lead(text: str) -> str:
    return re.sub(r"比(\d{4}年预算)(?=[增减])", r"与\1相比", text)


def _grow(text: str) -> str:
    return re.sub(r"减少(?=\d)", "下降", re.sub(r"增加(?=\d)", "增长", text))


@pytest.mark.parametrize(("edit", "expected"), [
    (_lead, "财政拨款支出预算37,151.47万元，与2024年预算相比增加24,491.71万元。"),
    (lambda t: t.replace("比2024年预算", "较2024年预算"),
     "财政拨款支出预算37,151.47万元，较2024年预算增加24,491.71万元。"),
    (_grow, "财政拨款支出预算37,151.47万元，比2024年预算增长24,491.71万元。"),
])
def test_a_change_is_compared_and_worded_as_printed(edit, expected):
    texts, verbatim, clauses = _again(COMMERCE, edit)
    assert any(expected in t for t in texts)
    assert verbatim == regenerated(COMMERCE).comparison.verbatim == clauses


def test_an_item_named_without_its_class_and_kuan():
    """“行政运行”科目 (the workbook's “xx”科目: one subject) and “统计管理（项）”."""
    texts, verbatim, clauses = _again(
        OFFICE, lambda t: re.sub(r"(?<=“)(?:[^“”\-]+-)+(?=[^“”\-]+”科目)", "", t))
    assert "1.“行政运行”科目1,202.95万元，主要用于行政单位的基本支出。" in texts
    assert verbatim == clauses
    texts, verbatim, clauses = _again(COMMERCE, lambda t: re.sub(
        r"“(?:[^“”（）()]+[（(][类款][）)])+", "“", t))
    assert verbatim == clauses
    assert not any("（款）" in t for t in texts if t.startswith(("1.", "2.", "3.")))


def test_surface_forms_mixed_in_one_document():
    def mixed(text: str) -> str:
        text = text.replace("其他", "其它").replace("（", "(", 1)
        return re.sub(r"(?<=\d)万元", "万", text, count=1)
    texts, verbatim, clauses = _again(COMMERCE, mixed)
    assert verbatim == clauses
    assert any("其它收入0万" in t for t in texts)


def test_items_of_one_name_are_told_apart_by_their_amounts():
    """万里 without 类/款 lists 一般行政管理事务（项）seven times: each keeps its own use."""
    texts, verbatim, _ = _again(WANLI, lambda t: re.sub(r"“(?:[^“”（）]+（[类款]）)+", "“", t))
    assert verbatim == regenerated(WANLI).comparison.verbatim
    assert "3.“一般行政管理事务（项）”45.41万元，主要用于群众团体事务一般行政管理事务。" in texts


KORLA = "korla-2024-seed"


def _korla_leaf(text: str) -> str:
    """1、行政运行（项）：… for 1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）：…"""
    return re.sub(r"(?<=\d、)[^：]*（款）(?=[^：]*（项）：)", "", text)


def _korla_grow(text: str) -> str:  # Korla prints a space before some amounts: 增加 16.79
    return re.sub(r"减少(?=\s?\d)", "下降", re.sub(r"增加(?=\s?\d)", "增长", text))


@pytest.mark.parametrize(("edit", "expected"), [
    (_korla_leaf, "1、行政运行（项）：2024年预算数为739.02万元，比上年预算增加16.79万元，增长2.32%。"),
    (_korla_grow, "比上年预算增长16.79万元，增长2.32%。"),
    (lambda t: _korla_grow(_korla_leaf(t)),
     "1、行政运行（项）：2024年预算数为739.02万元，比上年预算增长16.79万元，增长2.32%。"),
])
def test_a_korla_item_named_alone_and_its_change_worded_as_printed(edit, expected):
    """Each 项 named alone still keeps its own last year's figure and reason (the probe's 项
    with its 类 and 款 pairs with the printed one by the 项), and 增长/下降 are used for the
    change where Korla's wording puts a space before the amount."""
    texts, verbatim, clauses = _again(KORLA, edit)
    assert any(re.sub(r"\s", "", t).endswith(expected) for t in texts)  # Korla's spaces aside
    assert verbatim == clauses == regenerated(KORLA).comparison.clauses
