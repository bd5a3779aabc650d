"""Perturbations and injected errors of the generalisation harness (``generalise.py``).

A **perturbation** changes how a built document is printed the way real documents differ from
what yusuan prints, without changing a figure: on the ``Disclosure`` before rendering (titles
with numbering, year and department; a different 空表 note) and on the printed text itself
(the HTML before WeasyPrint, the XML of the DOCX and XLSX parts: 单位 lines in other wordings,
codes printed split into 类/款/项 parts, header labels wrapped onto two rows, titles wrapped,
a long table broken onto the next page with its header repeated). None copies a corpus file.

An **injection** changes one printed figure so that the document is wrong in one known
place: a total off by a figure, a share that fails its numbers, a narrative amount that
contradicts its table, a rate that does not follow from its change, a change that implies
another prior-year figure.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from yusuan.model.disclosure import Disclosure, Fact, Row, Section, Sentence, Table
from yusuan.model.finding import Location
from yusuan.render.formats import writer
from yusuan.render.pdf import html_to_pdf, print_html

TextEdit = Callable[[str], str]
DisclosureEdit = Callable[[Disclosure, random.Random], Disclosure]


def _same(d: Disclosure, _: random.Random) -> Disclosure:
    return d


def _plain(text: str) -> str:
    return text


@dataclass(frozen=True)
class Perturbation:
    disclosure: DisclosureEdit = _same
    text: TextEdit = _plain  # applied to the printed HTML / DOCX XML / XLSX XML
    pdf_only: TextEdit = _plain  # layout edits only the HTML can carry


# -- on the Disclosure ----------------------------------------------------------------------

_NUMBERING = ("公开{n:02d}表 ", "表{n} ", "附表{n}：", "{cn}、", "{n}．", "公开表{cn}  ")
_CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    return _CN[n - 1] if n <= 10 else "十" + _CN[n - 11]


def _numbered(d: Disclosure, rng: random.Random) -> Disclosure:
    """Titles with a numbering prefix, and some with the year and department inside."""
    style = rng.choice(_NUMBERING)
    tables = []
    for n, t in enumerate(d.tables, 1):
        title = t.title
        if rng.random() < 0.5 and not title.startswith(str(d.year)):
            title = f"{d.year}年度{d.department}{title}"
        tables.append(replace(t, title=style.format(n=n, cn=_cn(n)) + title, number=None))
    return replace(d, tables=tuple(tables))


_EMPTY_NOTES = ("注：本部门{year}年无{what}，故本表为空表。", "本表无数据。",
                "说明：{department}没有{what}安排的支出，此表为空。")


def _empty_notes(d: Disclosure, rng: random.Random) -> Disclosure:
    """Every table without a figure printed empty, under a note in another wording (the
    builder's own, or rows of blanks, replaced)."""
    tables = []
    for t in d.tables:
        if not any(v for r in t.rows for v in r.values.values()):
            note = rng.choice(_EMPTY_NOTES).format(year=d.year, department=d.department,
                                                  what=t.title.removesuffix("表"))
            t = replace(t, rows=(), empty_statement=note)
        tables.append(t)
    return replace(d, tables=tuple(tables))


# -- on the printed text --------------------------------------------------------------------

def _unit_lines(text: str) -> str:
    """单位：万元 → 金额单位：万元 / 单位:元 (half-width colon) / （单位：万元）."""
    forms = iter(("金额单位：{u}", "单位:{u}", "（单位：{u}）") * 1000)
    return re.sub(r"单位：(万元|元)", lambda m: next(forms).format(u=m.group(1)), text)


_CODE_CELL = re.compile(r"(<(?:td|t|w:t)(?:\s[^>]*)?>)(\d{3})(\d{2})(\d{2})?(</(?:td|t|w:t)>)")
_CODE_COLUMNS = re.compile(r'<td class="code">(\d{3})</td><td class="code">(\d{2})?</td>'
                           r'<td class="code">(\d{2})?</td>')


def _code_layout(text: str) -> str:
    """Codes printed the other way: a code in one cell printed in its parts (``201 01 01``);
    codes in 类/款/项 columns printed whole in one cell across the three."""
    text = _CODE_COLUMNS.sub(lambda m: '<td class="code" colspan="3">'
                             + "".join(g or "" for g in m.groups()) + "</td>", text)
    return _CODE_CELL.sub(lambda m: m.group(1) + " ".join(g for g in m.groups()[1:4] if g)
                          + m.group(5), text)


_TH = re.compile(r"(<th[^>]*>)([^<]{6,})(</th>)")


def _header_two_rows(html: str) -> str:
    """Long header labels wrapped onto two rows (``一般公共<br>预算拨款``)."""
    return _TH.sub(lambda m: m.group(1) + m.group(2)[:len(m.group(2)) // 2] + "<br>"
                   + m.group(2)[len(m.group(2)) // 2:] + m.group(3), html)


_H2 = re.compile(r'(<p class="table-title">\s*)([^<\n]{12,})')


def _wrapped_titles(html: str) -> str:
    """Long table titles printed over two lines."""
    return _H2.sub(lambda m: m.group(1) + m.group(2)[:len(m.group(2)) * 2 // 3] + "<br>"
                   + m.group(2)[len(m.group(2)) * 2 // 3:], html)


def _page_breaks(html: str) -> str:
    """Long tables broken onto a new page after their 8th row (the header is repeated)."""
    css = "<style>table tbody tr:nth-child(8) { break-before: page; }</style>"
    return html.replace("</head>", css + "</head>", 1)


PERTURBATIONS: dict[str, Perturbation] = {
    "none": Perturbation(),
    "numbered-titles": Perturbation(disclosure=_numbered),
    "unit-lines": Perturbation(text=_unit_lines),
    "code-layout": Perturbation(text=_code_layout),
    "empty-notes": Perturbation(disclosure=_empty_notes),
    "two-row-headers": Perturbation(pdf_only=_header_two_rows),
    "wrapped-titles": Perturbation(pdf_only=_wrapped_titles),
    "page-breaks": Perturbation(pdf_only=_page_breaks),
}


def _all_at_once(parts: list[Perturbation]) -> Perturbation:
    """Every perturbation in one document, as a real one differs in several ways at once."""
    def disclosure(d: Disclosure, rng: random.Random) -> Disclosure:
        for p in parts:
            d = p.disclosure(d, rng)
        return d

    def text(t: str) -> str:
        for p in parts:
            t = p.text(t)
        return t

    def pdf_only(t: str) -> str:
        for p in parts:
            t = p.pdf_only(t)
        return t

    return Perturbation(disclosure, text, pdf_only)


PERTURBATIONS["all-at-once"] = _all_at_once([p for p in PERTURBATIONS.values()
                                             if p != Perturbation()])


def render(d: Disclosure, fmt: str, perturbation: str) -> bytes:
    """The document printed in ``fmt`` through the named perturbation's text edits."""
    p = PERTURBATIONS[perturbation]
    if fmt == "pdf":
        return html_to_pdf(p.pdf_only(p.text(print_html(d))))
    data = writer(fmt)(d)
    if p.text is _plain:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w",
                                                                 zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename.endswith(".xml"):
                body = p.text(body.decode("utf-8")).encode("utf-8")
            zout.writestr(info, body)
    return out.getvalue()


# -- injected errors ------------------------------------------------------------------------

@dataclass(frozen=True)
class Injected:
    disclosure: Disclosure
    what: str
    table: str | None = None  # where a finding must point to count as located
    code: str | None = None
    name: str | None = None
    rules: tuple[str, ...] = ()  # rule-id fragments that describe this error
    narrative: bool = False  # in Part 3 (a format without it cannot show it)

    def matches(self, loc: Location) -> bool:
        return (self.table is None or loc.table == self.table) and (
            self.code is None or loc.code in (None, self.code))


def _figure_off(d: Disclosure, rng: random.Random, wanted: Callable[[Row], bool],
                what: Callable[[Table, Row, str], str], coded: bool) -> Injected | None:
    """One printed figure of a row ``wanted`` off by one figure in one column."""
    choices = [(t, r, k) for t in d.tables for r in t.rows if wanted(r)
               for k, v in r.values.items() if v]
    if not choices:
        return None
    t, row, key = rng.choice(choices)
    # a figure wrong by a whole digit of the printed amount (元 tables print to the cent, so
    # do 万元 ones): never within the rounding tolerance of a sum
    printed = row.values[key].quantize(Decimal("0.01"))
    step = Decimal(rng.choice((1, 10, 100))) * (100 if t.unit.value == "元" else 1)
    value = printed + step * rng.choice((1, 9))
    rows = tuple(replace(r, values={**r.values, key: value}) if r is row else r for r in t.rows)
    return Injected(_with_table(d, replace(t, rows=rows)),
                    f"{what(t, row, key)}: {row.values[key]} → {value}", table=t.id,
                    code=row.code if coded else None)


def _total_off(d: Disclosure, rng: random.Random) -> Injected | None:
    """A printed total (合计/总计 of a table) off by one figure in one column."""
    return _figure_off(d, rng, lambda r: r.kind == "total",
                       lambda t, r, k: f"{t.id} total {k}", coded=False)


def _item_off(d: Disclosure, rng: random.Random) -> Injected | None:
    """A printed figure of a classified row (类, 款 or 项; a project's) off by one figure in one
    column: the sums over it, the row's own parts and the other tables that print it disagree."""
    return _figure_off(d, rng, lambda r: r.kind != "total" and bool(r.code),
                       lambda t, r, k: f"{t.id} {r.code} {r.name} {k}", coded=True)


def _with_table(d: Disclosure, table: Table) -> Disclosure:
    return replace(d, tables=tuple(table if t.id == table.id else t for t in d.tables))


_PERCENT = r"(\d+(?:\.\d+)?)\s*%"


def _edit_sentence(d: Disclosure, rng: random.Random, wanted: Callable[[Sentence], bool],
                   pattern: str, change: Callable[[str], str]) -> tuple[Disclosure, str,
                                                                         Sentence] | None:
    spots = [(i, j, k) for i, s in enumerate(d.narrative) for j, p in enumerate(s.paragraphs)
             for k, x in enumerate(p) if wanted(x) and re.search(pattern, x.text)]
    if not spots:
        return None
    i, j, k = rng.choice(spots)
    sentence = d.narrative[i].paragraphs[j][k]
    text = re.sub(pattern, lambda m: m.group(0).replace(m.group(1), change(m.group(1)), 1),
                  sentence.text, count=1)
    paragraphs = list(d.narrative[i].paragraphs)
    paragraph = list(paragraphs[j])
    paragraph[k] = replace(sentence, text=text, facts=())
    paragraphs[j] = tuple(paragraph)
    narrative: list[Section] = list(d.narrative)
    narrative[i] = replace(d.narrative[i], paragraphs=tuple(paragraphs))
    return replace(d, narrative=tuple(narrative)), f"{sentence.text} → {text}", sentence


def _bump(number: str) -> str:
    places = len(number.split(".")[1]) if "." in number else 0
    return f"{Decimal(number) + Decimal('3.1'):.{max(places, 1)}f}"


def _narrative(kind: str, has: Callable[[Fact], object], pattern: str,
               change: Callable[[str], str]) -> Callable[[Disclosure, random.Random],
                                                         Injected | None]:
    """An injection spoiling one figure of ``kind`` in a sentence stating one (``has``)."""
    def inject(d: Disclosure, rng: random.Random) -> Injected | None:
        found = _edit_sentence(d, rng, lambda s: any(has(f) for f in s.facts), pattern, change)
        if found is None:
            return None
        doc, what, sentence = found
        ref = next(f for f in sentence.facts if has(f))
        return Injected(doc, f"{kind} {what}", table=ref.ref_table, rules=(kind,),
                        narrative=True)
    return inject


INJECTIONS: dict[str, Callable[[Disclosure, random.Random], Injected | None]] = {
    "total-off": _total_off,
    "item-off": _item_off,
    "share-wrong": _narrative("share", lambda f: f.share, r"占[^，。；0-9]{0,12}?" + _PERCENT,
                              _bump),
    "narrative-amount": _narrative(
        "amount", lambda f: f.amount and f.ref_table and (f.ref_code or f.ref_row),
        r"(\d[\d,]*\.\d{2})\s*万?元",
        lambda n: f"{Decimal(n.replace(',', '')) + Decimal('10.00'):,.2f}"),
    "rate-wrong": _narrative("rate", lambda f: f.rate and f.change,
                             r"(?:增长|下降|减少|增加|降低)" + _PERCENT, _bump),
    # the change stated wrong: the prior-year figure it implies (amount − change) is then
    # another, and the stated rate no longer follows from it
    "prior-implied": _narrative(
        "prior", lambda f: f.change and f.rate and f.amount,
        r"(?:增加|减少)了?\s*(\d[\d,]*(?:\.\d+)?)\s*万?元",
        lambda n: f"{Decimal(n.replace(',', '')) * 2 + 10:,.2f}"),
}
