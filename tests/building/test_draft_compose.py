"""``compose.draft``: what a draft starts from and what the filer writes, made into the
document; the changes that need a reason, found from the narrative's own comparisons; last
year's figures by the narrative's keys; a source folder's ZIP read safely."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from decimal import Decimal

import pytest

from tests.conftest import EXAMPLES, FIXTURES
from yusuan.compose import build_disclosure
from yusuan.compose.draft import (
    MAX_ZIP_FILES,
    Base,
    Edits,
    draft_disclosure,
    read_base,
    reason_items,
)
from yusuan.compose.last_year import budget_of, carried_base, printed_reasons, prior_figures
from yusuan.model.errors import InputError
from yusuan.model.money import Unit
from yusuan.model.reasons import needs_reason
from yusuan.model.serialize import disclosure_to_data
from yusuan.parse.dispatch import parse_file

EXAMPLE = EXAMPLES / "shanghai-dept-2025"


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def base():
    return read_base("folder", "示例.zip", _zip(
        {f"src/{p.name}": p.read_bytes() for p in EXAMPLE.iterdir()}))


def test_the_zip_builds_what_the_folder_builds(base):
    built = build_disclosure(EXAMPLE)
    drafted = draft_disclosure(base, Edits())
    assert [(t.id, [(r.name, r.code, r.values) for r in t.rows]) for t in drafted.tables] == [
        (t.id, [(r.name, r.code, r.values) for r in t.rows]) for t in built.tables]
    stored = json.dumps(disclosure_to_data(drafted), ensure_ascii=False)
    assert "/tmp" not in stored and "示例.zip/src/lines.csv" in stored  # no server path
    assert [list(s.sentences()) for s in drafted.narrative] == [
        list(s.sentences()) for s in built.narrative]
    assert drafted.source is not None and drafted.source.file == "示例.zip"


def test_reason_items_follow_the_narrative_and_the_one_threshold(base):
    items = reason_items(base, Edits())
    # budget.yaml gives prior figures; unchanged ones (三公 items equal to last year) need none
    assert [(i.key, i.label) for i in items] == [("appropriation", "财政拨款收入"),
                                               ("operating_cost", "机关运行经费")]
    fiscal = items[0]
    assert (fiscal.prior, fiscal.change, fiscal.rate) == (
        Decimal("15200000.00"), Decimal("1558163.00"), Decimal("10.25"))
    assert fiscal.reason == "信息系统运行维护费和委托业务费增加（示例）"  # budget.yaml's
    assert all(needs_reason(i.change) for i in items) and not needs_reason(Decimal(0))
    # a prior figure equal to this year's: nothing to explain
    same = Edits(prior_year={"operating_cost": items[1].current})
    assert [i.key for i in reason_items(base, same)] == ["appropriation"]


def test_what_the_filer_writes_reaches_the_document(base):
    edits = Edits(reasons={"appropriation": "新增信息系统运维项目"},
                  prior_year={"three_public.reception": Decimal("12000.00")},
                  functions=("负责全区示例工作。",),
                  projects={"信息系统运行维护费": {"policy_basis": "《示例办法》"}})
    d = draft_disclosure(base, edits)
    text = "".join(x.text for s in d.narrative for x in s.sentences())
    assert "新增信息系统运维项目" in text and "《示例办法》" in text
    assert d.overview.functions == ("负责全区示例工作。",)
    reception = [i for i in reason_items(base, edits) if i.key == "three_public.reception"]
    assert reception and reception[0].change == Decimal("-2500.00")
    assert Edits.from_data(edits.to_data()) == edits


def test_last_years_figures_by_key_and_carried_over(base):
    last = replace(draft_disclosure(base, Edits()), year=2024)
    prior = prior_figures(last, Unit.WAN)
    assert prior["income.fiscal"] == Decimal("1675.8163")  # 元 → 万元, exactly
    carried = carried_base(last)
    assert carried.carried and carried.budget.year == 2025
    assert carried.budget.overview == last.overview


@pytest.mark.parametrize(("files", "message"), [
    ({"../budget.yaml": b"x"}, "不安全"),
    ({"/etc/budget.yaml": b"x"}, "不安全"),
    ({f"f{i}.txt": b"" for i in range(MAX_ZIP_FILES + 1)}, f"超过 {MAX_ZIP_FILES} 个"),
    ({"readme.txt": b"x"}, "没有 budget.yaml"),
])
def test_unsafe_or_wrong_zips_are_refused(files, message):
    with pytest.raises(InputError) as caught:
        read_base("folder", "源.zip", _zip(files))
    assert message in str(caught.value) and "源.zip" in str(caught.value)


def test_not_a_zip_or_workbook():
    with pytest.raises(InputError, match="不是有效的 ZIP"):
        read_base("folder", "a.zip", b"plain text")
    with pytest.raises(InputError) as caught:
        read_base("workbook", "预算.xlsx", b"plain text")
    assert "预算.xlsx" in str(caught.value) and "/tmp" not in str(caught.value)


@pytest.mark.parametrize("example", ["jiangsu-dept-2019", "korla-2024", "synthetic-2024",
                                     "water-2025", "synthetic-final-2024"])
def test_every_region_lists_its_changes_in_words(example):
    """Each region's and kind's narrative gives its own list; each item named as printed."""
    folder = EXAMPLES / example
    base = read_base("folder", f"{example}.zip",
                     _zip({p.name: p.read_bytes() for p in folder.iterdir()}))
    items = reason_items(base, Edits())
    assert items and len({i.key for i in items}) == len(items)
    assert all(i.label and not i.label.isascii() for i in items), [i.label for i in items]
    assert all(i.prior == base.budget.prior_year[i.figure] for i in items)


def test_reasons_printed_last_year_are_found_by_their_figures():
    """The 检察院's 2018 document (a real PDF): each reason it printed, found by the figure
    it explains, pre-fills its 2019 draft."""
    prev, _ = parse_file(FIXTURES / "jiangsu-provincial-procuratorate-2018-dept-budget.pdf",
                         None)
    this, _ = parse_file(FIXTURES / "jiangsu-provincial-procuratorate-2019-dept-budget.pdf",
                         None)
    printed = printed_reasons(prev)
    assert printed["gpb.2040402"] == "省检察院本级增加安排了办公办案设备购置费预算支出"
    assert printed["expenditure.project"] == "南京铁路检察院增加了 40万元的检察办案费预算"
    assert printed["operating_cost"].startswith("两个年度报表设计的统计口径形成的差异")
    items = reason_items(Base(budget_of(this)), Edits(prior_year=prior_figures(
        prev, this.unit)), printed)
    running = next(i for i in items if i.figure == "gpb.2040401")
    assert (running.prior, running.current) == (Decimal("10883.36"), Decimal("12268.62"))
    assert running.last_reason.startswith("员额制检察官工资改革等政策性调增")
    assert sum(bool(i.last_reason) for i in items) >= len(items) // 2
