"""Rules K01–K13 and A20: the disclosure checklist — all tables of the profile, detail to 项 /
款, empty tables stated, the required Part 3 topics, reasons for changes, one unit and one
department name throughout."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.checks.facts import compact, full_text
from yusuan.checks.located import paragraphs as located_paragraphs
from yusuan.checks.located import said_in
from yusuan.checks.rule import BOTH_KINDS, Rule, loc
from yusuan.model.dates import chinese_date
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding, Location
from yusuan.model.kinds import TableId
from yusuan.model.money import Unit, printed_number
from yusuan.model.profiles import Profile
from yusuan.model.reasons import needs_reason
from yusuan.reference.classification import names_equal

# 财预〔2016〕143号 (via the 标准目录): the tables every department budget disclosure has.
MANDATORY: tuple[TableId, ...] = ("summary", "income", "expenditure", "appropriation", "gpb",
                                  "gpb_basic", "three_public", "gov_fund")
TITLES = {"summary": "部门收支总表", "income": "部门收入总表", "expenditure": "部门支出总表",
          "appropriation": "财政拨款收支总表", "gpb": "一般公共预算支出表",
          "gpb_basic": "一般公共预算基本支出表", "gpb_project": "一般公共预算项目支出表",
          "gov_fund": "政府性基金预算支出表", "state_capital": "国有资本经营预算支出表",
          "three_public": "“三公”经费支出表", "carryover": "上年结转结余情况明细表"}


def _file(d: Disclosure) -> str | None:
    return d.source.file if d.source else None


PUBLISH_WITHIN_DAYS = 20  # 预算法 §14: 批复后二十日内公开


def iso_date(text: str | None) -> dt.date | None:
    """A date written ``YYYY-MM-DD`` (as the Disclosure keeps them); None if absent or not one."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _timeliness(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    approved, published = iso_date(d.approved_on), iso_date(d.published_on)
    where = Location(file=_file(d))
    if approved is None or published is None:
        missing = "批复日期" if approved is None else "公开日期"
        yield TIMELINESS.finding(f"文件不含预算{missing}，无法检查是否在批复后 20 日内公开", where,
                                 severity="info")
        return
    days = (published - approved).days
    if days > PUBLISH_WITHIN_DAYS:
        yield TIMELINESS.finding(
            f"预算于{chinese_date(approved)}批复，{chinese_date(published)}才公开，相隔 {days} 日，"
            f"超过 {PUBLISH_WITHIN_DAYS} 日",
            where, expected=PUBLISH_WITHIN_DAYS, actual=days)
    elif days < 0:
        yield TIMELINESS.finding(f"公开日期{chinese_date(published)}早于批复日期"
                                 f"{chinese_date(approved)}：请核对日期", where,
                                 severity="warning", expected=str(approved), actual=str(published))


TIMELINESS = Rule("completeness.timeliness", "error", "completeness",
                  "批复后 20 日内公开（需要批复与公开日期）", "预算法 §14；docs/identities.md K01", _timeliness)


def _year_dates(ctx: Context) -> Iterator[Finding]:
    """A 预算 is approved and published in its year or the year before (预算法 §14: published
    within 20 days of approval); a 决算 the year after its year."""
    d = ctx.disclosure
    final = "决算" in d.edition
    where = Location(file=d.source.file if d.source else None, name="年度")
    for what, text in (("公开日期", d.published_on), ("批复日期", d.approved_on)):
        day = iso_date(text)
        if day is None:
            continue
        years = (day.year - 1,) if final else (day.year, day.year + 1)
        if d.year in years:
            continue
        allowed = "或".join(f" {y} 年" for y in years).strip()
        kind = "决算" if final else "预算"
        verb = what.removesuffix("日期")
        yield YEAR_DATES.finding(
            f"{d.year} 年{kind}的{what}是 {day}，与年度不符：{day.year} 年{verb}的应是 {allowed}的"
            f"{kind}，请核对年度（year）或日期", where, expected=allowed, actual=d.year)


