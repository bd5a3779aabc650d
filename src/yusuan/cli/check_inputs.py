"""What ``yusuan check`` accepts, turned into ``Disclosure``s: published files (read by
``yusuan.parse``), Disclosure JSON files, source folders (``budget.yaml``), and folders of
published files or source folders (checked one by one)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.model.finding import Finding

SUFFIXES = (".pdf", ".txt", ".json", ".xlsx", ".docx")


@dataclass(frozen=True)
class Loaded:
    """One disclosure to check, with the findings its reader reported."""

    label: str  # the file or folder name findings are located in
    disclosure: Disclosure
    read_findings: tuple[Finding, ...] = ()


def expand(paths: list[Path]) -> Iterator[Path]:
    """Files and source folders to check: a folder of published files gives its files."""
    for path in paths:
        if path.is_dir() and not (path / "budget.yaml").exists():
            sources = sorted(p.parent for p in path.rglob("budget.yaml"))
            found = sorted(
                [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                 and not p.name.startswith(".") and not any(s in p.parents for s in sources)]
                + sources)
            if not found:
                raise InputError("文件夹中没有可检查的文件（PDF、TXT、JSON、XLSX、DOCX 或 budget.yaml）",
                                 file=str(path))
            yield from found
        else:
            yield path


def load(path: Path) -> Loaded:
    """Read one input; unusable input raises ``InputError``."""
    if path.is_dir():
        from yusuan.build import build_disclosure

        return Loaded(str(path), build_disclosure(path))
    if not path.exists():
        raise InputError("文件不存在", file=str(path))
    if path.suffix.lower() == ".json":
        from yusuan.model.serialize import disclosure_from_json

        return Loaded(str(path), disclosure_from_json(path.read_bytes(), str(path)))
    from yusuan.parse import parse_file

    disclosure, findings = parse_file(path)
    return Loaded(str(path), disclosure, tuple(f.at_file(str(path)) for f in findings))
