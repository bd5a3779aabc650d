"""Part 4 ends at the signature: the department and the date after the last entry are not part
of its definition (PDF lines carry no line numbers, so wrapped lines are joined)."""

from yusuan.parse.glossary import read_glossary
from yusuan.parse.lines import Cell, Line


def pdf_line(text: str) -> Line:
    return Line(cells=(Cell(text, 50.0, 500.0),), page=9)


def test_signature_after_the_last_entry_is_not_joined():
    lines = tuple(pdf_line(t) for t in (
        "第四部分 名词解释", "一、财政拨款：指由一般公共预算安排", "的财政拨款数。",
        "二、机关运行经费：指行政单位的公用经费。", "某某市某某局", "2024年02月23日"))
    terms = read_glossary(lines)
    assert [(t.term, t.definition) for t in terms] == [
        ("财政拨款", "指由一般公共预算安排的财政拨款数。"), ("机关运行经费", "指行政单位的公用经费。")]
