"""A published disclosure, read, as the builder's input: ``Disclosure`` → ``Budget``.

The tables, Part 1, the glossary and the performance tables are taken as read. What Part 3
states beyond the tables — last year's figures (from each change printed), the reasons
(主要原因是…), what each item is for (主要用于…), procurement, assets, the projects with
performance targets — is taken from the printed text, so that writing the document again in
its region's wording (``disclosure_from_budget``) states every figure from the tables.

Which printed clause feeds which input is found by writing the narrative once as a *probe*:
every last-year figure the writers ask for (``prior_year[key]``) is answered with a figure
too large to be real that names the key, every reason or use with a marker naming the key.
The probe's clauses are paired with the printed ones by what they talk about
(``narrative.align``); each marker then points at the printed change, reason or use of the
same statement. No key list is kept here: the writers of each region say what they need.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from yusuan.compose.assemble import disclosure_from_budget
from yusuan.compose.changes import CHANGE, NEW, SAME, as_form, printed_changes
from yusuan.compose.names import as_printed, printed_names, typed_as_ours, use_subjects
from yusuan.compose.printed import (
    assets_of,
    equipment_values,
    form_figures,
    performance_figures,
    performance_of,
    procurement_of,
    projects_of,
    vehicle_kinds,
)
from yusuan.compose.probe import telling
from yusuan.compose.variants import choose
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Disclosure, Origin, Section
from yusuan.model.money import Unit, convert, printed_number
from yusuan.narrative.align import (
    Clause,
    clauses,
    has_figure,
    normal,
    pair,
    section_pairs,
    starts_item,
)
from yusuan.narrative.generate import narrative as generate_narrative
from yusuan.narrative.numbers import chinese_number
from yusuan.narrative.wording import load_templates

BIG = Decimal(10) ** 13  # in the narrative unit: no department's figure comes near it
_YEAR = re.compile(r"\d{4}年")
_MARK = re.compile(r"〔([PR])(\d+)〕")
_CHANGE_WORD = re.compile(r"增加|减少|增长|下降|降低|上升|[增减]了?$")
REASON_CUES = ("主要原因是", "主要原因为", "主要原因：", "原因是", "主要是由于", "主要是", "主要系",
               "主要原因")  # the last: 主要原因一是…，二是…
PURPOSE_CUES = ("主要用于", "用于")
_PURPOSE_END = re.compile(r"[。；;]|，(?:与|比|较)(?:上年|\d{4}年)|，主要原因|，主要是")
DATA_SECTIONS = ("procurement", "performance", "assets", "projects")


class _Asked(Mapping[str, Decimal]):
    """``prior_year`` of the probe: any key is there; its figure names the key."""

    def __init__(self, big: Decimal) -> None:
        self.asked: list[str] = []
        self.big = big

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str)

    def __getitem__(self, key: str) -> Decimal:
        if key not in self.asked:
            self.asked.append(key)
        return -(self.asked.index(key) + 1) * self.big

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


class _Marked(Mapping[str, str]):
    """``reasons`` / ``purposes`` of the probe: any key is answered by a marker naming it."""

    def __init__(self, letter: str) -> None:
        self.letter = letter
        self.asked: list[str] = []

    def __getitem__(self, key: str) -> str:
        if key not in self.asked:
            self.asked.append(key)
        return f"〔{self.letter}{self.asked.index(key)}〕"

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


@dataclass
class Read:
    """What the printed Part 3 gives beyond the tables, by the writers' keys."""

    prior_year: dict[str, Decimal] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    purposes: dict[str, str] = field(default_factory=dict)
    remarks: dict[str, str] = field(default_factory=dict)  # ``remark.<key>``: compose.changes


def _once(s: Section) -> Section:
    """A section whose paragraphs run twice over (read twice) with them once."""
    texts = [tuple(normal(x.text) for x in p) for p in s.paragraphs]
    half = len(texts) // 2
    if half and len(texts) % 2 == 0 and texts[:half] == texts[half:]:
        return replace(s, paragraphs=s.paragraphs[:half])
    return s


