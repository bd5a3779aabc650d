"""Storing documents: each ``Document`` in its own transaction, failures recorded.

Reading, grouping and checking the inputs is ``yusuan.intake.pipeline``'s work; the store
only persists what it is given. A failure in one document is reported and leaves every
other document, and the database, as they were.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any

from yusuan.model.errors import InputError
from yusuan.store.db import Store
from yusuan.store.repository import Document, IngestOutcome, store_document


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
    """A checker or parser finding as its JSON record (``Finding.to_data``).

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

