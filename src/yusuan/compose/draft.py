"""A disclosure drafted online: what the figures start from (``Base``: the 上海 budget
workbook, a source folder sent as a ZIP, or last year's stored disclosure carried over) and
what the filer writes in the browser (``Edits``: reasons, prior-year figures, Part 1, the
projects' texts). ``draft_disclosure(base, edits)`` makes the whole document, narrative
included, exactly as ``yusuan build`` does from the same data.

The list of changes that need a reason comes from the narrative itself: every figure it
compares with the year before (``narrative.generate.compared_figures``) whose change needs a
reason by the one rule the checker uses (``model.reasons.needs_reason``), and for which the
narrative has a place to say it.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

from yusuan.compose.assemble import budget_tables, disclosure_from_budget
from yusuan.compose.draft_fields import (
    COUNT_FIELDS,
    UNIT_COUNTS,
    indicator_data,
    indicator_of,
    with_facts,
)
from yusuan.compose.workbook import with_officer_text, workbook_budget
from yusuan.derive.source import BUDGET_FILE, load_budget
from yusuan.model.budget import Budget, Project
from yusuan.model.disclosure import Disclosure, GlossaryTerm, Indicator, Origin, Overview
from yusuan.model.errors import InputError
from yusuan.model.money import round_half_up
from yusuan.model.reasons import needs_reason
from yusuan.narrative.generate import compared_figures
from yusuan.reference.numerals import strip_numbering
from yusuan.reference.three_public import three_public_items

KINDS = {"workbook": "预算工作簿", "folder": "源文件夹（ZIP）"}
MAX_ZIP_FILES = 200
MAX_ZIP_BYTES = 50 * 1024 * 1024
# the workbook's text sheet the filer may write in the browser (项目经费情况说明)
TEXT_PARTS = {"projects": "项目经费情况说明"}


@dataclass(frozen=True)
class Base:
    """What a draft's figures start from: the budget, and the workbook's text sheets (the
    officer's own words, which win over the generated narrative)."""

    budget: Budget
    text: Mapping[str, list[str]] = field(default_factory=dict)
    carried: bool = False  # last year's tables carried over: this year's figures still to come


@dataclass(frozen=True)
class Edits:
    """What the filer has written: ``reasons`` and ``prior_year`` by the narrative's keys
    (``model.budget``), Part 1 (None: as the source says), each project's texts by project
    name, and the workbook text parts (``TEXT_PARTS``)."""

    reasons: Mapping[str, str] = field(default_factory=dict)
    prior_year: Mapping[str, Decimal | None] = field(default_factory=dict)  # None: no figure
    functions: tuple[str, ...] | None = None
    organisation: tuple[str, ...] | None = None
    projects: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)
    # ``PART1_FIELDS`` written (a key absent: as the source says; an empty tuple: none)
    overview: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # a project's performance-target rows by project name (absent: as the source says)
    indicators: Mapping[str, tuple[Indicator, ...]] = field(default_factory=dict)
    # 部门整体绩效目标 by its place (1, 2 …): the goals and the indicator rows
    overall_goals: Mapping[int, str] = field(default_factory=dict)
    overall_indicators: Mapping[int, tuple[Indicator, ...]] = field(default_factory=dict)
    counts: Mapping[str, int | None] = field(default_factory=dict)  # ``COUNT_FIELDS``
    units: tuple[tuple[str, str], ...] | None = None  # 预算单位: (name, 单位类型 or "")
    glossary: tuple[GlossaryTerm, ...] | None = None
    other_matters: str | None = None
    operating_cost: Decimal | None = None  # 机关运行经费 written (None: as the source says)
    # 政府采购 and 国有资产 figures, the dates (``draft_fields``; a key absent: as the source)
    amounts: Mapping[str, Decimal | None] = field(default_factory=dict)
    words: Mapping[str, str] = field(default_factory=dict)
    purposes: Mapping[str, str] | None = None  # 主要用于… by code (None: as the source says)
    # 决算: 年初预算数 by ``initial_items`` key (None: cleared) and the texts of ``FINAL_TEXTS``
    initial_budget: Mapping[str, Decimal | None] = field(default_factory=dict)
    final_texts: Mapping[str, str] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        return {"reasons": dict(self.reasons),
                "prior_year": {k: None if v is None else str(v)
                               for k, v in self.prior_year.items()},
                "functions": None if self.functions is None else list(self.functions),
                "organisation": None if self.organisation is None else list(self.organisation),
                "projects": {k: dict(v) for k, v in self.projects.items()},
                "texts": dict(self.texts),
                "overview": {k: list(v) for k, v in self.overview.items()},
                "indicators": {k: [indicator_data(i) for i in v]
                               for k, v in self.indicators.items()},
                "overall_goals": {str(k): v for k, v in self.overall_goals.items()},
                "overall_indicators": {str(k): [indicator_data(i) for i in v]
                                       for k, v in self.overall_indicators.items()},
                "counts": dict(self.counts),
                "units": None if self.units is None else [list(u) for u in self.units],
                "glossary": None if self.glossary is None else [
                    [g.term, g.definition] for g in self.glossary],
                "other_matters": self.other_matters,
                "operating_cost": None if self.operating_cost is None
                else str(self.operating_cost),
                "amounts": {k: None if v is None else str(v) for k, v in self.amounts.items()},
                "words": dict(self.words),
                "purposes": None if self.purposes is None else dict(self.purposes),
                "initial_budget": {k: None if v is None else str(v)
                                   for k, v in self.initial_budget.items()},
                "final_texts": dict(self.final_texts)}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Edits:
        def lines(key: str) -> tuple[str, ...] | None:
            value = data.get(key)
            return None if value is None else tuple(str(x) for x in value)

        return cls(reasons={str(k): str(v) for k, v in data.get("reasons", {}).items()},
                   prior_year={str(k): None if v is None else Decimal(str(v))
                               for k, v in data.get("prior_year", {}).items()},
                   functions=lines("functions"), organisation=lines("organisation"),
                   projects={str(k): {str(f): str(t) for f, t in v.items()}
                             for k, v in data.get("projects", {}).items()},
                   texts={str(k): str(v) for k, v in data.get("texts", {}).items()},
                   overview={str(k): tuple(str(x) for x in v)
                             for k, v in data.get("overview", {}).items()},
                   indicators={str(k): tuple(indicator_of(x) for x in v)
                               for k, v in data.get("indicators", {}).items()},
                   overall_goals={int(k): str(v)
                                  for k, v in data.get("overall_goals", {}).items()},
                   overall_indicators={int(k): tuple(indicator_of(x) for x in v)
                                       for k, v in data.get("overall_indicators", {}).items()},
                   counts={str(k): None if v is None else int(v)
                           for k, v in data.get("counts", {}).items()},
                   units=None if data.get("units") is None else tuple(
                       (str(n), str(t)) for n, t in data["units"]),
                   glossary=None if data.get("glossary") is None else tuple(
                       GlossaryTerm(str(t), str(d)) for t, d in data["glossary"]),
                   other_matters=None if data.get("other_matters") is None
                   else str(data["other_matters"]),
                   operating_cost=None if data.get("operating_cost") is None
                   else Decimal(str(data["operating_cost"])),
                   amounts={str(k): None if v is None else Decimal(str(v))
                            for k, v in data.get("amounts", {}).items()},
                   words={str(k): str(v) for k, v in data.get("words", {}).items()},
                   purposes=None if data.get("purposes") is None else {
                       str(k): str(v) for k, v in data["purposes"].items()},
                   initial_budget={str(k): None if v is None else Decimal(str(v))
                                   for k, v in data.get("initial_budget", {}).items()},
                   final_texts={str(k): str(v)
                                for k, v in data.get("final_texts", {}).items()})


