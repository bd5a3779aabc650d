"""A stated share is held against the share of the printed figures over their rounding: the
builder states 97.07% for amounts printed 20.24 of 20.85 (20.24 ÷ 20.85 = 97.07%), while its
exact 20.2351 gives 97.05%: within rounding, no error on the built document. A share outside that range
stays an error (江苏省检察院 2017's 18.85% for 110.00 ÷ 584.35 = 18.82%, tests/parse)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from tests.checks.helpers import findings_of, map_facts, map_table
from tests.conftest import EXAMPLES
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import Disclosure, Fact, Table

CELLS = {"three_public": Decimal("20.85"), "abroad": Decimal("0"), "vehicle": Decimal("0.6149"),
         "vehicle.operation": Decimal("0.6149"), "reception": Decimal("20.2351")}


def _case(reception_share: str) -> Disclosure:
    d = build_disclosure(EXAMPLES / "jiangsu-dept-2019")

    def cells(t: Table) -> Table:
        row = t.rows[0]
        return dataclasses.replace(t, rows=(dataclasses.replace(
            row, values={**row.values, **CELLS,
                         "total": Decimal("20.85") + row.values["meeting"]
                         + row.values["training"]}),))

    # the builder's facts carry the exact amounts; the sentence prints them to the cent
    amounts = {"abroad": ("0.00", "0.00"), "vehicle": ("0.6149", "2.93"),
               "reception": ("20.2351", reception_share)}

    def fact(f: Fact) -> Fact:
        if f.ref_table == "three_public" and f.ref_column in amounts and f.share is not None:
            amount, share = amounts[f.ref_column]
            return dataclasses.replace(f, amount=Decimal(amount), share=Decimal(share))
        return f

    return map_facts(map_table(d, "three_public", cells), fact)


def test_a_share_within_the_rounding_of_the_printed_figures_is_no_error() -> None:
    found = findings_of(_case("97.07"), "narrative.share-eq-computed")
    reception = [f for f in found if f.actual == Decimal("97.07")]
    assert reception and {f.severity for f in reception} == {"info"}


def test_a_share_outside_that_rounding_is_an_error() -> None:
    found = findings_of(_case("97.17"), "narrative.share-eq-computed")
    assert [f.severity for f in found if f.actual == Decimal("97.17")] == ["error"]
