"""Reading under limits: whatever a reader does — abort, hang, allocate 512 GB, fail — the
caller gets an ``InputError`` naming the file and the limit, and carries on."""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED_TEXT
from tests.intake import hooks
from yusuan.cli.main import app
from yusuan.intake import Limits
from yusuan.intake.guard import default_limits, run_limited
from yusuan.intake.readers import READERS
from yusuan.model.errors import InputError
from yusuan.parse import parse_file

LIMITS = Limits(seconds=2, memory=1024**3)
GOOD = Limits(seconds=60, memory=1024**3)  # a read that should succeed, on a loaded machine


def test_a_reader_in_the_child_gives_the_same_disclosure():
    part = run_limited(READERS["text"], (SEED_TEXT, None), GOOD, str(SEED_TEXT))
    assert part.disclosure == parse_file(SEED_TEXT)[0]


def test_input_errors_come_back_located(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(InputError) as caught:
        run_limited(READERS["pdf"], (empty, None), GOOD, str(empty))
    assert caught.value.file == str(empty) and "PDF" in caught.value.message


@pytest.mark.parametrize(("reader", "expected"), [
    (hooks.aborting, "读取进程异常终止（SIGABRT），可能是所需内存超过上限 1 GiB"),
    (hooks.allocating, "读取所需内存超过上限 1 GiB"),
    (hooks.allocating_some, "读取所需内存超过上限 1 GiB"),
    (hooks.sleeping, "读取超过时间上限 2 秒"),
    (hooks.failing, "读取时出错（KeyError"),
])
def test_a_misbehaving_reader_is_stopped_and_named(reader, expected):
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        run_limited(reader, (SEED_TEXT, None), LIMITS, "坏文件.xlsx")
    assert caught.value.file == "坏文件.xlsx"
    assert expected in caught.value.message
    assert time.monotonic() - started < 10


def test_the_cli_reads_under_limits_when_asked(monkeypatch):
    monkeypatch.setitem(READERS, "text", hooks.sleeping)
    result = CliRunner().invoke(app, ["check", str(SEED_TEXT), "--time-limit", "1"])
    assert result.exit_code == 2
    assert f"{SEED_TEXT}：读取超过时间上限 1 秒" in result.output
    assert "Traceback" not in result.output


def test_the_cli_memory_limit_names_the_file(monkeypatch):
    monkeypatch.setitem(READERS, "text", hooks.allocating)
    result = CliRunner().invoke(app, ["parse", str(SEED_TEXT), "--memory-limit", "1024"])
    assert result.exit_code == 2
    assert f"{SEED_TEXT}：读取所需内存超过上限 1 GiB" in result.output


def test_limits_from_the_environment(monkeypatch):
    assert default_limits() == Limits(120, 2 * 1024**3)
    monkeypatch.setenv("YUSUAN_READ_SECONDS", "30")
    monkeypatch.setenv("YUSUAN_READ_MEMORY_MB", "512")
    assert default_limits() == Limits(30, 512 * 1024**2)
