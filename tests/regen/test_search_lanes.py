"""The wording search shared with a helper process (``compose.lanes``): a trial's sections
scored part there, a choice's later values scored there ahead (some of them found stale
when an earlier value is kept), the sections' and figures' own choices tried in two
lanes — the chosen
options are those of one process trying everything in turn, the bound on the figures'
trials included; the helper's failures come back to the caller, and nothing is left
running."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import pytest

from tests.conftest import FIXTURES
from tests.output.test_beside import _children, group_ended, interruptible
from yusuan import background
from yusuan.background import Helper
from yusuan.compose import lanes, published, variants
from yusuan.compose.lanes import Figure, Lane, merge, split
from yusuan.intake.read import read_inputs
from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError

# a 江苏 document whose figures' search is long in two sections, and a 上海 one
NAMES = ("jiangsu-provincial-procuratorate-2018-dept-budget.pdf",
         "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf")


@pytest.fixture(scope="module", params=NAMES, ids=lambda n: n.split("-dept")[0])
def printed(request: pytest.FixtureRequest) -> Disclosure:
    intakes, refused = read_inputs([FIXTURES / request.param])
    assert not refused
    return intakes[0].disclosure


class Counted(Helper):
    """A helper that counts the calls it is sent, by function."""

    calls: ClassVar[list[str]] = []

    def call(self, fn, *args):  # type: ignore[no-untyped-def]
        Counted.calls.append(fn.__name__)
        super().call(fn, *args)


def _shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every trial of two sections or more shared with the helper, forked at once."""
    Counted.calls = []
    monkeypatch.setattr(lanes, "Helper", Counted)
    monkeypatch.setattr(lanes, "fork_safe", lambda: True)
    monkeypatch.setattr(lanes, "WORTH", 0.0)
    monkeypatch.setattr(lanes, "SPLIT_FROM", 0.0)


def _alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lanes, "fork_safe", lambda: False)


FULL = variants.MAX_FIGURE_TRIALS


@pytest.mark.parametrize("most", [FULL, 40])
def test_two_processes_choose_what_one_chooses(printed: Disclosure, most: int,
                                               monkeypatch: pytest.MonkeyPatch):
    """The same options, with the figures' trials bounded as set and at a bound the search
    reaches part way (40 sections written): the lanes stop and merge as one process would."""
    monkeypatch.setattr(variants, "MAX_FIGURE_TRIALS", most)
    _shared(monkeypatch)
    shared = published.budget_from_disclosure(printed).options
    assert {"_scored_there", "_ahead_there", "_lane_there"} <= set(Counted.calls)
    _alone(monkeypatch)
    alone = published.budget_from_disclosure(printed).options
    assert shared == alone
    if most == FULL:  # some figure has words of its own
        assert any("." in name.partition("@")[2] for name in alone)
    assert not multiprocessing.active_children()


def test_a_lower_bound_on_the_figures_trials_changes_the_choices(printed: Disclosure,
                                                               monkeypatch: pytest.MonkeyPatch):
    """The bound of the test above is one the search reaches: fewer figures are chosen."""
    _alone(monkeypatch)
    full = published.budget_from_disclosure(printed).options
    monkeypatch.setattr(variants, "MAX_FIGURE_TRIALS", 40)
    assert published.budget_from_disclosure(printed).options != full


def test_with_no_process_to_be_had_the_search_is_done_here(monkeypatch: pytest.MonkeyPatch):
    printed = read_inputs([FIXTURES / NAMES[1]])[0][0].disclosure
    _alone(monkeypatch)
    alone = published.budget_from_disclosure(printed).options
    _shared(monkeypatch)
    tried: list[object] = []

    def refused(state: object) -> Helper:
        tried.append(state)
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(lanes, "Helper", refused)
    assert published.budget_from_disclosure(printed).options == alone
    assert len(tried) == 1  # asked once, then not again


def test_the_merge_takes_figures_in_the_documents_order_under_the_bound():
    a = Lane({"x@s": "1"}, [Figure((1, "a@s.f"), 6, {"a@s.f": "1"}),
                            Figure((1, "c@s.h"), 3, {"c@s.h": "2"})])
    b = Lane({"y@t": "0"}, [Figure((1, "b@t.g"), 5, {"b@t.g": "1"})])
    base = {"numbers.trim": "yes"}
    # a (6) then b (5): 11 written, the bound of 10 reached before c
    assert merge(base, [a, b], 10) == {"numbers.trim": "yes", "x@s": "1", "y@t": "0",
                                       "a@s.f": "1", "b@t.g": "1"}
    assert merge(base, [b, a], 20) == {**base, "x@s": "1", "y@t": "0", "a@s.f": "1",
                                       "b@t.g": "1", "c@s.h": "2"}
    assert merge(base, [a, b], 0) == {**base, "x@s": "1", "y@t": "0"}  # sections' own kept
    assert base == {"numbers.trim": "yes"}


def test_split_shares_the_cost_and_keeps_every_key():
    mine, theirs = split(["a", "b", "c", "d"], {"a": 5.0, "b": 3.0, "c": 2.0, "d": 1.0})
    assert sorted(mine + theirs) == ["a", "b", "c", "d"]
    assert (mine, theirs) == (["a", "d"], ["b", "c"])


def _fails(state: object, field: str) -> None:
    raise InputError("不对", file="a.pdf", field=field)


def _dies(state: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _echo(state: object, value: object) -> object:
    return (state, value)


def test_a_helper_answers_with_its_state_and_raises_what_it_raised(monkeypatch):
    monkeypatch.setattr(background, "fork_safe", lambda: True)
    with Helper({"state": 1}) as helper:
        helper.call(_echo, [1, 2])
        assert helper.answer() == ({"state": 1}, [1, 2])
        helper.call(_fails, "options.x")
        with pytest.raises(InputError) as caught:
            helper.answer()
        assert (caught.value.file, caught.value.field) == ("a.pdf", "options.x")
        helper.call(_echo, "again")  # still answering after an error
        assert helper.answer() == ({"state": 1}, "again")
    assert not multiprocessing.active_children()


def test_a_helper_that_dies_is_an_error_not_a_hang():
    with Helper(None) as helper:
        helper.call(_dies)
        with pytest.raises(ChildProcessError, match="YUSUAN_PROCESSES=1"):
            helper.answer()
    assert not multiprocessing.active_children()


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the process tree in /proc")
def test_ctrl_c_during_the_search_ends_the_build_and_its_helpers(tmp_path: Path):
    """Ctrl-C while a published document's wording is searched in two processes (the PDF's
    process getting ready beside them): one message, exit 130, nothing written, no process
    left."""
    out = tmp_path / "out"
    build = subprocess.Popen(
        [str(Path(sys.executable).parent / "yusuan"), "build", str(FIXTURES / NAMES[0]),
         "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True, env={**os.environ, "YUSUAN_PROCESSES": "2"},
        preexec_fn=interruptible)
    deadline, seen = time.monotonic() + 60, 0
    while seen < 2 and time.monotonic() < deadline:
        time.sleep(0.005)  # until the search's helper is forked beside the PDF's process
        seen = len(_children(build.pid))
    assert seen == 2  # as last seen: one may end between a second look and this
    os.killpg(build.pid, signal.SIGINT)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 130, err.decode()
    assert "Traceback" not in err.decode() and "已中断" in err.decode()
    assert not out.exists()
    assert group_ended(build.pid), "a process of the build is still running"
