"""Regeneration on documents we do not have, estimated: each corpus budget document's printed
Part 3 (as read) printed otherwise, the way real departments print the same things, then
written again (``yusuan build PUBLISHED…``) and compared with the printed text it was given.

A **variation** changes how the printed text words or types what it says, never a figure's
value, and *consistently* where a department would be consistent (one comparison lead for a
whole document), per occurrence where documents are seen to mix (a half-width bracket here
and there):

- ``separators``: each amount with or without thousands separators;
- ``brackets``, ``colons``, ``commas``: each （）/：/，half- or full-width;
- ``qita``: each 其他 printed 其它; ``wan``: each 万元 printed 万;
- ``rate-places``: every rate of a change to 0 or 1 places (from the 2 printed: where the
  printed rate ends in 5, a rate rounded from its exact value may differ);
- ``compare-lead``: every 比上年/比2024年预算/较上年/与上年相比 before a change in one of those
  forms; ``rise-words``: 增加→增长 and 减少→下降 before an amount;
- ``clause-order``: in a sentence listing several figures separated by ；, two of them in the
  other order;
- ``item-names``: a 项 listed without its 类/款 (``“行政运行（项）”`` for ``“一般公共服务支出（类）
  财政事务（款）行政运行（项）”``, ``“行政运行”科目`` for ``“一般公共服务支出-财政事务-行政运行”科目``);
- ``all``: all of them at once.

For each document, variation and seed it reports the printed clauses with figures written again
word for word (white space aside) against the same document unvaried: what a variation costs
is where the regeneration does not follow the printed form.

    .venv/bin/python benchmarks/regen_perturb.py [--seeds 2] [--first-seed 0] [--workers 2] [--json]
        [--kinds K …] [NAME …]

Each regeneration is composed only (nothing is rendered): all documents, every variation, two
seeds, in about 3 minutes on two processors.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from yusuan.compose.published import disclosure_from_published, without_repeats
from yusuan.intake.read import read_inputs
from yusuan.model.disclosure import Disclosure, Section, Sentence
from yusuan.regen.differences import compare

sys.path.insert(0, str(Path(__file__).resolve().parent))
import itertools

from regen_report import FIXTURES, documents

Edit = Callable[[str, random.Random, dict], str]  # one sentence, the document's choices

_AMOUNT = re.compile(r"\d+(?:[,，]\d{3})+(?:\.\d+)?|\d{4,}\.\d+")
_RATE = re.compile(r"(增长|下降|增幅|降幅|增加|减少|上升|降低)(为)?\s?(\d+\.\d+)(?=\s?[%％])")
_LEAD = re.compile(r"(?:(?:比|较)(上年|\d{4}年)|与(上年|\d{4}年)(?=\S{0,6}(?:相比|持平)))"
                   r"(预算执行数|预算数|预算)?(相比)?(?=，?(?:增加|减少|增长|下降|(持平)))")
# a 项's 类/款 before it, not the number the line starts with (1.政协事务（款）行政运行（项）);
# a name may hold a bracket of its own (政府办公厅（室）及相关机构事务（款）)
_NAME = r"(?:[^“”\"，。；：、\d（）().．]|[（(][^（）()类款项]{1,3}[）)])+"
_LEVELS = re.compile(rf"(?:{_NAME}[（(][类款][）)])+(?={_NAME}[（(]项[）)])")
_DASHED = re.compile(r"(?<=“)(?:[^“”\-]+-)+(?=[^“”\-]+”科目)")  # “…-…-行政运行”科目


def _flip(rng: random.Random) -> bool:
    return rng.random() < 0.5


def separators(text: str, rng: random.Random, _: dict) -> str:
    def one(m: re.Match[str]) -> str:
        plain = re.sub(r"[,，]", "", m.group(0))
        if not _flip(rng):
            return m.group(0)
        if plain != m.group(0):
            return plain
        whole, _, cents = plain.partition(".")
        return f"{int(whole):,}.{cents}"
    return _AMOUNT.sub(one, text)


def _widths(full: str, half: str) -> Edit:
    table = str.maketrans(full + half, half + full)

    def edit(text: str, rng: random.Random, _: dict) -> str:
        return "".join(ch.translate(table) if ch in full + half and _flip(rng) else ch
                       for ch in text)
    return edit


def qita(text: str, rng: random.Random, _: dict) -> str:
    return re.sub("其他", lambda m: "其它" if _flip(rng) else m.group(0), text)


def wan(text: str, rng: random.Random, _: dict) -> str:
    return re.sub("万元", lambda m: "万" if _flip(rng) else m.group(0), text)


def rate_places(text: str, _: random.Random, doc: dict) -> str:
    places = doc.setdefault("places", doc["rng"].choice((0, 1)))

    def one(m: re.Match[str]) -> str:
        rate = Decimal(m.group(3)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return f"{m.group(1)}{m.group(2) or ''}{rate}"
    return _RATE.sub(one, text)


def compare_lead(text: str, _: random.Random, doc: dict) -> str:
    lead, year = doc.setdefault("lead", (doc["rng"].choice(("比", "较", "与")),
                                         doc["rng"].choice(("上年", "prior"))))

    def one(m: re.Match[str]) -> str:
        printed_year = m.group(1) or m.group(2)
        when = printed_year if year == "prior" and printed_year != "上年" else "上年"
        if year == "prior" and printed_year == "上年":
            when = f"{doc['year'] - 1}年"
        basis = m.group(3) or ""
        if m.group(5):  # 持平: 较上年持平, but 与上年持平 / 比上年持平 as printed
            return f"{'较' if lead == '较' else m.group(0)[0]}{when}{basis}"
        return f"与{when}{basis}相比" if lead == "与" else f"{lead}{when}{basis}"
    return _LEAD.sub(one, text)


def rise_words(text: str, _: random.Random, __: dict) -> str:
    return re.sub(r"减少(?=\s?\d)", "下降", re.sub(r"增加(?=\s?\d)", "增长", text))


def clause_order(text: str, rng: random.Random, _: dict) -> str:
    head, colon, body = text.rpartition("：") if "：" in text[:12] else ("", "", text)
    if not body.endswith("。") or body.count("；") < 1:
        return text
    parts = body[:-1].split("；")
    stating = [i for i, p in enumerate(parts) if re.search(r"\d", p)
               and not re.match(r"(与|比|较|主要|其中)", p)]
    pairs = [(i, j) for i, j in itertools.pairwise(stating) if j == i + 1]
    if not pairs:
        return text
    i, j = rng.choice(pairs)
    parts[i], parts[j] = parts[j], parts[i]
    return head + colon + "；".join(parts) + "。"


def item_names(text: str, _: random.Random, __: dict) -> str:
    return _DASHED.sub("", _LEVELS.sub("", text))


KINDS: dict[str, Edit] = {
    "separators": separators, "brackets": _widths("（）", "()"), "colons": _widths("：", ":"),
    "commas": _widths("，", ","), "qita": qita, "wan": wan, "rate-places": rate_places,
    "compare-lead": compare_lead, "rise-words": rise_words, "clause-order": clause_order,
    "item-names": item_names,
}


def varied(d: Disclosure, kinds: list[str], seed: int) -> Disclosure:
    """``d`` with its Part 3 printed otherwise by ``kinds`` (seeded)."""
    rng = random.Random(seed)
    doc = {"rng": random.Random(seed + 1), "year": d.year}

    def sentence(s: Sentence) -> Sentence:
        text = s.text
        for k in kinds:
            text = KINDS[k](text, rng, doc)
        return replace(s, text=text)

    return replace(d, narrative=tuple(
        replace(sec, paragraphs=tuple(tuple(map(sentence, p)) for p in sec.paragraphs))
        for sec in d.narrative))


@dataclass
class Result:
    document: str
    kind: str
    seed: int
    clauses: int
    verbatim: int
    changed: int  # printed clauses the variation changed


def regenerated(d: Disclosure) -> tuple[int, int]:
    printed: tuple[Section, ...] = without_repeats(d.narrative)
    c = compare(printed, disclosure_from_published(d).narrative)
    return c.clauses, c.verbatim


def _changed(a: Disclosure, b: Disclosure) -> int:
    return sum(x.text != y.text for s, t in zip(a.narrative, b.narrative, strict=True)
               for x, y in zip(s.sentences(), t.sentences(), strict=True))


_READ: dict[str, Disclosure] = {}  # each document as read, shared with the forked workers


def _one(task: tuple[str, str, int]) -> Result:
    name, kind, seed = task
    d = _READ[name]
    v = d if kind == "none" else varied(d, list(KINDS) if kind == "all" else [kind], seed)
    clauses, verbatim = regenerated(v)
    return Result(name, kind, seed, clauses, verbatim, _changed(d, v))


def run(names: list[str], kinds: list[str], seeds: int, workers: int = 1,
        first_seed: int = 0) -> list[Result]:
    for doc in documents():
        if not names or doc["name"] in names:
            intakes, _ = read_inputs([FIXTURES / f for f in doc["files"]])
            d = intakes[0].disclosure  # a section printed (or read) twice is one text
            _READ[doc["name"]] = replace(d, narrative=without_repeats(d.narrative))
    tasks = [(n, "none", 0) for n in _READ] + [
        (n, k, seed) for n in _READ for k in kinds
        for seed in range(first_seed, first_seed + seeds)]
    if workers <= 1:
        return [_one(t) for t in tasks]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_one, tasks, chunksize=4)


def markdown(results: list[Result], kinds: list[str]) -> str:
    docs = list(dict.fromkeys(r.document for r in results))
    base = {r.document: r for r in results if r.kind == "none"}
    short = {d: d.removesuffix("-dept-budget").removesuffix("-budget")[-18:] for d in docs}
    out = ["| variation | " + " | ".join(short[d] for d in docs) + " | all documents | lost |",
           "|---|" + "---|" * (len(docs) + 2)]
    for kind in ["none", *kinds]:
        cells, total, lost = [], [0, 0], 0
        for d in docs:
            rs = [r for r in results if r.document == d and r.kind == kind]
            v, c = sum(r.verbatim for r in rs), sum(r.clauses for r in rs)
            total[0] += v
            total[1] += c
            lost += sum(base[d].verbatim - r.verbatim for r in rs)
            cells.append(f"{100 * v / max(c, 1):.1f}" + ("" if kind == "none" or all(
                r.changed for r in rs) else "·"))
        out.append(f"| {kind} | " + " | ".join(cells)
                   + f" | **{100 * total[0] / max(total[1], 1):.1f}%** | {lost} |")
    out.append("\nPer cell: clauses with figures written again word for word, % (over the "
               "seeds); `·` where a seed's variation changed nothing in that document. "
               "**lost**: clauses word for word unvaried and not varied, summed over the seeds.")
    return "\n".join(out)


def _children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--first-seed", type=int, default=0, help="seeds never run before test more")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                    help="processes (forked)")
    ap.add_argument("--kinds", nargs="*", default=[*KINDS, "all"], choices=[*KINDS, "all"])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("names", nargs="*", help="only these documents (names in tables.yaml)")
    args = ap.parse_args(argv)
    wall, cpu = time.perf_counter(), time.process_time()
    results = run(args.names, args.kinds, args.seeds, args.workers, args.first_seed)
    if args.json:
        print(json.dumps([r.__dict__ for r in results], ensure_ascii=False, indent=1))
    else:
        print(markdown(results, args.kinds))
        print(f"\n{len(results)} regenerations, {time.perf_counter() - wall:.0f} s wall, "
              f"{time.process_time() - cpu + _children():.0f} s CPU.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