def without_repeats(sections: Sequence[Section]) -> tuple[Section, ...]:
    """The sections, a section printed (or read) twice kept once."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for s in map(_once, sections):
        text = (normal(s.title), *(normal(x.text) for x in s.sentences()))
        if text in seen:
            continue
        seen.add(text)
        out.append(s)
    return tuple(out)


def base_budget(d: Disclosure) -> Budget:
    """Everything the tables, Part 1, Part 4 and the performance tables give."""
    return Budget(
        department=d.department, year=d.year, profile=d.profile, unit=d.unit,
        edition=d.edition, overview=d.overview, tables=d.tables,
        overall_performance=d.overall_performance, project_performance=d.project_performance,
        glossary=d.glossary, published_on=d.published_on, approved_on=d.approved_on,
        source=d.source or Origin())


def narrative_unit(budget: Budget) -> Unit:
    return Unit.parse(str(load_templates(budget.profile).get("unit", budget.unit.value)))


def _value(text: str) -> Decimal:
    return printed_number(text)


def _spans(items: Sequence[Clause], anchors: set[int]) -> list[tuple[int, int]]:
    """(start, end) of each statement: an anchor clause and the clauses after it in its
    section up to the next anchor."""
    out = []
    for i in sorted(anchors):
        end = i + 1
        while end < len(items) and end not in anchors and items[end].section == items[i].section:
            end += 1
        out.append((i, end))
    return out


def _after(text: str, cues: Sequence[str]) -> tuple[int, str] | None:
    """The text after the first cue found (its position, the text)."""
    found = [(text.find(c), c) for c in cues if c in text]
    if not found:
        return None
    at, cue = min(found, key=lambda x: (x[0], -len(x[1])))
    return at, text[at + len(cue):]


def _reasons(text: str) -> list[str]:
    """The reasons a printed statement gives, in order (each to the end of its sentence, or
    to the end of the statement where it runs over several)."""
    out: list[str] = []
    rest = text
    while True:
        hit = _after(rest, REASON_CUES)
        if hit is None:
            return out
        _, tail = hit
        nxt = _after(tail, REASON_CUES)
        body = tail if nxt is None else tail[:nxt[0]]
        out.append(body.strip("，。；;： "))
        rest = tail if nxt is None else tail[nxt[0]:]


def _uncued(text: str, allowed: bool) -> list[str]:
    """A reason printed with no words before it, after the change, in a region whose wording
    has that form (``，{reason}``): ``与2024年预算持平，此项经费由区统筹安排。``."""
    if not allowed:
        return []
    first = re.split(r"[。；;]", text)[0]
    ends = [m.end() for m in (*CHANGE.finditer(first), *SAME.finditer(first))]
    if not ends:
        return []
    rest = first[max(ends):].strip("，,： ")
    return [rest] if rest and not re.search(r"\d|其中", rest) else []


def uncued_reasons(templates: dict) -> bool:
    """Whether the region's wording prints a reason with no words before it."""
    reason = templates.get("reason")
    variants = reason.get("variants", ()) if isinstance(reason, dict) else (reason,)
    return any(str(v).lstrip("，。").startswith("{reason}") for v in variants)


