"""Read a source folder (``budget.yaml`` + ``tables.yaml`` or ``lines.csv``) into a ``Budget``.

Every problem is an ``InputError`` naming the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from yusuan.derive import located_yaml
from yusuan.derive.fields import Fields
from yusuan.derive.lines import read_lines
from yusuan.derive.located_yaml import LMap, text_lines
from yusuan.derive.table_input import read_tables
from yusuan.model.budget import Assets, Budget, LineItem, Procurement, Project, Vehicles
from yusuan.model.disclosure import (
    GlossaryTerm,
    Indicator,
    Origin,
    OverallPerformance,
    Overview,
    ProjectPerformance,
    Staffing,
    Table,
)
from yusuan.model.errors import InputError
from yusuan.model.kinds import EDITIONS, kind_of
from yusuan.model.money import AmountError, Unit, parse_amount
from yusuan.model.profiles import UnknownProfileError, load_profile

BUDGET_FILE = "budget.yaml"
FIRST_YEAR = 1990
MAX_YEARS_AHEAD = 2  # a budget is drawn up for next year at the latest; beyond is a typo
TABLES_FILE = "tables.yaml"
LINES_FILE = "lines.csv"
BUDGET_KEYS = ("department", "year", "unit", "profile", "edition", "kind", "published_on",
               "approved_on", "overview", "prior_year", "reasons", "purposes", "projects",
               "procurement", "assets", "performance", "glossary", "other_matters", "options",
               "operating_cost", "机关运行经费", "initial_budget", "figures", "texts")
KINDS = {"budget": ("xinjiang-11", "部门预算"), "final": ("shanghai-final-9", "部门决算")}


def _load_fields(path: Path) -> Fields:
    data = located_yaml.load(path)
    if not isinstance(data, LMap):
        raise InputError("文件内容应为“键: 值”形式的映射", file=str(path), line=1)
    if not data:
        raise InputError("文件是空的：应为“键: 值”形式的映射（yusuan new 生成的样例可作参照）",
                         file=str(path), line=1)
    return Fields(data, str(path))


# 单位类型 (budget.yaml ``overview.units``: ``{name: …, type: …}``): 机关运行经费 is the 公用经费
# of 行政单位 and 参照公务员法管理的事业单位 only.
UNIT_TYPES = {"行政单位": "行政单位", "参公事业单位": "参公事业单位",
              "参照公务员法管理事业单位": "参公事业单位", "参照公务员法管理的事业单位": "参公事业单位",
              "参公单位": "参公事业单位", "事业单位": "事业单位"}


def _units(f: Fields) -> tuple[tuple[str, ...], dict[str, str]]:
    """``overview.units``: names, or ``{name: 单位名称, type: 行政单位|参公事业单位|事业单位}``."""
    names: list[str] = []
    types: dict[str, str] = {}
    for i, (line, item) in enumerate(f.items("units")):
        where = f"{f.path}.units[{i + 1}]" if f.path else f"units[{i + 1}]"
        if isinstance(item, LMap):
            unit = f.child(item, where)
            name = unit.text("name", required=True)
            kind = unit.text("type")
            if kind:
                if kind not in UNIT_TYPES:
                    raise unit.error("type", f"单位类型应为 行政单位、参公事业单位 或 事业单位，却是“{kind}”")
                types[name] = UNIT_TYPES[kind]
            names.append(name)
        elif isinstance(item, (str, int)) and not isinstance(item, bool):
            names.append(str(item).strip())
        else:
            raise InputError("应为单位名称，或 {name: 单位名称, type: 单位类型}", file=f.file,
                             line=line, field=where)
    return tuple(names), types


def _overview(f: Fields, units: tuple[str, ...]) -> Overview:
    s = f.mapping("staffing")
    staffing = Staffing(
        authorized=s.integer("authorized"), actual=s.integer("actual"),
        in_service=s.integer("in_service"), in_service_change=s.integer("in_service_change"),
        retired=s.integer("retired"), retired_change=s.integer("retired_change"),
        lixiu=s.integer("lixiu"), lixiu_change=s.integer("lixiu_change"),
    )
    return Overview(
        functions=f.texts("functions"), functions_intro=f.texts("functions_intro"),
        organisation=f.texts("organisation"),
        internal_divisions=f.texts("internal_divisions"), units=units,
        admin_unit_count=f.integer("admin_unit_count"),
        institution_unit_count=f.integer("institution_unit_count"), staffing=staffing,
        tasks=f.texts("tasks"), basis=f.texts("basis"),
    )


def _amount_map(f: Fields) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for key in f.names():
        value = f.amount(key)
        if value is not None:
            out[key] = value
    return out


def _text_map(f: Fields) -> dict[str, str]:
    return {key: f.text(key) for key in f.names()}


def _vehicles(f: Fields) -> Vehicles:
    return Vehicles(count=f.integer("count"), value=f.amount("value"))


def _assets(f: Fields) -> Assets:
    return Assets(
        as_of=f.text("as_of"), house_area=f.amount("house_area"),
        house_value=f.amount("house_value"), vehicles=_vehicles(f.mapping("vehicles")),
        vehicles_official=_vehicles(f.mapping("vehicles_official")),
        vehicles_enforcement=_vehicles(f.mapping("vehicles_enforcement")),
        vehicles_other=_vehicles(f.mapping("vehicles_other")),
        furniture_value=f.amount("furniture_value"), other_value=f.amount("other_value"),
        equipment_over_50=f.integer("equipment_over_50"),
        equipment_over_100=f.integer("equipment_over_100"),
        planned_vehicles=f.integer("planned_vehicles"),
        planned_equipment_over_50=f.integer("planned_equipment_over_50"),
        planned_equipment_over_100=f.integer("planned_equipment_over_100"),
    )


_INDICATOR_FIELDS = ("level1", "level2", "level3", "value", "basis", "prior_value", "weight",
                     "scoring_rule", "evidence")


def _indicators(f: Fields, key: str, *, overall: bool) -> tuple[Indicator, ...]:
    """Indicator rows as lists: overall [一级, 二级, 三级, 指标值, 依据, 分值]; project rows
    [一级, 二级, 三级, 指标值, 依据, 上年完成值, 分值, 赋分规则, 佐证资料]."""
    names = (("level1", "level2", "level3", "value", "basis", "weight") if overall
             else _INDICATOR_FIELDS)
    out = []
    for i, (line, item) in enumerate(f.items(key)):
        where = f"{f.path}.{key}[{i + 1}]"
        if not isinstance(item, list) or len(item) != len(names):
            raise InputError(f"指标行应为 {len(names)} 项的列表：{'、'.join(names)}",
                             file=f.file, line=line, field=where)
        values = dict(zip(names, item, strict=True))
        try:
            weight = parse_amount(values.pop("weight"))
        except AmountError as exc:
            raise InputError(str(exc), file=f.file, line=line, field=f"{where}.weight") from None
        texts = {k: (None if v is None else str(v)) for k, v in values.items()}
        out.append(Indicator(weight=weight, **texts))  # type: ignore[arg-type]
    return tuple(out)


def _performance(f: Fields, department: str, year: int, unit: Unit
                 ) -> tuple[tuple[OverallPerformance, ...], tuple[ProjectPerformance, ...]]:
    overall = tuple(
        OverallPerformance(
            department=o.text("department") or department, year=year, goals=o.text("goals"),
            total=o.amount("total"), fiscal_superior=o.amount("fiscal_superior"),
            fiscal_local=o.amount("fiscal_local"), other=o.amount("other"),
            contact=o.text("contact") or None, phone=o.text("phone") or None,
            indicators=_indicators(o, "indicators", overall=True), unit=unit,
        )
        for o in f.mappings("overall")
    )
    projects = tuple(
        ProjectPerformance(
            unit_name=p.text("unit", required=True), project=p.text("project", required=True),
            year=year, total=p.amount("total"), fiscal=p.amount("fiscal"),
            other=p.amount("other"), manager=p.text("manager") or None, goals=p.text("goals"),
            indicators=_indicators(p, "indicators", overall=False), unit=unit,
        )
        for p in f.mappings("projects")
    )
    return overall, projects


def _glossary(f: Fields) -> tuple[GlossaryTerm, ...]:
    return tuple(GlossaryTerm(g.text("term", required=True), g.text("definition", required=True))
                 for g in f.mappings("glossary"))


def _date(f: Fields, key: str) -> str | None:
    """An ISO date (``2024-02-23``); anything else is refused with its line."""
    text = f.text(key)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise f.error(key, f"日期应写成 YYYY-MM-DD，如 2024-02-23，却是“{text}”") from None


def _operating_cost(f: Fields) -> Decimal | None:
    """机关运行经费 written out (``operating_cost`` or ``机关运行经费``), in the budget unit."""
    given = [k for k in ("operating_cost", "机关运行经费") if f.has(k)]
    if len(given) > 1:
        raise f.error(given[1], "operating_cost 与 机关运行经费 是同一项，只写一个")
    value = f.amount(given[0]) if given else None
    if value is not None and value < 0:
        raise f.error(given[0], f"机关运行经费不能为负数，却是 {value}")
    return value


def load_budget(folder: Path) -> Budget:
    """The ``Budget`` of a source folder; ``InputError`` for anything unusable."""
    if not folder.exists():
        raise InputError("源文件夹不存在", file=str(folder))
    if not folder.is_dir():
        raise InputError("应为源文件夹（内含 budget.yaml），却是一个文件", file=str(folder))
    budget_path = folder / BUDGET_FILE
    if not budget_path.exists():
        raise InputError(f"源文件夹中没有 {BUDGET_FILE}（可用 yusuan new 生成模板）",
                         file=str(folder))
    f = _load_fields(budget_path)
    f.only(BUDGET_KEYS)
    department = f.text("department", required=True)
    year = f.integer("year", required=True)
    assert year is not None
    latest = dt.date.today().year + MAX_YEARS_AHEAD
    if not FIRST_YEAR <= year <= latest:
        raise f.error("year", f"预算年度 {year} 不合理：应为 {FIRST_YEAR}–{latest} 年之间的四位年份")
    try:
        unit = Unit.parse(f.text("unit", "万元"))
    except ValueError as exc:
        raise f.error("unit", str(exc)) from None
    kind = f.text("kind", "budget")
    if kind not in KINDS:
        raise f.error("kind", f"文件种类应为 budget（预算）或 final（决算），却是“{kind}”")
    text = f.text("edition", KINDS[kind][1])
    if text.endswith("决算") != (kind == "final"):
        raise f.error("edition", f"“{text}”与 kind: {kind} 不符")
    edition = next((e for e in EDITIONS if e == text), None)
    profile_id = f.text("profile", KINDS[kind][0])
    try:
        profile = load_profile(profile_id)
    except UnknownProfileError as exc:
        raise f.error("profile", str(exc)) from None

    if edition is None:
        wanted = [e for e in EDITIONS if kind_of(e) == kind]
        raise f.error("edition", f"版本应为 {' 或 '.join(wanted)}，却是“{text}”")
    tables_path = folder / TABLES_FILE
    lines_path = folder / LINES_FILE
    tables: tuple[Table, ...] = ()
    lines: tuple[LineItem, ...] = ()
    if tables_path.exists():
        tables = read_tables(_load_fields(tables_path), profile, department=department,
                             year=year, unit=unit, edition=edition)
    elif lines_path.exists():

        lines = read_lines(lines_path, unit=unit)
    else:
        raise InputError(f"源文件夹中既没有 {TABLES_FILE} 也没有 {LINES_FILE}", file=str(folder))

    units, unit_types = _units(f.mapping("overview"))
    overall, project_perf = _performance(f.mapping("performance"), department, year, unit)
    p = f.mapping("procurement")
    budget = Budget(
        department=department, year=year, profile=profile_id, unit=unit,
        edition=edition, overview=_overview(f.mapping("overview"), units),
        tables=tables, lines=lines, prior_year=_amount_map(f.mapping("prior_year")),
        reasons=_text_map(f.mapping("reasons")), purposes=_text_map(f.mapping("purposes")),
        projects=tuple(
            Project(name=x.text("name", required=True), unit=x.text("unit"),
                    policy_basis=x.text("policy_basis"), allocation=x.text("allocation"),
                    period=x.text("period"), amount=x.amount("amount"),
                    summary=x.text("summary"), arrangement=x.text("arrangement"),
                    targets=x.text("targets"))
            for x in f.mappings("projects")
        ),
        procurement=Procurement(
            total=p.amount("total"), goods=p.amount("goods"), works=p.amount("works"),
            services=p.amount("services"), sme_reserved=p.amount("sme_reserved"),
            micro_reserved=p.amount("micro_reserved"),
        ),
        assets=_assets(f.mapping("assets")),
        overall_performance=overall, project_performance=project_perf,
        glossary=_glossary(f), other_matters=f.text("other_matters"),
        published_on=_date(f, "published_on"), approved_on=_date(f, "approved_on"),
        options=_text_map(f.mapping("options")),
        source=Origin(file=str(budget_path), texts=text_lines(f.data), unit=unit,
                      unit_line=f.line("unit") if f.has("unit") else None),
        unit_types=unit_types, operating_cost=_operating_cost(f),
        initial_budget=_amount_map(f.mapping("initial_budget")),
        figures=_amount_map(f.mapping("figures")), texts=_text_map(f.mapping("texts")),
    )
    f.unknown_keys()  # a misspelt key at any depth, once everything known has been asked
    return budget
