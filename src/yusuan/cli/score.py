"""``yusuan score FILE_OR_DIR... | --db URL [--format text|csv|json]``: the openness score.

Published files (or Disclosure JSON, source folders) are read and checked as ``yusuan check``
does; with ``--db`` the stored disclosures are scored from their stored findings (the
latest version of each department, year and edition). The method: ``docs/openness.md``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yusuan.cli.common import EXIT_UNUSABLE, fail, handles_input_errors, print_error
from yusuan.model.finding import Finding

if TYPE_CHECKING:
    from yusuan.checks.score import Score

FORMATS = ("text", "csv", "json")


@handles_input_errors
def score(
    paths: Annotated[list[Path] | None, typer.Argument(metavar="文件",
        help="公开文件（PDF、文本、XLSX、DOCX）、Disclosure JSON、源文件夹或文件夹")] = None,
    db: Annotated[str | None, typer.Option("--db", help="给数据库时为库中每份公开文件评分")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：text、csv、json")] = "text",
) -> None:
    """公开度评分：完整性、及时性、准确性、细化程度、可机读（方法见 docs/openness.md）。"""
    if fmt not in FORMATS:
        raise fail(f"未知的输出格式“{fmt}”，可用：{'、'.join(FORMATS)}")
    if not paths and db is None:
        raise fail("请给出要评分的文件，或用 --db 指定数据库")
    scores, unusable = _from_db(db) if db is not None else _from_files(paths or [])
    if fmt == "text":
        for label, s in scores:
            typer.echo(_text(label, s))
    else:
        data = (_csv(scores) if fmt == "csv" else json.dumps(
            [_data(label, s) for label, s in scores], ensure_ascii=False, indent=2) + "\n")
        sys.stdout.write(data)
        sys.stdout.flush()
    if unusable:
        raise typer.Exit(EXIT_UNUSABLE)


def _from_files(paths: list[Path]) -> tuple[list[tuple[str, Score]], int]:
    # the rule catalogue and every reader: imported when the command runs (``yusuan --help`` stays fast)
    from yusuan.checks.run import check_disclosure
    from yusuan.checks.score import score as score_of
    from yusuan.intake import read_inputs

    intakes, refused = read_inputs(paths)
    for r in refused:
        print_error(str(r.error))
    out = [(i.label, score_of(i.disclosure, [*i.findings, *check_disclosure(i.disclosure)]))
           for i in intakes]
    return out, len(refused)


def _from_db(url: str) -> tuple[list[tuple[str, Score]], int]:
    # the checks and the store (SQLAlchemy): imported when the command runs (``yusuan --help`` stays fast)
    from yusuan.checks.score import score as score_of
    from yusuan.store import open_store
    from yusuan.store.catalog import all_disclosures, findings, load_disclosure

    store = open_store(url)
    out: list[tuple[str, Score]] = []
    try:
        with store.sessions() as session:
            latest: dict[tuple[int, int, str], int] = {}
            for info in all_disclosures(session):
                key = (info.department_id, info.year, info.edition)
                if key not in latest or info.version > latest[key]:
                    latest[key] = info.version
            for info in all_disclosures(session):
                if latest[(info.department_id, info.year, info.edition)] != info.version:
                    continue
                d = load_disclosure(session, info.id)
                stored = [Finding.from_data(f) for f in findings(session, info.id)]
                out.append((f"#{info.id} {info.file_name}", score_of(d, stored)))
    finally:
        store.close()
    out.sort(key=lambda item: (-item[1].year, -item[1].total, item[1].department))
    return out, 0


def _text(label: str, s: Score) -> str:
    lines = [f"{label}：{s.department} {s.year} 年{s.edition}  公开度 {s.total} 分"]
    for c in s.criteria:
        got = "不评" if c.points is None else f"{c.points}/{c.out_of}"
        lines.append(f"  {c.title:　<4} {got:>10}  {'；'.join(c.notes)}")
    weakest = s.weakest
    if weakest is not None and weakest.points is not None and weakest.points < weakest.out_of:
        lines.append(f"  最弱：{weakest.title}（{'；'.join(weakest.notes)}）")
    return "\n".join(lines)


def _data(label: str, s: Score) -> dict[str, object]:
    return {"input": label, "department": s.department, "year": s.year, "edition": s.edition,
            "total": str(s.total),
            "criteria": [{"key": c.key, "title": c.title, "out_of": c.out_of,
                          "points": None if c.points is None else str(c.points),
                          "notes": list(c.notes), "source": c.source} for c in s.criteria]}


def _csv(scores: list[tuple[str, Score]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    keys = [c.key for c in scores[0][1].criteria] if scores else []
    writer.writerow(["input", "department", "year", "edition", "total", *keys])
    for label, s in scores:
        writer.writerow([label, s.department, s.year, s.edition, s.total,
                         *("" if c.points is None else c.points for c in s.criteria)])
    return "\ufeff" + buf.getvalue()
