"""``yusuan build``: source folder → ``Disclosure`` → output files, written atomically.

The pipeline: ``derive.source`` reads the folder into a ``Budget``; the tables come from it
(given, or derived from line items); the narrative is generated from tables + context; the
renderers write each format. Output goes to a temporary folder beside the target, which
replaces the target only when every file is written: a failed build leaves nothing half-done.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from yusuan.derive.source import load_budget
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Disclosure, Origin

FORMATS = ("html", "pdf", "docx", "xlsx", "csv", "json")
FILE_NAMES = {
    "html": "disclosure.html",
    "pdf": "disclosure.pdf",
    "docx": "disclosure.docx",
    "xlsx": "disclosure.xlsx",
    "csv": "cells.csv",
    "json": "disclosure.json",
}


def budget_tables(budget: Budget) -> Budget:
    """The budget with its tables filled in: given directly, or derived from line items."""
    if budget.tables or not budget.lines:
        return budget
    from yusuan.derive.lines import derive_tables

    return replace(budget, tables=derive_tables(budget))


def disclosure_from_budget(budget: Budget) -> Disclosure:
    """Assemble the ``Disclosure`` (all four parts) from a budget."""
    budget = budget_tables(budget)
    from yusuan.narrative.generate import narrative as generate_narrative
    from yusuan.narrative.glossary import glossary

    narrative = generate_narrative(budget)
    return Disclosure(
        department=budget.department, year=budget.year, profile=budget.profile,
        unit=budget.unit, edition=budget.edition, overview=budget.overview,
        tables=budget.tables, narrative=narrative,
        overall_performance=budget.overall_performance,
        project_performance=budget.project_performance, glossary=glossary(budget.glossary),
        published_on=budget.published_on, approved_on=budget.approved_on, source=Origin(file=str(budget.source.file)
                                                        if budget.source else None),
    )


def build_disclosure(source_dir: Path) -> Disclosure:
    """From a source folder, or from a filled 上海 budget workbook (``.xlsx``)."""
    if source_dir.is_file() and source_dir.suffix.lower() == ".xlsx":
        # imported when used: openpyxl and the XLSX reader are slow to load (yusuan --help)
        from yusuan.workbook import disclosure_from_workbook

        return disclosure_from_workbook(source_dir)
    return disclosure_from_budget(load_budget(source_dir))


def renderer(fmt: str) -> Callable[[Disclosure], bytes]:
    """The renderer of one format (imported only when used: WeasyPrint is slow to load)."""
    if fmt == "html":
        from yusuan.render.html import render_html

        return render_html
    if fmt == "csv":
        from yusuan.render.export import render_cells_csv

        return render_cells_csv
    if fmt == "json":
        from yusuan.render.export import render_json

        return render_json
    if fmt == "pdf":
        from yusuan.render.pdf import render_pdf

        return render_pdf
    if fmt == "docx":
        from yusuan.render.docx import render_docx

        return render_docx
    if fmt == "xlsx":
        from yusuan.render.xlsx import render_xlsx

        return render_xlsx
    raise ValueError(f"未知的输出格式“{fmt}”，可用：{'、'.join(FORMATS)}")


@dataclass(frozen=True)
class BuildResult:
    disclosure: Disclosure
    files: tuple[Path, ...]


def write_outputs(disclosure: Disclosure, out_dir: Path, formats: Iterable[str],
                  progress: Callable[[str], None] | None = None,
                  extra: dict[str, bytes] | None = None) -> tuple[Path, ...]:
    """Render every format into a temporary folder, then move it into place."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        names = []
        for fmt in formats:
            if progress:
                progress(fmt)
            data = renderer(fmt)(disclosure)
            (tmp / FILE_NAMES[fmt]).write_bytes(data)
            names.append(FILE_NAMES[fmt])
        for name, data in (extra or {}).items():
            (tmp / name).write_bytes(data)
            names.append(name)
        os.chmod(tmp, 0o755)
        if out_dir.exists():
            backup = out_dir.with_name(f".{out_dir.name}.old")
            if backup.exists():
                shutil.rmtree(backup)
            out_dir.rename(backup)
            tmp.rename(out_dir)
            shutil.rmtree(backup)
        else:
            tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tuple(out_dir / n for n in names)
