"""``yusuan build``: source folder → ``Disclosure`` → output files, written atomically.

The pipeline: ``derive.source`` reads the folder into a ``Budget``; the tables come from it
(given, or derived from line items); the narrative is generated from tables + context; the
renderers write each format. Output goes through ``yusuan.output.write_folder``: a new folder
or yusuan's own earlier output only, never the source, atomically (a failed build leaves the
previous output as it was).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from yusuan.derive.source import load_budget
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Disclosure, Origin
from yusuan.output import write_folder
from yusuan.render.formats import FORMATS as OUTPUT_FORMATS
from yusuan.render.formats import writer

FORMATS = tuple(OUTPUT_FORMATS)
FILE_NAMES = {name: f.file_name for name, f in OUTPUT_FORMATS.items()}


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
        project_performance=budget.project_performance,
        glossary=glossary(budget.glossary, budget.is_final),
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


def renderer(fmt: str, draft: str = "") -> Callable[[Disclosure], bytes]:
    """The writer of one format (``render.formats``, imported only when used); ``draft`` is
    the 草稿 note the documents carry while errors remain."""
    return writer(fmt, draft)


def draft_note(errors: int) -> str:
    """What a document built while ``errors`` errors remain says on its first page."""
    if not errors:
        return ""
    return f"草稿：生成时仍有 {errors} 个错误未改正（见 checks.json），不得作为正式公开文件"


@dataclass(frozen=True)
class BuildResult:
    disclosure: Disclosure
    files: tuple[Path, ...]


def write_outputs(disclosure: Disclosure, out_dir: Path, formats: Iterable[str],
                  progress: Callable[[str], None] | None = None,
                  extra: dict[str, bytes] | None = None, *, draft: str = "",
                  protected: Sequence[Path] = ()) -> tuple[Path, ...]:
    """Render every format into ``out_dir`` through ``write_folder``: only a new folder or
    yusuan's own earlier output is written to, atomically; ``protected`` (the source folder)
    and anything containing it are refused."""
    extra = extra or {}
    by_name = {FILE_NAMES[fmt]: fmt for fmt in formats}

    def produce(name: str) -> bytes:
        if name in extra:
            return extra[name]
        fmt = by_name[name]
        if progress:
            progress(fmt)
        return renderer(fmt, draft)(disclosure)

    return write_folder(out_dir, [*by_name, *extra], produce, protected=protected,
                        legacy=[*FILE_NAMES.values(), "checks.json"])
