"""``yusuan build``: source folder → ``Disclosure`` → output files, written atomically.

The pipeline: ``derive.source`` reads the folder into a ``Budget``; the tables come from it
(given, or derived from line items); the narrative is generated from tables + context; the
renderers write each format. Output goes through ``yusuan.output.write_folder``: a new folder
or yusuan's own earlier output only, never the source, atomically (a failed build leaves the
previous output as it was). The PDF is laid out in a process of its own meanwhile where there
are two processors or more (``BESIDE``), so the build takes about as long as the PDF alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from yusuan.background import Worker, jobs_possible
from yusuan.model.disclosure import Disclosure
from yusuan.output import write_folder
from yusuan.render.formats import FORMATS as OUTPUT_FORMATS
from yusuan.render.formats import job, prepare, writer

FORMATS = tuple(OUTPUT_FORMATS)
FILE_NAMES = {name: f.file_name for name, f in OUTPUT_FORMATS.items()}
# formats laid out in a process of their own while the others are written (two processors
# or more): the PDF is most of a build's time, the other formats together a tenth of it
BESIDE = ("pdf",)


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
                  protected: Sequence[Path] = (),
                  worker: Worker | None = None) -> tuple[Path, ...]:
    """Render every format into ``out_dir`` through ``write_folder``: only a new folder or
    yusuan's own earlier output is written to, atomically; ``protected`` (the source folder)
    and anything containing it are refused."""
    produce = Producer(disclosure, {FILE_NAMES[fmt]: fmt for fmt in formats}, extra or {}, draft)
    by_name = produce.formats

    def started(name: str) -> None:
        if progress and name in by_name:
            progress(by_name[name])

    return write_folder(out_dir, [*by_name, *produce.extra], produce, protected=protected,
                        legacy=[*FILE_NAMES.values(), "checks.json"],
                        beside=[FILE_NAMES[f] for f in BESIDE if f in by_name.values()],
                        job=produce.job, worker=worker, started=started)


@dataclass(frozen=True)
class Producer:
    """Each output file's content by its name; ``job``: one to be made in another process."""

    disclosure: Disclosure
    formats: dict[str, str]  # file name → format
    extra: dict[str, bytes]  # file name → content given (checks.json, differences.json)
    draft: str

    def __call__(self, name: str) -> bytes:
        if name in self.extra:
            return self.extra[name]
        return renderer(self.formats[name], self.draft)(self.disclosure)

    def job(self, name: str) -> Callable[[], bytes]:
        """The file ``name`` to be made in another process (``render.formats.job``)."""
        return job(self.formats[name], self.disclosure, self.draft)


def worker_for(formats: Collection[str]) -> Worker | None:
    """A process forked now that gets ready for the format made beside the others (the PDF:
    WeasyPrint imported, the fonts loaded) while the caller composes and checks the
    document; ``None`` where none is asked for, or it is not possible."""
    fmt = next((f for f in BESIDE if f in formats), None)
    if fmt is None or not jobs_possible():
        return None
    return Worker(partial(prepare, fmt))
