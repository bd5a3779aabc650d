"""Generalisation harness: documents nobody has seen, read back and checked.

Each case starts from a profile's synthetic source folder (``examples/``), randomised by a
seed: the department's name, the 功能分类 code of every line (valid 项 of the year's
catalogue), the amounts (元 with cents or whole 元, zeros, tiny and huge), extra project lines
with long names (many rows, tables over several pages), the edition. yusuan builds it
(``compose.build_disclosure``); the Disclosure built is the truth. It is then printed in PDF,
DOCX and XLSX, optionally through **perturbations** the builder does not make but real
documents do (``generalise_perturb.py``: numbering prefixes, titles wrapped over two lines,
codes split into 类/款/项 columns, headers over two rows, 单位 lines in the other wording, a
header repeated on the next page, an empty table with its note), and read back with the
public parse entry. Measured per profile × edition × format × perturbation:

- tables recognised / tables printed;
- cells read exactly / cells printed (the build's cells at the printed precision);
- error findings on the clean document (parse + check; must be 0) — the build's own
  findings are the baseline, so a generator slip is not counted against the reader;
- with **errors injected** into the printed document (a total off, a share wrong, a narrative
  figure contradicting its table, a rate that does not follow from its change): the share
  detected, and detected at the right place (table and row, or section).

    .venv/bin/python benchmarks/generalise.py [--seeds 3] [--formats pdf,docx,xlsx] [--json]

The test ``tests/parse/test_generalise.py`` runs a fast subset.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

from yusuan.checks.run import check_disclosure
from yusuan.compose import build_disclosure
from yusuan.model.cells import cell_records
from yusuan.model.disclosure import Disclosure, Row, label
from yusuan.model.finding import Finding
from yusuan.model.money import Unit, convert
from yusuan.model.profiles import load_profile
from yusuan.parse import parse_files
from yusuan.reference.classification import catalogue

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generalise_perturb import INJECTIONS, PERTURBATIONS, Injected, render

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
KEY = ("table", "section", "unit", "code", "name", "project", "column", "amount_yuan")
FORMATS = ("pdf", "docx", "xlsx")


@dataclass(frozen=True)
class Case:
    """A profile and edition to generate documents of, from an example source folder."""

    name: str
    example: str
    edition: str | None = None  # None: the example's


CASES = (
    Case("xinjiang-11", "synthetic-2024"),
    Case("shanghai-9 部门", "shanghai-dept-2025"),
    Case("shanghai-9 单位", "shanghai-dept-2025", "单位预算"),
    Case("jiangsu-12", "jiangsu-dept-2019"),
    Case("决算 shanghai-final-9", "synthetic-final-2024"),
)

_SYLLABLES = ("信息", "综合", "行政", "执法", "保障", "服务", "管理", "发展", "建设", "监测",
              "运行", "维护", "专项", "公共", "安全", "社区", "规划", "数据", "应急", "宣传")
_ORGS = ("", "管理", "发展", "服务", "监督")  # before the example's own 局/厅


def _name(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(words))


def _amount(rng: random.Random) -> Decimal:
    """An amount in 元: mostly thousands to millions, some whole 元, some tiny or zero."""
    pick = rng.random()
    if pick < 0.04:
        return Decimal("0.00")
    if pick < 0.08:
        return Decimal(rng.randint(1, 99)) + Decimal(rng.randint(0, 99)) / 100
    value = Decimal(round(10 ** rng.uniform(3, 7.3)))
    if rng.random() < 0.5:
        value += Decimal(rng.randint(0, 99)) / 100
    return value.quantize(Decimal("0.01"))


def _item_codes(year: int) -> list[str]:
    return sorted(e.code for e in catalogue("functional").entries(year) if e.level == "项")


def generate(case: Case, seed: int, into: Path) -> Path:
    """A randomised source folder for ``case`` (see the module docstring)."""
    rng = random.Random(f"{case.name}/{seed}")
    src = EXAMPLES / case.example
    dst = into / f"{case.example}-{seed}"
    shutil.copytree(src, dst)
    budget_text = (dst / "budget.yaml").read_text(encoding="utf-8")
    old = yaml.safe_load(budget_text)["department"]
    region = re.match(r"^(.{1,3}?[省市县区])", old)
    stem = old.removesuffix("局").removesuffix("厅")
    new_stem = (region.group(1) if region else "") + _name(rng, rng.randint(1, 3)) \
        + rng.choice(_ORGS)
    text = budget_text.replace(stem, new_stem)
    if case.edition:
        text = re.sub(r"(?m)^edition: .*$", f"edition: {case.edition}", text, count=1)
    (dst / "budget.yaml").write_text(text, encoding="utf-8")
    lines = dst / "lines.csv"
    if lines.exists():
        lines.write_text(_random_lines(lines.read_text(encoding="utf-8").replace(stem, new_stem),
                                       rng, int(yaml.safe_load(text)["year"])), encoding="utf-8")
        _performance_of(dst)
    else:
        _scale_tables(dst, rng)
    return dst


def _performance_of(folder: Path) -> None:
    """The example's performance targets restated for the new amounts: the department's
    total is the 收支总表's income total, each project's the 项目支出表's (all 本级)."""
    path = folder / "budget.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    performance = data.get("performance") or {}
    if not performance:
        return
    built = build_disclosure(folder)
    unit = Unit.parse(str(data.get("unit", "万元")))
    summary, projects = built.table("summary"), built.table("gpb_project")
    income = next((r for r in summary.rows_of("income") if r.is_total), None) \
        if summary is not None else None
    column = next(iter(summary.columns_of("income")), None) if summary is not None else None
    for overall in performance.get("overall") or ():
        if income is not None and column is not None:
            total = convert(income.value(column.key) or Decimal(0), summary.unit, unit).quantize(
                Decimal("0.01"), ROUND_HALF_UP)
            overall.update(total=str(total), fiscal_superior="0.00", fiscal_local=str(total),
                           other="0.00")
    for project in performance.get("projects") or ():
        row = next((r for r in projects.rows if r.project == project.get("project")
                    and r.kind != "total"), None) if projects is not None else None
        if row is not None:
            total = convert(row.value("total") or Decimal(0), projects.unit, unit).quantize(
                Decimal("0.01"), ROUND_HALF_UP)
            project.update(total=str(total), fiscal=str(total), other="0.00")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