# ---- reading what a draft starts from (run in the limited reader process) ------------------

def _members(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[zipfile.ZipInfo, Path]]:
    """The ZIP's files with safe relative paths; too many or too large is an error."""
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_ZIP_FILES:
        raise InputError(f"压缩包中的文件超过 {MAX_ZIP_FILES} 个", file=name)
    if sum(i.file_size for i in infos) > MAX_ZIP_BYTES:
        raise InputError(f"压缩包解压后超过 {MAX_ZIP_BYTES // 1024 // 1024} MB", file=name)
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts:
            raise InputError(f"压缩包中的路径“{info.filename}”不安全", file=name)
        yield info, Path(*path.parts)


def _folder_of(root: Path, name: str) -> Path:
    """The folder holding ``budget.yaml``: the ZIP's root or its one top folder."""
    found = sorted(root.rglob(BUDGET_FILE), key=lambda p: len(p.parts))
    if not found:
        raise InputError(f"压缩包中没有 {BUDGET_FILE}：请把源文件夹（{BUDGET_FILE}、tables.yaml 或 "
                         "lines.csv 等）压缩后上传", file=name)
    return found[0].parent


def _shown(error: InputError, root: Path, name: str) -> InputError:
    """The error with the temporary path replaced by the upload's name (``x.zip/budget.yaml``)."""
    where = error.file or ""
    if where.startswith(str(root)):
        where = name + where[len(str(root)):]
    elif not where:
        where = name
    return InputError(error.message, file=where, line=error.line, page=error.page,
                      field=error.field)


