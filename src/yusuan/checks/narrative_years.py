"""Part 3 figures against what they are compared with, and notes against their tables.

- An item sentence's figure for this year equals its heading's (上海: "（项）X万元…2023年预算
  安排B万元": B copied from the item above while X is this item's is a real error).
- A rate stated with its base figure follows from the two (上海: "2022年当年预算执行数为A万元，
  2023年预算安排B万元，比2022年预算执行数增加C%"), at the precision each figure is printed to.
- A change cannot make last year negative ("…0万元，比2022年预算增加1421.25万元").
- The year compared with is the previous year ("比2026年预算增加" in a 2026 document is not).
- A 类 named by a name the classification retired before the budget year
  (医疗卫生与计划生育支出, 卫生健康支出 since 2019).
- A table whose note says it is empty prints amounts (“…无“三公”经费…故本表为空表”).
- The “三公” changes add up: the whole's change is its items' (因公出国 + 公务用车 + 公务接待;
  公务用车 = 购置 + 运行), as the whole is their sum in both years.

The comparisons are read by ``parse.fact_shapes`` (``Fact.prior``, ``basis``, ``base_year``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from yusuan.checks.context import Context
from yusuan.checks.facts import Stated, full_text, printed_places, rate_verdict, stated_facts
from yusuan.checks.index import printed_quantum
from yusuan.checks.located import printing, said_at, section_label
from yusuan.checks.rule import Rule, compare, diff_text, fmt
from yusuan.model.disclosure import Disclosure, Fact
from yusuan.model.finding import Finding, Location, Severity
from yusuan.model.money import Unit, convert, round_half_up
from yusuan.reference.classification import catalogue, normalize_name

HUNDRED = Decimal(100)


def _where(d: Disclosure, st: Stated, f: Fact | None = None) -> Location:
    """The sentence of ``st``, pointing at the cell of ``f`` (the fact's own by default)."""
    f = f or st.fact
    return said_at(d, st.section, st.sentence, table=f.ref_table, code=f.ref_code,
                   name=f.subject, column=f.ref_column)


def _said(st: Stated, subject: str | None = None) -> str:
    return f"{section_label(st.section)}所述“{subject or st.fact.subject}”"


# ------------------------------------------------------------------ item figure = heading

def _item_facts(d: Disclosure) -> Iterator[tuple[Stated, Fact]]:
    """(a fact labelling this year's figure with its year, the item heading above it in the
    same paragraph): the heading is the last fact naming a classification row."""
    for section in d.narrative:
        for paragraph in section.paragraphs:
            heading: Fact | None = None
            for sentence in paragraph:
                for f in sentence.facts:
                    if f.ref_code is not None and f.prior is None:
                        heading = f
                    elif heading is not None and f.prior is not None and f.ref_table is None:
                        yield Stated(f, sentence, section), heading


def _disagrees(f: Fact, heading: Fact) -> bool:
    if f.amount is None or heading.amount is None:
        return False
    said = convert(f.amount, f.unit, heading.unit)
    qa, qb = printed_quantum([f.amount]), printed_quantum([heading.amount])
    allowed = max(qa, qb) / 2 if qa != qb else Decimal(0)  # one side printed coarser
    return abs(said - heading.amount) > allowed


def _copied_items(d: Disclosure) -> set[int]:
    """The item facts whose figure is not their heading's (their rate is judged with it)."""
    return {id(st.fact) for st, heading in _item_facts(d) if _disagrees(st.fact, heading)}


def _item_amounts(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    for st, heading in _item_facts(d):
        f = st.fact
        if f.amount is None or heading.amount is None or not _disagrees(f, heading):
            continue
        said = convert(f.amount, f.unit, heading.unit)
        rate = ""
        if f.rate is not None and f.prior is not None and f.prior > 0:
            # the rate was copied with the figure: say what it is for the heading's amount
            right = round_half_up((heading.amount - f.prior) / f.prior * HUNDRED, printed_places(f.rate))
            if right != f.rate:
                rate = f"；所述增减率 {f.rate}% 按标题金额应为 {right}%"
        yield ITEM_AMOUNT.finding(
            f"{_said(st, heading.subject)}本年预算：标题金额 {fmt(heading.amount)}{heading.unit}，"
            f"句中“{f.subject}”却为 {fmt(f.amount)}{f.unit}（相差 {diff_text(heading.amount, said)}{heading.unit}）"
            f"{rate}，可能沿用了上一项的数字", _where(d, st, heading), expected=heading.amount,
            actual=said)


ITEM_AMOUNT = Rule("narrative.item-amount-eq-heading", "error", "narrative",
                   "项目说明句中的本年预算数 = 该项标题所列金额", "预算法 §14；《地方预决算公开操作规程》（财预〔2016〕143号）",
                   _item_amounts)


# ------------------------------------------------------------------ rate = (B − A) ÷ A

def _half(v: Decimal) -> Decimal:
    return printed_quantum([v]) / 2 if v != 0 else Decimal("0.005")


def _rate_range(amount: Decimal, prior: Decimal) -> tuple[Decimal, Decimal] | None:
    """The rates the two printed figures allow, each off by up to half its last digit."""
    ha, hp = _half(amount), _half(prior)
    if prior - hp <= 0:
        return None
    rates = [(a - p) / p * HUNDRED for a in (amount - ha, amount + ha)
             for p in (prior - hp, prior + hp)]
    return min(rates), max(rates)


def _rates_from_prior(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    copied = _copied_items(d)  # reported once, by narrative.item-amount-eq-heading
    headings = {id(st.fact): heading.subject for st, heading in _item_facts(d)}
    for st in stated_facts(ctx.index):
        f = st.fact
        if f.rate is None or f.prior is None or f.amount is None or f.prior <= 0 or \
                f.change is not None or id(f) in copied:
            # from a base of 0 no rate follows (上海 prints 100.00% for a new item); a stated
            # change has its rate checked by narrative.yoy-rate-eq-computed
            continue
        computed = round_half_up((f.amount - f.prior) / f.prior * HUNDRED,
                                 printed_places(f.rate))
        if computed == f.rate:
            continue
        yield from rate_verdict(
            RATE_PRIOR, f"{_said(st, headings.get(id(f)))}增减率 {f.rate}%，按 ({fmt(f.amount)} − "
                        f"{fmt(f.prior)}) ÷ {fmt(f.prior)}（{f.base_year or '上年'}年"
                        f"{f.basis or '预算'}）计算应为 {computed}%", _where(d, st), f.rate,
            computed, _rate_range(f.amount, f.prior))


RATE_PRIOR = Rule("narrative.rate-eq-stated-base", "error", "narrative",
                  "句中列出上年数（预算或执行数）时，增减率 =（本年数 − 上年数）÷ 上年数 × 100，"
                  "按所述小数位四舍五入", "《地方预决算公开操作规程》（财预〔2016〕143号）", _rates_from_prior)


# ------------------------------------------------------------------ last year not negative

def _prior_not_negative(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    for st in stated_facts(ctx.index):
        f = st.fact
        if f.amount is None or f.change is None or f.prior is not None:
            continue
        prior = f.amount - f.change
        if prior < 0:
            yield PRIOR_NEGATIVE.finding(
                f"{_said(st)}本年 {fmt(f.amount)}{f.unit}、比上年增减 {diff_text(Decimal(0), f.change)}{f.unit}，"
                f"推得上年数为负（{fmt(prior)}{f.unit}）：增减额或方向有误", _where(d, st),
                expected=None, actual=f.change)


PRIOR_NEGATIVE = Rule("narrative.prior-not-negative", "error", "narrative",
                      "本年数 − 增减额（推得的上年数）不为负", "《地方预决算公开操作规程》（财预〔2016〕143号）",
                      _prior_not_negative)


# ------------------------------------------------------------------ the base year

def _base_year(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    seen: set[tuple[str, int]] = set()
    for st in stated_facts(ctx.index):
        f = st.fact
        year = f.base_year
        if year is None or year == d.year - 1 or (st.sentence.text, year) in seen:
            continue
        seen.add((st.sentence.text, year))
        yield BASE_YEAR.finding(
            f"{_said(st)}与 {year} 年比较：{d.year} 年预算应与上一年（{d.year - 1} 年）比较",
            _where(d, st), expected=d.year - 1, actual=year)


BASE_YEAR = Rule("narrative.base-year-previous", "error", "narrative",
                 "增减比较的年份是预算年度的上一年", "《地方预决算公开操作规程》（财预〔2016〕143号）", _base_year)


# ------------------------------------------------------------------ retired 类 names

@cache
def _retired_class_names(year: int) -> tuple[tuple[str, str, int, str], ...]:
    """(old name, code, last year of the old name, the name in ``year``) for each 类 of the
    functional classification renamed before ``year``."""
    cat = catalogue("functional")
    out = []
    for entry in cat.classes(year):
        for old in cat.history(entry.code):
            if old.valid_to is not None and old.valid_to < year and \
                    normalize_name(old.name) != normalize_name(entry.name):
                out.append((old.name, entry.code, old.valid_to, entry.name))
    return tuple(out)


def _class_names(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    text = full_text(ctx.index)
    for old, code, last, name in _retired_class_names(d.year):
        if normalize_name(old) in text:
            severity: Severity = "warning" if d.year <= last + 1 else "error"  # year of change
            yield CLASS_NAME.finding(
                f"第三部分使用了已停用的类名“{old}”（{code}，{last} 年及以前的名称），"
                f"{d.year} 年应为“{name}”", printing(d, old, code=code) or Location(
                    file=d.source.file if d.source else None, code=code), severity=severity,
                expected=name, actual=old)


CLASS_NAME = Rule("narrative.class-name-current", "error", "narrative",
                  "说明中的类名用预算年度的名称（改名当年为警告）", "政府收支分类科目（历年）",
                  _class_names)

# ------------------------------------------------------------------ an “empty” table with amounts

def _empty_note(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    for t in d.tables:
        if t.empty_statement is None or t.is_empty:
            continue
        amounts = [v for _r, _c, v in t.cells() if v != 0]
        if not amounts:
            continue  # zeros only: empty in substance
        yield EMPTY_NOTE.finding(
            f"表“{t.title}”下注明“{t.empty_statement}”，表中却有 {len(amounts)} 个非零金额"
            f"（如 {fmt(amounts[0])}{t.unit}）：表与说明必有一处错误",
            Location(file=d.source.file if d.source else None,
                     page=t.origin.page if t.origin else None, table=t.id),
            expected=None, actual=amounts[0])


EMPTY_NOTE = Rule("narrative.empty-note-eq-table", "error", "narrative",
                  "注明为空表的表中没有金额", "《地方预决算公开操作规程》（财预〔2016〕143号）",
                  _empty_note)

# ------------------------------------------------------------------ “三公” changes add up

# each whole's parts, by the key of the cell (a column of the 合计 row, or a row)
_PARTS = {"vehicle": ("vehicle.purchase", "vehicle.operation"),
          "three_public": ("abroad", "vehicle", "reception")}
# the 合计 (``total``) is the 三公 only where the table adds nothing else to it (江苏's 会议费、培训费)
_OTHERS = {"meeting", "training", "three_public"}


def _three_public_changes(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    table = ctx.index.get("three_public")
    if table is None:
        return
    keys = {c.key for c in table.table.columns} | {r.key for r in table.table.rows if r.key}
    said: dict[str, Stated] = {}
    for st in stated_facts(ctx.index):
        f = st.fact
        if f.ref_table == "three_public" and f.change is not None \
                and f.basis not in ("执行数", "决算"):
            said.setdefault((f.ref_column if f.ref_row == "total" else f.ref_row) or "", st)

    def change(name: str, unit: Unit) -> Decimal | None:
        """The stated change of ``name``, or the sum of its parts' (公务用车 not stated
        itself, its 购置 and 运行 are)."""
        if name in said:
            f = said[name].fact
            return convert(f.change or Decimal(0), f.unit, unit)
        total = Decimal(0)
        for part in _PARTS.get(name, ()):
            value = change(part, unit)
            if value is None:
                return None
            total += value
        return total if name in _PARTS else None

    for whole in ("vehicle", "three_public", "total"):
        if whole not in said or (whole == "total" and keys & _OTHERS):
            continue
        st, parts = said[whole], _PARTS["three_public" if whole == "total" else whole]
        changes = [change(p, st.fact.unit) for p in parts]
        known = [c for c in changes if c is not None]
        if len(known) < len(changes):
            continue
        yield from compare(THREE_CHANGES, expected=sum(known, Decimal(0)),
                           actual=st.fact.change, n=len(parts), unit=st.fact.unit,
                           location=_where(d, st),
                           what=f"{_said(st)}增减额与所列各项增减额之和")


THREE_CHANGES = Rule("narrative.three-public-changes-add-up", "error", "narrative",
                     "“三公”经费增减额 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费增减额；"
                     "公务用车购置及运行费增减额 = 购置费 + 运行费增减额",
                     "docs/identities.md C7", _three_public_changes)

RULES: tuple[Rule, ...] = (ITEM_AMOUNT, RATE_PRIOR, PRIOR_NEGATIVE, BASE_YEAR, CLASS_NAME,
                           EMPTY_NOTE, THREE_CHANGES)
