"""Year-versioned classification catalogues: structure, lookups, and agreement with real documents."""

from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path
from typing import TypeVar

import pytest

from yusuan.cli.codes import codes
from yusuan.model.codes import code_segments, is_ancestor, parent_code
from yusuan.reference.classification import (
    FIRST_YEAR,
    KINDS,
    LAST_YEAR,
    PROVENANCES,
    catalogue,
    correspondence_dept_to_gov,
    covered_year,
    names_equal,
)
from yusuan.reference.income import income_item, income_items

T = TypeVar("T")


def must(value: T | None) -> T:
    assert value is not None
    return value


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
CODE_LENGTHS = {"functional": {3: "类", 5: "款", 7: "项"}, "economic_dept": {3: "类", 5: "款"}}
CODE_LENGTHS["economic_gov"] = CODE_LENGTHS["economic_dept"]

# Names printed in the Korla 2024 seed that differ from the official catalogue. The document's
# own wording is not copied into the catalogue; a check must be able to see the difference.
# 20604: official 技术研究与开发 (cf. its 项 2060499 其他技术研究与开发支出).
KORLA_DEVIATIONS = {("functional", "20604"): "技术与开发"}
# Column headers of the seed's 表7 name the economic 类 without codes.
KORLA_TABLE7_HEADERS = {
    "工资福利支出": "301",
    "商品服务支出": None,  # abbreviation of 302 商品和服务支出: a document deviation
    "对个人和家庭的补助": "303",
    "债务利息及费用支出": "307",
    "资本性支出（基本建设）": "309",
    "资本性支出": "310",
    "对企业补助（基本建设）": "311",
    "对企业补助": "312",
    "对社会保障基金补助": "313",
    "其他支出": "399",
}


# ---------------------------------------------------------------------------- structure


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("year", YEARS)
def test_every_parent_exists_in_the_same_year(kind: str, year: int) -> None:
    cat = catalogue(kind)
    for entry in cat.entries(year):
        if entry.level == "类":
            assert entry.parent == ""
        else:
            assert cat.lookup(entry.parent, year) is not None, (entry.code, year)


@pytest.mark.parametrize("kind", KINDS)
def test_code_lengths_levels_and_segment_parents(kind: str) -> None:
    for entry in catalogue(kind).all_entries():
        assert entry.code.isdigit()
        assert CODE_LENGTHS[kind].get(len(entry.code)) == entry.level, entry
        assert (parent_code(entry.code, catalogue(kind).kind) or "") == entry.parent, entry


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("year", YEARS)
def test_no_duplicate_code_within_a_year(kind: str, year: int) -> None:
    found = [e.code for e in catalogue(kind).entries(year)]
    assert len(found) == len(set(found))


@pytest.mark.parametrize("kind", KINDS)
def test_names_provenance_and_sources_are_filled_in(kind: str) -> None:
    for entry in catalogue(kind).all_entries():
        assert entry.name.strip() == entry.name and entry.name, entry
        assert entry.provenance in PROVENANCES
        assert entry.source.strip(), entry
        if entry.provenance == "observed":
            assert "corpus/" in entry.source, entry


@pytest.mark.parametrize("kind", KINDS)
def test_validity_ranges_of_a_code_do_not_overlap(kind: str) -> None:
    cat = catalogue(kind)
    for code in {e.code for e in cat.all_entries()}:
        versions = cat.history(code)
        for entry in versions:
            assert entry.valid_to is None or entry.valid_from <= entry.valid_to, entry
        for older, newer in itertools.pairwise(versions):
            assert older.valid_to is not None and older.valid_to < newer.valid_from, code


# 款 the official catalogue lists without any 项 (checked both ways below).
KUAN_WITHOUT_XIANG = {"21211"}  # 农业土地开发资金安排的支出


def test_2024_functional_catalogue_is_complete_for_commonly_used_classes() -> None:
    cat = catalogue("functional")
    classes = [e.code for e in cat.classes(2024)]
    assert len(classes) == 30
    for code in ("201", "204", "205", "206", "207", "208", "210", "212", "213", "221"):
        kuan = cat.children(code, 2024)
        assert kuan, code
        for k in kuan:
            if k.code in KUAN_WITHOUT_XIANG:
                assert cat.children(k.code, 2024) == () and "不设项" in k.source, k
                continue
            if k.provenance == "unverified":
                continue  # an unconfirmed 款 gets no invented 项
            assert cat.children(k.code, 2024), f"款 {k.code} has no 项"


def test_every_class_has_kuan_in_every_year() -> None:
    cat = catalogue("functional")
    for year in YEARS:
        for cls in cat.classes(year):
            if cls.code == "227":  # 预备费 has no 款
                continue
            assert cat.children(cls.code, year), (cls.code, year)