_KEEP = ("208", "210", "221")  # personnel codes tied to their economic codes (养老、医疗、住房)


def _random_lines(text: str, rng: random.Random, year: int) -> str:
    """The example's lines with new 项 codes (kept within personnel 类), new amounts, and
    extra project lines with long names."""
    comments = [ln for ln in text.splitlines() if ln.startswith("#")]
    body = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(body))))
    codes = [c for c in _item_codes(year) if not c.startswith(_KEEP)]
    mapping: dict[str, str] = {}
    out = []
    for r in rows:
        code = r["功能分类科目编码"]
        if not code.startswith(_KEEP):
            code = mapping.setdefault(code, rng.choice(codes))
        out.append({**r, "功能分类科目编码": code, "金额": str(_amount(rng))})
    units = sorted({r["预算单位"] for r in rows})
    funds = [r["资金来源"] for r in rows if r["支出类型"] == "项目支出"] or ["一般公共预算"]
    for _ in range(rng.randint(4, 30)):
        out.append({**rows[0], "预算单位": rng.choice(units), "资金来源": rng.choice(funds),
                    "功能分类科目编码": rng.choice(codes),
                    "经济分类科目编码": rng.choice(("30201", "30227", "30226", "30299")),
                    "支出类型": "项目支出",
                    "项目名称": _name(rng, rng.randint(2, 9)) + rng.choice(("经费", "项目", "专项资金")),
                    "金额": str(_amount(rng))})
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(out)
    return "\n".join(comments) + "\n" + buf.getvalue()