def _read(probe: Sequence[Clause], printed: Sequence[Clause], sections: dict[int, int],
          asked: _Asked, marked: dict[str, list[str]], nu: Unit, bu: Unit,
          uncued: bool = False) -> Read:
    """Pair the probe's statements with the printed ones and read each marker's figure or
    text from the printed statement."""
    big = BIG
    out = Read()
    huge = big / 10
    # a statement starts at a clause stating a figure of its own, or naming what it states
    # (因公出国（境）费增加〔…〕: a change with no other figure), not at a bare 与上年相比增加〔…〕
    is_anchor = [has_figure(_MARK.sub("", c.text))
                 and (not _huge_only(c.text, huge) or not c.generic) for c in probe]
    pairs = pair(probe, printed, sections, by_figures=True)
    # a statement is read from the printed section its own pairs with, where there is one
    anchor_pairs = {i: j for i, j in pairs if is_anchor[i]
                    and sections.get(probe[i].section, printed[j].section) == printed[j].section}
    probe_spans = dict(_spans(probe, set(anchor_pairs) | {i for i, a in enumerate(is_anchor)
                                                          if a}))
    items = {j for j, c in enumerate(printed) if starts_item(c.text)}  # （二）… 2．…
    printed_spans = dict(_spans(printed, set(anchor_pairs.values()) | items))
    for i, j in anchor_pairs.items():
        p_text = "".join(c.text for c in probe[i:probe_spans[i]])
        o_text = "".join(c.text for c in printed[j:printed_spans[j]])
        _prior(p_text, o_text, asked, big, huge, nu, bu, out)
        reasons = _reasons(o_text) or _uncued(o_text, uncued)
        for n, m in enumerate(re.finditer(r"〔R(\d+)〕", p_text)):
            if n < len(reasons) and reasons[n]:
                out.reasons.setdefault(marked["R"][int(m.group(1))], reasons[n])
        for m in re.finditer(r"〔P(\d+)〕", p_text):
            # 主要是… is a use where the statement gives no change (so no reason)
            cues = PURPOSE_CUES if any(c in o_text for c in PURPOSE_CUES) or \
                printed_changes(o_text) else ("主要是",)
            hit = _after(o_text, cues)
            if hit is not None:
                purpose = _PURPOSE_END.split(hit[1], maxsplit=1)[0].strip("，。 ")
                if purpose:
                    out.purposes.setdefault(marked["P"][int(m.group(1))], purpose)
    return out


def _huge_only(text: str, huge: Decimal) -> bool:
    """A clause whose only figures are the probe's markers."""
    figures = [_value(x) for x in re.findall(r"\d[\d,]*(?:\.\d+)?(?![\d.,]*[%％])",
                                             _MARK.sub("", text))
               if not re.fullmatch(r"\d{4}", x)]
    return bool(figures) and all(f >= huge for f in figures)


def _figures(text: str) -> list[tuple[str, str]]:
    """The figures of a statement (years and rates aside), each with the words before it."""
    text = _YEAR.sub("", text)
    return [(m.group(0), text[max(0, m.start() - 4):m.start()])
            for m in re.finditer(r"\d[\d,]*(?:\.\d+)?(?![\d.,]*[%％])", text)]


def _prior(p_text: str, o_text: str, asked: _Asked, big: Decimal, huge: Decimal, nu: Unit,
           bu: Unit, out: Read) -> None:
    """Last year's figures of one statement: the i-th marker figure of the probe ↔ the i-th
    change printed."""
    found = _figures(_MARK.sub("", p_text))  # a reason's or use's marker is no figure
    p_figures = [_value(x) for x, _ in found]
    o_figures = [_value(x) for x, _ in _figures(o_text)]
    markers = [f for f in p_figures if f >= huge]
    for at, (f, (_, before)) in enumerate(zip(p_figures, found, strict=True)):
        # a prior printed as such (执行数为1.48万元), not a change (增加…)
        k = int(f / big)
        if f >= huge and f == k * big and 1 <= k <= len(asked.asked) \
                and not _CHANGE_WORD.search(before) and len(o_figures) == len(p_figures):
            markers.remove(f)
            out.prior_year.setdefault(asked.asked[k - 1], convert(o_figures[at], nu, bu))
    remarks: list[str | None] = []
    changes = printed_changes(o_text, remarks)
    for n, marker in enumerate(markers):
        k = int((marker / big).to_integral_value(rounding=ROUND_HALF_UP))
        if not 1 <= k <= len(asked.asked) or n >= len(changes):
            continue
        delta = changes[n]
        if delta is None:
            continue
        current = marker - k * big  # as printed, in the narrative unit
        if delta == NEW:
            delta = current
        if current - delta < 0:  # no budget was below zero: the printed change is wrong (or
            continue  # not this figure's), and the text written again states none
        out.prior_year.setdefault(asked.asked[k - 1], convert(current - delta, nu, bu))
        if n < len(remarks) and remarks[n] and delta:  # the change's remark, as printed
            out.remarks[f"remark.{asked.asked[k - 1]}"] = as_form(remarks[n] or "", current, delta)


