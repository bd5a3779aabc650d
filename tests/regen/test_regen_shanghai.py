"""上海 documents written again in their own wording: each mechanism that reproduces a kind of
printed clause (the variants chosen per section and figure, the figures a section states that
no table holds, a wrapped numbered item read whole) and the original's inconsistencies still
listed. The corpus documents are regenerated once per session (``test_regen_corpus``)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from tests.conftest import EXAMPLES
from tests.regen.test_regen_corpus import DOCUMENTS, regenerated
from yusuan.compose import budget_tables
from yusuan.compose.printed import form_figures, projects_of
from yusuan.compose.published import budget_from_disclosure, disclosure_from_published
from yusuan.derive.source import load_budget
from yusuan.intake.read import read_inputs
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Section, Sentence
from yusuan.model.money import Unit
from yusuan.narrative import forms
from yusuan.narrative.generate import narrative
from yusuan.narrative.wording import load_templates
from yusuan.parse.lines import Cell, Line
from yusuan.parse.paragraphs import paragraphs
from yusuan.parse.projects import read_projects
from yusuan.render.pdf import render_pdf

WANLI = "shanghai-putuo-wanli-subdistrict-2023-dept-budget"
COMMERCE = "shanghai-putuo-commerce-commission-2025-dept-budget"
FINANCE = "shanghai-putuo-finance-bureau-2025-dept-budget"
OFFICE = "shanghai-putuo-government-office-2025-dept-budget"
OFFICE_UNIT = "shanghai-putuo-government-office-2025-unit-budget"


def _written(name: str) -> list[str]:
    return [s.text for sec in regenerated(name).disclosure.narrative for s in sec.sentences()]


def _text(name: str) -> str:
    return "".join(_written(name))


def test_the_three_public_wording_of_each_document():
    """（一）、 and 公务车购置及运行费 (万里), the change in a sentence of its own after
    公务接待费X万元。 (商务委, as the workbook frames it), the total's change and reason before
    其中： (商务委, 政府办), a reason printed without 主要原因是 (财政局)."""
    wanli = _text(WANLI)
    assert ("（二）、公务车购置及运行费21.56万元，其中：公务用车购置费0万元，比2022年预算持平，"
            "主要原因是公务用车购置费保持不变；公务车用车运行费21.56万元，比2022年预算持平，"
            "主要原因是公务车用车运行费保持不变。") in wanli
    assert "（三）、公务接待费1.35万元。比2022年预算持平，主要原因是公务接待费保持不变。" in wanli
    assert "（一）、因公出国（境）费0万元，比2022年预算持平。主要原因是因公出国（境）费保持不变。" \
        in wanli
    commerce = _text(COMMERCE)
    assert ("（二）公务用车购置及运行费0万元，与2024年预算持平，主要原因是无公务用车车辆。其中："
            "公务用车购置费0万元，与2024年预算持平，主要原因是无公务用车车辆；") in commerce
    assert ("（三）公务接待费1.00万元。与2024年预算持平，主要原因是根据本部门实际业务需求开展公务接待。"
            in commerce)
    assert "（二）公务用车购置及运行费0万元，与2024年预算持平。其中：" in _text(OFFICE)
    assert "（一）因公出国（境）费0万元，与2024年预算持平，此项经费由区统筹安排。" in _text(FINANCE)


def test_figures_stated_beyond_the_tables_are_read_and_written_again():
    """下属N家机关和N家(参公)事业单位, N个预算单位, and the balance-sheet form of the assets
    (万里 2023), each figure read by the region's own templates."""
    assert "万里街道办事处（部门）下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为786.09万元" \
        in _text(WANLI)
    assert "人民政府办公室下属1家机关和1家事业单位财政拨款的机关运行经费预算为213.28万元" \
        in _text(OFFICE)
    assert "本部门1个预算单位开展了2025年项目预算绩效目标编报工作，编报绩效目标的项目11个" \
        in _text(OFFICE)
    written = _written(WANLI)
    for sentence in ("截止2022年12月31日，本部门流动资产448.82万元。",
                     "固定资产3149.52万元，其中：房屋14609.83平方米；",
                     "车辆7辆（一般公务用车3辆，执法执勤用车4辆，特种专业技术用车0辆，其他用车0辆）；",
                     "专用设备818台/套（其中：单价100万元以上专用设备0台/套）；",
                     "长期投资0项0万元。", "在建工程1项12277.73万元。", "无形资产471项234.37万元。"):
        assert sentence in written
    # the 单位 edition's own words, and 财政局 naming itself without its place in its assets
    assert "2025年度本单位政府采购预算34万元" in _text(OFFICE_UNIT)
    assert "截至2024年8月31日，财政局共有车辆0辆，其中：" in _text(FINANCE)
    assert "2025年上海市普陀区财政局财政拨款的机关运行经费预算为229.43万元。" in _text(FINANCE)


