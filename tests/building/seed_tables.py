"""Read the amounts printed in the seed's 11 tables straight from its text (test-side only).

This is deliberately independent of yusuan's parser: the expected values come from the
published text, positionally, with the column labels transcribed from the seed's headers.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

NUMBER = re.compile(r"^-?[\d,]+\.\d{2}$")

F2 = "财政拨款(补助)"
COLUMNS = {
    "income": ["总计", f"{F2}/{F2}小计", f"{F2}/一般公共预算", f"{F2}/上级一般公共预算安排的转移支付",
               f"{F2}/政府性基金预算", f"{F2}/上级政府性基金安排的转移支付", f"{F2}/国有资本经营预算",
               f"{F2}/上级国有资本经营预算安排的转移支付", "财政专户(教育收费)", "单位资金",
               "财政拨款结转", "非财政拨款结转结余"],
    "expenditure": ["支出预算/合计", "支出预算/基本支出", "支出预算/项目支出"],
    "gpb": ["一般公共预算支出/合计", "一般公共预算支出/基本支出", "一般公共预算支出/项目支出"],
    "gpb_basic": ["一般公共预算基本支出/合计", "一般公共预算基本支出/人员经费",
                  "一般公共预算基本支出/公用经费"],
    "gpb_project": ["项目支出合计", "工资福利支出", "商品服务支出", "对个人和家庭的补助", "债务利息及费用支出",
                    "资本性支出(基本建设)", "资本性支出", "对企业补助(基本建设)", "对企业补助",
                    "对社会保障基金补助", "其他支出"],
    "three_public": ["合计", "资金来源/一般公共预算", "资金来源/政府性基金", "资金来源/国有资本经营预算"],
}
TABLE_IDS = {1: "summary", 2: "income", 3: "expenditure", 4: "appropriation", 5: "gpb",
             6: "gpb_basic", 7: "gpb_project", 8: "gov_fund", 9: "state_capital",
             10: "three_public", 11: "carryover"}
APPROPRIATION_EXPENDITURE = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]


def norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def yuan(text: str) -> str:
    return str((Decimal(text.replace(",", "")) * 10000).quantize(Decimal("0.01")))


def _blocks(text: str) -> dict[int, list[str]]:
    part2 = text.split("第二部分 2024 年部门预算公开表", 2)[-1].split("第三部分", 1)[0]
    blocks: dict[int, list[str]] = {}
    current = None
    for line in part2.splitlines():
        m = re.fullmatch(r"表 (\d+)", line.strip())
        if m:
            current = int(m.group(1))
            blocks[current] = []
        elif current is not None and "\t" in line:
            blocks[current].append(line)
    return blocks


def _split_label(text: str) -> tuple[str, str]:
    m = re.match(r"^(\d{3})\s*(.+)$", text.strip())
    return (m.group(1), m.group(2)) if m else ("", text)


def expected_cells(path: Path) -> set[tuple[str, ...]]:
    """(table, section, unit, code, name, project, column, amount_yuan) for each printed amount."""
    out: set[tuple[str, ...]] = set()
    for number, lines in _blocks(path.read_text(encoding="utf-8")).items():
        table = TABLE_IDS[number]
        unit = ""
        for line in lines:
            f = line.split("\t")
            if table in ("summary", "appropriation"):
                income_cols = ["预算数"] if table == "summary" else ["合计"]
                exp_cols = ["预算数"] if table == "summary" else APPROPRIATION_EXPENDITURE
                n = len(income_cols)
                sides = (("income", f[0], f[1:1 + n], income_cols),
                         ("expenditure", f[1 + n], f[2 + n:2 + n + len(exp_cols)], exp_cols))
                for section, label, values, cols in sides:
                    code, name = _split_label(label)
                    for col, v in zip(cols, values, strict=False):
                        if NUMBER.match(v.strip()):
                            out.add((table, section, "", code, norm(name), "", col, yuan(v)))
                continue
            if table == "three_public":
                name, values = f[0], f[1:]
                code, project = "", ""
            elif f[0].strip() in ("※", "类", "项目名称", "功能分类科目编码", "科目", "科目编码",
                                  "经济分类科目编码", "“三公”经费支出内容", "收入", "财政拨款收入"):
                continue
            else:
                depth = 2 if table == "gpb_basic" else 3
                code = "".join(x.strip() for x in f[:depth])
                name = f[depth]
                project = f[depth + 1] if table == "gpb_project" else ""
                values = f[depth + (2 if table == "gpb_project" else 1):]
                if table == "gpb_project" and not code and norm(name) != "总计":
                    unit = norm(name)
            if not any(NUMBER.match(v.strip()) for v in values):
                continue
            for col, v in zip(COLUMNS[table], values, strict=False):
                if NUMBER.match(v.strip()):
                    row_unit = unit if table == "gpb_project" and norm(name) != "总计" else ""
                    out.add((table, "", row_unit, code, norm(name), norm(project), col, yuan(v)))
    return out
