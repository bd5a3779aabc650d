"""The fuzz harness: mutated inputs for every reader and build source, each run through what
``yusuan check`` (and, for sources, ``yusuan build``) does, in a worker process that is
replaced when an input kills it or runs past the time limit.

Outcomes, as the command line would end: ``exit0``/``exit1`` (read; findings or not),
``exit2`` (an ``InputError``), ``unnamed`` (exit 2 without the file in the message),
``traceback`` (any other exception), ``crash`` (the worker died), ``hang`` (time limit).
"""

from __future__ import annotations

import multiprocessing as mp
import random
import shutil
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.fuzz import mutate as m

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
BAD = ("traceback", "crash", "hang", "unnamed")


@dataclass(frozen=True)
class Target:
    """One reader or build source: where its seeds come from and how to mutate them."""

    name: str
    mutations: tuple[m.Mutation, ...]
    seeds: tuple[str, ...]  # seed names in the seed folder
    source: str | None = None  # for a build source: the example folder it sits in
    weight: int = 10


TARGETS = (
    Target("text", m.TEXT, ("korla.txt",), weight=12),
    Target("pdf", m.PDF, ("korla.pdf", "putuo.pdf"), weight=3),
    Target("xlsx", m.ZIP, ("korla.xlsx", "putuo.xlsx"), weight=12),
    Target("docx", m.ZIP, ("korla.docx",), weight=12),
    Target("json", m.JSON, ("korla.json",), weight=14),
    Target("budget.yaml", m.YAML, ("korla-2024/budget.yaml", "synthetic-2024/budget.yaml"),
           source="budget.yaml", weight=14),
    Target("tables.yaml", m.YAML, ("korla-2024/tables.yaml",), source="tables.yaml", weight=12),
    Target("lines.csv", m.CSV, ("synthetic-2024/lines.csv",), source="lines.csv", weight=12),
)


def make_seeds(folder: Path, targets: tuple[Target, ...] = TARGETS) -> Path:
    """The seed inputs: the two examples' sources, the Korla document rendered in the
    formats the targets read, and two published files of the corpus fixtures."""
    from yusuan.build import renderer
    from yusuan.compose import build_disclosure

    folder.mkdir(parents=True, exist_ok=True)
    for example in ("korla-2024", "synthetic-2024"):
        if not (folder / example).exists():
            shutil.copytree(EXAMPLES / example, folder / example)
    wanted = {"korla.txt": FIXTURES / "korla-2024-seed.txt",
              "putuo.pdf": FIXTURES / "shanghai-putuo-government-office-2025-dept-budget.pdf",
              "putuo.xlsx": FIXTURES / "shanghai-putuo-2026-unit-budget-workbook-template.xlsx"}
    for name, path in wanted.items():
        if not (folder / name).exists():
            shutil.copyfile(path, folder / name)
    disclosure = None
    needed = {name for t in targets for name in t.seeds}
    for fmt in ("json", "docx", "xlsx", "pdf"):
        if f"korla.{fmt}" in needed and not (folder / f"korla.{fmt}").exists():
            disclosure = disclosure or build_disclosure(EXAMPLES / "korla-2024")
            (folder / f"korla.{fmt}").write_bytes(renderer(fmt)(disclosure))
    return folder


@dataclass(frozen=True)
class Case:
    number: int
    target: str
    path: Path  # the file to read, or the source folder to build
    cli: bool = False


def cases(seeds: Path, work: Path, count: int, seed: int, targets: tuple[Target, ...] = TARGETS,
          cli_every: int = 0) -> Iterator[Case]:
    """``count`` mutated inputs, written under ``work``; reproducible from ``seed``."""
    rng = random.Random(seed)
    weights = [t.weight for t in targets]
    for n in range(count):
        t = rng.choices(targets, weights)[0]
        seed_name = rng.choice(t.seeds)
        data = m.mutate((seeds / seed_name).read_bytes(), t.mutations, rng)
        case_dir = work / f"{n:06d}"
        case_dir.mkdir(parents=True, exist_ok=True)
        if t.source:
            folder = case_dir / Path(seed_name).parent.name
            shutil.copytree(seeds / Path(seed_name).parent, folder)
            (folder / t.source).write_bytes(data)
            path = folder
        else:
            path = case_dir / f"input{Path(seed_name).suffix}"
            path.write_bytes(data)
        yield Case(n, t.name, path, cli=bool(cli_every) and n % cli_every == 0)


def run_case(path: Path) -> tuple[str, str]:
    """What ``yusuan check`` does with one input (and ``yusuan build``'s HTML for a source
    folder), as an outcome and a detail."""
    from yusuan.checks.run import check_disclosure
    from yusuan.intake import read_inputs
    from yusuan.model.errors import InputError

    try:
        intakes, refused = read_inputs([path])
        if refused:
            raise refused[0].error
        loaded = intakes[0]
        findings = list(loaded.findings) + check_disclosure(loaded.disclosure)
        if path.is_dir():
            from yusuan.render.html import render_html

            render_html(loaded.disclosure)
    except InputError as exc:
        inside = exc.file == str(path) or (path.is_dir() and str(path) in (exc.file or ""))
        named = bool(exc.file) and inside and Path(exc.file or "").name in str(exc)
        return ("exit2" if named else "unnamed"), str(exc)[:500]
    except RecursionError:
        return "traceback", "RecursionError"
    except Exception:
        return "traceback", traceback.format_exc()[-3000:]
    internal = [f for f in findings if f.category == "internal"]
    if internal:
        return "traceback", internal[0].message
    return ("exit1" if any(f.severity == "error" for f in findings) else "exit0"), ""