YEAR_DATES = Rule(
    "completeness.year-eq-dates", "error", "completeness",
    "预算年度与日期相符：预算在当年或上一年批复、公开，决算在次年",
    "预算法 §14；财预〔2016〕143号", _year_dates, kinds=BOTH_KINDS)


def _tables(ctx: Context) -> Iterator[Finding]:
    """A missing table is an error only when no unread table-like block of the document could
    be it (its title resembles that table): then parse could not tell, and it is a warning
    naming that block."""
    d = ctx.disclosure
    wanted = ctx.profile.required(d.edition) if ctx.profile is not None else MANDATORY
    for table_id in wanted:
        if d.table(table_id) is None:
            severe = table_id in MANDATORY
            maybe = [u for u in d.unread_tables if table_id in u.could_be]
            if maybe:
                seen = "、".join(f"{u.where}“{u.title}”" for u in maybe)
                yield TABLES.finding(
                    f"缺少{TITLES.get(table_id, table_id)}（{table_id}）？未能识别的表{seen}"
                    "可能就是它，请核对", Location(file=_file(d), table=table_id,
                                               page=maybe[0].page), severity="warning")
                continue
            yield TABLES.finding(
                f"缺少{TITLES.get(table_id, table_id)}（{table_id}）"
                + ("：这是必须公开的表" if severe else "：本地区表格配置包含此表"),
                Location(file=_file(d), table=table_id),
                severity="error" if severe else "warning")


TABLES = Rule("completeness.tables-present", "error", "completeness",
              "公开表格齐全（财预〔2016〕143号的必公开表及本地区配置的表）",
              "docs/identities.md Q5、K02", _tables)


def _detail(table_id: TableId, depth: int, rule_id: str, title: str, ref: str) -> Rule:
    def check(ctx: Context) -> Iterator[Finding]:
        d = ctx.disclosure
        t = ctx.index[table_id]
        for r in t.coded:
            code = r.code or ""
            if len(code) >= depth or not any(v for v in r.values.values()):
                continue
            if not t.kids(r):
                yield rule.finding(f"表“{t.table.title}”“{code} {r.name}”没有细化到"
                                   f"{'项' if depth == 7 else '款'}", loc(d, t.table, r))

    rule = Rule(rule_id, "error", "completeness", title, ref, check, (table_id,))
    return rule


# what a table's subject is, its title without the words every title has (财政拨款政府性基金
# 支出预算表 → 政府性基金), and how a text says there is nothing in it
_GENERIC = re.compile(r"^[一二三四五六七八九十]+[、.．]|公开\d+表|财政拨款|预算|支出|收入|情况|明细|表$")
_NOTHING = re.compile(r"空表|数为零|为零|为0(?![\d.])|没有|未安排|不涉及|无(?:此|该|相关)?\S{0,10}?(?:预算|支出|收入|经费|资金)"
                      r"|(?<![\d.,])0(?:\.0+)?(?:万元|元)")


def _subject(title: str) -> str:
    return _GENERIC.sub("", compact(title))


def _said_empty(d: Disclosure, subject: str) -> bool:
    """The text says the table's subject has nothing: a sentence naming it (政府性基金支出预算支出
    0万元) or any sentence of the section that explains it (七、政府性基金支出预算表情况说明：本表数
    为零。)."""
    if len(subject) < 3:  # 项目, 基本: too general to tell which section explains the table
        return False
    for section in d.narrative:
        explains = subject in compact(section.title)
        for sentence in section.sentences():
            text = compact(sentence.text)
            if (explains or subject in text) and _NOTHING.search(text):
                return True
    return False


