"""``yusuan build WORKBOOK.xlsx``: the 上海 budget workbook as a source — tables read as printed,
Part 1 and the glossary from the text sheets, the narrative written from the figures unless
the officer wrote it, template placeholders refused."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, FIXTURES
from yusuan.checks.run import check_disclosure
from yusuan.cli.main import app
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import label
from yusuan.render.html import render_html
from yusuan.render.xlsx import render_xlsx

TEMPLATE = FIXTURES / "shanghai-putuo-2026-dept-budget-workbook-template.xlsx"
runner = CliRunner()


@pytest.fixture(scope="module")
def example():
    return build_disclosure(EXAMPLES / "shanghai-dept-2025")


def _workbook(example, path: Path, **extra: tuple[str, ...]) -> Path:
    """A filled workbook: the example's nine tables as sheets, and the text sheets (the
    officer's: not marked as written by yusuan)."""
    path.write_bytes(render_xlsx(example))
    wb = openpyxl.load_workbook(path)
    wb.properties.description = None
    for name in [n for n in wb.sheetnames if not n.removeprefix("表").isdigit()]:  # 表1 … 表9
        del wb[name]
    d = example
    sheets = {"封面": ("上海市某区2025年区级部门预算", f"预算主管部门：{d.department}"),
              "部门主要职能": (f"{d.department}主要职能", "\n".join(d.overview.functions)),
              "部门机构设置": (f"{d.department}机构设置", "\n".join(d.overview.organisation)),
              "名词解释": ("名词解释", "\n".join(f"（{n}）{g.term}：{g.definition}"
                                           for n, g in zip("一二三四", d.glossary, strict=True))),
              **extra}
    for i, (title, cells) in enumerate(sheets.items()):
        ws = wb.create_sheet(title, i)
        for r, text in enumerate(cells, 1):
            ws.cell(row=r, column=1, value=text)
    wb.save(path)
    return path


def _printed(table):
    """The cells as printed (to the cent), whatever their order."""
    return sorted((r.section or "", label(r.name), r.code or "", c.key,
                   v.quantize(Decimal("0.01"), ROUND_HALF_UP))
                  for r, c, v in table.cells() if v is not None)


def test_template_left_as_is_is_refused(tmp_path: Path):
    result = runner.invoke(app, ["build", str(TEMPLATE), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "占位符" in result.output and "封面" in result.output and "XX" in result.output
    assert "（A9 单元格）" in result.output  # 封面!A9 holds 预算主管部门：上海市普陀区XX局
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_template_narrative_left_is_refused(example, tmp_path: Path):
    wb = openpyxl.load_workbook(TEMPLATE, read_only=True)
    notes = tuple(c for row in wb["部门编制说明"].iter_rows(values_only=True) for c in row if c)
    path = _workbook(example, tmp_path / "wb.xlsx", 部门编制说明=notes)
    result = runner.invoke(app, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "部门编制说明" in result.output and "x,xxx" in result.output


def test_filled_workbook_builds(example, tmp_path: Path):
    d = build_disclosure(_workbook(example, tmp_path / "wb.xlsx"))
    assert (d.department, d.year, d.profile, d.edition) == (
        example.department, 2025, "shanghai-9", "部门预算")
    for a, b in zip(example.tables, d.tables, strict=True):
        assert _printed(a) == _printed(b), a.id
    assert d.overview.functions == example.overview.functions
    assert [g.term for g in d.glossary] == [g.term for g in example.glossary]
    text = "".join(x.text for s in d.narrative for x in s.sentences())
    assert "2025年，上海市某区示例局收入预算1,725.82万元，其中：财政拨款收入1,675.82万元" in text
    assert [f.message for f in check_disclosure(d) if f.severity in ("error", "warning")] == []


def test_officer_text_wins(example, tmp_path: Path):
    own = "本部门2025年预算经局党组审定后编制。"
    path = _workbook(example, tmp_path / "wb.xlsx", 部门编制说明=("2025年部门预算编制说明", own))
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out), "-f", "html"])
    assert result.exit_code == 0, result.output
    html = (out / "disclosure.html").read_text(encoding="utf-8")
    assert own in html and "收入预算1,725.82万元" not in html
    assert "2025年“三公”经费预算数为4.55万元" in html  # the parts not written are generated


def test_functions_sheet_as_the_template_words_it(example, tmp_path: Path):
    """The template's 职能 sheet: ``XX是…。`` ``主要职能包括：`` then ``1.`` ``2.`` …: the lines
    before the list introduce it, the items lose their numbers (printed once, by the frame)."""
    path = _workbook(example, tmp_path / "wb.xlsx", 部门主要职能=(
        "上海市某区示例局主要职能", "上海市某区示例局是区政府工作部门。\n主要职能包括：\n"
        "1.贯彻执行有关法律法规。\n2.负责本区相关行业的监督管理，\n并提供公共服务。"))
    d = build_disclosure(path)
    assert d.overview.functions_intro == ("上海市某区示例局是区政府工作部门。", "主要职能包括：")
    assert d.overview.functions == ("贯彻执行有关法律法规。", "负责本区相关行业的监督管理，并提供公共服务。")
    html = render_html(d).decode("utf-8")
    assert "<li>1.贯彻执行有关法律法规。</li>" in html and "1.1." not in html


def test_unreadable_workbook(tmp_path: Path):
    # (the content decides what a file is: a text disclosure named .xlsx is regenerated as
    # the published text it is — tests/regen — so the unreadable workbook is a broken one)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    result = runner.invoke(app, ["build", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "已损坏" in result.output, result.output


def test_filled_workbook_written_back(example, tmp_path: Path):
    path = _workbook(example, tmp_path / "wb.xlsx")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out), "-f", "json"])
    assert result.exit_code == 0, result.output
    filled = out / "wb.filled.xlsx"
    wb = openpyxl.load_workbook(filled, read_only=True)
    notes = "".join(c for row in wb["部门编制说明"].iter_rows(values_only=True) for c in row if c)
    other = "".join(c for row in wb["其他相关情况说明"].iter_rows(values_only=True)
                    for c in row if c)
    assert "收入预算1,725.82万元" in notes and "一、2025年“三公”经费预算情况说明" in other
    # the filled workbook builds again, its (now officer-written) text unchanged
    first, again = build_disclosure(path), build_disclosure(filled)
    for d in (first, again):
        assert d.narrative[0].title == "2025年部门预算编制说明"

    def said(d):
        return ["".join(x.text for x in p) for s in d.narrative for p in s.paragraphs]

    assert said(again) == said(first)


def test_a_word_in_an_amount_cell_is_refused_naming_sheet_and_cell(example, tmp_path: Path):
    """“待定” typed where an amount goes would be read as blank and the totals would not add
    up without saying why: the build stops and names the sheet and the cell."""
    path = _workbook(example, tmp_path / "wb.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["表1"]
    cell = next(c for row in ws.iter_rows(min_row=6) for c in row
                if isinstance(c.value, (int, float)) and c.column > 2)
    cell.value = "待定"
    wb.save(path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert f"工作表“表1”{cell.coordinate} 单元格“待定”不是金额：应填金额（元），没有的请留空" \
        in result.output, result.output
    assert "Traceback" not in result.output and not out.exists()
