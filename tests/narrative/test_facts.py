"""Every amount and percentage printed in a generated sentence is one of its facts, and
every fact that refers to a table cell equals that cell (examples/korla-2024)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.conftest import KORLA
from yusuan.derive.source import load_budget
from yusuan.model.disclosure import Disclosure, Fact, Sentence
from yusuan.model.money import format_amount

AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})*\.\d{2})\s*万元")
PERCENT = re.compile(r"(\d+\.\d{2})%")


def _context_texts() -> list[str]:
    """Text the department supplies (reasons, purposes, project facts): its own figures are
    not the generator's and are left out of the comparison."""
    b = load_budget(KORLA)
    texts = [*b.reasons.values(), *b.purposes.values(), b.other_matters]
    for p in b.projects:
        texts += [p.policy_basis, p.allocation, p.period]
    return sorted((t for t in texts if t), key=len, reverse=True)


def _sentences(d: Disclosure) -> list[Sentence]:
    return [s for section in d.narrative for s in section.sentences()]


def test_every_printed_amount_and_percentage_is_a_fact(korla_disclosure):
    context = _context_texts()
    checked = 0
    for s in _sentences(korla_disclosure):
        text = s.text
        for c in context:
            text = text.replace(c, "")
        amounts = {format_amount(f.amount) for f in s.facts if f.amount is not None}
        amounts |= {format_amount(abs(f.change)) for f in s.facts if f.change is not None}
        percents = {f"{f.share:.2f}" for f in s.facts if f.share is not None}
        percents |= {f"{abs(f.rate):.2f}" for f in s.facts if f.rate is not None}
        for a in AMOUNT.findall(text):
            assert a in amounts, f"{a} 万元 not among the facts of: {s.text}"
            checked += 1
        for p in PERCENT.findall(text):
            assert p in percents, f"{p}% not among the facts of: {s.text}"
            checked += 1
    assert checked > 100


def _cell(d: Disclosure, f: Fact) -> Decimal | None:
    assert f.ref_table is not None and f.ref_column is not None
    t = d.table(f.ref_table)
    assert t is not None, f.ref_table
    if f.ref_row is not None:
        row = t.row(key=f.ref_row)
    elif any(r.project == f.subject for r in t.rows):  # 表7 project rows: code + project name
        row = next(r for r in t.rows if r.project == f.subject and r.code == f.ref_code)
    else:
        row = t.row(code=f.ref_code)
    assert row is not None, f
    return row.value(f.ref_column)


def test_referenced_cells_equal_the_stated_amounts(korla_disclosure):
    facts = [f for s in _sentences(korla_disclosure) for f in s.facts if f.ref_table]
    assert len(facts) > 60
    for f in facts:
        cell = _cell(korla_disclosure, f)
        # A blank cell of a fixed row (e.g. 表1 政府性基金, 表10 因公出国) is stated as 0.00.
        assert (cell if cell is not None else Decimal(0)) == f.amount, f


@pytest.mark.parametrize(("subject", "change", "rate"), [
    ("一般公共预算", "54.86", "3.82"),
    ("培训支出", "-0.17", "-3.41"),
    ("行政单位离退休", "31.63", "104.29"),
    ("机关运行经费", "-2.44", "-3.91"),
    ("公务用车运行费", "0.00", "0.00"),
])
def test_changes_are_signed(korla_disclosure, subject, change, rate):
    facts = [f for s in _sentences(korla_disclosure) for f in s.facts
             if f.subject == subject and f.change is not None]
    assert facts
    assert all(f.change == Decimal(change) and f.rate == Decimal(rate) for f in facts)
