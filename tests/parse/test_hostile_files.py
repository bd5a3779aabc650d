"""Hostile Office files end in a clear message (exit 2) within 60 s and under 1 GiB: each is
read under ``limits.guarded``, which would turn a hang or a memory blow-up into an error
naming the guard instead of the file's fault."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.fuzz import crafted
from yusuan.model.errors import InputError
from yusuan.parse import limits
from yusuan.parse.dispatch import parse_file

GIB = 1024**3


def read_guarded(path: Path) -> InputError:
    started = time.monotonic()
    with pytest.raises(InputError) as exc:
        limits.guarded(parse_file, path, seconds=60, memory=GIB, what=str(path))
    assert time.monotonic() - started < 60
    assert exc.value.file == str(path)
    assert "秒仍未完成" not in exc.value.message and "内存上限" not in exc.value.message
    return exc.value


@pytest.mark.parametrize("make, words", [
    (crafted.far_cell, "范围过大"),
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


def _sleep() -> None:
    time.sleep(30)


def _allocate() -> bytes:
    return b"x" * (2 * GIB)


def _bad_input() -> None:
    raise InputError("坏了", file="a.xlsx", line=3)


def test_guard_stops_a_hang_and_a_blow_up():
    with pytest.raises(InputError, match="秒仍未完成"):
        limits.guarded(_sleep, seconds=1, what="a.pdf")
    with pytest.raises(InputError, match="内存上限") as exc:
        limits.guarded(_allocate, seconds=30, memory=256 * 1024**2, what="a.pdf")
    assert exc.value.file == "a.pdf"


def test_guard_passes_results_and_input_errors():
    assert limits.guarded(sorted, [3, 1, 2]) == [1, 2, 3]
    with pytest.raises(InputError) as exc:
        limits.guarded(_bad_input)
    assert (exc.value.file, exc.value.line, exc.value.message) == ("a.xlsx", 3, "坏了")