def _renamed(value: Any, root: str, name: str) -> Any:
    """``value`` with every ``Origin`` under the temporary ``root`` named after the upload
    (no server path reaches the stored document)."""
    if isinstance(value, Origin):
        where = value.file or ""
        return replace(value, file=name + where[len(root):]) if where.startswith(root) else value
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _renamed(getattr(value, f.name), root, name) for f in fields(value)}
        same = all(changes[k] is getattr(value, k) for k in changes)
        return value if same else replace(value, **changes)
    if isinstance(value, tuple):
        out = tuple(_renamed(x, root, name) for x in value)
        return value if all(a is b for a, b in zip(out, value, strict=True)) else out
    return value


def read_base(kind: str, name: str, data: bytes) -> Base:
    """The budget an uploaded workbook (``kind`` workbook) or source-folder ZIP (folder)
    holds, with its tables derived. Errors name the upload, the sheet or file and the line."""
    if kind not in KINDS:
        raise InputError(f"未知的来源类型“{kind}”", file=name)
    root = Path(tempfile.mkdtemp(prefix="yusuan-draft-"))
    try:
        if kind == "workbook":
            path = root / "workbook.xlsx"
            path.write_bytes(data)
            budget, text = workbook_budget(path)
            budget = _renamed(budget_tables(budget), str(path), name)
            return Base(replace(budget, source=Origin(file=name)), text)
        path = root / "upload.zip"
        path.write_bytes(data)
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise InputError("不是有效的 ZIP 压缩包", file=name) from None
        with archive:
            for info, relative in _members(archive, name):
                target = root / "src" / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as member, target.open("wb") as out:
                    shutil.copyfileobj(member, out)
        budget = _renamed(budget_tables(load_budget(_folder_of(root / "src", name))),
                          str(root / "src"), name)
        return Base(replace(budget, source=Origin(file=name)))
    except InputError as exc:
        raise _shown(exc, root / ("workbook.xlsx" if kind == "workbook" else "src"),
                     name) from None
    finally:
        shutil.rmtree(root, ignore_errors=True)


# ---- the draft ----------------------------------------------------------------------------

def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.splitlines() if x.strip())


def _project(p: Project, written: Mapping[str, str]) -> Project:
    """``p`` with what the filer wrote of its texts (``PROJECT_FIELDS`` but the performance
    table's ``goals``)."""
    def text(key: str) -> str:
        return written.get(key, getattr(p, key))

    return replace(p, summary=text("summary"), unit=text("unit"),
                   policy_basis=text("policy_basis"), allocation=text("allocation"),
                   period=text("period"), arrangement=text("arrangement"),
                   targets=text("targets"))


def _overview(o: Overview, edits: Edits) -> Overview:
    """Part 1 with what the filer wrote of it."""
    counts = {k: v for k, v in edits.counts.items() if k in COUNT_FIELDS}
    staffing = replace(o.staffing, **{k: v for k, v in counts.items() if k not in UNIT_COUNTS})
    return replace(
        o, functions=o.functions if edits.functions is None else edits.functions,
        organisation=o.organisation if edits.organisation is None else edits.organisation,
        functions_intro=edits.overview.get("functions_intro", o.functions_intro),
        internal_divisions=edits.overview.get("internal_divisions", o.internal_divisions),
        tasks=edits.overview.get("tasks", o.tasks), basis=edits.overview.get("basis", o.basis),
        units=o.units if edits.units is None else tuple(n for n, _ in edits.units),
        staffing=staffing,
        admin_unit_count=counts.get("admin_unit_count", o.admin_unit_count),
        institution_unit_count=counts.get("institution_unit_count", o.institution_unit_count))