def _empty(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    text = full_text(ctx.index)
    for t in d.tables:
        if not t.is_empty or t.id in ("summary", "three_public"):
            continue
        stated = t.empty_statement or ("空表" in text and (t.title[:4] in text)) \
            or _said_empty(d, _subject(t.title))
        if not stated:
            yield EMPTY.finding(f"表“{t.title}”没有数据，却没有说明为空表", Location(
                file=_file(d), table=t.id))


EMPTY = Rule("completeness.empty-table-stated", "warning", "completeness",
             "没有数据的表应列出空表并说明", "标准目录；docs/identities.md Q6、K05、A20", _empty)


def _empty_consistent(ctx: Context) -> Iterator[Finding]:
    """An empty 基金/国资/上年结转 table: the matching income of 表1 (and of 表4) is 0."""
    d = ctx.disclosure
    ix = ctx.index
    funds: tuple[tuple[TableId, str], ...] = (
        ("gov_fund", "income.gov_fund"), ("state_capital", "income.state_capital"),
        ("carryover", "income.carryover"))
    for table_id, key in funds:
        t = d.table(table_id)
        if t is None or not t.is_empty:
            continue
        for source_id in ("summary", "appropriation"):
            source = ix.get(source_id)
            cols = source.table.columns_of("income") if source is not None else ()
            row = source.key(key, "income") if source is not None else None
            if source is None or row is None or not cols:
                continue
            v = row.value(cols[0].key)
            if v is not None and v != 0:
                yield EMPTY_CONSISTENT.finding(
                    f"表“{t.title}”为空表，表“{source.table.title}”“{row.name}”却有 {v}{source.table.unit}",
                    loc(d, source.table, row, cols[0].key), expected=Decimal(0), actual=v)


EMPTY_CONSISTENT = Rule("completeness.empty-table-eq-zero-income", "error", "completeness",
                        "空表（基金、国资、上年结转）对应的收支总表、财政拨款收支总表收入为 0",
                        "docs/identities.md A20", _empty_consistent)


def _topic(rule_id: str, title: str, ref: str, needles: tuple[str, ...], what: str) -> Rule:
    def check(ctx: Context) -> Iterator[Finding]:
        d = ctx.disclosure
        if not d.narrative:
            return  # no Part 3 read: nothing to judge
        text = full_text(ctx.index)
        missing = [n for n in needles if n not in text]
        if missing:
            yield rule.finding(f"第三部分没有说明{what}（未见：{'、'.join(missing)}）",
                               Location(file=_file(d)))

    rule = Rule(rule_id, "warning", "completeness", title, ref, check)
    return rule


_REASON = re.compile(r"原因|主要是|由于|因为")


def _reasons(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    for section, paragraph, text in located_paragraphs(d):
        for m in re.finditer(r"比上年(?:预算)?(增加|减少)(\d[\d,]*\.?\d*)", text):
            if not needs_reason(printed_number(m.group(2))):
                continue
            rest = text[m.end():]
            if not _REASON.search(rest[:400]) and not _REASON.search(
                    _next_text(d, section.number, text)):
                yield REASONS.finding(f"第三部分“{section.called}”的增减变化没有说明主要原因："
                                      f"“{text[max(0, m.start() - 20):m.end() + 10]}”",
                                      said_in(d, section, paragraph, m.start(),
                                              name=section.title))


def _next_text(d: Disclosure, number: str, text: str) -> str:
    """The paragraph after ``text`` in the same section (reasons are sometimes printed there)."""
    for s in d.narrative:
        if s.number != number:
            continue
        texts = [compact("".join(x.text for x in p)) for p in s.paragraphs]
        for i, t in enumerate(texts):
            if t == text and i + 1 < len(texts):
                return texts[i + 1]
    return ""


REASONS = Rule("completeness.change-has-reason", "warning", "completeness",
               "每个同比增减都说明“主要原因”", "docs/identities.md K12", _reasons)


def _prescribed_unit(profile: Profile | None, table_id: TableId) -> Unit | None:
    """The unit the region prints a table in where it differs from the rest (上海 “三公”
    table: 万元 among 元 tables); such a table does not count as a second unit."""
    layout = profile.table(table_id) if profile is not None else None
    return layout.unit if layout is not None else None


def _one_unit_one_name(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    tables = [t for t in d.tables if t.unit is not _prescribed_unit(ctx.profile, t.id)]
    units = {t.unit for t in tables}
    if len(units) > 1:
        by = {u: [t.title for t in tables if t.unit == u] for u in units}
        yield ONE_NAME.finding("表格金额单位不统一：" + "；".join(
            f"{u}：{'、'.join(ts)}" for u, ts in by.items()), Location(file=_file(d)))
    for t in d.tables:
        if t.department and not names_equal(t.department, d.department):
            yield ONE_NAME.finding(f"表“{t.title}”的编制部门“{t.department}”与文件部门“{d.department}”不同",
                                   Location(file=_file(d), table=t.id),
                                   expected=d.department, actual=t.department)


ONE_NAME = Rule("completeness.one-unit-one-department", "warning", "completeness",
                "全文一个金额单位、一个编制部门名称", "docs/identities.md K13", _one_unit_one_name)


def _performance(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    if not d.narrative:
        return
    t7 = d.table("gpb_project")
    projects = [r for r in t7.rows if r.kind == "project"] if t7 is not None else []
    if not d.overall_performance and "绩效" not in full_text(ctx.index):
        yield PERFORMANCE.finding("没有公开部门整体绩效目标", Location(file=_file(d)))
    if projects and not d.project_performance and "绩效目标" not in full_text(ctx.index):
        yield PERFORMANCE.finding(f"项目支出表有 {len(projects)} 个项目，没有公开项目绩效目标",
                                  Location(file=_file(d), table="gpb_project"))


PERFORMANCE = Rule("completeness.performance-targets", "warning", "completeness",
                   "公开绩效目标（部门整体与每个项目）", "docs/identities.md Q8、K10", _performance)


def _glossary(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    if d.narrative and not d.glossary and "名词解释" not in full_text(ctx.index):
        yield GLOSSARY.finding("没有名词解释（第四部分）", Location(file=_file(d)))


GLOSSARY = Rule("completeness.glossary", "warning", "completeness", "公开名词解释",
                "docs/identities.md Q8、K11", _glossary)


def _three_public_items(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    t = ctx.index["three_public"]
    for key, name in (("abroad", "因公出国（境）费"), ("reception", "公务接待费"),
                      ("vehicle.purchase", "公务用车购置费"), ("vehicle.operation", "公务用车运行费")):
        if t.item(key) is None:
            yield THREE_PUBLIC.finding(f"“三公”经费表没有“{name}”一行",
                                       Location(file=_file(d), table="three_public", name=name))


THREE_PUBLIC = Rule("completeness.three-public-items", "warning", "completeness",
                    "“三公”经费表列出因公出国（境）费、公务用车购置费与运行费、公务接待费",
                    "docs/identities.md Q7、K06", _three_public_items, ("three_public",))

RULES: tuple[Rule, ...] = (
    TIMELINESS, YEAR_DATES, TABLES,
    _detail("gpb", 7, "gpb.functional-to-item", "一般公共预算支出表功能分类细化到项", "实施条例 §6；docs/identities.md Q2、K03"),
    _detail("gpb_basic", 5, "gpb_basic.economic-to-item", "基本支出表经济分类细化到款", "实施条例 §6；docs/identities.md Q2、K04"),
    EMPTY, EMPTY_CONSISTENT, THREE_PUBLIC,
    _topic("completeness.three-public-explained", "说明“三公”经费及其增减原因", "docs/identities.md Q7、K06",
           ("三公",), "“三公”经费"),
    _topic("completeness.operating-cost", "说明机关运行经费", "预算法 §14；docs/identities.md K07",
           ("机关运行经费",), "机关运行经费"),
    _topic("completeness.procurement", "说明政府采购预算（货物/工程/服务，中小企业预留）",
           "docs/identities.md Q8、K08", ("政府采购",), "政府采购"),
    _topic("completeness.assets", "说明国有资产占用使用情况", "docs/identities.md Q8、K09",
           ("国有资产",), "国有资产占用使用情况"),
    PERFORMANCE, GLOSSARY, REASONS, ONE_NAME,
)
