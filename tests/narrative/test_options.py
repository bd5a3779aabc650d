"""``options: {share_method: …}`` in budget.yaml reaches the narrative; a bad value is an
InputError naming budget.yaml and the field."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import KORLA
from yusuan.compose import build_disclosure
from yusuan.model.errors import InputError


def _korla_with(tmp_path, extra: str):
    folder = tmp_path / "korla"
    shutil.copytree(KORLA, folder)
    with (folder / "budget.yaml").open("a", encoding="utf-8") as f:
        f.write(extra)
    return folder


def _structure_texts(d):
    section = d.section("gpb")
    return [s.text for s in section.sentences() if s.kind == "item" and "（款）" not in s.text]


def test_largest_remainder_from_budget_yaml(tmp_path):
    d = build_disclosure(_korla_with(tmp_path, "\noptions: {share_method: largest-remainder}\n"))
    texts = _structure_texts(d)
    assert texts[0] == "1、一般公共服务支出（类）839.02 万元，占 56.24%。"
    assert texts[5] == "6、住房保障支出（类）79.44 万元，占 5.33%。"


def test_unknown_share_method_in_budget_yaml(tmp_path):
    folder = _korla_with(tmp_path, "\noptions: {share_method: nearest}\n")
    with pytest.raises(InputError) as exc:
        build_disclosure(folder)
    assert exc.value.file == str(folder / "budget.yaml")
    assert exc.value.field == "options.share_method"
    assert "nearest" in exc.value.message
