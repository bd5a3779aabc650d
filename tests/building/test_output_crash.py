"""A rebuild killed at any moment (simulated: the process ends with ``os._exit`` at each
rename of the swap) leaves every file whole, old or new, the user's file untouched, and a
folder the next run recognises as its own and finishes."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.building.test_output_safety import snapshot
from yusuan.output import MANIFEST, write_folder

V1 = {"a.html": b"old html", "b.csv": b"old csv", "c.json": b"old json", "d.pdf": b"old pdf"}
V2 = {"a.html": b"new html", "b.csv": b"new csv", "c.json": b"new json"}
RENAMES = 1 + len(V2) + 1  # the transition manifest, each file, the final manifest


def replace_failing_at(k: int, fail: Callable[[], None]) -> Callable[..., None]:
    """``os.replace`` that calls ``fail`` instead of its k-th rename."""
    real = os.replace
    calls = 0

    def replace(src: Path, dst: Path) -> None:
        nonlocal calls
        calls += 1
        if calls == k:
            fail()
        real(src, dst)

    return replace


def _killed_at(out: Path, k: int) -> None:
    """In a child process: write V2, dying at the k-th rename."""
    os.replace = replace_failing_at(k, lambda: os._exit(9))  # type: ignore[assignment]
    write_folder(out, list(V2), V2.__getitem__)
    os._exit(0)


def _no_space() -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("k", range(1, RENAMES + 2))
def test_a_killed_rebuild_leaves_whole_files_and_finishes_next_time(tmp_path: Path, k: int):
    out = tmp_path / "out"
    write_folder(out, list(V1), V1.__getitem__)
    (out / "mine.txt").write_bytes(b"the user's notes")
    child = multiprocessing.get_context("fork").Process(target=_killed_at, args=(out, k))
    child.start()
    child.join(60)
    assert child.exitcode == (9 if k <= RENAMES else 0)
    for name in V1:  # whole: old or new, never missing or half
        if (out / name).exists():
            assert (out / name).read_bytes() in (V1[name], V2.get(name)), (k, name)
        else:
            assert name == "d.pdf", k  # only the stale file may go
    assert (out / "mine.txt").read_bytes() == b"the user's notes"
    write_folder(out, list(V2), V2.__getitem__)  # the next run is not refused
    assert sorted(p for p in snapshot(out) if not p.startswith(".yusuan-")) == sorted(
        [*V2, "mine.txt"])  # no stale file
    # what the killed run left (hidden) goes once it is old: it cannot be a run going on
    for p in out.iterdir():
        if p.is_dir():
            os.utime(p, (0, 0))
    write_folder(out, list(V2), V2.__getitem__)
    assert sorted(snapshot(out)) == sorted([*V2, "mine.txt", MANIFEST])
    assert all((out / n).read_bytes() == data for n, data in V2.items())


@pytest.mark.parametrize("k", range(1, RENAMES + 1))
def test_a_failed_swap_puts_the_earlier_output_back(tmp_path: Path, k: int,
                                                     monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "out"
    write_folder(out, list(V1), V1.__getitem__)
    (out / "mine.txt").write_bytes(b"the user's notes")
    before = snapshot(out)
    monkeypatch.setattr(os, "replace", replace_failing_at(k, _no_space))
    with pytest.raises(OSError):
        write_folder(out, list(V2), V2.__getitem__)
    monkeypatch.undo()
    assert snapshot(out) == before
