"""The 决算 template's 情况说明 is read from its body, all eleven sections with their text — not
from its contents page (page 2), which lists the same headings with no text under them: read
from there, every section came out empty and ``final.completeness`` and the 公开度 score said
the topics of 十–十一 (绩效, 机关运行经费, 政府采购, 国有资产) were not explained. The contents
entry is told from the heading by the numbered headings that follow it with nothing between,
however the contents words it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from yusuan.checks.run import check_disclosure
from yusuan.checks.score import completeness
from yusuan.model.disclosure import Disclosure
from yusuan.parse import parse_file, pdf
from yusuan.parse.document import assemble
from yusuan.parse.lines import Cell
from yusuan.parse.narrative import read_narrative
from yusuan.parse.text import text_lines

TEMPLATE = Path(__file__).resolve().parents[1] / "fixtures" / "shanghai-putuo-dept-final-template.pdf"
NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]


def _sections(d: Disclosure) -> list[tuple[str, int, set[int]]]:
    return [(s.number, len(list(s.sentences())),
             {x.origin.page for x in s.sentences() if x.origin and x.origin.page})
            for s in d.narrative]


@pytest.fixture(scope="module")
def template() -> Disclosure:
    return parse_file(TEMPLATE)[0]


def test_all_eleven_sections_are_read_from_the_body_pages(template: Disclosure) -> None:
    sections = _sections(template)
    assert [n for n, _, _ in sections] == NUMBERS
    assert all(count > 0 for _, count, _ in sections)
    assert all(min(pages) >= 15 for _, _, pages in sections)  # the body, not the contents (2)
    by_number = {n: pages for n, _, pages in sections}
    assert by_number["十"] == {19, 20} and by_number["十一"] == {20, 21}
    other = template.narrative[-1]
    assert other.title == "其他重要事项的情况说明"  # as the body prints it (contents: …事项说明)
    text = "".join(s.text for s in other.sentences())
    assert all(w in text for w in ("机关运行经费", "政府采购", "国有资产"))


def test_no_topic_is_reported_missing(template: Disclosure) -> None:
    found = check_disclosure(template)
    assert [f.message for f in found if f.rule_id == "final.completeness"] == []
    criterion = completeness(template, {})
    assert criterion.points == criterion.out_of == 40
    assert not any(n.startswith("未说明") for n in criterion.notes)


def test_a_contents_entry_worded_otherwise_is_still_not_part3(template: Disclosure) -> None:
    lines, _, _ = pdf.read_lines(TEMPLATE, None)
    i = next(i for i, line in enumerate(lines) if line.label.startswith("第三部分"))
    assert lines[i].page == 2  # the contents page
    first = lines[i].cells[0]
    shortened = dataclasses.replace(lines[i], cells=(
        Cell("第三部分 2024年度部门决算情况说明", first.x0, lines[i].cells[-1].x1, first.top),))
    d, _ = assemble((*lines[:i], shortened, *lines[i + 1:]), str(TEMPLATE))
    assert _sections(d) == _sections(template)


def test_a_text_file_with_a_contents_list() -> None:
    text = "\n".join((
        "目录", "第三部分 2024年度部门决算情况说明", "一、收入支出决算总体情况说明", "二、收入决算情况说明",
        "三、支出决算情况说明", "第四部分 名词解释",
        "第三部分 上海市某局2024年度部门决算情况说明", "一、收入支出决算总体情况说明",
        "本年收入合计100.00万元。", "二、收入决算情况说明", "本年收入合计100.00万元，其中：财政拨款收入100.00万元。",
        "三、支出决算情况说明", "本年支出合计100.00万元。", "第四部分 名词解释"))
    sections = read_narrative(text_lines(text), [])
    assert [(s.number, [x.text for x in s.sentences()]) for s in sections] == [
        ("一", ["本年收入合计100.00万元。"]),
        ("二", ["本年收入合计100.00万元，其中：财政拨款收入100.00万元。"]),
        ("三", ["本年支出合计100.00万元。"])]
    assert [x.origin.line for s in sections for x in s.sentences() if x.origin] == [9, 11, 13]
