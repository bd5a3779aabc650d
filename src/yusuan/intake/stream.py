"""Inputs read, grouped and merged one disclosure at a time: memory that does not grow with
the number of inputs (``yusuan ingest`` through ``pipeline``, and ``yusuan check``).

Every input is read before any is grouped (a narrative file given last may belong to the
first tables file). The parts read wait on disk (``spill``) with only their shapes in memory
(``group``); a group's parts are loaded and merged when the next disclosure is asked for, and
dropped by the caller once it is done with it. Reading is a runner's tasks (``parallel``,
``cluster``): on one process, local processes or a Dask cluster.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from yusuan.intake.group import Shape, group_shapes, shape_of, text_of
from yusuan.intake.guard import Limits
from yusuan.intake.parallel import Runner, WorkerLost
from yusuan.intake.read import Intake, Refused, Source, merged, read_source, unplaced, walk
from yusuan.intake.spill import Handle, Spill, packed
from yusuan.model.errors import InputError

Progress = Callable[[str, int, int, str], None]  # stage, done, total, the file or document


@dataclass(frozen=True)
class Read:
    """One input read (by a worker): its source, its shape for grouping and the part itself
    packed for the spill — so the driver keeps the bytes on disk without pickling again."""

    source: Source
    shape: Shape
    part: bytes


def read_task(path: Path, shown: str, limits: Limits | None) -> Read | Refused:
    """One input read (a task of a worker); unreadable input refused, not raised."""
    try:
        source, part = read_source(path, shown, None, limits)
    except InputError as exc:
        return Refused(shown, exc)
    return Read(source, shape_of(source.kind, part), packed(part))


def crashed(exc: BaseException) -> InputError:
    """A task's failure (its worker lost, or an exception it raised) as an input error."""
    if isinstance(exc, InputError):
        return exc
    return InputError(str(exc) if isinstance(exc, WorkerLost) else f"{type(exc).__name__}：{exc}")


def _inputs(paths: Sequence[Path], names: dict[str, str]
            ) -> tuple[list[tuple[Path, str]], list[Refused]]:
    files: list[tuple[Path, str]] = []
    refused: list[Refused] = []
    for path in paths:
        try:
            files += [(p, names.get(str(p), str(p))) for p in walk([path])]
        except InputError as exc:
            refused.append(Refused(names.get(str(path), str(path)), exc))
    return files, refused


Kept = tuple[Source, Shape, Handle]  # an input read, its part in the spill


def _read_all(runner: Runner, files: Sequence[tuple[Path, str]], limits: Limits | None,
              spill: Spill, progress: Progress | None) -> tuple[list[Kept], list[Refused]]:
    """Every input read (``runner``'s tasks), its part spilled: those read, in the order
    given, and those refused."""
    kept: dict[int, Kept] = {}
    refused: list[Refused] = []
    outcomes = runner.run(read_task, ((p, shown, limits) for p, shown in files))
    for done, (i, out) in enumerate(outcomes, 1):
        if progress:
            progress("读取", done, len(files), files[i][1])
        if isinstance(out, Refused):
            refused.append(out)
        elif isinstance(out, BaseException):
            refused.append(Refused(files[i][1], crashed(out)))
        else:
            kept[i] = (out.source, out.shape, spill.put(out.part))
    return [kept[i] for i in sorted(kept)], refused


class Streamed:
    """The disclosures of a job's inputs, each merged when the next is asked for: in the order
    given, or (``by_year``) year by year, a year's 预算 before its 决算, each year in the order
    given; ``position`` is then the place given of the one last yielded. ``refused``: the
    inputs that gave none (read, placed or merged), growing as the groups are merged."""

    def __init__(self, spill: Spill, read: list[Kept], groups: list[list[int]],
                 refused: list[Refused], names: dict[str, str], by_year: bool) -> None:
        self._spill, self._read, self._groups, self._names = spill, read, groups, names
        self.refused = refused
        self.total = len(groups)  # disclosures to come, merging failures included
        self.unmerged = 0  # groups whose parts did not merge, so far
        self.position = -1
        self._order = list(range(len(groups)))
        if by_year:  # the first part of a group is one with tables: its year and kind
            first = [read[members[0]][1] for members in groups]
            self._order.sort(key=lambda g: (first[g].year or 0, first[g].final))

    def __iter__(self) -> Iterator[Intake]:
        for g in self._order:
            members = self._groups[g]
            made = merged([self._read[k][0] for k in members],
                          [self._spill.get(self._read[k][2]) for k in members], self._names)
            if isinstance(made, Refused):
                self.refused.append(made)
                self.unmerged += 1
                continue
            self.position = g
            yield made


@contextlib.contextmanager
def streamed(paths: Sequence[Path], runner: Runner, *, limits: Limits | None = None,
             names: dict[str, str] | None = None, progress: Progress | None = None,
             by_year: bool = False) -> Iterator[Streamed]:
    """Every input of ``paths`` (files, folders walked) read by ``runner`` and grouped, the
    parts kept on disk for as long as the ``with`` lasts; then its disclosures one by one
    (``Streamed``)."""
    names = names or {}
    files, refused = _inputs(paths, names)
    with Spill() as spill:
        read, more = _read_all(runner, files, limits, spill, progress)
        groups, errors = group_shapes([shape for _, shape, _ in read],
                                      lambda k: text_of(spill.get(read[k][2])))
        yield Streamed(spill, read, groups, [*refused, *more, *unplaced(errors, names)], names,
                       by_year)
