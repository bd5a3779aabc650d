"""Ingest: file or folder → ``Document`` (parse + check) → store, one transaction each.

Inputs: a source folder (``budget.yaml``: built with ``yusuan.build``), a Disclosure JSON
file, or a published document (PDF, text, XLSX, DOCX: read by ``yusuan.parse``). Findings
come from ``yusuan.checks``. A failure in one document is reported and leaves every other
document, and the database, as they were.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any

from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.store.db import Store
from yusuan.store.repository import Document, IngestOutcome, store_document

DOCUMENT_TYPES = ("pdf", "txt", "xlsx", "docx", "json")
SOURCE_FILES = ("budget.yaml", "tables.yaml", "tables.xlsx", "lines.csv")


@dataclass(frozen=True)
class Failure:
    path: str
    message: str


@dataclass(frozen=True)
class IngestReport:
    ingested: tuple[IngestOutcome, ...] = ()
    unchanged: tuple[IngestOutcome, ...] = ()
    failed: tuple[Failure, ...] = ()


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def finding_data(finding: Any) -> dict[str, Any]:
    """A checker or parser finding as the JSON record of DESIGN.md.

    ``location.file`` keeps only the file name: the server's folders are nobody's business.
    """
    data = next((_plain(getattr(finding, m)()) for m in ("to_data", "to_dict", "as_dict")
                 if hasattr(finding, m)), None)
    if data is None:
        data = _plain(finding)
    if not isinstance(data, dict):
        return {"message": str(data)}
    location = data.get("location")
    if isinstance(location, dict) and isinstance(location.get("file"), str):
        data["location"] = {**location, "file": Path(location["file"]).name}
    return data


def check(disclosure: Disclosure) -> tuple[list[dict[str, Any]], bool]:
    """The checker's findings and whether it ran (always, now: the stored ``checked`` flag
    keeps telling documents ingested before the checker existed)."""
    from yusuan.checks.run import check_disclosure

    return [finding_data(f) for f in check_disclosure(disclosure)], True


def _folder_bytes(folder: Path) -> bytes:
    """The source folder as a reproducible ZIP (same files → same bytes → same sha256)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(str(path.relative_to(folder)), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return out.getvalue()


def parse_document(data: bytes, name: str) -> tuple[Disclosure, list[dict[str, Any]]]:
    """A published document's bytes → (Disclosure, parse findings)."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix == "json":
        from yusuan.model.serialize import disclosure_from_json

        return disclosure_from_json(data, name), []
    if suffix not in DOCUMENT_TYPES:
        what = f"“.{suffix}”" if suffix else "（文件名没有扩展名）"
        raise InputError(f"不支持的文件类型{what}，可用：{'、'.join(DOCUMENT_TYPES)}", file=name)
    import tempfile

    from yusuan.parse import parse_file

    with tempfile.TemporaryDirectory(prefix="yusuan-ingest-") as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(data)
        disclosure, parse_findings = parse_file(path)
    return disclosure, [finding_data(f) for f in parse_findings]


def document_from_bytes(data: bytes, name: str) -> Document:
    """Parse and check one uploaded or read file."""
    disclosure, parse_findings = parse_document(data, name)
    checked, ran = check(disclosure)
    return Document(disclosure=disclosure, original=data, file_name=Path(name).name,
                    file_type=Path(name).suffix.lower().lstrip("."),
                    findings=tuple(parse_findings + checked), checked=ran)


def document_from_folder(folder: Path) -> Document:
    from yusuan.build import build_disclosure

    disclosure = build_disclosure(folder)
    findings, ran = check(disclosure)
    return Document(disclosure=disclosure, original=_folder_bytes(folder),
                    file_name=f"{folder.name}.zip", file_type="folder",
                    findings=tuple(findings), checked=ran)


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files and source folders under ``paths`` (a folder with budget.yaml is one input)."""
    for path in paths:
        if path.is_dir() and (path / "budget.yaml").is_file():
            yield path
        elif path.is_dir():
            children = sorted(path.iterdir())
            yield from expand(c for c in children if c.is_dir()
                              or c.suffix.lower().lstrip(".") in DOCUMENT_TYPES)
        else:
            yield path


def read_document(path: Path) -> Document:
    if path.is_dir():
        return document_from_folder(path)
    if not path.exists():
        raise InputError("文件不存在", file=str(path))
    return document_from_bytes(path.read_bytes(), str(path))


def ingest_documents(store: Store, items: Sequence[tuple[str, Callable[[], Document]]],
                     user: str | None = None,
                     progress: Callable[[str], None] | None = None) -> IngestReport:
    """Store each document in its own transaction; a failure is recorded, not raised."""
    ingested: list[IngestOutcome] = []
    unchanged: list[IngestOutcome] = []
    failed: list[Failure] = []
    for name, load in items:
        if progress:
            progress(name)
        try:
            doc = load()
            outcome = store.write(partial(store_document, doc=doc, user=user))
        except InputError as exc:
            failed.append(Failure(name, str(exc)))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            failed.append(Failure(name, f"无法读取：{exc}"))
            continue
        except Exception as exc:  # one bad document must not stop the others
            failed.append(Failure(name, f"{type(exc).__name__}：{exc}"))
            continue
        (ingested if outcome.status == "ingested" else unchanged).append(outcome)
    return IngestReport(tuple(ingested), tuple(unchanged), tuple(failed))


def ingest_paths(store: Store, paths: Iterable[Path], user: str | None = None,
                 progress: Callable[[str], None] | None = None) -> IngestReport:
    items = [(str(p), lambda p=p: read_document(p)) for p in expand(paths)]
    return ingest_documents(store, items, user, progress)