def draft_budget(base: Base, edits: Edits) -> Budget:
    b = base.budget
    projects = tuple(_project(p, edits.projects.get(p.name, {})) for p in b.projects)
    performance = tuple(replace(p, goals=edits.projects.get(p.project, {}).get("goals", p.goals),
                                indicators=edits.indicators.get(p.project, p.indicators))
                        for p in b.project_performance)
    overall = tuple(replace(o, goals=edits.overall_goals.get(n, o.goals),
                            indicators=edits.overall_indicators.get(n, o.indicators))
                    for n, o in enumerate(b.overall_performance, 1))
    reasons = {**b.reasons, **{k: v.strip() for k, v in edits.reasons.items() if v.strip()}}
    prior = {k: v for k, v in {**b.prior_year, **edits.prior_year}.items() if v is not None}
    unit_types = b.unit_types if edits.units is None else {n: t for n, t in edits.units if t}
    b = with_facts(b, edits.amounts, edits.counts, edits.words)
    return replace(b, overview=_overview(b.overview, edits), projects=projects,
                   project_performance=performance, overall_performance=overall,
                   prior_year=prior, reasons=reasons, unit_types=unit_types,
                   purposes=b.purposes if edits.purposes is None else edits.purposes,
                   initial_budget={k: v for k, v in {**b.initial_budget,
                                                     **edits.initial_budget}.items()
                                   if v is not None},
                   texts={**b.texts, **edits.final_texts},
                   operating_cost=(b.operating_cost if edits.operating_cost is None
                                   else edits.operating_cost),
                   glossary=b.glossary if edits.glossary is None else edits.glossary,
                   other_matters=(b.other_matters if edits.other_matters is None
                                  else edits.other_matters))


def draft_disclosure(base: Base, edits: Edits) -> Disclosure:
    """The whole document: tables, Part 1, the narrative generated (the workbook's own
    texts, and what the filer wrote of them, win), performance and glossary."""
    text = dict(base.text)
    for part, written in edits.texts.items():
        if part in TEXT_PARTS and written.strip():
            text[part] = [TEXT_PARTS[part], *_paragraphs(written)]
    return with_officer_text(disclosure_from_budget(draft_budget(base, edits)), text)


@dataclass(frozen=True)
class ReasonItem:
    """A change that needs its reason: this year's figure, last year's, the change."""

    key: str  # where its reason is said (``reasons``' key)
    figure: str  # the figure compared (``prior_year``'s key)
    label: str
    current: Decimal
    prior: Decimal
    change: Decimal
    rate: Decimal | None  # percent; None when last year's figure is 0
    reason: str
    last_reason: str


NAMES = {"expenditure.basic": "基本支出", "expenditure.project": "项目支出",
         "gpb.basic": "一般公共预算基本支出", "gpb.project": "一般公共预算项目支出",
         "appropriation": "财政拨款", "appropriation.total": "财政拨款收入合计",
         "operating_cost": "机关运行经费", "income.fiscal": "财政拨款收入",
         "income.total": "收入合计", "gpb.total": "一般公共预算支出合计",
         "total": "收入支出总计", "gpb": "一般公共预算财政拨款支出"}


def label(budget: Budget, key: str) -> str:
    """What the figure of ``key`` is, in words: the row the tables print under that key
    (numbering taken off), a 项 code's name, or the name of a fixed figure."""
    if key in NAMES:
        return NAMES[key]
    head, _, rest = key.partition(".")
    if head == "three_public" and rest in three_public_items():
        return three_public_items()[rest].name()
    if head == "execution":  # a 项 against last year's 预算执行数 (上海)
        return f"{label(budget, f'gpb.{rest}')}（对比上年预算执行数）"
    for table in budget.tables:
        row = (table.row(code=rest) if head == "gpb" and table.id == "gpb" and rest.isdigit()
               else table.row(key=key))
        if row is not None and row.name:
            name = strip_numbering(row.name.strip()).lstrip()
            name = name.removeprefix("其中：").removeprefix("其中:")
            return f"{rest} {name}" if row.code == rest else name
    return key


def reason_items(base: Base, edits: Edits, last_reasons: Mapping[str, str] | None = None
                 ) -> list[ReasonItem]:
    """Every change the narrative states that needs a reason, in the narrative's order."""
    budget = draft_budget(base, edits)
    figures, places = compared_figures(replace(budget, reasons={}))
    last = last_reasons or {}
    out: list[ReasonItem] = []
    for key, current in figures.items():
        prior = budget.prior_year.get(key)
        if prior is None or key not in places or not needs_reason(current - prior):
            continue
        place = places[key]
        if any(x.key == place for x in out):
            continue
        rate = None if prior == 0 else round_half_up((current - prior) / prior * 100, 2)
        out.append(ReasonItem(place, key, label(budget, key), current, prior, current - prior, rate,
                              budget.reasons.get(place) or budget.reasons.get(key, ""),
                              last.get(place) or last.get(key, "")))
    return out
