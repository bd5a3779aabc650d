"""The one type for record ids in URLs, and bounds for numeric query parameters.

The store's ids and years are ``INTEGER`` columns (32 bits on PostgreSQL), so a larger number
cannot name anything: a path id outside 1 … 2³¹−1, negative or not a number answers 404 (the
app's validation handler turns any invalid path parameter into "not found"); a query number
outside its range is a 422 with the parameter named, never a database overflow (HTTP 500).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

MAX_ID = 2**31 - 1

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
YearQuery = Annotated[int | None, Query(ge=1, le=9999, description="年度")]
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="JSON 起始位置")]


def id_query(description: str) -> object:
    """``IdQuery`` with a description for the API page."""
    return Query(ge=1, le=MAX_ID, description=description)