# Government-fund (政府性基金预算) 款 and 项 a department may print, with their 2024 names.
FUND_CODES_2024 = {
    "2120801": "征地和拆迁补偿支出",
    "2120899": "其他国有土地使用权出让收入安排的支出",
    "2121001": "征地和拆迁补偿支出",
    "21211": "农业土地开发资金安排的支出",
    "2121301": "城市公共设施",
    "2121401": "污水处理设施建设和运营",
    "21215": "土地储备专项债券收入安排的支出",
    "21216": "棚户区改造专项债券收入安排的支出",
    "20707": "国家电影事业发展专项资金安排的支出",
    "2082201": "移民补助",
    "2082302": "基础设施建设和经济发展",
    "2116002": "太阳能发电补助",
    "2136601": "基础设施建设和经济发展",
    "2136903": "地方重大水利工程建设",
    "21460": "车辆通行费安排的支出",
    "21469": "民航发展基金支出",
    "2156202": "地方农网还贷资金支出",
    "22908": "彩票发行销售机构业务费安排的支出",
    "2296002": "用于社会福利的彩票公益金支出",
    "2296003": "用于体育事业的彩票公益金支出",
    "23103": "地方政府一般债务还本支出",
    "23204": "地方政府专项债务付息支出",
    "23304": "地方政府专项债务发行费用支出",
}


@pytest.mark.parametrize(("code", "name"), sorted(FUND_CODES_2024.items()))
def test_government_fund_codes_resolve_in_2024(code: str, name: str) -> None:
    cat = catalogue("functional")
    entry = must(cat.lookup(code, 2024))
    assert entry.name == name
    chain = [e.code for e in cat.ancestors(code, 2024)]
    assert chain == [c for c in (code[:5], code[:3]) if len(c) < len(code)]


def test_fund_classes_list_their_kuan() -> None:
    cat = catalogue("functional")
    kuan_212 = {e.code for e in cat.children("212", 2024)}
    assert {"21208", "21210", "21211", "21213", "21214", "21215", "21216"} <= kuan_212
    lottery = [e.code for e in cat.children("22960", 2024)]
    assert lottery[:3] == ["2296001", "2296002", "2296003"]
    assert [e.code for e in cat.children("229", 2024)][:3] == ["22902", "22904", "22908"]
    transfers = {e.code: e.name for e in cat.children("230", 2024)}
    assert transfers["23001"] == "返还性支出" and transfers["23015"] == "安排预算稳定调节基金"
    insurance = {e.code: e.name for e in cat.children("209", 2024)}
    assert insurance["20901"] == "企业职工基本养老保险基金支出" and "20999" in insurance
    assert "20905" not in insurance and cat.lookup("20905", 2019) is not None  # 生育保险 merged


def test_fund_renames_and_years() -> None:
    cat = catalogue("functional")
    assert cat.name("2296011", 2020) == "用于扶贫的彩票公益金支出"
    assert cat.name("2296011", 2024) == "用于巩固脱贫衔接乡村振兴的彩票公益金支出"
    assert cat.lookup("2120814", 2020) is None and cat.lookup("2120814", 2024) is not None
    assert cat.lookup("23401", 2019) is None
    assert must(cat.lookup("23401", 2024)).provenance == "official"
    assert must(cat.lookup("23401", 2025)).provenance == "unverified"  # like 类 234 in 2025
    assert must(cat.lookup("2340101", 2020)).parent == "23401"


def test_uncertain_entries_say_what_is_uncertain() -> None:
    for entry in catalogue("functional").all_entries():
        if entry.provenance == "unverified":
            assert entry.source.startswith("unverified:") and len(entry.source) > 12, entry


def test_economic_catalogues_cover_all_classes() -> None:
    dept = [e.code for e in catalogue("economic_dept").classes(2024)]
    assert dept == ["301", "302", "303", "307", "309", "310", "311", "312", "313", "399"]
    gov = [e.code for e in catalogue("economic_gov").classes(2024)]
    assert gov[0] == "501" and gov[-1] == "599" and len(gov) == 15
    for code in dept:
        assert catalogue("economic_dept").children(code, 2024), code


# ---------------------------------------------------------------------------- ancestry


def test_ancestry_compares_whole_segments() -> None:
    cat = catalogue("functional")
    assert [e.code for e in cat.ancestors("2010301", 2024)] == ["20103", "201"]
    assert must(cat.parent("2010301", 2024)).code == "20103"
    assert code_segments("2010301") == ("201", "03", "01")
    assert code_segments("2010") is None and cat.lookup("2010", 2024) is None
    assert is_ancestor("201", "2010301") and is_ancestor("20103", "2010301")
    assert not is_ancestor("2010", "20101")  # a prefix, not a segment
    assert not is_ancestor("20103", "20103")
    assert parent_code("30101", "economic_dept") == "301"
    assert code_segments("3010101", "economic_dept") is None
    assert cat.lookup("201 03 01", 2024) == cat.lookup("2010301", 2024)
    assert all(e.parent == "201" for e in cat.children("201", 2024))


