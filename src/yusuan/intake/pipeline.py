"""Ingest: inputs → read (``intake``) → checked → stored documents, one transaction each.

The orchestration of ``yusuan ingest`` and the portal's upload. Reading and grouping are
``read_inputs``'s; findings come from ``yusuan.checks``; ``store`` only persists the
``Document``s (``store.ingest.ingest_documents``). A failure in one disclosure is reported
and leaves every other one, and the database, as they were.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from yusuan.checks.run import check_disclosure
from yusuan.intake.guard import Limits
from yusuan.intake.read import Intake, read_inputs, staged
from yusuan.model.errors import InputError
from yusuan.store.db import Store
from yusuan.store.ingest import Failure, IngestReport, finding_data, ingest_documents
from yusuan.store.repository import Document

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


def document_of(intake: Intake) -> Document:
    """One disclosure read, checked, with its original: the file itself, a source folder as
    a ZIP, or the files of a split publication as a ZIP of its parts."""
    found = [finding_data(f) for f in intake.findings]
    found += [finding_data(f) for f in check_disclosure(intake.disclosure)]
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


def _ingest(store: Store, paths: Sequence[Path], user: str | None, limits: Limits | None,
            names: dict[str, str] | None,
            progress: Callable[[str], None] | None,
            accept: Callable[[Document], Document] | None = None) -> IngestReport:
    intakes, refused = read_inputs(paths, limits=limits, names=names, progress=progress)
    loads: list[tuple[str, Callable[[], Document]]] = [
        (i.label, partial(document_of, i)) for i in intakes]
    if accept is not None:  # e.g. the workspace's check that a filer uploads its own department
        loads = [(label, partial(_accepted, accept, load)) for label, load in loads]
    report = ingest_documents(store, loads, user)
    failed = tuple(Failure(r.name, _message(r.error, r.name)) for r in refused)
    return IngestReport(report.ingested, report.unchanged, failed + report.failed)


def _accepted(accept: Callable[[Document], Document], load: Callable[[], Document]
              ) -> Document:
    return accept(load())


def _message(error: InputError, name: str) -> str:
    """The error without its file when that is the input's own name (said beside it)."""
    if error.file not in (None, name):
        return str(error)
    return str(InputError(error.message, line=error.line, page=error.page, field=error.field))


def ingest_paths(store: Store, paths: Iterable[Path], user: str | None = None,
                 progress: Callable[[str], None] | None = None,
                 limits: Limits | None = None) -> IngestReport:
    """Files, source folders and folders of them; the files of one disclosure stored as one."""
    return _ingest(store, list(paths), user, limits, None, progress)


def ingest_uploads(store: Store, files: Sequence[tuple[str, bytes]], user: str | None,
                   limits: Limits | None,
                   accept: Callable[[Document], Document] | None = None) -> IngestReport:
    """Uploaded (name, bytes): read as one set (a split publication is one disclosure);
    ``accept`` may refuse (``InputError``) or adjust each document before it is stored."""
    with staged(files) as (paths, names):
        return _ingest(store, paths, user, limits, names, None, accept)