def _worker(conn: Any, memory: int) -> None:
    import logging
    import resource

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # a damaged PDF's every operator
    from yusuan.parse.limits import _address_space

    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + memory, resource.RLIM_INFINITY))
    while True:
        path = conn.recv()
        if path is None:
            return
        try:
            result = run_case(Path(path))
        except MemoryError:
            result = ("crash", "MemoryError")
        conn.send(result)


class Worker:
    """One worker process, replaced after a crash or a hang."""

    RECYCLE = 200  # inputs per worker: memory a reader keeps (caches) must not add up

    def __init__(self, memory: int) -> None:
        self.memory = memory
        self.proc: Any = None
        self.conn: Any = None
        self.served = 0

    def start(self) -> None:
        ctx = mp.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, self.memory), daemon=True)
        self.proc.start()
        child.close()

    def run(self, path: Path, seconds: float) -> tuple[str, str]:
        if self.served >= self.RECYCLE:
            self.stop()
        if self.proc is None or not self.proc.is_alive():
            self.start()
            self.served = 0
        self.served += 1
        try:
            self.conn.send(str(path))
            if not self.conn.poll(seconds):
                self.stop()
                return "hang", f"over {seconds:g} s"
            result: tuple[str, str] = self.conn.recv()
            return result
        except (EOFError, BrokenPipeError, ConnectionResetError):
            code = self.proc.exitcode if self.proc else None
            self.stop()
            return "crash", f"worker died (exit code {code})"

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join(5)
        self.proc = None


def run_cli(path: Path, seconds: float) -> tuple[str, str]:
    """The real command line on one input (``check``; ``build`` for a source folder): exit
    code 0/1/2, no traceback, the file named."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")]))
    command = ["check", str(path), "-f", "json", "-o", str(path.parent / "findings.json")]
    if path.is_dir():  # a source folder: build it, in every format but PDF (slow to render)
        command = ["build", str(path), "-o", str(path.parent / "out"),
                   "--format", "html,docx,xlsx,csv,json"]
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from yusuan.cli.main import run; run()", *command],
            capture_output=True, text=True, timeout=seconds, env=env, check=False)
    except subprocess.TimeoutExpired:
        return "hang", "cli"
    if done.returncode not in (0, 1, 2) or "Traceback" in done.stderr:
        return "crash" if done.returncode < 0 else "traceback", done.stderr[-2000:]
    if done.returncode == 2 and path.name not in done.stderr:
        return "unnamed", done.stderr[-500:]
    return f"exit{done.returncode}", ""


@dataclass
class Report:
    outcomes: Counter[str] = field(default_factory=Counter)
    by_target: dict[str, Counter[str]] = field(default_factory=dict)
    cli: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[Case, str, str]] = field(default_factory=list)
    alone: Counter[str] = field(default_factory=Counter)  # failed after others, passed alone

    def add(self, case: Case, outcome: str, detail: str, *, cli: bool = False) -> None:
        if cli:
            self.cli[outcome] += 1
        else:
            self.outcomes[outcome] += 1
            self.by_target.setdefault(case.target, Counter())[outcome] += 1
        if outcome in BAD:
            self.failures.append((case, outcome + (" (cli)" if cli else ""), detail))

    @property
    def bad(self) -> int:
        return sum(self.outcomes[b] + self.cli[b] for b in BAD)

    def lines(self) -> list[str]:
        total = sum(self.outcomes.values())
        keys = ("exit0", "exit1", "exit2", *BAD)
        out = [f"inputs {total}: " + ", ".join(f"{k} {self.outcomes[k]}" for k in keys)]
        for name, c in sorted(self.by_target.items()):
            out.append(f"  {name:12} {sum(c.values()):6}: "
                       + ", ".join(f"{k} {c[k]}" for k in keys if c[k]))
        if self.alone:
            out.append("failed in a worker after other inputs but passed alone, counted as "
                       "passed: " + ", ".join(f"{k} {v}" for k, v in self.alone.items()))
        if self.cli:
            out.append(f"command line {sum(self.cli.values())}: "
                       + ", ".join(f"{k} {self.cli[k]}" for k in keys))
        return out


def fuzz(count: int, seed: int = 0, *, seconds: float = 30, memory: int = 1024**3,
         cli_every: int = 0, targets: tuple[Target, ...] = TARGETS,
         keep: Path | None = None, progress: Callable[[int, Report], None] | None = None,
         seeds: Path | None = None) -> Report:
    """Run ``count`` mutated inputs; failing inputs are copied under ``keep`` (if given)."""
    report = Report()
    worker = Worker(memory)
    with tempfile.TemporaryDirectory(prefix="yusuan-fuzz-") as tmp:
        seed_dir = make_seeds(seeds or Path(tmp) / "seeds", targets)
        work = Path(tmp) / "cases"
        try:
            for case in cases(seed_dir, work, count, seed, targets, cli_every):
                outcome, detail = worker.run(case.path, seconds)
                if outcome in ("crash", "hang"):  # again, alone in a fresh worker
                    worker.stop()
                    again, again_detail = worker.run(case.path, seconds)
                    if again not in BAD:
                        report.alone[outcome] += 1
                        outcome, detail = again, again_detail
                report.add(case, outcome, detail)
                if case.cli:
                    cli_outcome, cli_detail = run_cli(case.path, seconds * 2)
                    report.add(case, cli_outcome, cli_detail, cli=True)
                if keep is not None and report.failures and report.failures[-1][0] is case:
                    dest = keep / f"{case.number:06d}-{case.target}"
                    shutil.rmtree(dest, ignore_errors=True)
                    shutil.copytree(case.path.parent, dest)
                shutil.rmtree(work / f"{case.number:06d}", ignore_errors=True)
                if progress:
                    progress(case.number + 1, report)
        finally:
            worker.stop()
    return report
