"""The wording choices of a printed document, each section's tried in two processes (the
sections shared between this one and a forked one), are the choices tried in one: the same
options, so the same text written again."""

from __future__ import annotations

import multiprocessing

import pytest

from tests.conftest import FIXTURES
from yusuan.compose import published, variants
from yusuan.intake.read import read_inputs
from yusuan.model.disclosure import Disclosure

# a 江苏 document of many sections each with many trials, and a 上海 one
NAMES = (["jiangsu-cppcc-office-2017-dept-budget.part1-narrative.pdf",
          "jiangsu-cppcc-office-2017-dept-budget.part2-tables.pdf"],
         ["shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf"])


def _read(files: list[str]) -> Disclosure:
    intakes, refused = read_inputs([FIXTURES / f for f in files])
    assert not refused
    return intakes[0].disclosure


@pytest.mark.parametrize("files", NAMES, ids=lambda f: f[0].split(".")[0])
def test_sections_tried_in_two_processes_choose_as_in_one(files: list[str],
                                                          monkeypatch: pytest.MonkeyPatch):
    printed = _read(files)
    forks: list[int] = []
    real = variants.Beside

    def counted(compute):
        forks.append(1)
        return real(compute)

    monkeypatch.setattr(variants, "Beside", counted)
    monkeypatch.setattr(variants, "fork_safe", lambda: True)
    beside = published.budget_from_disclosure(printed).options
    assert forks  # the sections really were shared with a second process
    monkeypatch.setattr(variants, "fork_safe", lambda: False)
    alone = published.budget_from_disclosure(printed).options
    assert beside == alone
    assert any("@" in name for name in alone)  # some section has choices of its own
    assert not multiprocessing.active_children()
