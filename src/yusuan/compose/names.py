"""What a printed Part 3 writes otherwise than our wording does, taken as printed.

**Names.** The names a printed Part 3 gives the classification rows it lists one by one, where they
are not the tables' own: ``未归口管理行政单位离退休费（项）`` for the table's 未归口管理的行政单位
离退休, ``对个人和家庭的补助支出（类）`` for 对个人和家庭的补助, ``一般行政管理事务(项)`` with the
brackets as printed.

A row's printed name is read where the text states the row's own amount right after a
name marked with the row's level (（类）/（款）/（项）): the words between that marker and the
marker or enumerator before it. It is kept only where it is like the table's name (the same
item, worded otherwise) and the text names the row one way; writing the document again
then names the row so (``Budget.names``). Nothing is kept for a row the text does not list.

**Surface forms** (``as_printed``). A clause written again that says what the printed clause it
pairs with says, but for how the same things are typed — a bracket or a colon half- or
full-width (``（款)``), 其它 for 其他, 万 for 万元, a figure with or without its thousands
separators or trailing zeros (``3136.40`` beside ``29,381.00``) — takes the printed forms,
occurrence by occurrence: the two clauses are compared unit by unit (a figure by its value,
a character by its plain form) and where they agree the printed unit is kept. Where the
printed clause sets a colon after a lead where ours does not (主要原因是：), or none where ours
does, the printed one is followed too. Where the printed clause states another figure, or
other words, the written one stands (its figure
typed with or without separators as the printed one is) and the difference is listed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from difflib import SequenceMatcher

from yusuan.model.codes import Code
from yusuan.model.disclosure import Section, Sentence, Table
from yusuan.model.money import CENT, Unit, convert
from yusuan.narrative.align import clauses, likeness, normal, pair, section_pairs
from yusuan.narrative.surface import as_ours, figure, plain
from yusuan.reference.numerals import strip_numbering

_LEVEL = re.compile(r"[（(]([类款项])[）)]")
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?(?=万元|元)")
_BETWEEN = 12  # at most this much text between a name and its amount (支出, :2018年预算支出合计)
MIN_LIKENESS = 0.5


def _labels(text: str) -> list[tuple[str, str, Decimal]]:
    """(level, name as printed with its marker, amount) for each amount the clause states
    right after a name marked with its level."""
    out = []
    for m in _AMOUNT.finditer(text):
        head = text[:m.start()]
        markers = list(_LEVEL.finditer(head))
        amount = figure(m.group(0))
        if not markers or amount is None:
            continue
        last = markers[-1]
        between = re.sub(r"\d{4}年", "", head[last.end():])
        if len(between) > _BETWEEN or re.search(r"\d", between):
            continue  # not this name's amount
        start = markers[-2].end() if len(markers) > 1 else 0
        name = strip_numbering(head[start:last.start()]).strip("：:，,、。 “”\"")
        if name:
            out.append((last.group(1), name + last.group(0), amount))
    return out


def printed_names(sections: Sequence[Section], tables: Sequence[Table], unit: Unit
                  ) -> dict[str, str]:
    """Classification code → its name as the printed text gives it, marker included, for
    the rows it names otherwise than the tables (``unit``: the text's unit)."""
    found: list[tuple[str, str, Decimal]] = []
    for c in clauses(sections):
        found += _labels(c.text)
    if not found:
        return {}
    seen: dict[str, Counter[str]] = {}
    for t in tables:
        for row in t.rows:
            if row.code is None or row.project is not None or not row.code.isdigit():
                continue
            try:
                level = Code(row.code).level
            except ValueError:
                continue
            values = {v for v in row.values.values() if v is not None}
            amounts = {convert(v, t.unit, unit).quantize(CENT) for v in values}
            for lv, label, amount in found:
                name = label[:-3]
                if lv == level and amount in amounts and (
                        likeness(name, row.name) >= MIN_LIKENESS or name in row.name):
                    seen.setdefault(row.code, Counter())[label] += 1
    out = {}
    for code, labels in seen.items():
        (label, n), *rest = labels.most_common()
        if not rest or n > rest[0][1]:
            out[code] = label
    return out


def use_subjects(sections: Sequence[Section], tables: Sequence[Table], templates: Mapping,
                 unit: Unit) -> dict[str, str]:
    """``use.<key>`` → how the printed text names a use of the money (基本支出, 项目支出,
    单位预留机动经费: the wording file's ``use_names``) where it says more than its name
    before its amount, worded as the use templates word it — a scope (``2018年省检察院机关本级及南京、徐州铁路检察院单位预留机动经费
    预算数为…``); the wording file's ``overview/uses_lead`` (此外，) is not part of it."""
    names = templates.get("use_names") or {}
    overview = templates.get("overview") or {}
    lead = str(overview.get("uses_lead", ""))
    use = overview.get("use", "")  # what its templates print between the name and amount
    between = {re.sub(r"\{[^}]*\}", "", v.split("{name}")[-1].split("{amount}")[0])
               for v in (use.get("variants", ()) if isinstance(use, dict) else (use,))
               if "{name}" in v and "{amount}" in v}
    t = next((x for x in tables if x.id == "expenditure"), None)
    row = t.row(key="total") if t else None
    if t is None or row is None or not isinstance(names, dict):
        return {}
    out = {}
    for key, name in names.items():
        value = row.value(key)
        if not isinstance(name, str) or value is None or value == 0:
            continue
        amount = convert(value, t.unit, unit).quantize(CENT)
        for c in clauses(sections):
            at = c.text.find(name)
            m = _AMOUNT.search(c.text, at + len(name)) if at > 0 else None
            if m is None or c.text[at + len(name):m.start()] not in between \
                    or figure(m.group(0)) != amount:
                continue
            subject = c.text[:at + len(name)].removeprefix(lead)
            if subject != name and not re.search(r"[，。；：]", subject):
                out[f"use.{key}"] = subject
                break
    return out


_SPLIT = re.compile(r"(?<=[。；;])")
_COLONS = {":"}  # the plain form of ： and :


def _typed_as(ours: str, printed: str) -> str:
    """Our figure typed with or without thousands separators as the printed one is (where
    the printed one shows which: it has them, or is 1,000 or more without)."""
    value, shown = figure(ours), figure(printed)
    if value is None or shown is None:
        return ours
    if re.search(r"[,，]", printed):
        return f"{value:,f}" if "," not in ours else ours
    if abs(shown) >= 1000:
        return ours.replace(",", "")
    return ours


def surface(written: str, printed: str) -> str:
    """``written`` with the printed forms of every unit the two clauses share (the same
    figure, the same character in another width…); the rest as written (its white space
    kept: the printed clause has none)."""
    a, b = plain(written), plain(printed)
    matcher = SequenceMatcher(None, [x for x, _ in a], [x for x, _ in b], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [t.strip() + _space(u) for (_, u), (_, t) in zip(a[i1:i2], b[j1:j2],
                                                                    strict=True)]
        elif op == "replace" and i2 - i1 == j2 - j1 == 1 and isinstance(a[i1][0], Decimal) \
                and isinstance(b[j1][0], Decimal):  # another figure: ours, typed as printed
            out.append(_typed_as(a[i1][1].strip(), b[j1][1]) + _space(a[i1][1]))
        elif op != "replace" and all(x in _COLONS for x, _ in (*a[i1:i2], *b[j1:j2])):
            out += [t for _, t in b[j1:j2]]  # a colon printed after a lead (主要原因是：) or not
        else:
            out += [t for _, t in a[i1:i2]]
    return written[:len(written) - len(written.lstrip())] + "".join(out)


def _space(unit: str) -> str:
    return unit[len(unit.rstrip()):]


def as_printed(written: Sequence[Section], printed: Sequence[Section]) -> tuple[Section, ...]:
    """The sections written again, each clause in the surface forms of the printed clause
    it pairs with (``surface``; paired as the differences are)."""
    ours, theirs = clauses(written), clauses(printed)
    paired: dict[tuple[int, int, int], dict[str, str]] = {}
    for j, i in pair(theirs, ours, section_pairs(printed, written)):
        c = ours[i]
        paired.setdefault((c.section, c.paragraph, c.sentence), {})[c.text] = theirs[j].text
    out = []
    for si, s in enumerate(written):
        paragraphs = tuple(tuple(_retyped(x, paired.get((si, pi, ti), {}))
                                 for ti, x in enumerate(p)) for pi, p in enumerate(s.paragraphs))
        out.append(replace(s, paragraphs=paragraphs))
    return tuple(out)


def _retyped(sentence: Sentence, printed: dict[str, str]) -> Sentence:
    """The sentence with each clause retyped as the printed clause it pairs with
    (``printed``: our clause, white space aside → the printed one)."""
    if not printed:
        return sentence
    parts = _SPLIT.split(sentence.text)
    text = "".join(surface(p, printed[k]) if (k := normal(p)) in printed else p for p in parts)
    return sentence if text == sentence.text else replace(sentence, text=text)


def typed_as_ours(sections: Sequence[Section]) -> tuple[Section, ...]:
    """The printed sections typed as our wording files type them (``surface.as_ours``):
    what is read from them, and the wording chosen to match them, do not depend on how
    they were typed; ``as_printed`` types the text written again back as printed."""
    return tuple(replace(s, title=as_ours(s.title), paragraphs=tuple(
        tuple(replace(x, text=as_ours(x.text)) for x in p) for p in s.paragraphs))
        for s in sections)