def test_the_originals_inconsistencies_stay_listed():
    """万里 prints 3328.13万元 for its 5 projects with targets, whose tables add up to
    3351.33万元; and 232.40万元 reserved for small enterprises is read (not written as 0)."""
    figures = {(f.original, f.regenerated) for d in regenerated(WANLI).comparison.differences
               for f in d.figures if d.kind == "figure"}
    assert ("3328.13", "3351.33") in figures
    assert ("314.82", "289.12") in figures
    assert not any(f.original == "232.40" for d in regenerated(WANLI).comparison.differences
                   for f in d.figures)


# what each document reproduces word for word (of the clauses whose printed figures agree
# with the tables): a floor, so that a change of the wording or the reading that loses any
# shows here
FLOORS = {WANLI: 92, COMMERCE: 39, OFFICE: 35, OFFICE_UNIT: 34, FINANCE: 33}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_shanghai_documents_are_written_again_word_for_word(name: str):
    assert name in DOCUMENTS
    c = regenerated(name).comparison
    assert c.verbatim >= FLOORS[name]
    if name != COMMERCE:  # its 6 left print （款) and (类) half-width, and 3136.40 unseparated
        assert c.verbatim >= 0.9 * (c.clauses - c.count("figure"))


def test_the_projects_are_read_part_by_part_and_written_again():
    """项目经费情况说明: one project a page, its parts 一、 … 七、 read into the project and
    written in the workbook's form; the unit edition has none."""
    printed = regenerated(COMMERCE).original.narrative[-1]
    titles = [p[0].text for p in printed.paragraphs if p[0].text.endswith("经费情况说明")]
    assert printed.key == "projects" and titles == [
        "科技创新专项经费情况说明", "生命健康专项(政策资金)经费情况说明",
        "商业创新专项(政策资金)经费情况说明", "贸易高质量发展专项(政策资金)经费情况说明"]
    written = _written(COMMERCE)
    at = written.index("科技创新专项经费情况说明")
    assert written[at:at + 5] == ["科技创新专项经费情况说明", "一、项目概述",
                                  "加快推动本区企业创新驱动发展，促进企业加大创新力度、加快成果转化。",
                                  "二、立项依据",
                                  "1、《普陀区服务企业发展工作实施意见》（普投资规范〔2023〕1号）。"]
    assert "2025年度项目总预算1720.00万，其中各级企业技术中心及专精特新认定1720.00万。" in written
    assert "详见单位的项目绩效目标表" in written
    assert "第一季度用款计划25.88万元，第二季度用款计划180.74万元，第三季度用款计划186.60万元，" \
        "第四季度用款计划16.78万元。" in _written(WANLI)
    assert "区政府督查及建议提案工作业务经费项目经费情况说明" in _written(OFFICE)
    assert not any(s.key == "projects" for s in regenerated(OFFICE_UNIT).original.narrative)
    assert not [d for d in regenerated(COMMERCE).comparison.differences
                if d.where.section == "项目经费情况说明"]


def _line(text: str, x0: float, page: int = 1) -> Line:
    return Line((Cell(text, x0, x0 + 10 * len(text)),), page=page)


def test_a_numbered_item_wrapped_at_its_lines_end_is_read_whole():
    lines = (_line("2025年“三公”经费预算数为1.00万元，与2024年预算持平。", 40),
             _line("（二）公务用车购置及运行费0万元，其中：公务用车购置费0万元，与2024年预算", 30),
             _line("持平，主要原因是无公务用车车辆；公务用车运行费0万元，与2024年预算持平。", 20),
             _line("（三）公务接待费1.00万元。", 30),
             _line("（一）单位运行经费情况", 30))
    texts = [t for t, _ in paragraphs(lines)]
    assert ("（二）公务用车购置及运行费0万元，其中：公务用车购置费0万元，与2024年预算持平，"
            "主要原因是无公务用车车辆；公务用车运行费0万元，与2024年预算持平。") in texts
    assert "（一）单位运行经费情况" in texts  # a heading without figures stays one