def _scale_tables(folder: Path, rng: random.Random) -> None:
    """Table-level sources (决算): every amount of the tables and of budget.yaml (年初预算,
    上年数) times one whole factor, so every sum, share, rate and 完成率 still holds exactly."""
    factor = rng.randint(2, 9)
    for name in ("tables.yaml", "budget.yaml"):
        path = folder / name
        text = re.sub(r'"(-?[\d,]+\.\d{2})"',
                      lambda m: f'"{Decimal(m.group(1).replace(",", "")) * factor:,.2f}"',
                      path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")


def printed(disclosure: Disclosure) -> set[tuple[str, ...]]:
    """The cells a reader can recover: each amount at the cent of its table's unit; a
    ``projects-flat`` row whose project is its name prints once (see test_round_trip)."""
    profile = load_profile(disclosure.profile)

    def row(r: Row, flat: bool) -> Row:
        values = {k: None if v is None else v.quantize(Decimal("0.01"), ROUND_HALF_UP)
                  for k, v in r.values.items()}
        if flat and r.project and label(r.project) == label(r.name):
            return replace(r, values=values, project=None)
        return replace(r, values=values)

    tables = []
    for t in disclosure.tables:
        layout = profile.table(t.id)
        flat = layout is not None and layout.rows == "projects-flat"
        tables.append(replace(t, rows=tuple(row(r, flat) for r in t.rows)))
    return cells(replace(disclosure, tables=tuple(tables)))


def cells(disclosure: Disclosure) -> set[tuple[str, ...]]:
    return {tuple(r[k] for k in KEY) for r in cell_records(disclosure)}


def errors(findings: list[Finding] | tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


@dataclass
class Result:
    case: str
    fmt: str
    perturbation: str
    seed: int
    tables: int = 0
    tables_read: int = 0
    cells: int = 0
    cells_read: int = 0
    false_errors: int = 0
    baseline_errors: int = 0  # errors of the built document itself (a generator slip)
    injected: int = 0
    detected: int = 0
    located: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)


def read_back(disclosure: Disclosure, fmt: str, work: Path, transform: str) -> tuple[
        Disclosure, list[Finding]]:
    path = work / f"doc-{transform}.{fmt}"
    path.write_bytes(render(disclosure, fmt, transform))
    parsed, findings = parse_files([path])
    return parsed, [*findings, *check_disclosure(parsed)]


def measure(case: Case, seed: int, formats: tuple[str, ...], perturbations: tuple[str, ...],
            injections: tuple[str, ...], work: Path,
            inject_under: tuple[str, ...] = ("none",)) -> Iterator[Result]:
    source = generate(case, seed, work)
    built = build_disclosure(source)
    baseline = {(f.rule_id, f.location.table) for f in errors(check_disclosure(built))}
    want = printed(built)
    for fmt in formats:
        for name in perturbations:
            start = time.process_time()
            doc = PERTURBATIONS[name].disclosure(built, random.Random(seed))
            result = Result(case.name, fmt, name, seed, tables=len(doc.tables),
                            cells=len(want), baseline_errors=len(baseline))
            parsed, findings = read_back(doc, fmt, work, name)
            result.tables_read = len({t.id for t in parsed.tables} & {t.id for t in doc.tables})
            got = cells(parsed)
            result.cells_read = len(want & got)
            missing = sorted(want - got)[:3]
            result.misses = [" ".join(c) for c in missing]
            false = [f for f in errors(findings) if (f.rule_id, f.location.table) not in baseline]
            result.false_errors = len(false)
            result.misses += [f"FALSE {f.rule_id}: {f.message[:90]}" for f in false[:3]]
            for inj in injections if name in inject_under else ():
                injected = INJECTIONS[inj](doc, random.Random(f"{seed}/{inj}"))
                if injected is None or (injected.narrative and not any(
                        x.facts for s in parsed.narrative for x in s.sentences())):
                    continue  # nothing of the kind to spoil, or a format without Part 3
                result.injected += 1
                _, found = read_back(injected.disclosure, fmt, work, name)
                hit = _detected(injected, errors(found), baseline)
                result.detected += hit > 0
                result.located += hit > 1
                if hit < 2:
                    result.misses.append(f"MISSED {inj}: {injected.what}")
            result.seconds = time.process_time() - start
            yield result


def _detected(injected: Injected, found: list[Finding], baseline: set) -> int:
    """0 not detected; 1 detected (a new error); 2 detected at the place injected."""
    new = [f for f in found if (f.rule_id, f.location.table) not in baseline]
    if not new:
        return 0
    for f in new:
        if any(injected.matches(f.location) for f in (f, *f.also)):
            return 2
    return 1


def summary(results: list[Result]) -> str:
    keys: dict[tuple[str, str, str], list[Result]] = {}
    for r in results:
        keys.setdefault((r.case, r.fmt, r.perturbation), []).append(r)
    out = ["| case | format | perturbation | tables | cells | false errors (built's own) "
           "| injected: detected / located | CPU s |", "|---|---|---|---|---|---|---|---|"]

    def total(rs: list[Result], attr: str) -> int:
        return sum(getattr(r, attr) for r in rs)

    for (case, fmt, pert), rs in sorted(keys.items()):
        out.append(f"| {case} | {fmt} | {pert} | {total(rs, 'tables_read')}/{total(rs, 'tables')} "
                   f"| {total(rs, 'cells_read')}/{total(rs, 'cells')} | {total(rs, 'false_errors')} "
                   f"({total(rs, 'baseline_errors')}) "
                   f"| {total(rs, 'detected')}/{total(rs, 'injected')} · "
                   f"{total(rs, 'located')}/{total(rs, 'injected')} "
                   f"| {sum(r.seconds for r in rs):.1f} |")
    cells_all = total(results, "cells")
    out.append(f"\nAll: tables {total(results, 'tables_read')}/{total(results, 'tables')}, "
               f"cells {total(results, 'cells_read')}/{cells_all} "
               f"({100 * total(results, 'cells_read') / max(cells_all, 1):.2f}%), "
               f"false errors {total(results, 'false_errors')}, injected errors detected "
               f"{total(results, 'detected')}/{total(results, 'injected')}, located "
               f"{total(results, 'located')}/{total(results, 'injected')}.")
    return "\n".join(out)


def run(cases: tuple[Case, ...], seeds: range, formats: tuple[str, ...],
        perturbations: tuple[str, ...], injections: tuple[str, ...],
        progress: Callable[[Result], None] | None = None) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="yusuan-generalise-") as tmp:
        for case in cases:
            for seed in seeds:
                work = Path(tmp) / f"{case.example}-{case.edition or ''}-{seed}"
                work.mkdir()
                for r in measure(case, seed, formats, perturbations, injections, work):
                    results.append(r)
                    if progress:
                        progress(r)
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--first-seed", type=int, default=1)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--cases", default="", help="names (comma-separated) of CASES; all if empty")
    ap.add_argument("--perturbations", default=",".join(PERTURBATIONS))
    ap.add_argument("--injections", default=",".join(INJECTIONS))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each result's misses")
    args = ap.parse_args(argv)
    cases = tuple(c for c in CASES if not args.cases or c.name in args.cases.split(","))

    def progress(r: Result) -> None:
        if args.verbose:
            print(f"{r.case} {r.fmt} {r.perturbation} seed {r.seed}: tables {r.tables_read}/"
                  f"{r.tables} cells {r.cells_read}/{r.cells} false {r.false_errors} "
                  f"detected {r.detected}/{r.injected} located {r.located}", file=sys.stderr)
            for m in r.misses:
                print("    " + m, file=sys.stderr)

    results = run(cases, range(args.first_seed, args.first_seed + args.seeds),
                  tuple(f for f in args.formats.split(",") if f),
                  tuple(p for p in args.perturbations.split(",") if p),
                  tuple(i for i in args.injections.split(",") if i), progress)
    print(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1)
          if args.json else summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
