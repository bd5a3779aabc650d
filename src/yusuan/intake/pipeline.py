"""Ingest: inputs → read (``intake``) → checked → stored documents, one transaction each.

The orchestration of ``yusuan ingest`` and the portal's upload. Reading and grouping are
``stream``'s (each disclosure merged when a worker can take its check); findings come from
``yusuan.checks``; ``store`` only persists the ``Document``s
(``store.ingest.ingest_documents``). A failure in one disclosure is reported
and leaves every other one, and the database, as they were.
"""

from __future__ import annotations

import collections
import io
import itertools
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from yusuan.checks.cross_year import check_previous
from yusuan.checks.final_budget import check_against_budget
from yusuan.checks.run import check_disclosure
from yusuan.intake.guard import Limits
from yusuan.intake.parallel import Outcome, Runner, SerialRunner
from yusuan.intake.read import Intake, renamed, staged
from yusuan.intake.stream import Progress, crashed, streamed
from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.store.db import Store
from yusuan.store.ingest import Failure, IngestReport, finding_data, ingest_documents
from yusuan.store.lookup import budget_closed, previous_year
from yusuan.store.names import normalise
from yusuan.store.repository import Document, IngestOutcome

FILE_TYPES = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "text": "txt", "json": "json",
              "source": "folder"}


def _zip(files: Iterable[tuple[str, bytes]]) -> bytes:
    """Files as a reproducible ZIP (same files → same bytes → same sha256)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return out.getvalue()


def _folder_files(folder: Path) -> list[tuple[str, bytes]]:
    return [(str(p.relative_to(folder)), p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()]


def checked(disclosure: Disclosure) -> tuple[dict[str, Any], ...]:
    """The checker's findings on ``disclosure`` as records (a task of a worker)."""
    return tuple(finding_data(f) for f in check_disclosure(disclosure))


def document_of(intake: Intake, found_by_check: Sequence[dict[str, Any]] | None = None
                ) -> Document:
    """One disclosure read, checked (here unless its findings are given), with its
    original: the file itself, a source folder as a ZIP, or the files of a split publication
    as a ZIP of its parts."""
    found = [finding_data(f) for f in intake.findings]
    found += checked(intake.disclosure) if found_by_check is None else found_by_check
    sources = intake.sources
    if len(sources) == 1 and sources[0].kind != "source":
        original = sources[0].path.read_bytes()
        name, file_type = Path(sources[0].name).name, FILE_TYPES[sources[0].kind]
    elif len(sources) == 1:
        original = _zip(_folder_files(sources[0].path))
        name, file_type = f"{sources[0].path.name}.zip", "folder"
    else:
        original = _zip((Path(s.name).name, s.path.read_bytes()) for s in sources)
        name, file_type = f"{Path(sources[0].name).stem}等{len(sources)}个文件.zip", "parts"
    return Document(disclosure=intake.disclosure, original=original, file_name=name,
                    file_type=file_type, findings=tuple(found), checked=True)


def _accepted(accept: Callable[[Document], Document], load: Callable[[], Document]
              ) -> Document:
    return accept(load())


def cross_year(store: Store, d: Disclosure) -> tuple[dict[str, Any], ...]:
    """The findings of ``d`` against the platform's other documents, where it holds them:
    every change its narrative states against the same department's stored document of the
    year before, of the same kind (a 决算 against last year's 决算), and a 决算's 年初预算 figures
    against the stored 预算 of its year (the latest version, published first). Read before the
    document's own write transaction (a reader inside it would wait on the writer)."""
    with store.reading() as session:
        previous = previous_year(session, d)
        budget = budget_closed(session, d)
    found = check_previous(d, previous) if previous is not None else []
    if budget is not None:
        found += check_against_budget(d, budget)
    return tuple(finding_data(f) for f in found)


def _plus(load: Callable[[], Document], extra: tuple[dict[str, Any], ...]) -> Document:
    doc = load()
    return replace(doc, findings=(*doc.findings, *extra)) if extra else doc


def _message(error: InputError, name: str) -> str:
    """The error without its file when that is the input's own name (said beside it)."""
    if error.file not in (None, name):
        return str(error)
    return str(InputError(error.message, line=error.line, page=error.page, field=error.field))