def test_forms_read_and_write_with_the_same_templates():
    """A section's ``figures`` are read from a printed sentence by its templates, in the
    budget's unit where printed before the unit, as printed otherwise."""
    templates = load_templates("shanghai-9")
    printed = (Section("五", "国有资产占有情况", ((Sentence(
        "截止2022年12月31日，本部门流动资产448.82万元。"), Sentence(
        "车辆5辆（一般公务用车3辆，执法执勤用车4辆，特种专业技术用车0辆，其他用车0辆）；")),)),
        Section("二", "机关运行经费预算", ((Sentence(
            "2025年某区某局下属2家机关和3家事业单位财政拨款的机关运行经费预算为1.00万元。"),),)))
    got = form_figures(printed, templates, Unit.WAN, Unit.YUAN)
    assert got["assets.current"] == Decimal("4488200")  # 万元 → 元
    assert got["assets.official"] == 3 and got["assets.cars"] == 5
    assert got["operating_cost.organs"] == 2 and got["operating_cost.institutions"] == 3
    assert forms.is_amount(templates, "assets", "current")
    assert not forms.is_amount(templates, "assets", "area")
    # written again, 车辆 is the sum of its kinds: a printed 5 is not what they add up to
    budget = budget_from_disclosure(regenerated(WANLI).original)
    budget = replace(budget, figures={**budget.figures, "assets.cars": Decimal(5)})
    text = "".join(s.text for sec in narrative(budget) for s in sec.sentences())
    assert "车辆7辆（一般公务用车3辆，执法执勤用车4辆" in text


def _example() -> Budget:
    return budget_tables(load_budget(EXAMPLES / "shanghai-dept-2025"))


def _said(budget: Budget, key: str) -> str:
    return "".join(s.text for sec in narrative(budget, only=key) for s in sec.sentences())


def test_built_from_data_the_workbooks_frames_are_written():
    """From a source folder: the counts of 机关运行经费 where budget.yaml ``figures`` gives
    them and the wording is chosen, no 机关运行经费 in the workbook's words, 公务用车购置及运行费
    compared with last year's two parts."""
    budget = _example()
    counted = replace(budget, figures={**budget.figures, "operating_cost.organs": Decimal(1),
                                       "operating_cost.institutions": Decimal(2)},
                      options={**budget.options, "variant.operating_cost/total": "2"})
    assert "上海市某区示例局下属1家机关和2家参公事业单位财政拨款的机关运行经费预算为92.59万元" \
        in _said(counted, "operating_cost")
    t = next(t for t in budget.tables if t.id == "three_public")
    rows = tuple(replace(row, values={**row.values, "operating_cost": Decimal(0)})
                 for row in t.rows)
    none = replace(budget, tables=tuple(replace(x, rows=rows) if x is t else x
                                        for x in budget.tables),
                   prior_year={k: v for k, v in budget.prior_year.items()
                               if k != "operating_cost"})
    assert _said(none, "operating_cost") == "本部门无机关运行经费。"
    assert "（二）公务用车购置及运行费3.60万元，与2024年预算持平。其中：" in _said(budget, "three_public")


def test_a_long_project_title_wrapped_over_two_lines_is_one_title():
    lines = (_line("其他相关情况说明", 30, page=1),
             _line("区政府督查及建议提案工作业务经费暨重点工作任务书印制项目经", 60, page=2),
             _line("费情况说明", 60, page=2), _line("一、项目概述", 20, page=2),
             _line("主要推进区委、区政府年度重点工作。", 30, page=2),
             _line("二、立项依据", 20, page=2), _line("一、区政府重点工作任务书。", 30, page=2),
             _line("详见单位的项目绩效目标表", 30, page=2))
    section = read_projects(lines)
    assert section is not None
    texts = [p[0].text for p in section.paragraphs]
    assert texts[0] == "区政府督查及建议提案工作业务经费暨重点工作任务书印制项目经费情况说明"
    assert texts[-1] == "详见单位的项目绩效目标表"
    (project,) = projects_of((section,), load_templates("shanghai-9"), Unit.WAN, Unit.YUAN)
    assert project.name == "区政府督查及建议提案工作业务经费暨重点工作任务书印制项目"
    assert project.summary == "主要推进区委、区政府年度重点工作。"
    # a numbered line within a part is its text, not the part of that number
    assert project.policy_basis == "一、区政府重点工作任务书。\n详见单位的项目绩效目标表"


