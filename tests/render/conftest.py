"""Rendered outputs of the Korla 2024 example, made once per session and read back by the tests.

``narrated`` is the example with a small hand-made Part 3 (a heading, text with amounts, an
item, the performance-tables marker, text after it) so that the renderers' handling of the
narrative is tested whether or not the narrative generator has produced sections.
"""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import pytest

from yusuan.model.disclosure import Disclosure, Fact, Section, Sentence

HAND_MADE = (
    Section("一", "收支预算总体情况", key="overview", paragraphs=(
        (Sentence("2024 年收入预算 1,491.86 万元，支出预算 1,491.86 万元。",
                  facts=(Fact("收入预算", amount=Decimal("1491.86")),)),),
        (Sentence("（一）基本支出", kind="heading"),),
        (Sentence("1. 人员经费 1,031.95 万元，比上年增加 12.34 万元，增长 1.21%。", kind="item"),),
    )),
    Section("二", "预算绩效情况说明", key="performance", paragraphs=(
        (Sentence("本部门 2024 年实行绩效目标管理的项目 4 个，涉及资金 410.00 万元。"),),
        (Sentence("", kind="performance_tables"),),
        (Sentence("绩效目标表之后的说明文字，金额 0.00 万元。"),),
    )),
)


@pytest.fixture(scope="session")
def narrated(korla_disclosure: Disclosure) -> Disclosure:
    return replace(korla_disclosure, narrative=HAND_MADE)


@pytest.fixture(scope="session")
def korla_pdf(korla_disclosure):
    import pdfplumber

    from yusuan.render.pdf import render_pdf

    data = render_pdf(korla_disclosure)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        yield pdf


@pytest.fixture(scope="session")
def narrated_pdf(narrated):
    import pdfplumber

    from yusuan.render.pdf import render_pdf

    with pdfplumber.open(io.BytesIO(render_pdf(narrated))) as pdf:
        yield pdf


@pytest.fixture(scope="session")
def narrated_docx(narrated):
    import docx

    from yusuan.render.docx import render_docx

    return docx.Document(io.BytesIO(render_docx(narrated)))


@pytest.fixture(scope="session")
def korla_xlsx(korla_disclosure):
    import openpyxl

    from yusuan.render.xlsx import render_xlsx

    return openpyxl.load_workbook(io.BytesIO(render_xlsx(korla_disclosure)))
