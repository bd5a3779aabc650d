"""A blank template leaves "XX" in every sentence: the checker says so once per kind of
placeholder per part or section, with the count and the next places, not once per "XX"."""

from __future__ import annotations

import dataclasses
from collections import Counter

from tests.conftest import FIXTURES
from yusuan.checks.catalogue import rule
from yusuan.checks.run import check_disclosure
from yusuan.parse.dispatch import parse_file

TEMPLATE = FIXTURES / "shanghai-putuo-dept-final-template.pdf"


def test_the_final_template_gives_one_finding_per_kind_per_section() -> None:
    d, _ = parse_file(TEMPLATE)
    found = check_disclosure(d, [rule("text.placeholder")])
    where = Counter((f.location.section or f.location.name, f.actual[:2]) for f in found)
    assert set(where.values()) == {1}  # one per section (or part) and kind
    assert 5 <= len(found) <= 30  # the blank 决算 form has some 170 "XX"
    seventh = next(f for f in found if f.location.section == "第三部分“七”")
    count = int(seventh.message.split("共 ")[1].split(" 处")[0])
    assert count > 10 and len(seventh.also) == 5
    assert "另见 第 17 页" in seventh.message
    assert seventh.to_data()["also_at"][0]["location"]["page"] is not None


def test_a_single_placeholder_is_reported_as_it_is(korla_disclosure) -> None:  # type: ignore[no-untyped-def]
    o = korla_disclosure.overview
    d = dataclasses.replace(korla_disclosure, overview=dataclasses.replace(
        o, functions=(*o.functions, "负责XX工作。")))
    (f,) = check_disclosure(d, [rule("text.placeholder")])
    assert f.also == () and "共" not in f.message and f.actual == "XX"
