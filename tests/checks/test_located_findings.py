"""A finding about a figure of the text points at its sentence: where it was printed (page,
line, paragraph, sheet and cell), the section and the sentence itself — in the finding, the
text, JSON and HTML reports, for a budget's Part 3 and a 决算's 情况说明 alike."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from tests.checks.final_document import final_disclosure
from yusuan.checks.report import Checked, html_report, json_report, text_report
from yusuan.checks.run import check_disclosure
from yusuan.model.disclosure import Disclosure, Place, Section
from yusuan.model.finding import Finding, Location
from yusuan.parse import parse_file
from yusuan.web.review_view import finding_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FINANCE = FIXTURES / "shanghai-putuo-finance-bureau-2025-dept-budget.pdf"
PROCURATORATE_2018 = FIXTURES / "jiangsu-provincial-procuratorate-2018-dept-budget.pdf"


def _checked(path: Path, rule: str) -> tuple[Disclosure, list[Finding]]:
    d, _ = parse_file(path)
    return d, [f for f in check_disclosure(d) if f.rule_id == rule and f.severity == "error"]


def test_a_wrong_amount_of_the_text_points_at_its_sentence_and_page() -> None:
    d, [f] = _checked(FINANCE, "narrative.amount-eq-table")
    where = f.location
    assert (where.page, where.table, where.code) == (7, "gpb", "2080506")
    assert where.section == "2025年部门预算编制说明"  # 上海 numbers no sections here
    assert where.sentence is not None and "887.36万元" in where.sentence
    assert where.printed == "第 7 页 2025年部门预算编制说明"
    report = text_report(Checked("财政局", d, (f,)))
    assert "    第 7 页 2025年部门预算编制说明：“7.“社会保障和就业支出（类）" in report
    [data] = json.loads(json_report([Checked("财政局", d, (f,))]))
    assert data["location"]["page"] == 7 and "887.36" in data["location"]["sentence"]
    assert Finding.from_data(data).location == where
    html = html_report([Checked("财政局", d, (f,))]).decode("utf-8")
    assert "887.36万元，主要用于" in html
    [(_, [row])] = finding_rows(d, [data], {})  # the review page, from the stored finding
    assert row.place == "第 7 页 2025年部门预算编制说明" and "887.36" in row.sentence
    # the reviewer reads each figure with its unit, as in the text and HTML reports
    assert data["unit"] == "万元"
    assert row.actual == "887.36 万元" and row.expected.endswith(" 万元")
    assert row.difference.endswith(" 万元")
    unitless = {k: v for k, v in data.items() if k != "unit"}  # stored before units were kept
    [(_, [old])] = finding_rows(d, [unitless], {})
    assert old.actual == "887.36"


def test_a_difference_of_two_shares_is_in_percentage_points() -> None:
    data = {"rule_id": "narrative.share-eq-computed", "severity": "error", "message": "占比",
            "location": {}, "expected": "22.21", "actual": "13.22", "unit": "%"}
    [(_, [row])] = finding_rows(None, [data], {})
    assert (row.expected, row.actual, row.difference) == ("22.21%", "13.22%", "-8.99 个百分点")


def test_a_wrong_rate_points_at_the_numbered_section_and_page() -> None:
    _, found = _checked(PROCURATORATE_2018, "narrative.yoy-rate-eq-computed")
    where = {str(f.actual): f.location for f in found}
    assert where["21.95"].printed == "第 23 页 第三部分“一”"
    second = where["0.06"]
    assert second.page == 26 and second.section == "第三部分“五”"
    assert second.sentence is not None and "增长 0.06 %" in second.sentence


def _placed(d: Disclosure) -> Disclosure:
    """The synthetic 决算 as if read from a file: sentence n printed on page 10 + n."""
    n = 0

    def number(section: Section) -> Section:
        nonlocal n
        paragraphs = []
        for p in section.paragraphs:
            placed = []
            for s in p:
                n += 1
                placed.append(dataclasses.replace(s, origin=Place(page=10 + n)))
            paragraphs.append(tuple(placed))
        return dataclasses.replace(section, paragraphs=tuple(paragraphs))

    return dataclasses.replace(d, narrative=tuple(number(s) for s in d.narrative))


def _page_of(d: Disclosure, words: str) -> tuple[int | None, str]:
    section, sentence = next((s, x) for s in d.narrative for x in s.sentences()
                             if words in "".join(x.text.split()))
    assert sentence.origin is not None
    return sentence.origin.page, (f"第三部分“{section.number}”" if section.number
                                  else section.title)


def _broken(d: Disclosure, old: str, new: str) -> Disclosure:
    def fix(section: Section) -> Section:
        return dataclasses.replace(section, paragraphs=tuple(
            tuple(dataclasses.replace(s, text=s.text.replace(old, new)) for s in p)
            for p in section.paragraphs))
    return dataclasses.replace(d, narrative=tuple(fix(s) for s in d.narrative))


def test_findings_of_a_final_accounts_text_carry_the_page_of_their_sentence() -> None:
    d = _placed(final_disclosure())
    for rule, old, new in (("final.narrative-shares", "占3.68%", "占3.86%"),
                           ("final.narrative-change", "增长6.40%", "增长6.04%")):
        broken = _broken(d, old, new)
        [f] = [x for x in check_disclosure(broken) if x.rule_id == rule]
        page, section = _page_of(broken, new)
        assert (f.location.page, f.location.section) == (page, section), rule
        assert f.location.sentence is not None and new in "".join(f.location.sentence.split())


def test_a_location_without_the_text_fields_loads_from_older_json() -> None:
    old = {"file": "a.pdf", "page": 3, "table": "gpb", "code": None, "name": None,
           "column": None}
    assert Location.from_data(old) == Location(file="a.pdf", page=3, table="gpb")
    assert Location(line=12, section="第三部分“二”").printed == "第 12 行 第三部分“二”"
    assert Location(paragraph=8).printed == "第 8 段"
    assert Location(sheet="说明", cell="B4").printed == "工作表“说明” B4 单元格"
    assert str(Location(file="a.txt", line=12)) == "a.txt:12"


def test_a_part1_count_that_does_not_add_up_points_at_its_line(tmp_path: Path) -> None:
    korla = FIXTURES / "korla-2024-seed.txt"
    text = korla.read_text(encoding="utf-8")
    assert text.count("实有人数 86 人") == 1
    broken = tmp_path / "korla.txt"
    broken.write_text(text.replace("实有人数 86 人", "实有人数 87 人"), encoding="utf-8")
    d, _ = parse_file(broken)
    [f] = [x for x in check_disclosure(d) if x.rule_id == "overview.actual-eq-staff-parts"]
    line = text.splitlines().index(next(t for t in text.splitlines() if "实有人数 86 人" in t)) + 1
    assert (f.location.line, f.location.section, f.location.name) == (line, "第一部分", "实有人数")
    assert f.location.printed == f"第 {line} 行 第一部分"
    assert d.overview.places["units"].line is not None  # 行政单位 1 家 is printed elsewhere