def ingest_job(store: Store, paths: Sequence[Path], runner: Runner, *, user: str | None = None,
               limits: Limits | None = None, names: dict[str, str] | None = None,
               progress: Progress | None = None,
               accept: Callable[[Document], Document] | None = None) -> IngestReport:
    """Read every input (``runner``'s tasks), group the parts of each disclosure here, check
    each disclosure (tasks again) and store it as its check comes back, one transaction per
    disclosure, idempotent by the file's hash, with the cross-year findings against the
    stored year before. ``accept`` may refuse (``InputError``) or adjust each document before
    it is stored (the workspace: a filer uploads its own department's). Input that fails at
    any step is reported in the report, never raised; the others go on.

    Memory does not grow with the number of inputs: the parts read wait on disk (``spill``)
    while their shapes are grouped; a group's parts are loaded and merged only when its check
    is handed to a worker, and dropped once it is stored."""
    names = names or {}
    with streamed(paths, runner, limits=limits, names=names, progress=progress,
                  by_year=True) as intakes:
        waiting: dict[int, Intake] = {}  # handed to a worker, not yet stored
        given: dict[int, int] = {}  # a task's place in the order given
        turns = InTurn()
        numbers = itertools.count()  # of the tasks, as the runner numbers them

        def tasks() -> Iterator[tuple[Disclosure]]:
            """Each disclosure merged when a worker can take its check (year by year)."""
            for intake in intakes:
                n = next(numbers)
                waiting[n], given[n] = intake, intakes.position
                turns.issued(n, normalise(intake.disclosure.department))
                yield (intake.disclosure,)

        stored: dict[int, IngestReport] = {}
        done = 0
        for i, out in runner.run(checked, tasks()):
            for n, ready in turns.finished(i, out):
                intake = waiting.pop(n)
                done += 1
                if progress:
                    progress("检查并存入", done + intakes.unmerged, intakes.total, intake.label)
                stored[given[n]] = _stored(store, intake, ready, user, accept)
        refused = intakes.refused
    failed = [Failure(r.name, _message(renamed(r.error, names), r.name))
              for r in refused]
    ingested: list[IngestOutcome] = []
    unchanged: list[IngestOutcome] = []
    for i in sorted(stored):  # reported in the order given, whichever finished first
        ingested += stored[i].ingested
        unchanged += stored[i].unchanged
        failed += stored[i].failed
    return IngestReport(tuple(ingested), tuple(unchanged), tuple(failed))


class InTurn:
    """Checks stored in turn within each department: a document is stored only once every
    document of its department handed out before it is (its year before, its 年初预算, an
    earlier version), whichever worker finishes first. So what is stored — version numbers,
    the findings against the year before — is the same with any number of workers or
    machines; only a department's documents ever wait, each for a few of its own."""

    def __init__(self) -> None:
        self._queues: dict[str, collections.deque[int]] = {}  # handed out, not yet stored
        self._key: dict[int, str] = {}
        self._held: dict[int, Outcome] = {}  # finished, waiting for an earlier one

    def issued(self, n: int, department: str) -> None:
        self._queues.setdefault(department, collections.deque()).append(n)
        self._key[n] = department

    def finished(self, n: int, out: Outcome) -> list[tuple[int, Outcome]]:
        """The checks to store now, in this order: ``n``'s, unless one of its department
        handed out before it is still running, and those it was holding back."""
        self._held[n] = out
        key = self._key.pop(n)
        queue, ready = self._queues[key], []
        while queue and queue[0] in self._held:
            m = queue.popleft()
            ready.append((m, self._held.pop(m)))
        if not queue:
            del self._queues[key]
        return ready


def _stored(store: Store, intake: Intake, out: Outcome, user: str | None,
            accept: Callable[[Document], Document] | None) -> IngestReport:
    """One disclosure checked (``out``: its findings, or why its check failed) stored."""
    if isinstance(out, BaseException):
        return IngestReport(failed=(Failure(intake.label, str(crashed(out))),))
    load: Callable[[], Document] = partial(
        _plus, partial(document_of, intake, out), cross_year(store, intake.disclosure))
    if accept is not None:
        load = partial(_accepted, accept, load)
    return ingest_documents(store, [(intake.label, load)], user)


def ingest_paths(store: Store, paths: Iterable[Path], user: str | None = None,
                 progress: Callable[[str], None] | None = None,
                 limits: Limits | None = None) -> IngestReport:
    """Files, source folders and folders of them; the files of one disclosure stored as one."""
    step = (lambda _stage, _done, _total, name: progress(name)) if progress else None
    return ingest_job(store, list(paths), SerialRunner(), user=user, limits=limits,
                      progress=step)


def ingest_uploads(store: Store, files: Sequence[tuple[str, bytes]], user: str | None,
                   limits: Limits | None,
                   accept: Callable[[Document], Document] | None = None) -> IngestReport:
    """Uploaded (name, bytes): read as one set (a split publication is one disclosure);
    ``accept`` may refuse (``InputError``) or adjust each document before it is stored."""
    with staged(files) as (paths, names):
        return ingest_job(store, paths, SerialRunner(), user=user, limits=limits, names=names,
                          accept=accept)
