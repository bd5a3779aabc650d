"""The 上海 budget workbook templates: the department is what the cover's “预算主管部门：” /
“预算单位：” line says — never a glossary entry or a numbered item — and a name that is still
the form's placeholder says the template is unfilled."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from yusuan.parse.dispatch import parse_file


@pytest.mark.parametrize(("name", "department"), [
    ("shanghai-putuo-2026-dept-budget-workbook-template.xlsx", "上海市普陀区XX局"),
    ("shanghai-putuo-2026-unit-budget-workbook-template.xlsx", "上海市普陀区XX单位")])
def test_the_template_department_comes_from_its_cover(name: str, department: str) -> None:
    d, findings = parse_file(FIXTURES / name)
    assert d.department == department
    (unfilled,) = [f for f in findings if f.rule_id == "parse.template-unfilled"]
    assert unfilled.severity == "warning" and "未填写的模板" in unfilled.message


@pytest.mark.parametrize("name", ["shanghai-putuo-government-office-2025-unit-budget.pdf",
                                  "shanghai-putuo-commerce-commission-2025-dept-budget.pdf"])
def test_a_published_document_is_not_called_a_template(name: str) -> None:
    d, findings = parse_file(FIXTURES / name)
    assert d.department.startswith("上海市普陀区")
    assert "parse.template-unfilled" not in {f.rule_id for f in findings}


def test_the_final_form_names_its_placeholder_department() -> None:
    d, findings = parse_file(FIXTURES / "shanghai-putuo-dept-final-template.pdf")
    assert d.department == "上海市XX局"
    assert "parse.template-unfilled" in {f.rule_id for f in findings}