def read_part3(d: Disclosure, budget: Budget) -> Read:
    """Last year's figures, reasons and uses the printed Part 3 gives, by the writers' keys:
    read with each of the ways the region's wording file says to read with (``probe``: a
    list of options, e.g. the items of 0 listed too, or the 项 under a sentence of their 款,
    so that what the printed text says of them pairs with like words): the first reading,
    and the last year's figures a later one reads that it did not."""
    out = Read()
    printed = without_repeats(d.narrative)
    for probe_options in load_templates(budget.profile).get("probe", [{}]):
        read = _read_with(printed, replace(budget, options={**budget.options,
                                                            **probe_options}))
        if not (out.prior_year or out.reasons or out.purposes):
            out = read
        else:  # a later way adds only last year's figures (a printed change) the first missed
            out.prior_year = {**read.prior_year, **out.prior_year}
    return out


def _read_with(printed: tuple[Section, ...], budget: Budget) -> Read:
    nu = narrative_unit(budget)
    asked = _Asked(convert(BIG, nu, budget.unit))
    reasons, purposes = _Marked("R"), _Marked("P")
    probe = generate_narrative(replace(budget, prior_year=asked, reasons=reasons,
                                       purposes=purposes,
                                       options={**telling(load_templates(budget.profile)),
                                                **budget.options}))
    return _read(clauses(probe), clauses(printed), section_pairs(probe, printed), asked,
                 {"R": reasons.asked, "P": purposes.asked}, nu, budget.unit,
                 uncued_reasons(load_templates(budget.profile)))


def budget_from_disclosure(d: Disclosure) -> Budget:
    """The builder's input for writing ``d`` again: its tables and Part 1, and what its Part 3
    states beyond the tables (read as our wording types it: ``names.typed_as_ours``)."""
    d = replace(d, narrative=typed_as_ours(d.narrative))
    budget = base_budget(d)
    printed = without_repeats(d.narrative)
    nu = narrative_unit(budget)
    names = printed_names(printed, d.tables, nu) | use_subjects(
        printed, d.tables, load_templates(budget.profile), nu)
    budget = replace(budget, names=names,
                     procurement=procurement_of(printed, nu, d.unit),
                     assets=assets_of(printed, nu, d.unit),
                     project_performance=d.project_performance or performance_of(printed, d, nu),
                     projects=projects_of(printed, load_templates(budget.profile), nu, d.unit),
                     figures=performance_figures(printed, nu, d.unit) | vehicle_kinds(printed)
                     | form_figures(printed, load_templates(budget.profile), nu, d.unit)
                     | equipment_values(printed))
    read = read_part3(d, budget)
    budget = replace(budget, prior_year=read.prior_year, reasons=read.reasons,
                     purposes=read.purposes, texts={**budget.texts, **read.remarks})
    return replace(budget, options=choose(budget, printed))


def _kept(generated: tuple[Section, ...], printed: tuple[Section, ...]) -> tuple[Section, ...]:
    """The sections written again, less those that state what only the printed text could
    give (政府采购, 资产, 绩效目标, 项目) where the printed document has no such section or it
    was not read: stating "none" there would not be true. Those kept are numbered on (一、二、…
    without a gap; restarting after an unnumbered one, as written)."""
    paired = set(section_pairs(printed, generated).values())
    out, n = [], 0
    for s in (s for i, s in enumerate(generated) if s.key not in DATA_SECTIONS or i in paired):
        n = n + 1 if s.number else 0
        out.append(replace(s, number=chinese_number(n)) if s.number else s)
    return tuple(out)


def disclosure_from_published(d: Disclosure) -> Disclosure:
    """``d`` written again from its tables and what its Part 3 states beyond them: Part 3 in
    the region's wording (typed as printed: ``names.as_printed``), every figure from the
    tables (the performance tables as printed — the projects the text lists feed the text
    only)."""
    built = disclosure_from_budget(budget_from_disclosure(d))
    printed = without_repeats(d.narrative)
    return replace(built, narrative=as_printed(_kept(built.narrative, printed), printed),
                   project_performance=d.project_performance,
                   unread_tables=d.unread_tables)
