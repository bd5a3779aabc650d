"""Which parts form one disclosure: same department and year, tables that complement each
other; a narrative-only part goes to its year (and its department when several share it)."""

from __future__ import annotations

import dataclasses

from yusuan.intake.group import group_parts
from yusuan.parse.dispatch import Part
from yusuan.parse.document import heading_facts
from yusuan.parse.text import text_lines

NO_TABLES = "未找到任何部门预算公开表（按标题识别），这似乎不是部门预算公开文件"


def tables_part(base, name: str, department: str, year: int, ids: set[str] | None = None):
    tables = tuple(t for t in base.tables if ids is None or t.id in ids)
    return Part(name, dataclasses.replace(base, department=department, year=year, tables=tables))


def narrative_part(name: str, department: str, year: int | None):
    return Part(name, None, department=department, year=year, why_no_tables=NO_TABLES)


def names(groups):
    return [[p.file for p in g.parts] for g in groups]


def test_complementary_parts_of_one_department_and_year_are_one(korla_disclosure):
    ids = [t.id for t in korla_disclosure.tables]
    first, rest = set(ids[:5]), set(ids[5:])
    parts = [("pdf", tables_part(korla_disclosure, "a.pdf", "甲局", 2024, first)),
             ("pdf", tables_part(korla_disclosure, "b.pdf", "甲 局", 2024, rest)),
             ("pdf", tables_part(korla_disclosure, "c.pdf", "甲局", 2025, rest)),
             ("xlsx", tables_part(korla_disclosure, "a.xlsx", "甲局", 2024, first))]
    groups, errors = group_parts(parts)
    assert not errors
    assert names(groups) == [["a.pdf", "b.pdf"], ["c.pdf"], ["a.xlsx"]]


def test_json_and_source_folders_stand_alone(korla_disclosure):
    parts = [("json", tables_part(korla_disclosure, "a.json", "甲局", 2024)),
             ("source", tables_part(korla_disclosure, "src", "甲局", 2024, set())),
             ("pdf", narrative_part("n.pdf", "甲局", 2024))]
    groups, errors = group_parts(parts)
    assert names(groups) == [["a.json"], ["src"]]
    assert [(e.file, e.message) for e in errors] == [("n.pdf", NO_TABLES)]


def test_a_narrative_goes_to_its_year_then_to_its_department(korla_disclosure):
    parts = [("pdf", tables_part(korla_disclosure, "甲.pdf", "江苏省甲厅", 2024)),
             ("pdf", tables_part(korla_disclosure, "乙.pdf", "江苏省乙委员会办公厅", 2024)),
             ("pdf", tables_part(korla_disclosure, "丙.pdf", "江苏省甲厅", 2023)),
             ("pdf", narrative_part("乙说明.pdf", "乙委员会办公厅", 2024)),
             ("pdf", narrative_part("丙说明.pdf", "", 2023)),
             ("pdf", narrative_part("谁的.pdf", "", 2024)),
             ("pdf", narrative_part("旧.pdf", "江苏省甲厅", 2019))]
    groups, errors = group_parts(parts)
    assert names(groups) == [["甲.pdf"], ["乙.pdf", "乙说明.pdf"], ["丙.pdf", "丙说明.pdf"]]
    messages = {e.file: e.message for e in errors}
    assert "无法判断它是哪一份公开的文字说明（江苏省甲厅、江苏省乙委员会办公厅）" in messages["谁的.pdf"]
    assert "其年度（2019 年）与一同给出的表格文件（2023、2024 年）不同" in messages["旧.pdf"]


def test_the_department_of_a_file_without_tables_is_its_cover_title():
    cover = "江苏省政协办公厅 2018 年度\n部门预算公开\n目 录\n第二部分 2018 年度部门预算表\n"
    assert heading_facts(text_lines(cover)) == ("江苏省政协办公厅", 2018)
    contents = "目 录\n第一部分 部门概况\n第二部分 2019 年度部门预算表\n三、2019 年度主要工作\n"
    assert heading_facts(text_lines(contents)) == ("", 2019)


def _text_part(name: str, text: str, year: int) -> Part:
    return Part(name, None, lines=text_lines(text), year=year, why_no_tables=NO_TABLES)


def test_a_narrative_without_a_cover_name_goes_to_the_department_its_text_names(
        korla_disclosure):
    """江苏 2019: the 政协 narrative PDF opens on its 目录 (no name on a cover) and is given in
    one folder with the 检察院's 2019 document: it joins the 政协 tables by what its text says."""
    speaks = "\n".join(["目 录", "第一部分 部门概况", "一、主要职能",
                        *["省政协办公厅负责政协全体会议的会务工作。"] * 4,
                        "人民政协是统一战线组织。"])
    parts = [("pdf", tables_part(korla_disclosure, "检察院.pdf", "江苏省人民检察院", 2019)),
             ("pdf", tables_part(korla_disclosure, "政协表.pdf", "江苏省政协办公厅", 2019)),
             ("pdf", _text_part("政协说明.pdf", speaks, 2019)),
             ("pdf", _text_part("无名.pdf", "目 录\n第一部分 部门概况\n一、主要职能\n", 2019))]
    groups, errors = group_parts(parts)
    assert names(groups) == [["检察院.pdf"], ["政协表.pdf", "政协说明.pdf"]]
    assert [e.file for e in errors] == ["无名.pdf"]
