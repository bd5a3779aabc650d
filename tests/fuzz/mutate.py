"""Mutations of valid inputs: byte flips, truncation, altered ZIP members, and value
substitutions in YAML, CSV and JSON text. Each takes the seed's bytes and a ``random.Random``
and returns new bytes, so a run is reproducible from its seed number."""

from __future__ import annotations

import io
import json
import random
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable

Mutation = Callable[[bytes, random.Random], bytes]

# values that broke, or could break, a reader: bounds, non-numbers, types, YAML/JSON syntax
NASTY = (
    "NaN", "nan", "Infinity", "-Infinity", "1e999", "1E+30", "-0", "0x1F", "1_000",
    "9" * 20, "9" * 40, "9" * 400, "9" * 5000, "-" + "9" * 30 + ".99", "0.0000000001",
    "1,2,3", "1..2", "(12.00)", "１２３", "−5", "", " ", "-", "——", "null", "~", "true",
    "[]", "{}", "[1, [2, [3]]]", "{a: 1}", "'", '"', "\\", "&a", "*a", "!!python/object:x",
    "2025-13-45", "2025-02-30", "99999-01-01", "0000-00-00", "\x00", "\ufeff", "𠀀" * 50,
    "=HYPERLINK(\"x\")", "<script>", "%PDF", "[" * 200 + "]" * 200, "a" * 100_000,
)
_NUMBER = re.compile(rb"-?\d[\d,]*(?:\.\d+)?")
_SCALAR = re.compile(rb"(:[ \t]*)([^\n#]*)")  # a YAML value after its key
_CELL = re.compile(rb"([,\n])([^,\n]*)")  # a CSV field


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 8, 64))):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) + 1)] if data else data


def splice(data: bytes, rng: random.Random) -> bytes:
    """Delete, duplicate or insert a stretch."""
    if not data:
        return rng.choice(NASTY).encode()
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.choice((1, 16, 256, 4096)))
    kind = rng.randrange(3)
    if kind == 0:
        return data[:a] + data[b:]
    if kind == 1:
        return data[:b] + data[a:b] * rng.choice((2, 10, 1000)) + data[b:]
    return data[:a] + rng.choice(NASTY).encode() + data[a:]


def _replace_match(data: bytes, pattern: re.Pattern[bytes], group: int,
                   rng: random.Random) -> bytes:
    if pattern.search(data) is None:
        return splice(data, rng)
    out = data
    for _ in range(rng.choice((1, 1, 3))):
        found = list(pattern.finditer(out))  # again: a replacement moves the offsets
        if not found:
            break
        m = rng.choice(found)
        out = out[:m.start(group)] + rng.choice(NASTY).encode() + out[m.end(group):]
    return out


def numbers(data: bytes, rng: random.Random) -> bytes:
    """Replace printed numbers (amounts, years, codes) with nasty values."""
    return _replace_match(data, _NUMBER, 0, rng)


def yaml_values(data: bytes, rng: random.Random) -> bytes:
    return _replace_match(data, _SCALAR, 2, rng)


def csv_fields(data: bytes, rng: random.Random) -> bytes:
    return _replace_match(data, _CELL, 2, rng)


def lines(data: bytes, rng: random.Random) -> bytes:
    """Drop, duplicate, swap or re-indent lines."""
    rows = data.split(b"\n")
    if len(rows) < 2:
        return splice(data, rng)
    i, j = rng.randrange(len(rows)), rng.randrange(len(rows))
    kind = rng.randrange(4)
    if kind == 0:
        del rows[i]
    elif kind == 1:
        rows.insert(i, rows[j])
    elif kind == 2:
        rows[i], rows[j] = rows[j], rows[i]
    else:
        rows[i] = b"  " * rng.randrange(1, 6) + rows[i].lstrip()
    return b"\n".join(rows)


def json_values(data: bytes, rng: random.Random) -> bytes:
    """Replace one value anywhere in a JSON document by a value of another type or range."""
    try:
        doc = json.loads(data)
    except ValueError:
        return splice(data, rng)
    paths: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) \
            if isinstance(node, list) else ()
        for k, v in items:
            paths.append((node, k))
            if len(paths) < 200_000:
                walk(v)

    walk(doc)
    choices: tuple[object, ...] = (None, True, 0, -1, 10**30, 1.5, float("nan"), "", [], {},
                                   "1e999", "9" * 40, "NaN", "千元", [[[]]], {"x": 1})
    for _ in range(rng.choice((1, 1, 2, 5))):
        if not paths:
            break
        parent, key = rng.choice(paths)
        if isinstance(parent, dict) and rng.random() < 0.2:
            parent.pop(key, None)
        else:
            parent[key] = rng.choice(choices)  # type: ignore[index]
    return json.dumps(doc, ensure_ascii=False).encode()


def zip_members(data: bytes, rng: random.Random) -> bytes:
    """Mutate, drop, rename or add one member of a ZIP package (DOCX/XLSX)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [(i, z.read(i)) for i in z.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error,
            NotImplementedError, RuntimeError):  # already broken by an earlier mutation
        return flip(data, rng)
    if not members:
        return data
    k = rng.randrange(len(members))
    info, content = members[k]
    kind = rng.randrange(6)
    if kind == 0:
        del members[k]
    elif kind == 1:
        renamed = zipfile.ZipInfo(info.filename + rng.choice(("x", "/", ".bak")))
        members[k] = (renamed, content)
    elif kind == 2:
        members.append((zipfile.ZipInfo(f"xl/worksheets/sheet{rng.randrange(99)}.xml"),
                        rng.choice(NASTY).encode()))
    else:
        mutate = rng.choice((numbers, numbers, flip, truncate, splice, _xml_tags))
        members[k] = (info, mutate(content, rng))
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # a duplicate member name is one of the mutations
        for member, body in members:
            z.writestr(member.filename, body)
    return out.getvalue()


_ATTRIBUTE = re.compile(rb'(\s(?:r|ref|w:val|sqref|t|s|spans|count|uniqueCount)=")([^"]*)(")')


def _xml_tags(data: bytes, rng: random.Random) -> bytes:
    """Change an attribute that readers trust: cell references, spans, merge ranges, types."""
    values = (b"XFD1048576", b"A1:XFD1048576", b"1048576", b"0", b"-1", b"99999999999",
              b"", b"inlineStr", b"e", b"1:16384", b"ZZZZ0", b"A0")
    matches = list(_ATTRIBUTE.finditer(data))
    if not matches:
        return splice(data, rng)
    m = rng.choice(matches)
    return data[:m.start(2)] + rng.choice(values) + data[m.end(2):]


BYTES: tuple[Mutation, ...] = (flip, truncate, splice)
TEXT: tuple[Mutation, ...] = (*BYTES, numbers, numbers, lines)
YAML: tuple[Mutation, ...] = (*BYTES, numbers, yaml_values, yaml_values, lines)
CSV: tuple[Mutation, ...] = (*BYTES, numbers, csv_fields, csv_fields, lines)
JSON: tuple[Mutation, ...] = (*BYTES, json_values, json_values, json_values, numbers)
ZIP: tuple[Mutation, ...] = (flip, truncate, zip_members, zip_members, zip_members)
PDF: tuple[Mutation, ...] = (*BYTES, numbers)


def mutate(data: bytes, mutations: tuple[Mutation, ...], rng: random.Random) -> bytes:
    """One to three mutations in a row."""
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        data = rng.choice(mutations)(data, rng)
    return data
