"""Text-quality rules: placeholders left in, broken "主要原因是。" sentences, doubled
punctuation — in Part 1, Part 3 and the glossary."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace

from yusuan.checks.context import Context
from yusuan.checks.located import said_at
from yusuan.checks.rule import BOTH_KINDS, Rule
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding, Location

# The skeletons of ``yusuan new`` (every profile) mark their sample text "（示例文字…）", so a
# document built from an unfilled skeleton stays a 草稿 whatever its region.
PLACEHOLDER = re.compile(r"（示例文字[^）]*）|(?<![A-Za-z])(?:[XxＸｘ]{2,}|×{2,}|＊{2,})(?![A-Za-z])"
                         r"|待填写|待补充|请填写|此处填写|请替换为|示例文字")
BROKEN_REASON = re.compile(r"主要原因(?:是|为)?\s*[:：]?\s*(?:[。，；、;,]|$)")
DOUBLED = re.compile(r"([。，、；：！？])\1|[。，；][，。；]")


def _texts(d: Disclosure) -> Iterator[tuple[str, str, Location]]:
    file = d.source.file if d.source else None
    o = d.overview
    for t in (*o.functions_intro, *o.functions, *o.organisation, *o.tasks, *o.basis):
        yield "第一部分", t, Location(file=file, name="第一部分")
    for s in d.narrative:
        for sentence in s.sentences():
            where = f"第三部分“{s.called}”"
            yield where, sentence.text, said_at(d, s, sentence, name=where)
    for g in d.glossary:
        yield "名词解释", g.definition, Location(file=file, name="名词解释")
    for p in d.overall_performance:
        yield "部门整体绩效目标", p.goals, Location(file=file, name="部门整体绩效目标")
    for pp in d.project_performance:
        where = f"项目绩效目标“{pp.project}”"
        yield where, pp.goals, Location(file=file, name=where)


def _in_source(d: Disclosure, location: Location, *texts: str) -> Location:
    """A place in a built document traced back to the line of ``budget.yaml`` that wrote it
    (a published document, or text the source does not hold, keeps its place)."""
    if d.source is None or location.page is not None or location.line is not None:
        return location
    line = next((at for text in texts if (at := d.source.line_of(text)) is not None), None)
    return location if line is None else replace(location, line=line)


def _scan(rule: Rule, d: Disclosure, pattern: re.Pattern[str], what: str) -> Iterator[Finding]:
    for where, text, location in _texts(d):
        for m in pattern.finditer(text):
            excerpt = text[max(0, m.start() - 15): m.end() + 10]
            yield rule.finding(f"{where}{what}“{m.group(0)}”：……{excerpt}……",
                               _in_source(d, location, text, excerpt.strip(), m.group(0)),
                               actual=m.group(0))


FIRST_PLACES = 5  # the places a grouped finding names (JSON ``also_at``); the rest are counted


def _kind(mark: str) -> str:
    """What kind of placeholder a match is: ``XX`` / ``××`` / ``待填写`` / ``示例文字``."""
    if mark.startswith("（示例文字"):
        return "示例文字"
    plain = unicodedata.normalize("NFKC", mark).upper()
    return plain[:2] if len(set(plain)) == 1 else plain  # XXX, XXXXXXXX: the same kind as XX


def _placeholders(ctx: Context) -> Iterator[Finding]:
    """One finding per kind of placeholder per part or section (a template leaves "XX" in
    every sentence): the first, with how many there are and the next places in ``also``."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in _scan(PLACEHOLDERS, ctx.disclosure, PLACEHOLDER, "留有占位符"):
        where = f.location.section or f.location.name or ""
        groups.setdefault((where, _kind(str(f.actual))), []).append(f)
    for (where, kind), found in groups.items():
        first, others = found[0], tuple(found[1:])
        if not others:
            yield first
            continue
        places = "、".join(dict.fromkeys(o.location.place for o in others if o.location.place))
        said = first.message.split("：", 1)[-1]
        yield replace(first, also=others[:FIRST_PLACES], message=(
            f"{where}共 {len(found)} 处留有占位符“{kind}”，如{said}"
            + (f"（另见 {places}）" if places else "")))


def _broken(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    yield from _scan(BROKEN, d, BROKEN_REASON, "原因说明为空")


def _doubled(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    yield from _scan(DOUBLED_RULE, d, DOUBLED, "标点重复")


PLACEHOLDERS = Rule("text.placeholder", "error", "text", "正文不得留有占位符（XX、××、待填写、示例文字）",
                    "docs/identities.md Q8（内容准确）", _placeholders, kinds=BOTH_KINDS)
BROKEN = Rule("text.broken-reason", "error", "text", "“主要原因是”后必须有原因",
              "docs/identities.md K12", _broken, kinds=BOTH_KINDS)
DOUBLED_RULE = Rule("text.doubled-punctuation", "warning", "text", "标点不重复（。。、，，）",
                    "可读性（预决算公开专项检查）", _doubled, kinds=BOTH_KINDS)

RULES: tuple[Rule, ...] = (PLACEHOLDERS, BROKEN, DOUBLED_RULE)
