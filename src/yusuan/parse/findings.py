"""The catalogue of what readers report: every ``parse.*`` finding, its severity and meaning.

Readers (``parse``) cannot use the checker's catalogue (it sits above them), so their
findings are listed here; ``yusuan rules`` and ``docs/rules.md`` show them with the rules, and
a test holds every ``parse.*`` id the readers emit to this list.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.model.finding import Severity


@dataclass(frozen=True)
class ReaderFinding:
    id: str
    severity: Severity
    category: str
    title: str
    source: str = "读取"
    needs: tuple[str, ...] = ()


_LIST: tuple[tuple[str, Severity, str], ...] = (
    ("parse.page-without-text", "warning", "页面没有文字层（扫描件或图片），其内容未读取"),
    ("parse.table-unrecognised", "warning", "像表格的标题没有对应到本地区的任何一张表"),
    ("parse.table-missing", "warning", "文件缺少本地区应有的表"),
    ("parse.table-repeated", "warning", "同一张表出现两次（只取第一次）"),
    ("parse.header-unrecognised", "warning", "表头无法对应到表的栏目"),
    ("parse.columns-mismatch", "warning", "表的栏数与表头不一致"),
    ("parse.amount-without-column", "warning", "金额无法对应到任何一栏"),
    ("parse.amount-not-a-number", "warning", "金额栏中的内容不是数字"),
    ("parse.amount-invalid", "warning", "金额超出范围或格式有误（如 NaN、指数、过大的数）"),
    ("parse.amount-rounded", "info", "电子表格中的金额有两位以上小数，按印制的两位小数读取"),
    ("parse.code-invalid", "warning", "分开印制的科目编码拼不成有效编码"),
    ("parse.unit-missing", "warning", "表没有印金额单位，按全文单位读取"),
    ("parse.department-missing", "warning", "文件没有印部门名称"),
    ("parse.template-unfilled", "warning", "部门名称仍是模板的占位符（未填写的模板）"),
    ("parse.sheet-hidden", "info", "工作簿中的隐藏工作表也已读取"),
    ("parse.sheet-too-large", "warning", "工作表过大，未读取"),
    ("parse.sheet-unreadable", "warning", "工作表无法读取"),
    ("parse.narrative-only", "info", "文件只有文字说明部分（分开发布的公开文件之一）"),
)
READER_FINDINGS = tuple(ReaderFinding(i, s, "parse", t) for i, s, t in _LIST)
