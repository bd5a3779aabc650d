"""Hostile Office files end in a clear message (exit 2) within 60 s and under 1 GiB: each is
read under ``intake.guard.run_limited``, which would turn a hang or a memory blow-up into an error
naming the guard instead of the file's fault."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.fuzz import crafted
from yusuan.intake.guard import Limits, run_limited
from yusuan.model.errors import InputError
from yusuan.parse import limits
from yusuan.parse.dispatch import parse_file

GIB = 1024**3


def read_guarded(path: Path) -> InputError:
    started = time.monotonic()
    with pytest.raises(InputError) as exc:
        run_limited(parse_file, (path,), Limits(seconds=60, memory=GIB), str(path))
    assert time.monotonic() - started < 60
    assert exc.value.file == str(path)
    assert "读取超过时间上限" not in exc.value.message and "读取进程异常" not in exc.value.message
    return exc.value


@pytest.mark.parametrize("make, words", [
    (crafted.far_cell, "范围过大"),
    (crafted.overflowing_row, "范围过大"),
    (crafted.wide_row_without_refs, "范围过大"),
    (crafted.huge_dimension, "未找到"),  # the one cell is read; it is no budget table
    (crafted.huge_merge, "未找到"),
    (crafted.xlsx_entity_bomb, "实体"),
])
def test_hostile_xlsx(tmp_path: Path, make, words):
    assert words in read_guarded(make(tmp_path / "x.xlsx")).message


@pytest.mark.parametrize("make, words", [
    (crafted.docx_entity_bomb, "实体"),
    (crafted.zip_bomb, "超过上限"),
    (crafted.paragraph_flood, "段落"),
])
def test_hostile_docx(tmp_path: Path, make, words):
    assert words in read_guarded(make(tmp_path / "x.docx")).message


def test_entity_bomb_behind_a_long_comment_is_refused(tmp_path: Path):
    prolog = "<!--" + "x" * (limits.PROLOG_BYTES + 1) + "-->" + crafted.ENTITY_BOMB
    path = crafted.write_docx(tmp_path / "x.docx", crafted.document_xml(
        "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog=prolog))
    assert "根元素前" in read_guarded(path).message


def test_pdf_stream_bomb_is_refused(tmp_path: Path):
    assert "压缩炸弹" in read_guarded(crafted.pdf_bomb(tmp_path / "x.pdf")).message


def test_too_many_members_is_refused(tmp_path: Path):
    path = crafted.write_docx(tmp_path / "x.docx", crafted.document_xml(""), extra=tuple(
        (f"word/media/{i}.bin", b"") for i in range(limits.MAX_MEMBERS)))
    assert "部件" in read_guarded(path).message


def test_huge_merge_keeps_its_text_once():
    from yusuan.parse.xlsx import _Sheet, sheet_lines

    lines = sheet_lines([["表1", None], [None, "1.00"]], [(0, 0, 1_048_575, 16_383)],
                        _Sheet("表1", 1))
    assert [c.text for line in lines for c in line.cells] == ["表1"]