def _reworded(name: str, old: str, new: str):
    """The printed document with one sentence worded otherwise (as another department's
    might be), written again."""
    d = regenerated(name).original
    sections = tuple(replace(s, paragraphs=tuple(
        tuple(replace(x, text=x.text.replace(old, new)) for x in p) for p in s.paragraphs))
        for s in d.narrative)
    return disclosure_from_published(replace(d, narrative=sections))


@pytest.mark.parametrize(("old", "new"), [
    ("人民政府办公室下属1家机关和1家事业单位财政拨款", "人民政府办公室（部门）财政拨款"),
    ("人民政府办公室下属1家机关和1家事业单位", "人民政府办公室（部门）下属2家机关和3家参公事业单位"),
    ("（三）公务接待费28.50万元，与2024年预算持平。", "（三）公务接待费28.50万元。与2024年预算持平。"),
    ("（一）因公出国（境）费839万元，与2024年预算持平。",
     "（一）因公出国（境）费839万元，与2024年预算一致0万元。"),
    ("本部门1个预算单位开展了", "本部门4个预算单位开展了"),
])
def test_another_departments_wording_of_the_same_frames(old: str, new: str):
    built = _reworded(OFFICE, old, new)
    text = "".join(s.text for sec in built.narrative for s in sec.sentences())
    assert new in text


@pytest.mark.parametrize("name", [OFFICE, WANLI])
def test_the_projects_written_again_read_back_as_they_were(name: str, tmp_path):
    """The regenerated PDF's 项目经费情况说明 is read back into the same projects: the
    section's own heading is not a project, an unnamed project takes it as its title."""
    r = regenerated(name)
    pdf = tmp_path / "again.pdf"
    pdf.write_bytes(render_pdf(r.disclosure))
    (back,), _ = read_inputs([pdf])
    templates = load_templates("shanghai-9")
    assert projects_of(back.disclosure.narrative, templates, Unit.WAN, Unit.YUAN) == \
        projects_of(r.original.narrative, templates, Unit.WAN, Unit.YUAN)


def test_surface_forms_are_typed_as_printed_occurrence_by_occurrence():
    """商务委 prints （款) with a half-width bracket in some items only, and one amount
    without separators; 财政局 prints 其它 where its table says 其他, and 100万 for 100万元:
    each clause written again is typed so, the others as before."""
    commerce = _written(COMMERCE)
    assert any("“住房保障支出（类)住房改革支出（款)住房公积金（项）”136.10万元" in s for s in commerce)
    assert any("其他商业服务业等支出（款)其他商业服务业等支出（项）”3136.40万元" in s for s in commerce)
    assert any("29,381.00万元" in s for s in commerce)
    assert any("“一般公共服务支出（类）" in s for s in commerce)
    finance = _text(FINANCE)
    assert "其它行政事业单位养老支出（项）”0.96万元" in finance
    assert "单价100万（含）以上设备（不含车辆）0台（套）" in finance
    for name in (COMMERCE, FINANCE):
        assert not [d for d in regenerated(name).comparison.differences if d.kind == "wording"]


def test_the_reason_of_each_execution_comparison_is_carried():
    """万里 gives each 项's comparison with last year's 预算执行数 its reason
    (…比2022年预算执行数增加77.70%。主要原因是：统计管理经费增加。): written again, each is kept;
    商务委's 的主要原因是：政策资金… keeps its colon."""
    wanli = _text(WANLI)
    assert ("2022年当年预算执行数为1.48万元，2023年预算安排2.63万元，比2022年预算执行数增加77.70%。"
            "主要原因是：统计管理经费增加。") in wanli
    assert wanli.count("主要原因是：") == 34
    assert "财政拨款收入支出增加的主要原因是：政策资金项目预算增加" in _text(COMMERCE)
