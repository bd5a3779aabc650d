"""The rule catalogue as text, Markdown (``docs/rules.md``) and JSON, for ``yusuan rules``."""

from __future__ import annotations

import json
from collections import Counter

from yusuan.checks import cross_year
from yusuan.checks.catalogue import CATALOGUE
from yusuan.checks.rule import CATEGORIES, Rule
from yusuan.model.finding import SEVERITY_TITLES
from yusuan.parse.findings import READER_FINDINGS, ReaderFinding

# What ``yusuan rules`` lists: the single-document catalogue, then the rules that hold a
# disclosure against the previous year's (run by ``check --previous`` and the platform).
LISTED: tuple[Rule | cross_year.PairRule | ReaderFinding, ...] = (
    *CATALOGUE, *cross_year.RULES, *READER_FINDINGS)


def rules_text() -> str:
    width = max(len(r.id) for r in LISTED)
    lines = [f"{r.id:<{width}}  {r.severity:<7}  {r.category:<14}  {r.title}（{r.source}）"
             for r in LISTED]
    return "\n".join(lines) + f"\n共 {len(LISTED)} 条规则\n"


def rules_json() -> str:
    data = [{"id": r.id, "severity": r.severity, "category": r.category, "title": r.title,
             "source": r.source, "tables": list(r.needs)} for r in LISTED]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_markdown() -> str:
    counts = Counter((r.category, r.severity) for r in LISTED)
    out = [
        "# 检查规则目录（yusuan rules）",
        "",
        "本页由 `yusuan rules --format markdown`（`scripts/gen_rules_doc.py`）从规则目录生成，"
        "请勿手工编辑。",
        "",
        "级别：**error**（错误，必须更正）、**warning**（警告，需要核实）、**info**（提示）。"
        "一条规则的级别是其真正失败时的级别；印制合计与各项之和的差在（n + 1）× 末位的一半之内"
        "（n 为相加的印制数个数；末位按表中实际印出的金额判断：印到分的表为 0.01，"
        "整数印制（整元或整万元）的表为 1，即 0.005 ×（n + 1）或 0.5 ×（n + 1），按表的印制单位）"
        "时只报 info（四舍五入）。同一差额在上级科目（款、类、合计）和其他表同一科目重复出现时，"
        "合为一条发现（以最具体的科目为准），列出其余各处（JSON 的 also_at）。"
        "文件没有某张表（或某一栏）时，需要它的规则跳过，不报错。",
        "",
        f"共 {len(LISTED)} 条规则。",
        "",
        "| 类别 | error | warning | info |",
        "|---|---|---|---|",
    ]
    for cat, title in CATEGORIES.items():
        if cat == "internal":
            continue
        out.append(f"| {title}（{cat}） | {counts[(cat, 'error')]} | {counts[(cat, 'warning')]} "
                   f"| {counts[(cat, 'info')]} |")
    for cat, title in CATEGORIES.items():
        rules = [r for r in LISTED if r.category == cat]
        if not rules:
            continue
        out += ["", f"## {title}（{cat}）", "", "| 编号 | 级别 | 规则 | 依据 | 所需表格 |",
                "|---|---|---|---|---|"]
        for r in rules:
            out.append(f"| `{r.id}` | {r.severity}（{SEVERITY_TITLES[r.severity]}） | "
                       f"{_cell(r.title)} | {_cell(r.source)} | {', '.join(r.needs) or '—'} |")
    out += ["", "## 运行出错（internal）", "",
            "规则运行时出错不会中断检查：该规则报告一条 category 为 `internal` 的 error，"
            "其余规则照常运行。", ""]
    return "\n".join(out)
