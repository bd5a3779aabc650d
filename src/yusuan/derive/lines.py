"""``lines.csv`` (budget line items) → ``LineItem`` tuples (``line_tables`` derives the tables).

Where it sits: ``derive.source`` calls ``read_lines`` when a source folder has ``lines.csv``
and no ``tables.yaml``; ``compose.budget_tables`` calls ``tables_from_lines`` (in
``derive.line_tables``) to lay the line items out as the profile's tables.

The file (UTF-8, with or without BOM, or GBK as Excel saves it; lines starting with ``#`` are comments) has one line
item per row. Columns, by English key or Chinese header:

- ``unit`` / 预算单位: budget unit; must be listed in budget.yaml ``overview.units``
- ``fund_source`` / 资金来源: see ``FUND_SOURCES`` (key or Chinese name)
- ``functional_code`` / 功能分类科目编码: 7-digit 项 code, e.g. ``2010301`` (spaces allowed)
- ``economic_code`` / 经济分类科目编码: 5-digit 款 code (部门预算经济分类), e.g. ``30201``
- ``kind`` / 支出类型: 人员经费 | 公用经费 | 项目支出 (``personnel`` | ``public_funds`` |
  ``project``)
- ``project`` / 项目名称: required for 项目支出, refused for 基本支出
- ``amount`` / 金额: **in 元**, exact decimal, at most 2 decimals (``12345.67``)

Optional columns ``functional_name`` / 功能分类科目名称, ``economic_name`` / 经济分类科目名称
and ``note`` / 备注 are ignored: row names come from the classification catalogue.

Units: amounts are in 元 because that is the grain budget systems export line items in. They
are converted exactly (÷ 10000, no rounding) into the budget's unit (budget.yaml ``unit``), so
``LineItem.amount`` is in the budget unit and a 万元 amount may carry up to 6 decimals. Tables
sum these unrounded amounts; only display rounds.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from yusuan.model.budget import LineItem
from yusuan.model.disclosure import Origin, label
from yusuan.model.errors import InputError
from yusuan.model.money import AmountError, Unit, convert, parse_amount

COLUMNS: dict[str, tuple[str, ...]] = {
    "unit": ("预算单位", "单位名称", "单位"),
    "fund_source": ("资金来源", "资金性质"),
    "functional_code": ("功能分类科目编码", "功能科目编码", "功能分类编码"),
    "economic_code": ("经济分类科目编码", "经济科目编码", "经济分类编码"),
    "kind": ("支出类型", "支出类别"),
    "project": ("项目名称",),
    "amount": ("金额", "金额（元）", "金额(元)", "金额元"),
}
IGNORED_COLUMNS: dict[str, tuple[str, ...]] = {
    "functional_name": ("功能分类科目名称",),
    "economic_name": ("经济分类科目名称",),
    "note": ("备注",),
}
REQUIRED = ("unit", "fund_source", "functional_code", "economic_code", "kind", "amount")
COLUMN_TITLES = {key: names[0] for key, names in COLUMNS.items()}

# Fund sources: key → Chinese names accepted. ``carryover_fiscal`` must say which budget it
# comes from (一般公共预算/政府性基金/国有资本经营), because 表4–表10 group by that budget.
FUND_SOURCES: dict[str, tuple[str, ...]] = {
    "gpb": ("一般公共预算", "一般公共预算拨款", "一般财力"),
    "gpb.transfer": ("上级一般公共预算安排转移支付", "一般公共预算转移支付"),
    "gov_fund": ("政府性基金预算", "政府性基金预算拨款", "政府性基金", "政府性基金收入"),
    "gov_fund.transfer": ("上级政府性基金安排转移支付", "政府性基金转移支付"),
    "state_capital": ("国有资本经营预算", "国有资本经营预算拨款", "国有资本经营收入"),
    "state_capital.transfer": ("上级国有资本经营预算安排转移支付", "国有资本经营预算转移支付"),
    "special_account": ("财政专户核拨", "财政专户", "财政专户管理资金"),
    "unit_funds": ("单位资金",),
    "unit_funds.business": ("事业收入",),
    "unit_funds.superior_subsidy": ("上级补助收入",),
    "unit_funds.affiliated": ("附属单位上缴收入",),
    "unit_funds.operating": ("事业单位经营收入", "经营收入"),
    "unit_funds.other": ("其他收入",),
    "carryover_fiscal.gpb": ("财政拨款结转-一般公共预算", "一般公共预算结转"),
    "carryover_fiscal.gov_fund": ("财政拨款结转-政府性基金预算", "政府性基金结转"),
    "carryover_fiscal.state_capital": ("财政拨款结转-国有资本经营预算", "国有资本经营预算结转"),
    "carryover_nonfiscal": ("非财政拨款结转结余",),
    "carryover_nonfiscal.special_account": ("非财政拨款结转结余-财政专户核拨", "财政专户结转结余"),
    "carryover_nonfiscal.unit_funds": ("非财政拨款结转结余-单位资金", "单位资金结转结余"),
}
KINDS: dict[str, tuple[str, ...]] = {
    "personnel": ("人员经费", "基本支出-人员经费"),
    "public_funds": ("公用经费", "基本支出-公用经费"),
    "project": ("项目支出", "项目"),
    "reserve": ("单位预留机动经费", "预留机动经费"),  # 江苏 公开01/03/04表
}


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, names in table.items():
        for name in (key, *names):
            out[label(name)] = key
    return out


_COLUMN_INDEX = _index(COLUMNS)
_IGNORED_INDEX = _index(IGNORED_COLUMNS)
_FUND_INDEX = _index(FUND_SOURCES)
_KIND_INDEX = _index(KINDS)


def fund_family(fund_source: str) -> str | None:
    """The budget a fiscal fund source belongs to (``gpb``/``gov_fund``/``state_capital``),
    carry-over of fiscal funds included; ``None`` for non-fiscal sources."""
    parts = fund_source.split(".")
    if parts[0] == "carryover_fiscal":
        return parts[1]
    return parts[0] if parts[0] in ("gpb", "gov_fund", "state_capital") else None


def is_carryover(fund_source: str) -> bool:
    return fund_source.startswith("carryover_")


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _header(cells: list[str], file: str, line: int) -> list[str | None]:
    keys: list[str | None] = []
    for cell in cells:
        name = label(cell)
        if name in _COLUMN_INDEX:
            key = _COLUMN_INDEX[name]
            if key in keys:
                raise InputError(f"列“{cell}”重复", file=file, line=line, field=cell)
            keys.append(key)
        elif name in _IGNORED_INDEX or not name:
            keys.append(None)
        else:
            known = "、".join(f"{v[0]}（{k}）" for k, v in COLUMNS.items())
            raise InputError(f"未知的列“{cell}”；可用的列：{known}", file=file, line=line,
                             field=cell)
    missing = [COLUMN_TITLES[k] for k in REQUIRED if k not in keys]
    if missing:
        raise InputError(f"缺少列：{'、'.join(missing)}", file=file, line=line)
    return keys


def _code(value: str, digits: int, level: str, what: str) -> str:
    """The digits of a code; ``ValueError`` (with the message) if it is not a ``level`` code."""
    code = label(value)
    if not code:
        raise ValueError(f"{what}不能为空")
    if not code.isdigit() or len(code) != digits:
        raise ValueError(f"{what}应为 {digits} 位数字的{level}级科目编码，却是“{value}”")
    return code


def _line_item(record: dict[str, str], titles: dict[str, str], file: str, line: int,
               unit: Unit) -> LineItem:
    def fail(key: str, message: str) -> InputError:
        return InputError(message, file=file, line=line, field=titles.get(key, COLUMN_TITLES[key]))

    budget_unit = record.get("unit", "").strip()
    if not budget_unit:
        raise fail("unit", "预算单位不能为空")
    fund_text = record.get("fund_source", "")
    fund = _FUND_INDEX.get(label(fund_text))
    if fund is None:
        if label(fund_text) in ("carryover_fiscal", "财政拨款结转"):
            raise fail("fund_source", "财政拨款结转应写明来自哪本预算，如“财政拨款结转-一般公共预算”"
                                      "（carryover_fiscal.gpb）")
        known = "、".join(f"{v[0]}（{k}）" for k, v in FUND_SOURCES.items())
        raise fail("fund_source", f"未知的资金来源“{fund_text}”；可用：{known}")
    try:
        functional = _code(record.get("functional_code", ""), 7, "项", "功能分类科目编码")
    except ValueError as exc:
        raise fail("functional_code", str(exc)) from None
    try:
        economic = _code(record.get("economic_code", ""), 5, "款", "经济分类科目编码")
    except ValueError as exc:
        raise fail("economic_code", str(exc)) from None
    kind_text = record.get("kind", "")
    kind = _KIND_INDEX.get(label(kind_text))
    if kind is None:
        raise fail("kind", f"未知的支出类型“{kind_text}”；应为 人员经费、公用经费、项目支出"
                           "（江苏另有 单位预留机动经费）"
                           "（基本支出须分为人员经费与公用经费）")
    project = record.get("project", "").strip() or None
    if kind == "project" and project is None:
        raise fail("project", "项目支出行必须填写项目名称")
    if kind in ("personnel", "public_funds") and project is not None:
        raise fail("project", f"基本支出（{KINDS[kind][0]}）行不应填写项目名称“{project}”")
    amount_text = record.get("amount", "")
    try:
        amount = parse_amount(amount_text, max_places=2)
    except AmountError as exc:
        raise fail("amount", f"{exc}（lines.csv 的金额以元为单位，最多 2 位小数）") from None
    if amount is None:
        raise fail("amount", "金额不能为空（确为零请写 0）")
    if amount < 0:
        raise fail("amount", f"金额不能为负数，却是“{amount_text}”")
    return LineItem(unit=budget_unit, fund_source=fund, functional_code=functional,
                    economic_code=economic, kind=kind, amount=convert(amount, Unit.YUAN, unit),
                    project=project, origin=Origin(file=file, line=line))


def read_lines(path: Path, *, unit: Unit) -> tuple[LineItem, ...]:
    """The line items of ``lines.csv``, amounts converted exactly from 元 into ``unit``."""
    file = str(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # Excel on a Chinese Windows saves "CSV (逗号分隔)" in GBK, whose superset this is
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise InputError("既不是 UTF-8 也不是 GBK 编码的文本文件（请在 Excel 中另存为"
                             "“CSV UTF-8（逗号分隔）”）", file=file,
                             line=data.count(b"\n", 0, exc.start) + 1) from None
    records = csv_records(text, file)
    try:
        header_line, header = next(records)
    except StopIteration:
        raise InputError("文件是空的：第一行应为列名（预算单位,资金来源,…）", file=file) from None
    keys = _header(header, file, header_line)
    titles = {k: cell.strip() for k, cell in zip(keys, header, strict=True) if k is not None}
    items = []
    for line, cells in records:
        if len(cells) > len(keys):
            raise InputError(f"这一行有 {len(cells)} 栏，比列名（{len(keys)} 栏）多",
                             file=file, line=line)
        record = {k: v for k, v in zip(keys, cells, strict=False) if k is not None}
        items.append(_line_item(record, titles, file, line, unit))
    if not items:
        raise InputError("没有任何明细行", file=file, line=header_line)
    return tuple(items)


def csv_records(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the physical line each starts on; comment and blank lines skipped."""
    lines = list(_numbered_lines(text))
    position = 0

    def feed() -> Iterator[str]:
        nonlocal position
        while position < len(lines):
            position += 1
            yield lines[position - 1][1]

    reader = csv.reader(feed())
    while True:
        start = lines[position][0] if position < len(lines) else 0
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"CSV 格式错误：{exc}", file=file, line=start) from None
        yield start, [cell.strip() for cell in record]