def test_classes_are_listed_in_code_order() -> None:
    codes_2024 = [e.code for e in catalogue("functional").classes(2024)]
    assert codes_2024 == sorted(codes_2024)
    assert "234" not in [e.code for e in catalogue("functional").classes(2019)]
    assert "224" in [e.code for e in catalogue("functional").classes(2019)]


# ---------------------------------------------------------------------------- names


def test_search_tolerates_full_and_half_width_punctuation() -> None:
    dept = catalogue("economic_dept")
    for query in ("维修(护)费", "维修（护）费", " 维修 (护) 费 "):
        assert [e.code for e in dept.search(query, 2024)] == ["30213"]
    fun = catalogue("functional")
    hits = fun.search("政府办公厅(室)及相关机构事务", 2024)
    assert hits[0].code == "20103"  # exact match first ...
    assert "2010399" in [e.code for e in hits[1:]]  # ... then names containing it
    assert fun.search("", 2024) == ()
    assert names_equal("“两庭”建设", '"两庭"建设')


def test_name_of_210_by_year() -> None:
    cat = catalogue("functional")
    for year in YEARS:
        assert cat.name("210", year) == "卫生健康支出"
    names = [(e.name, e.valid_to) for e in cat.history("210")]
    assert names == [("医疗卫生与计划生育支出", 2018), ("卫生健康支出", None)]


def test_renamed_codes_change_name_at_their_year() -> None:
    cat = catalogue("functional")
    assert cat.name("20805", 2019) == "行政事业单位离退休"
    assert cat.name("20805", 2024) == "行政事业单位养老支出"
    assert cat.name("207", 2019) == "文化旅游体育与传媒支出"
    assert cat.lookup("234", 2019) is None and cat.name("234", 2020) == "抗疫特别国债安排的支出"
    assert cat.lookup("20138", 2019) is not None  # 市场监督管理事务, 2019 机构改革
    assert cat.lookup("20115", 2019) is None  # 工商行政管理事务 retired
    assert cat.history("20115")[-1].valid_to == 2018


def test_years_outside_the_catalogue_fall_back_to_the_nearest_year() -> None:
    cat = catalogue("functional")
    resolved = cat.resolve("210", 2017)
    assert resolved.year.fallback and resolved.year.used == FIRST_YEAR
    assert resolved.entry is not None and resolved.entry.name == "卫生健康支出"
    assert "2019" in resolved.year.note()
    assert cat.entries(2031) == cat.entries(LAST_YEAR)
    assert not covered_year(2024).fallback and covered_year(2024).note() == ""


def test_catalogues_are_loaded_once_and_unknown_kinds_rejected() -> None:
    assert catalogue("functional") is catalogue("functional")
    with pytest.raises(ValueError):
        catalogue("functionl")


# ---------------------------------------------------------------------------- 对照表, 收入项目


@pytest.mark.parametrize("year", YEARS)
def test_every_dept_economic_kuan_has_a_gov_counterpart(year: int) -> None:
    dept, gov = catalogue("economic_dept"), catalogue("economic_gov")
    for entry in dept.entries(year):
        if entry.level != "款":
            continue
        link = correspondence_dept_to_gov(entry.code, year)
        assert link is not None, entry.code
        assert gov.lookup(link.gov_code, year) is not None, link


def test_correspondence_examples() -> None:
    link = correspondence_dept_to_gov("30101", 2024)
    assert link is not None and link.gov_code == "50101" and link.provenance == "official"
    assert must(correspondence_dept_to_gov("30216", 2024)).gov_code == "50203"
    assert correspondence_dept_to_gov("301", 2024) is None


def test_income_items_by_alias_and_numbered_labels() -> None:
    assert income_item("财政专户核拨") == income_item("财政专户管理资金")
    assert must(income_item("1. 一般公共预算拨款")).key == "general_budget"
    assert must(income_item("其中：一般财力")).key == "general_budget_own"
    assert must(income_item("二、上年结转结余")).key == "carryover"
    assert income_item("上年结转（结余）") == income_item("上年结转(结余)")
    assert income_item("预算外资金") is None
    keys = [i.key for i in income_items()]
    assert len(keys) == len(set(keys))


