"""The YAML loader is bounded: alias bombs, deep nesting, huge files and unreadable scalars
end in an ``InputError`` naming the file (and line), within seconds, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from yusuan.derive import located_yaml
from yusuan.derive.source import load_budget
from yusuan.model.errors import InputError


def write(tmp_path: Path, text: str, name: str = "budget.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, this = chr(96 + i), chr(97 + i)
        lines.append(f"{this}: &{this} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly(tmp_path: Path):
    path = write(tmp_path, billion_laughs())
    started = time.monotonic()
    with pytest.raises(InputError, match="别名") as exc:
        located_yaml.load(path)
    assert time.monotonic() - started < 30
    assert exc.value.file == str(path) and exc.value.line is not None


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deep_nesting_is_refused(tmp_path: Path, depth: int):
    path = write(tmp_path, "a: " + "[" * depth + "]" * depth + "\n")
    with pytest.raises(InputError, match="嵌套过深") as exc:
        located_yaml.load(path)
    assert exc.value.file == str(path)


def test_shallow_aliases_still_load(tmp_path: Path):
    data = located_yaml.load(write(tmp_path, "a: &x [1, 2]\nb: *x\n"))
    assert data == {"a": [1, 2], "b": [1, 2]}


def test_huge_file_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "budget.yaml"
    with path.open("wb") as fh:
        fh.truncate(located_yaml.MAX_BYTES + 1)
    with pytest.raises(InputError, match="文件过大"):
        located_yaml.load(path)


def test_unreadable_scalar_names_its_line(tmp_path: Path):
    path = write(tmp_path, "department: 某部门\nyear: " + "9" * 5000 + "\n")
    with pytest.raises(InputError, match="无法读取的值") as exc:
        located_yaml.load(path)
    assert exc.value.line == 2


def test_impossible_date_stays_text(tmp_path: Path):
    assert located_yaml.load(write(tmp_path, "d: 2025-13-45\n")) == {"d": "2025-13-45"}


def test_empty_budget_yaml_says_so(tmp_path: Path):
    write(tmp_path, "")
    with pytest.raises(InputError, match="文件是空的") as exc:
        load_budget(tmp_path)
    assert exc.value.file == str(tmp_path / "budget.yaml") and exc.value.line == 1


@pytest.mark.parametrize("text, field", [
    ("department: [a, b]\nyear: 2024\n", "department"),
    ("department: 某部门\nyear: [2024]\n", "year"),
])
def test_wrongly_typed_value_names_the_field(tmp_path: Path, text: str, field: str):
    write(tmp_path, text)
    with pytest.raises(InputError) as exc:
        load_budget(tmp_path)
    assert exc.value.field == field


def test_build_of_an_alias_bomb_exits_2_naming_the_file(tmp_path: Path):
    from typer.testing import CliRunner

    from yusuan.cli.main import app

    source = tmp_path / "src"
    source.mkdir()
    write(source, billion_laughs())
    result = CliRunner().invoke(app, ["build", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "budget.yaml" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("year", ['"+-5"', '"' + "9" * 5000 + '"', "9" * 20, '"²"'])
def test_integer_field_out_of_range_or_malformed_names_the_field(tmp_path: Path, year: str):
    write(tmp_path, f"department: 某部门\nyear: {year}\n")
    with pytest.raises(InputError) as exc:
        load_budget(tmp_path)
    assert exc.value.field == "year" and exc.value.line == 2
