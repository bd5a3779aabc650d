"""A published version's downloads, rendered once at publication and stored (``renditions``):
no reader's request ever waits for WeasyPrint, and every portal worker and restart serves the
same bytes. The portal renders what its reviewer publishes (``web/routes/downloads``);
``yusuan ingest --publish`` renders its whole archive here, as tasks of the same runner that
read and checked it (N local processes or a Dask cluster), storing each file as it comes back.

A format that fails to render is reported and left to be rendered on its first download; the
publication itself stands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from yusuan.intake.parallel import Runner
from yusuan.model.disclosure import Disclosure
from yusuan.render.formats import writer
from yusuan.store.catalog import load_disclosure
from yusuan.store.db import Store
from yusuan.store.repository import rendition, store_rendition

PUBLISHED_FORMATS = ("pdf", "docx", "xlsx", "csv", "json", "html")
BATCH = 100  # documents loaded at a time (each renders into every format)


@dataclass(frozen=True)
class RenderFailure:
    disclosure_id: int
    format: str
    message: str


def render_format(disclosure: Disclosure, fmt: str) -> bytes:
    """One download of a published version (a task of a worker)."""
    return writer(fmt)(disclosure)


def _missing(store: Store, ids: Sequence[int]) -> list[tuple[int, str]]:
    with store.reading() as session:
        return [(i, fmt) for i in ids for fmt in PUBLISHED_FORMATS
                if rendition(session, i, fmt) is None]


def render_publications(store: Store, ids: Sequence[int], runner: Runner,
                        progress: Callable[[int, int], None] | None = None
                        ) -> list[RenderFailure]:
    """Every download of each published version ``ids`` not stored yet: rendered by
    ``runner``'s workers, stored one by one as they come back. The failures, never raised."""
    failed: list[RenderFailure] = []
    total = len(ids) * len(PUBLISHED_FORMATS)
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        wanted = _missing(store, chunk)
        done += len(chunk) * len(PUBLISHED_FORMATS) - len(wanted)
        with store.reading() as session:
            loaded = {i: load_disclosure(session, i) for i in {i for i, _ in wanted}}
        for n, out in runner.run(render_format, [(loaded[i], fmt) for i, fmt in wanted]):
            i, fmt = wanted[n]
            done += 1
            if progress:
                progress(done, total)
            if isinstance(out, BaseException):
                failed.append(RenderFailure(i, fmt, f"{type(out).__name__}：{out}"[:300]))
                continue
            store.write(partial(store_rendition, disclosure=i, fmt=fmt, data=out))
    return failed
