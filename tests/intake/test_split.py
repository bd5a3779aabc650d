"""Split publications: the narrative PDF and the tables PDF of the 江苏省政协办公厅 2017, 2018
and 2019 budgets are each one disclosure to check, parse and ingest; files of different
years given together are read separately."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from yusuan.cli.main import app
from yusuan.intake import read_inputs
from yusuan.store import open_store
from yusuan.store.schema import DisclosureRecord

YEARS = (2017, 2018, 2019)
runner = CliRunner()


def narrative(year: int):
    return FIXTURES / f"jiangsu-cppcc-office-{year}-dept-budget.part1-narrative.pdf"


def tables(year: int):
    return FIXTURES / f"jiangsu-cppcc-office-{year}-dept-budget.part2-tables.pdf"


@pytest.fixture(scope="module")
def read_together():
    """All six files given at once, narratives first: three disclosures, one per year."""
    return read_inputs([narrative(y) for y in YEARS] + [tables(y) for y in YEARS])


@pytest.fixture(scope="module")
def tables_alone():
    intakes, refused = read_inputs([tables(y) for y in YEARS])
    assert not refused
    return {i.disclosure.year: i.disclosure for i in intakes}


def test_six_files_are_three_disclosures(read_together):
    intakes, refused = read_together
    assert not refused
    assert [(i.disclosure.department, i.disclosure.year) for i in intakes] == [
        ("江苏省政协办公厅", y) for y in YEARS]
    for intake, year in zip(intakes, YEARS, strict=True):
        assert [s.path for s in intake.sources] == [tables(year), narrative(year)]
        assert intake.label == f"{tables(year)}、{narrative(year)}"
        assert "parse.narrative-only" in {f.rule_id for f in intake.findings}


def test_the_narrative_file_adds_what_the_tables_file_lacks(read_together, tables_alone):
    by_year = {i.disclosure.year: i.disclosure for i in read_together[0]}
    for year in YEARS:
        merged, alone = by_year[year], tables_alone[year]
        assert merged.tables == alone.tables  # the cells are the tables file's
        assert alone.glossary == () and len(merged.glossary) >= 8  # 名词解释 is in part 1
    assert len(by_year[2017].narrative) == 12 and tables_alone[2017].narrative == ()


def test_check_takes_the_pair_as_one_document():
    result = runner.invoke(app, ["check", str(narrative(2019)), str(tables(2019))])
    assert result.exit_code != 2, result.output
    assert "未找到任何部门预算公开表" not in result.output
    summaries = [line for line in result.output.splitlines() if "江苏省政协办公厅 2019 年" in line]
    assert summaries == [line for line in summaries
                         if line.startswith(f"{tables(2019)}、{narrative(2019)}：")]
    assert len(summaries) == 1


def test_files_of_different_years_are_checked_separately():
    result = runner.invoke(app, ["check", str(narrative(2019)), str(tables(2018))])
    assert result.exit_code == 2  # the 2019 narrative has no tables of its year
    assert (f"{narrative(2019)}：此文件没有表格，且其年度（2019 年）与一同给出的表格文件"
            "（2018 年）不同") in result.output
    assert f"{tables(2018)}：江苏省政协办公厅 2018 年" in result.output


def test_parse_of_the_pair_and_of_two_years(tmp_path):
    pair = runner.invoke(app, ["parse", str(narrative(2017)), str(tables(2017)), "-f", "csv"])
    alone = runner.invoke(app, ["parse", str(tables(2017)), "-f", "csv"])
    assert pair.exit_code == 0 and pair.stdout == alone.stdout
    two = runner.invoke(app, ["parse", str(tables(2017)), str(tables(2018))])
    assert two.exit_code == 2
    assert "这些文件不是同一份公开，请分别解析" in two.output


def test_ingest_a_folder_stores_each_pair_once(tmp_path):
    folder = tmp_path / "江苏"
    folder.mkdir()
    for year in (2018, 2019):
        shutil.copy(narrative(year), folder)
        shutil.copy(tables(year), folder)
    db = tmp_path / "y.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "合计：导入 2，未变化 0，失败 0。" in result.output
    store = open_store(str(db))
    with store.reading() as session:
        rows = session.execute(sa.select(DisclosureRecord.year, DisclosureRecord.file_name,
                                         DisclosureRecord.file_type, DisclosureRecord.file_bytes)
                               .order_by(DisclosureRecord.year)).all()
    store.close()
    assert [(r.year, r.file_type) for r in rows] == [(2018, "parts"), (2019, "parts")]
    for row in rows:
        with zipfile.ZipFile(io.BytesIO(row.file_bytes)) as z:
            assert sorted(z.namelist()) == sorted([tables(row.year).name,
                                                   narrative(row.year).name])
            assert z.read(tables(row.year).name) == tables(row.year).read_bytes()
    again = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert "合计：导入 0，未变化 2，失败 0。" in again.output


def test_the_same_document_given_twice_stays_two(tmp_path):
    copy = tmp_path / "copy.pdf"
    shutil.copy(tables(2019), copy)
    intakes, refused = read_inputs([tables(2019), copy])
    assert not refused and len(intakes) == 2
