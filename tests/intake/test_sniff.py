"""What a file is comes from its content, once; a narrative-only part is read once."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import FIXTURES, KORLA, SEED_TEXT
from tests.store.factories import json_bytes
from yusuan.intake import read_inputs
from yusuan.model.errors import InputError
from yusuan.parse import dispatch, parse_files
from yusuan.parse.dispatch import sniff

WANLI = FIXTURES / "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf"


def test_the_content_decides_not_the_name(tmp_path, korla_disclosure):
    pdf = tmp_path / "看起来是文本.txt"
    shutil.copy(WANLI, pdf)
    data = tmp_path / "导出.dat"
    data.write_bytes(json_bytes(korla_disclosure))
    assert sniff(pdf) == "pdf"
    assert sniff(data) == "json"
    assert sniff(SEED_TEXT) == "text"
    assert sniff(KORLA) == "source"
    intakes, refused = read_inputs([pdf, data])
    assert not refused
    assert [i.disclosure.department for i in intakes] == ["上海市普陀区人民政府万里街道办事处",
                                                          korla_disclosure.department]


@pytest.mark.parametrize(("content", "name", "expected"), [
    (b"MZ\x90\x00", "setup.exe", "不支持的文件类型“.exe”（程序文件）"),
    (b"\x89PNG\r\n\x1a\n", "scan.pdf", "不支持的文件类型“.pdf”（图片）"),
    (b"PK\x03\x04junk", "tables.xlsx", "ZIP/Office 文件已损坏"),
    (b"  \n", "blank.txt", "文件是空的"),
])
def test_what_is_not_a_disclosure_is_named(tmp_path, content, name, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        sniff(path)
    assert expected in caught.value.message and caught.value.file == str(path)


def test_a_part_without_tables_is_read_once(tmp_path, monkeypatch):
    """The narrative file of a split publication is read once (not read, refused by its
    error message, and read again)."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    part2 = text.index("第二部分 2024 年部门预算公开表", 200)
    part3 = text.index("第三部分 2024 年部门预算情况说明", part2)
    (tmp_path / "tables.txt").write_text(text[part2:part3], encoding="utf-8")
    (tmp_path / "narrative.txt").write_text(text[:part2] + text[part3:], encoding="utf-8")
    calls: list[str] = []
    reader = dispatch.LINE_READERS["text"]

    def counting(path, profile):
        calls.append(path.name)
        return reader(path, profile)

    monkeypatch.setitem(dispatch.LINE_READERS, "text", counting)
    merged, findings = parse_files([tmp_path / "narrative.txt", tmp_path / "tables.txt"])
    assert sorted(calls) == ["narrative.txt", "tables.txt"]
    assert len(merged.tables) == 11 and merged.section("gpb") is not None
    assert "parse.narrative-only" in {f.rule_id for f in findings}
