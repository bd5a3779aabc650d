"""公开度 (openness score): how well one disclosure discloses, from published criteria.

Where it sits: computed from a ``Disclosure`` and the findings the readers and the checker
gave it (nothing is read twice), for ``yusuan score``, the store and the portal. The method,
each criterion with its source, is ``docs/openness.md``; the weights below are that page's.

A criterion that cannot be judged from the document (timeliness without the 批复 and 公开
dates) is left out and the score is the share of the points that could be judged, so a
document is never marked down for what it was never asked to print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from yusuan.checks.completeness import MANDATORY, PUBLISH_WITHIN_DAYS, iso_date
from yusuan.checks.final_text import sentences
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding
from yusuan.model.kinds import TableId
from yusuan.model.profiles import profile_of

# The Part 3 topics the 标准目录 (财预〔2016〕143号) asks for, each with the rule that reports
# its absence and the points it is worth.
TOPICS = (("completeness.three-public-explained", "“三公”经费及增减原因", 4),
          ("completeness.operating-cost", "机关运行经费", 4),
          ("completeness.procurement", "政府采购", 3),
          ("completeness.assets", "国有资产占用", 3),
          ("completeness.performance-targets", "绩效目标", 3),
          ("completeness.glossary", "名词解释", 3))
# A 决算's topics (the 部门决算 template's 说明 七、十、十一 and 名词解释): each a test of its
# Part 3 text (or glossary) and its points; the same 20 points as a budget's topics.
FINAL_TOPICS = (("“三公”经费及与预算差异原因", 4), ("机关运行经费", 4), ("政府采购", 3),
                ("国有资产占用（车辆）", 3), ("绩效自评", 3), ("名词解释", 3))
_THREE_PUBLIC_REASON = re.compile(r"“三公”经费[^。]*?(?:原因|持平)")
_ITEM_EXPLAINED = re.compile(r"（项）。?[^。]*?(?:。[^。]*?)?年初预算为[^。]*?决算为")


@dataclass(frozen=True)
class Criterion:
    key: str
    title: str
    points: Decimal | None  # None: could not be judged from this document
    out_of: int
    notes: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Score:
    department: str
    year: int
    edition: str
    criteria: tuple[Criterion, ...]

    @property
    def total(self) -> Decimal:
        """Points won as a share of the points that could be judged, 0–100, two decimals."""
        judged = [c for c in self.criteria if c.points is not None]
        out_of = sum(c.out_of for c in judged)
        if not out_of:
            return Decimal("0.00")
        won = sum((c.points for c in judged if c.points is not None), Decimal(0))
        return (won * 100 / out_of).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def weakest(self) -> Criterion | None:
        judged = [c for c in self.criteria if c.points is not None and c.out_of]
        if not judged:
            return None
        return min(judged, key=lambda c: (c.points or 0) / c.out_of)


def _pts(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _ids(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.rule_id, []).append(f)
    return out


def _wanted(d: Disclosure) -> tuple[TableId, ...]:
    profile = profile_of(d)
    return profile.table_ids if profile is not None else MANDATORY


def completeness(d: Disclosure, found: dict[str, list[Finding]]) -> Criterion:
    wanted = _wanted(d)
    present = [t for t in wanted if d.table(t) is not None]
    notes = [f"公开表 {len(present)}/{len(wanted)} 张"]
    missing = [t for t in wanted if t not in present]
    if missing:
        notes.append("缺：" + "、".join(missing))
    points = Decimal(20) * len(present) / max(len(wanted), 1)
    told = _final_topics(d) if d.kind == "final" else tuple(
        (title, worth, bool(d.narrative) and rule_id not in found)
        for rule_id, title, worth in TOPICS)
    for title, worth, said in told:
        points += worth if said else 0
        if not said:
            notes.append(f"未说明{title}")
    if d.kind == "final":
        return Criterion("completeness", "完整性", _pts(points), 40, tuple(notes),
                         "预算法 §14；部门决算公开模板：九张决算表及空表说明，“三公”经费及与预算差异"
                         "原因、机关运行经费、政府采购、国有资产占用、绩效自评、名词解释")
    return Criterion("completeness", "完整性", _pts(points), 40, tuple(notes),
                     "财预〔2016〕143号（标准目录）：必公开表及空表说明、“三公”、机关运行经费、"
                     "政府采购、国有资产、绩效目标、名词解释")


def _final_topics(d: Disclosure) -> tuple[tuple[str, int, bool], ...]:
    """Each 决算 topic with whether the text covers it (the words ``final.completeness``
    looks for, a reason beside the “三公”经费, a glossary)."""
    text = "".join(t for _, t in sentences(d))
    said = (bool(_THREE_PUBLIC_REASON.search(text)), "机关运行经费" in text, "政府采购" in text,
            "国有资产" in text, "绩效" in text,
            bool(d.glossary) or any("名词解释" in s.title for s in d.narrative))
    return tuple((title, worth, ok) for (title, worth), ok in zip(FINAL_TOPICS, said,
                                                                  strict=True))


def timeliness(d: Disclosure) -> Criterion:
    approved, published = iso_date(d.approved_on), iso_date(d.published_on)
    source = "预算法 §14：批复后二十日内公开"
    if approved is None or published is None:
        return Criterion("timeliness", "及时性", None, 10, ("文件不含批复或公开日期，不评",), source)
    days = (published - approved).days
    if days <= PUBLISH_WITHIN_DAYS:
        return Criterion("timeliness", "及时性", _pts(10), 10,
                         (f"批复后 {days} 日公开",), source)
    late = days - PUBLISH_WITHIN_DAYS
    return Criterion("timeliness", "及时性", _pts(max(0, 10 - late / 2)), 10,
                     (f"批复后 {days} 日公开，超期 {late} 日（每超 1 日扣 0.5 分）",), source)


def consistency(findings: Sequence[Finding]) -> Criterion:
    judged = [f for f in findings if f.category not in ("completeness", "parse")]
    errors = sum(1 for f in judged if f.severity == "error")
    warnings = sum(1 for f in judged if f.severity == "warning")
    points = max(0, 25 - 5 * errors - warnings)
    return Criterion("consistency", "准确性", _pts(points), 25,
                     (f"错误 {errors} 个（每个扣 5 分），警告 {warnings} 个（每个扣 1 分）",),
                     "预算法 §14 公开报表；财政部地方预决算公开专项检查“内容不准确”")


def _share_detailed(d: Disclosure, table_id: TableId, depth: int) -> tuple[int, int] | None:
    t = d.table(table_id)
    if t is None:
        return None
    coded = [r for r in t.rows if r.code and any(v for v in r.values.values())]
    if not coded:
        return None
    codes = {r.code for r in coded if r.code}
    deep = [r for r in coded if r.code and (len(r.code) >= depth or any(
        c != r.code and c.startswith(r.code) for c in codes))]
    return len(deep), len(coded)


def detail(d: Disclosure) -> Criterion:
    notes: list[str] = []
    points = Decimal(0)
    detailed: tuple[tuple[TableId, int, str], ...] = (("gpb", 7, "功能分类到项"),
                                                       ("gpb_basic", 5, "经济分类到款"))
    for table_id, depth, what in detailed:
        share = _share_detailed(d, table_id, depth)
        if share is None:
            notes.append(f"{what}：无表可评")
            continue
        points += Decimal(5) * share[0] / share[1]
        notes.append(f"{what}：{share[0]}/{share[1]} 行")
    if d.kind == "final":  # a 决算 explains each 项: 年初预算, 决算 and the reason between
        described = any(_ITEM_EXPLAINED.search(t) for _, t in sentences(d))
        points += 5 if described else 0
        notes.append("逐项说明年初预算与决算" if described else "没有逐项说明年初预算与决算")
    else:
        described = bool(d.project_performance) or any(
            s.key == "gpb_project" or "项目" in s.title for s in d.narrative)
        points += 5 if described else 0
        notes.append("有项目说明或项目绩效目标" if described else "没有项目说明")
    return Criterion("detail", "细化程度", _pts(points), 15, tuple(notes),
                     "预算法实施条例 §6：功能分类到项、基本支出经济分类到款；143号：重点项目说明"
                     "（决算：部门决算公开模板，逐项说明年初预算、决算及差异原因）")


def machine_readable(d: Disclosure, findings: Sequence[Finding]) -> Criterion:
    scanned = [f for f in findings if f.rule_id == "parse.page-without-text"]
    unread = [f for f in findings if f.rule_id.startswith("parse.") and f.severity != "info"
              and f not in scanned]
    points = Decimal(5 if not scanned else 0)
    wanted = _wanted(d)
    tables = len([t for t in wanted if d.table(t) is not None])
    points += Decimal(5) * tables / max(len(wanted), 1) - min(len(unread), 5)
    notes = [f"无文字层的页 {len(scanned)} 页", f"读出的表 {tables}/{len(wanted)} 张",
             f"读取问题 {len(unread)} 个"]
    return Criterion("machine", "可机读", _pts(max(points, Decimal(0))), 10, tuple(notes),
                     "政府信息公开条例 §20；财政透明度评估“一站式（下载与机读）”原则")


def score(d: Disclosure, findings: Sequence[Finding]) -> Score:
    """The openness score of one disclosure, given every finding it has (parse and check)."""
    found = _ids(findings)
    return Score(d.department, d.year, d.edition, (
        completeness(d, found), timeliness(d), consistency(findings), detail(d),
        machine_readable(d, findings)))
