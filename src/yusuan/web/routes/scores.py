"""公开度 (openness score) on the portal: a ranking per year, edition and region, and its CSV.

The score of each published version comes from ``checks.score`` over the stored document and
its stored findings; the method (criteria, points, sources) is printed under the ranking.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from yusuan.checks.score import Score
from yusuan.store.catalog import DisclosureInfo
from yusuan.web.params import YearQuery
from yusuan.web.routes.api import Format, respond
from yusuan.web.routes.public import portal_of, published_of_year

router = APIRouter()
REGIONS = {"xinjiang-11": "新疆", "shanghai-9": "上海", "jiangsu-12": "江苏"}
FINAL_PROFILES = {"shanghai-final-9": "shanghai-9"}  # a 决算 table set → its region's budget set
FIELDS = ("rank", "department", "year", "edition", "region", "total", "completeness",
          "timeliness", "consistency", "detail", "machine", "disclosure_id")


def ranking(request: Request, year: int | None, edition: str, region: str | None
            ) -> tuple[list[int], int | None, list[tuple[int, DisclosureInfo, Score, str]]]:
    portal = portal_of(request)
    years, chosen, items = published_of_year(portal, year, edition)
    scored = []
    for info in items:
        profile = portal.disclosure(info.id).profile
        profile = FINAL_PROFILES.get(profile, profile)
        if region and profile != region:
            continue
        scored.append((info, portal.score(info.id), REGIONS.get(profile, profile)))
    scored.sort(key=lambda t: (-t[1].total, t[0].department))
    return years, chosen, [(n, i, s, r) for n, (i, s, r) in enumerate(scored, 1)]


@router.get("/scores", include_in_schema=False)
def scores_page(request: Request, year: YearQuery = None, edition: str = "部门预算",
                region: str | None = None) -> Response:
    years, chosen, rows = ranking(request, year, edition, region or None)
    return portal_of(request).render("scores.html", request, years=years, year=chosen,
                                     edition=edition, region=region or "", regions=REGIONS,
                                     rows=rows)


def _row(rank: int, info: DisclosureInfo, s: Score, region: str) -> dict[str, Any]:
    points = {c.key: None if c.points is None else str(c.points) for c in s.criteria}
    return {"rank": rank, "department": info.department, "year": info.year,
            "edition": info.edition, "region": region, "total": str(s.total), **points,
            "disclosure_id": info.id}


@router.get("/api/v1/scores", summary="公开度排行", tags=["开放数据"])
def scores_api(request: Request, year: YearQuery = None, edition: str = "部门预算",
               region: str | None = None, format: Format = "json") -> Response:
    """某年度已公开文件的公开度（完整性、及时性、准确性、细化程度、可机读），按总分排序。"""
    _, _, rows = ranking(request, year, edition, region or None)
    return respond([_row(*r) for r in rows], FIELDS, format, "scores.csv")
