"""Classification validity: codes exist in the year's catalogue, names match codes (width and
punctuation ignored), old names after a renaming and names against ``unverified`` catalogue
entries are warnings, a name that belongs to another code is an error."""

from __future__ import annotations

from tests.checks.helpers import disclosure, findings_of, table


def gpb(code: str, name: str, year: int = 2024):  # type: ignore[no-untyped-def]
    return disclosure(table("gpb", ["total"], [(None, "总计", ["1.00"]), (code, name, ["1.00"])]),
                      year=year)


def severities(d, rule_id):  # type: ignore[no-untyped-def]
    return [f.severity for f in findings_of(d, rule_id)]


def test_official_name_with_other_punctuation_matches() -> None:
    assert severities(gpb("20103", "政府办公厅(室)及相关机构事务"),
                      "classification.functional-name-matches") == []


def test_name_renamed_in_2019_is_a_warning_naming_the_new_name() -> None:
    [f] = findings_of(gpb("210", "医疗卫生与计划生育支出"), "classification.functional-name-matches")
    assert f.severity == "warning"
    assert "卫生健康支出" in f.message and "旧名称" in f.message


def test_name_of_another_code_is_an_error() -> None:
    [f] = findings_of(gpb("2010301", "一般行政管理事务"), "classification.functional-name-matches")
    assert f.severity == "error" and f.expected == "行政运行"


def test_abbreviated_name_is_a_warning() -> None:
    assert severities(gpb("20604", "技术与开发"), "classification.functional-name-matches") \
        == ["warning"]


def test_unverified_catalogue_entry_gives_at_most_a_warning() -> None:
    # 2060405 共性技术研究与开发 is recorded as unverified in the catalogue
    assert severities(gpb("2060405", "行政运行"), "classification.functional-name-matches") \
        == ["warning"]


def test_unknown_code_under_a_known_branch_is_a_warning() -> None:
    """The catalogue is transcribed, not read from an official machine copy: a 项 it lacks may
    be a gap of the catalogue (new 项 are added every year), so the finding is a warning."""
    [f] = findings_of(gpb("2010388", "某某支出"), "classification.functional-code-exists")
    assert f.severity == "warning" and "2010388" in f.message


def test_unknown_code_is_reported_once_naming_every_table_printing_it() -> None:
    rows = [(None, "总计", ["1.00"]), ("2010388", "某某支出", ["1.00"])]
    d = disclosure(table("expenditure", ["total"], rows, title="部门支出总体情况表"),
                   table("gpb", ["total"], rows, title="一般公共预算支出情况表"))
    [f] = findings_of(d, "classification.functional-code-exists")
    assert f.location.table == "expenditure"
    assert "见于表“部门支出总体情况表”、“一般公共预算支出情况表”" in f.message


def test_unknown_branch_is_only_a_warning() -> None:
    assert severities(gpb("2018801", "某某支出"), "classification.functional-code-exists") \
        == ["warning"]


def test_a_year_the_catalogue_does_not_cover_gets_notes_not_warnings() -> None:
    """Before the 2019 catalogue (the 经济分类 reform of 2018), a 2017 document's 2040404
    查办和预防职务犯罪 and its 30307 医疗费 were right: the catalogue cannot tell, so the
    finding is a note saying which year answered; a covered year keeps its warning."""
    [f] = findings_of(gpb("2040404", "查办和预防职务犯罪", year=2017),
                      "classification.functional-code-exists")
    assert f.severity == "info" and "2017 年按最近的 2019 年目录回答" in f.message
    economic = disclosure(table("gpb_basic", ["total"], [(None, "总计", ["1.00"]),
                                                         ("30307", "医疗费", ["1.00"])]), year=2017)
    [f] = findings_of(economic, "classification.economic-name-matches")
    assert f.severity == "info" and "目录覆盖" in f.message
    assert severities(gpb("2040404", "查办和预防职务犯罪", year=2024),
                      "classification.functional-code-exists") == ["warning"]
