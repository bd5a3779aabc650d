"""Performance-target tables (部门整体绩效目标表, 项目支出绩效目标表) → model records.

Where it sits: ``document.assemble`` hands the lines no budget table claimed. Each table is
found by its title; its head is read as label → value pairs (预算单位, 项目名称, 年度预算总额,
其中：财政拨款 …, the amount unit from ``（万元）``/``（元）``), a multi-line value (年度绩效目标
printed over several PDF lines, the label centred beside it) by the lines around its label,
and its indicator rows by the columns of the ``一级指标 | 二级指标 | 三级指标 | 指标值 …``
header. A merged 一级/二级 cell is printed once: in a text/grid source on the first row of its
group (carried down), on a PDF page centred on its group (``merged_labels.spans`` finds the
groups whose middles fit the printed labels best). Printed text is tidied (``tidy``): the spaces a
converter puts between Chinese characters and figures (``产出 指标``, ``> =98%``) go.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from yusuan.model.disclosure import Indicator, OverallPerformance, ProjectPerformance, label
from yusuan.model.money import AmountError, Unit
from yusuan.parse.lines import Cell, Line, to_amount
from yusuan.parse.merged_labels import IndicatorRow, Label, carried, spans

_OVERALL = re.compile(r"^(部门|单位)整体(支出)?绩效目标(表|申报表)$")
_PROJECT = re.compile(r"^(财政)?项目支出绩效目标(表|填报表|申报表)$")
_HTML = re.compile(r"<[^>]+>")
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "level3"),
    ("指标值设置依据", "basis"), ("指标设定依据", "basis"), ("上年完成值", "prior_value"),
    ("指标分值权重", "weight"), ("分值权重", "weight"), ("指标赋分规则", "scoring_rule"),
    ("佐证资料", "evidence"), ("年度(/项目)指标值", "value"), ("年度指标值", "value"),
    ("指标值", "value"),
)
ROW_HEADERS = ("绩效指标", "项目绩效目标", "绩效目标")  # merged cell left of the indicators
HEAD_LABELS = ("部门名称", "部门联系人", "联系电话", "年度绩效目标", "年度预算", "资金总额",
               "资金来源", "项目资金", "项目名称", "预算单位", "项目总体目标", "一级指标")
GOALS_HEADS = ("项目总目标", "年度总体目标")
MAX_LINES = 90
WRAP = 1.0  # PDF: a line closer than this many line heights to the last continues its row
LABEL_WRAP = 1.5  # PDF: label fragments this close are one wrapped label
FULL_WIDTH = {",": "，", ";": "；", ":": "："}
_AFTER = re.compile(r"^([（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|第.部分)")
_RUNNING_HEAD = re.compile(r"(预算公开|部门预算|单位预算)$")
ALIGNED = 1.5  # points: a cell starting this close to a column's usual left edge is in it


def tidy(text: str) -> str:
    """Printed text without converter artefacts: ``目标 1: 完成 89 人`` → ``目标1：完成89人``.

    An ASCII ``, ; :`` followed by a space before Chinese or a digit stands for the full-width
    mark; spaces next to a Chinese character and inside a figure (``> =98%``, ``454. 55``)
    go; a separator printed twice (``万元/ /项``) is one.
    """
    t = _HTML.sub("", text)
    t = re.sub(r"([,;:])\s+(?=[\u4e00-\u9fff\d])", lambda m: FULL_WIDTH[m.group(1)], t)
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", t)
    t = re.sub(r"(?<=[\d.<>=]) (?=[\d.<>=%])", "", t)
    return re.sub(r"/ ?/", "/", t)


def _value_after(lines: list[Line], *labels: str) -> str | None:
    """The first cell printed after a cell whose label starts with one of ``labels``."""
    for line in lines:
        cells = line.cells
        for i, c in enumerate(cells):
            if any(c.label.startswith(label(x)) for x in labels) and i + 1 < len(cells):
                return tidy(cells[i + 1].text)
    return None


def _amount(text: str) -> Decimal | None:
    """A printed figure, or blank when out of range (``money.parse_amount`` says why)."""
    try:
        return to_amount(text)
    except AmountError:
        return None


def _number_after(lines: list[Line], *labels: str) -> Decimal | None:
    for wanted in labels:
        for line in lines:
            cells = line.cells
            for i, c in enumerate(cells):
                if c.label.startswith(label(wanted)):
                    nxt = next((d for d in cells[i + 1:] if d.is_number or not d.label), None)
                    if nxt is not None and nxt.is_number:
                        return _amount(nxt.text)
    return None


def _beside(other: Line, near: Line, edge: float) -> bool:
    """``other`` continues the value printed right of ``edge`` on the neighbouring ``near``."""
    return (other.page == near.page and abs(other.top - near.top) < LABEL_WRAP * near.height
            and all(c.x0 > edge for c in other.cells)
            and not any(c.label.startswith(h) for c in other.cells for h in HEAD_LABELS))


def _block_text(lines: list[Line], *labels: str) -> str | None:
    """A value printed right of its label, over several PDF lines (label centred beside it)."""
    for n, line in enumerate(lines):
        at = next((i for i, c in enumerate(line.cells)
                   if any(c.label.startswith(label(x)) for x in labels)), None)
        if at is None:
            continue
        edge = line.cells[at].x1
        if line.line is not None:  # text or grid: the value is on the label's line
            return tidy(" ".join(c.text for c in line.cells[at + 1:])) or None

        first, last = n, n
        while first > 0 and _beside(lines[first - 1], lines[first], edge):
            first -= 1
        while last + 1 < len(lines) and _beside(lines[last + 1], lines[last], edge):
            last += 1
        parts = [c.text for k in range(first, last + 1) for c in lines[k].cells
                 if c.x0 > edge]
        return tidy("".join(parts)) or None
    return None


def _year_goals(lines: list[Line]) -> str | None:
    """年度总体目标 printed in the right column under a ``项目总目标 | 年度总体目标`` head.

    Where the two paragraphs touch, the PDF text layer joins a line of both into one word;
    such a cell is cut at the right column's left edge by the character pitch (the goals
    are full-width text, every character as wide as the next).
    """
    at = next((i for i, line in enumerate(lines)
               if all(any(c.label == h for c in line.cells) for h in GOALS_HEADS)), None)
    if at is None:
        return None
    heads = {c.label: c.center for c in lines[at].cells}
    middle = (heads["项目总目标"] + heads["年度总体目标"]) / 2
    body: list[Line] = []
    for line in lines[at + 1:]:
        if any(c.label == "一级指标" for c in line.cells):
            break
        body.append(line)
    right = [c.x0 for line in body for c in line.cells if c.x0 > middle]
    edge = min(right) if right else middle
    parts: list[str] = []
    for line in body:
        for c in line.cells:
            if c.x0 >= edge - 1:
                parts.append(c.text)
            elif c.x1 > edge + 1 and len(c.text) > 1:
                parts.append(c.text[_cut(c, edge):])
    return tidy("".join(parts)) or None


def _cut(cell: Cell, x: float) -> int:
    """Index of the first character of ``cell`` printed right of ``x`` (an ASCII character
    taken as half as wide as a Chinese one)."""
    widths = [0.5 if ord(ch) < 128 else 1.0 for ch in cell.text]
    pitch = (cell.x1 - cell.x0) / sum(widths)
    at = cell.x0
    for i, w in enumerate(widths):
        if at + w * pitch / 2 > x:
            return i
        at += w * pitch
    return len(widths)


_AMOUNT_THEN_LABEL = re.compile(r"^(-?[\d,]+\.\d+)(\D.*)$")


def _head_lines(lines: list[Line]) -> list[Line]:
    """Head lines with a figure and the next label the text layer printed as one word
    (``4,563,800.00年度资金申请总额``) given back as two cells."""
    out: list[Line] = []
    for line in lines:
        cells: list[Cell] = []
        for c in line.cells:
            m = _AMOUNT_THEN_LABEL.match(c.text.strip())
            if m:
                cut = c.x0 + (c.x1 - c.x0) * len(m.group(1)) / len(c.text.strip())
                cells += [Cell(m.group(1), c.x0, cut, c.top), Cell(m.group(2), cut, c.x1, c.top)]
            else:
                cells.append(c)
        out.append(replace(line, cells=tuple(cells)))
    return out


def _unit(lines: list[Line]) -> Unit:
    text = "".join(line.label for line in lines)
    return Unit.YUAN if "(元)" in text and "(万元)" not in text else Unit.WAN


def _indicators(lines: list[Line]) -> tuple[Indicator, ...]:
    start = next((i for i, line in enumerate(lines)
                  if any(c.label == "一级指标" for c in line.cells)), None)
    if start is None:
        return ()
    columns: list[tuple[Cell, str]] = []
    for c in lines[start].cells:
        key = next((k for name, k in INDICATOR_COLUMNS if c.label == label(name)), None)
        if key:
            columns.append((c, key))
    header = lines[start]
    body: list[Line] = []
    for line in lines[start + 1:]:
        if _OVERALL.match(line.label) or _PROJECT.match(line.label) or _AFTER.match(line.label):
            break
        if line.line is None and line.page != header.page:
            if abs(line.height - header.height) > 0.15 * header.height:
                break
            if len(line.cells) == 1 and _RUNNING_HEAD.search(line.label):
                continue
        body.append(line)
    column_of = _column_finder(body, columns)
    rows: list[IndicatorRow] = []
    labels: list[Label] = []
    last_top: float | None = None
    for line in body:
        grid = line.line is not None
        row_cells: dict[str, str] = {}
        for cell in line.cells:
            if cell.label in ROW_HEADERS:
                continue
            col = column_of(cell)
            if col in ("level1", "level2"):
                same = next((lb for lb in reversed(labels) if lb.key == col), None)
                if (not grid and same is not None and same.page == line.page
                        and line.top - same.last < LABEL_WRAP * line.height):
                    same.text += cell.text
                    same.bottom, same.last = line.top + line.height, line.top
                elif grid:
                    labels.append(Label(col, cell.text, line.page or 0, float(len(rows)),
                                        float(len(rows))))
                else:
                    labels.append(Label(col, cell.text, line.page or 0, line.top,
                                        line.top + line.height, line.top))
                continue
            row_cells[col] = (row_cells.get(col, "") + " " + cell.text).strip()
        if not row_cells:
            continue
        continues = (not grid and rows and last_top is not None and rows[-1].page == line.page
                     and line.top - last_top < WRAP * line.height)
        if continues:
            row = rows[-1]
            for col, text in row_cells.items():
                row.values[col] = row.values.get(col, "") + text
            row.bottom = line.top + line.height
        else:
            rows.append(IndicatorRow(dict(row_cells), line.page or 0, line.top,
                                     line.top + line.height))
        last_top = line.top
    grid = bool(lines[start].line is not None)
    level = {key: carried(rows, [lb for lb in labels if lb.key == key]) if grid
             else spans(rows, [lb for lb in labels if lb.key == key])
             for key in ("level1", "level2")}
    out: list[Indicator] = []
    for n, row in enumerate(rows):
        v = {k: tidy(t) for k, t in row.values.items()}
        if not v.get("level3"):
            continue
        weight = v.get("weight", "")
        out.append(Indicator(
            level1=tidy(level["level1"][n]), level2=tidy(level["level2"][n]),
            level3=v["level3"], value=v.get("value", ""), basis=v.get("basis"),
            weight=_amount(weight) if re.fullmatch(r"\d+(\.\d+)?", weight) else None,
            prior_value=v.get("prior_value"), scoring_rule=v.get("scoring_rule"),
            evidence=v.get("evidence")))
    return tuple(out)


def _column_finder(lines: list[Line], columns: list[tuple[Cell, str]]) -> Callable[[Cell], str]:
    """Which column a cell is in: the header nearest its centre, unless the cell starts at
    the left edge a column's cells mostly share (left-aligned text such as 三级指标 in a PDF,
    where a short cell like ``时限`` is nearer the 二级指标 header)."""
    def nearest(cell: Cell) -> str:
        return min(columns, key=lambda kc: abs(kc[0].center - cell.center))[1]

    if not lines or lines[0].line is not None:
        return nearest
    starts: dict[str, Counter[int]] = {}
    for line in lines:
        for cell in line.cells:
            starts.setdefault(nearest(cell), Counter())[round(cell.x0)] += 1
    edges: dict[str, int] = {}
    for key, counts in starts.items():
        x0, count = counts.most_common(1)[0]
        if count >= 3 and count * 2 >= sum(counts.values()):
            edges[key] = x0

    def column(cell: Cell) -> str:
        guess = nearest(cell)
        aligned = next((k for k, x0 in edges.items() if abs(cell.x0 - x0) <= ALIGNED), None)
        return aligned if aligned is not None else guess

    return column


def read_performance(lines: tuple[Line, ...], department: str, year: int) -> tuple[
        tuple[OverallPerformance, ...], tuple[ProjectPerformance, ...]]:
    starts = [i for i, line in enumerate(lines)
              if _OVERALL.match(line.label) or _PROJECT.match(line.label)]
    overall: list[OverallPerformance] = []
    projects: list[ProjectPerformance] = []
    for n, start in enumerate(starts):
        stop = min(starts[n + 1] if n + 1 < len(starts) else len(lines), start + MAX_LINES)
        body = list(lines[start + 1:stop])
        head = _head_lines(body[:next((i for i, line in enumerate(body)
                                       if any(c.label == "一级指标" for c in line.cells)),
                                      len(body))])
        unit = _unit(body[:12])
        if _OVERALL.match(lines[start].label):
            superior = _number_after(head, "上级安排")
            local = _number_after(head, "本级安排")
            other = _number_after(head, "其他资金", "其他")
            total = _number_after(head, "资金总额")
            if total is None and None not in (superior, local, other):
                # 资金总额 heads its column; where its cell is blank it is the sum of the
                # parts printed under it (上级安排 + 本级安排 + 其他资金)
                total = sum((x for x in (superior, local, other) if x is not None), Decimal(0))
            overall.append(OverallPerformance(
                department=_value_after(head, "部门名称", "单位名称") or department, year=year,
                goals=_block_text(head, "年度绩效目标", "年度总体目标") or "",
                total=total, fiscal_superior=superior, fiscal_local=local, other=other,
                contact=_value_after(head, "部门联系人", "联系人"),
                phone=_value_after(head, "联系电话"), indicators=_indicators(body), unit=unit))
        else:
            project = _value_after(head, "项目名称")
            if not project:
                continue
            projects.append(ProjectPerformance(
                unit_name=_value_after(head, "预算单位", "实施单位") or department,
                project=project, year=year,
                total=_number_after(head, "年度预算总额", "年度资金申请总额"),
                fiscal=_number_after(head, "其中：财政拨款", "其中：当年财政拨款"),
                other=_number_after(head, "其他资金"),
                manager=_value_after(head, "项目负责人"),
                goals=_year_goals(head) or _block_text(head, "项目总体目标", "年度总体目标") or "",
                indicators=_indicators(body), unit=unit))
    return tuple(overall), tuple(projects)
