"""Item numbering (一、 1. （一） …): one reader of it, used by every table and narrative reader."""

import re

import pytest

from yusuan.reference.numerals import TABLE_NUMBER, chinese_number, numbering, strip_numbering


@pytest.mark.parametrize(("printed", "bare", "number"), [
    ("一、一般公共服务支出", "一般公共服务支出", "一、"),
    ("十二、农林水支出", "农林水支出", "十二、"),
    ("（一）基本支出", "基本支出", "（一）"),
    ("(2)项目支出", "项目支出", "(2)"),
    ("1.一般公共预算拨款", "一般公共预算拨款", "1."),
    ("1、一般公共预算资金", "一般公共预算资金", "1、"),
    ("3．事业收入", "事业收入", "3．"),
    ("2)其他收入", "其他收入", "2)"),
    ("一般公共服务支出", "一般公共服务支出", ""),
    ("2024年预算", "2024年预算", ""),  # a year is no numbering
    ("一、（一）工资福利支出", "（一）工资福利支出", "一、"),  # one numbering, once
])
def test_numbering_is_read_and_stripped(printed: str, bare: str, number: str) -> None:
    assert strip_numbering(printed) == bare
    assert numbering(printed) == number


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 10, 12, 20, 23)] == ["一", "十", "十二", "二十", "二十三"]


@pytest.mark.parametrize(("printed", "is_number"), [
    ("表3", True), ("表3-1", True), ("附表一", True), ("公开01表", True), ("表十二", True),
    ("表", False), ("公开表", False), ("一般公共预算支出表", False),
])
def test_table_numbers(printed: str, is_number: bool) -> None:
    assert bool(re.fullmatch(TABLE_NUMBER, printed)) is is_number
