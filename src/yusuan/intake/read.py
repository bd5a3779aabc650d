"""Inputs → disclosures: walk folders, sniff each file once, read it (under limits when
asked), group the parts of one disclosure, merge them.

Used by ``yusuan check``, ``yusuan parse``, ``yusuan ingest`` and the portal's upload, so a
file is accepted, read and grouped the same way everywhere.
"""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from yusuan.intake.group import group_shapes, shape_of, text_of
from yusuan.intake.guard import Limits, run_limited
from yusuan.intake.readers import READERS
from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.model.finding import Finding
from yusuan.parse.dispatch import Kind, Part, merge_parts, sniff

DOCUMENT_SUFFIXES = (".pdf", ".txt", ".json", ".xlsx", ".docx")  # what a folder walk takes


@dataclass(frozen=True)
class Source:
    """One input file or source folder, with the name it is shown by and its kind."""

    path: Path
    name: str
    kind: Kind


@dataclass(frozen=True)
class Intake:
    """One disclosure read from one or more sources, with the findings of reading it."""

    label: str  # the source's name, or the names of its parts joined by "、"
    sources: tuple[Source, ...]
    disclosure: Disclosure
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Refused:
    """An input that gave no disclosure, and why."""

    name: str
    error: InputError


def walk(paths: Sequence[Path]) -> Iterator[Path]:
    """Inputs under ``paths``: a file or a source folder as given; a folder of documents
    gives its source folders and its document files (hidden files and notes left out)."""
    for path in paths:
        if not path.is_dir() or (path / "budget.yaml").is_file():
            yield path
            continue
        sources = sorted(p.parent for p in path.rglob("budget.yaml"))
        found = sorted(
            [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
             and not p.name.startswith(".") and not any(s in p.parents for s in sources)]
            + sources)
        if not found:
            raise InputError("文件夹中没有可读取的文件（PDF、TXT、JSON、XLSX、DOCX 或 budget.yaml）",
                             file=str(path))
        yield from found


def _read_one(source: Source, profile: str | None, limits: Limits | None) -> Part:
    reader = READERS[source.kind]
    if limits is None:
        return reader(source.path, profile)
    return run_limited(reader, (source.path, profile), limits, str(source.path))


def renamed(error: InputError, names: dict[str, str]) -> InputError:
    if error.file in names:
        return InputError(error.message, file=names[error.file], line=error.line,
                          page=error.page, field=error.field)
    return error


def _finding_at(finding: Finding, file: str, names: dict[str, str]) -> Finding:
    finding = finding.at_file(file)
    shown = names.get(finding.location.file or "")
    if shown is None:
        return finding
    return dataclasses.replace(finding, location=dataclasses.replace(finding.location,
                                                                     file=shown))


def read_source(path: Path, shown: str, profile: str | None = None,
                limits: Limits | None = None) -> tuple[Source, Part]:
    """One file or source folder sniffed and read (``InputError`` if it cannot be)."""
    source = Source(path, shown, sniff(path))
    return source, _read_one(source, profile, limits)


def read_inputs(paths: Sequence[Path], profile: str | None = None,
                limits: Limits | None = None, names: dict[str, str] | None = None,
                progress: Callable[[str], None] | None = None,
                ) -> tuple[list[Intake], list[Refused]]:
    """Every input read; folders walked; the parts of one disclosure merged.

    ``names`` shows a path by another name (an upload's own file name); ``limits`` reads
    each file in a child process under those caps. A bad input is refused, the others go on.
    """
    names = names or {}
    refused: list[Refused] = []
    read_parts: list[tuple[Source, Part]] = []
    for path in paths:
        shown = names.get(str(path), str(path))
        try:
            found = list(walk([path]))
        except InputError as exc:
            refused.append(Refused(shown, renamed(exc, names)))
            continue
        for p in found:
            shown = names.get(str(p), str(p))
            if progress:
                progress(shown)
            try:
                read_parts.append(read_source(p, shown, profile, limits))
            except InputError as exc:
                refused.append(Refused(shown, renamed(exc, names)))
    intakes, unmerged = assemble(read_parts, names)
    return intakes, refused + unmerged


def assemble(read_parts: Sequence[tuple[Source, Part]], names: dict[str, str] | None = None,
             ) -> tuple[list[Intake], list[Refused]]:
    """The files read, grouped into disclosures (``group``) and each group's parts merged."""
    names = names or {}
    groups, errors = group_shapes([shape_of(s.kind, p) for s, p in read_parts],
                                  lambda i: text_of(read_parts[i][1]))
    refused = unplaced(errors, names)
    intakes: list[Intake] = []
    for members in groups:
        made = merged([read_parts[i][0] for i in members], [read_parts[i][1] for i in members],
                      names)
        if isinstance(made, Refused):
            refused.append(made)
        else:
            intakes.append(made)
    return intakes, refused


def unplaced(errors: Sequence[InputError], names: dict[str, str]) -> list[Refused]:
    """The parts that belong to no group, refused."""
    return [Refused(names.get(e.file or "", e.file or ""), renamed(e, names)) for e in errors]


def merged(sources: Sequence[Source], parts: Sequence[Part], names: dict[str, str]
           ) -> Intake | Refused:
    """The parts of one group (``sources[i]`` read as ``parts[i]``) as one disclosure."""
    try:
        disclosure, findings = merge_parts(parts)
    except InputError as exc:
        return Refused(sources[0].name, renamed(exc, names))
    label = "、".join(s.name for s in sources)
    located = tuple(_finding_at(f, sources[0].name if len(sources) == 1 else "", names)
                    for f in findings)
    return Intake(label, tuple(sources), disclosure, located)


@contextlib.contextmanager
def staged(files: Sequence[tuple[str, bytes]]) -> Iterator[tuple[list[Path], dict[str, str]]]:
    """Uploaded (name, bytes) as files in a private temporary folder, each under its own
    name, for as long as the ``with`` lasts; also the map back from path to name."""
    folder = Path(tempfile.mkdtemp(prefix="yusuan-upload-"))
    try:
        paths: list[Path] = []
        for i, (name, data) in enumerate(files):
            path = folder / str(i) / (Path(name).name or "upload")
            path.parent.mkdir()
            path.write_bytes(data)
            paths.append(path)
        yield paths, {str(p): Path(n).name for p, (n, _) in zip(paths, files, strict=True)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
