"""Every shell command of the README runs as written and ends with the exit code it states.

The fenced ``sh`` blocks of README.md are read line by line (a trailing ``\\`` joins lines);
each command runs in bash, in a fresh folder where ``examples/`` and ``tests/fixtures/`` are
the repository's (read only), with ``yusuan`` the command of this tree. A command's comment
states its exit code (``# exit 1: …``); without one it must end with 0. A command is not run
only for a reason listed below, and every command of the README is either run or listed, so a
new command cannot be left out unnoticed.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, FIXTURES, ROOT

README = ROOT / "README.md"
NOT_RUN = {  # the command's first words → why it is not run here
    "make demo": "installs the virtual environment and the Debian packages",
    "make test": "runs the whole test suite, this file included",
    "make serve": "starts the web server",
    "yusuan ingest": "writes a database (tests/intake and tests/store run it)",
    "yusuan org": "writes a database (tests/store)",
    "yusuan user": "writes a database (tests/store, tests/web)",
    "YUSUAN_ADMIN_PASSWORD=… yusuan serve": "starts the web server (tests/web)",
    "dask": "starts a Dask cluster (tests/intake)",
}
# example names standing for the reader's own published files: such a command shows the form
OWN_FILES = ("published/2024/", "dept.pdf", "final-2024.pdf")
EXIT = re.compile(r"#.*?\bexit (\d)\b")


def readme_commands() -> list[tuple[int, str, str]]:
    """(line, command, comment) of every command in the README's ``sh`` blocks."""
    commands: list[tuple[int, str, str]] = []
    inside, pending, start = False, "", 0
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            inside = line.strip() == "```sh"
            continue
        if not inside or not line.strip():
            continue
        start = start or number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        text, _, comment = (pending + line).partition("  #")
        commands.append((start, text.strip(), comment.strip()))
        pending, start = "", 0
    return commands


def why_not_run(command: str) -> str | None:
    for prefix, reason in NOT_RUN.items():
        if command.startswith(prefix):
            return reason
    if any(name in command for name in OWN_FILES):
        return "names the reader's own files"
    return None


def expected_exit(comment: str) -> int:
    found = EXIT.search(f"# {comment}")
    return int(found.group(1)) if found else 0


def test_every_readme_command_is_run_or_has_a_reason():
    commands = readme_commands()
    assert len(commands) >= 20, commands  # the blocks were found
    for line, command, _ in commands:
        assert command.startswith(("yusuan ", "make ", "dask ", "YUSUAN_")), (line, command)
    for name in OWN_FILES:  # stands for a file of one's own, indeed not in the repository
        assert not (ROOT / name).exists()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "tests").mkdir()
    (tmp_path / "examples").symlink_to(EXAMPLES)
    (tmp_path / "tests" / "fixtures").symlink_to(FIXTURES)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "yusuan"
    shim.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -c "
                    "'import sys; from yusuan.cli.main import run; sys.argv[0] = \"yusuan\"; run()'"
                    ' "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return tmp_path


def test_readme_commands_run_as_written(folder: Path):
    env = {**os.environ, "PATH": f"{folder / 'bin'}:{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(ROOT / "src")}
    ran, wrong = 0, []
    for line, command, comment in readme_commands():
        if why_not_run(command):
            continue
        result = subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True,
                                text=True, timeout=600, check=False)
        ran += 1
        said = result.stdout + result.stderr
        if result.returncode != expected_exit(comment) or "Traceback" in said:
            wrong.append(f"README.md:{line}: {command}\n  exit {result.returncode}, README says "
                         f"{expected_exit(comment)}\n{said[-2000:]}")
        if result.returncode == 2:
            assert said.strip().splitlines()[-1].startswith("yusuan: 错误："), said
    assert not wrong, "\n".join(wrong)
    assert ran >= 14
    assert (folder / "out" / "korla-2024" / "disclosure.pdf").is_file()
    assert (folder / "out" / "annotated.pdf").is_file()
    assert not (folder / "out" / "workbook").exists()  # refused: nothing half-written