def test_korla_summary_income_rows_resolve() -> None:
    structural = {"一、本年收入", "收入总计", "1、财政拨款结转", "2、非财政拨款结转结余"}
    labels = [
        "1. 一般公共预算拨款", "其中：一般财力", "上级一般公共预算安排转移支付",
        "2. 政府性基金预算拨款", "其中：政府性基金收入", "上级政府性基金安排转移支付",
        "3. 国有资本经营预算拨款", "其中：国有资本经营收入", "上级国有资本经营预算安排转移支付",
        "4. 财政专户核拨", "5. 单位资金", "其中：事业收入", "上级补助收入", "附属单位上缴收入",
        "事业单位经营收入", "其他收入", "二、上年结转结余",
    ]  # fmt: skip
    for label in labels:
        assert income_item(label) is not None, label
    assert must(income_item("1、财政拨款结转")).key == "fiscal_carryover"
    assert structural  # totals and section headings are table structure, not income items


# ---------------------------------------------------------------------------- documents


def _korla_codes() -> list[tuple[str, str, str]]:
    """(kind, code, name) for every coded row printed in the Korla 2024 seed's tables."""
    text = (FIXTURES / "korla-2024-seed.txt").read_text(encoding="utf-8")
    found: set[tuple[str, str, str]] = set()
    for line in text.splitlines():
        cells = line.split("\t")
        for cell in cells:  # 表1/表4: "201 一般公共服务支出"
            m = re.fullmatch(r"(2\d\d) (\S+支出|预备费)", cell.strip())
            if m:
                found.add(("functional", m.group(1), m.group(2)))
        if len(cells) < 4 or not re.fullmatch(r"[23]\d\d", cells[0]):
            continue
        if cells[0].startswith("2"):  # 类 款 项 名称
            code, name = cells[0] + cells[1] + cells[2], cells[3]
            found.add(("functional", code, name))
        else:  # 类 款 名称
            found.add(("economic_dept", cells[0] + cells[1], cells[2]))
    return sorted(found)


def test_every_code_in_the_korla_seed_resolves_for_2024_with_its_name() -> None:
    rows = _korla_codes()
    assert len(rows) > 60
    for kind, code, name in rows:
        entry = catalogue(kind).lookup(code, 2024)
        assert entry is not None, (code, name)
        if (kind, code) in KORLA_DEVIATIONS:
            assert KORLA_DEVIATIONS[(kind, code)] == name
            assert not names_equal(entry.name, name)  # the document's own wording is detected
        else:
            assert names_equal(entry.name, name), (code, name, entry.name)


def test_korla_table7_header_names_the_economic_classes() -> None:
    dept = catalogue("economic_dept")
    for label, code in KORLA_TABLE7_HEADERS.items():
        exact = [e for e in dept.classes(2024) if names_equal(e.name, label)]
        if code is None:
            assert exact == [], label
        else:
            assert [e.code for e in exact] == [code], label


def _corpus_rows() -> list[dict[str, str]]:
    with (FIXTURES / "corpus_codes.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def test_every_code_in_the_corpus_pdfs_resolves_for_its_year() -> None:
    rows = _corpus_rows()
    assert {r["document"][:8] for r in rows} == {"jiangsu-", "shanghai"}
    assert {int(r["year"]) for r in rows} == {2019, 2023, 2025}
    for row in rows:
        if not row["code"]:
            continue
        entry = catalogue(row["kind"]).lookup(row["code"], int(row["year"]))
        assert entry is not None, row
        assert names_equal(entry.name, row["name"]), (row, entry.name)


def test_class_names_printed_without_codes_are_classes_of_their_year() -> None:
    for row in _corpus_rows():
        if row["code"]:
            continue
        year = int(row["year"])
        classes = catalogue(row["kind"]).classes(year)
        assert any(names_equal(e.name, row["name"]) for e in classes), row


def test_a_misprinted_name_is_detected() -> None:
    entry = catalogue("functional").lookup("20604", 2024)
    assert entry is not None and entry.name == "技术研究与开发"
    assert not names_equal(entry.name, "技术与开发")


# ---------------------------------------------------------------------------- CLI


def test_cli_prints_a_code_with_its_chain_and_children(capsys: pytest.CaptureFixture[str]) -> None:
    codes("2010301", year=2024)
    out = capsys.readouterr().out
    assert "2010301 行政运行" in out
    assert "201 一般公共服务支出 > 20103 政府办公厅（室）及相关机构事务" in out
    codes("20805", year=2024)
    out = capsys.readouterr().out
    assert "2080505 机关事业单位基本养老保险缴费支出" in out and "行政事业单位离退休" in out


def test_cli_finds_codes_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    codes("维修(护)费", year=2024)
    out = capsys.readouterr().out
    assert "30213 维修（护）费" in out and "50209" in out


@pytest.mark.parametrize("query", ["2019999999", "20102999", "9999", "没有这个科目"])
def test_cli_unknown_query_exits_2_with_a_chinese_message(
    query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        codes(query, year=2024)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "没有" in err or "无法" in err
