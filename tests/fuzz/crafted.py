"""Hostile Office files made from scratch: a far-away cell, a huge dimension or merge, an XML
entity bomb, a zip bomb, a flood of paragraphs. Each is small on disk and expands only if a
reader trusts what the package declares."""

from __future__ import annotations

import zipfile
from pathlib import Path

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
       'package/2006/content-types"><Default Extension="rels" ContentType="application/'
       'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
       '"application/xml"/>{overrides}</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
         'openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
_R = '<Relationship Id="{id}" Type="{type}" Target="{target}"/>'
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _ct(*overrides: tuple[str, str]) -> str:
    return _CT.format(overrides="".join(
        f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides))


def sheet_xml(cells: str, *, dimension: str = "A1", merges: str = "", prolog: str = "") -> str:
    merged = f"<mergeCells>{merges}</mergeCells>" if merges else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{_MAIN}">'
            f'<dimension ref="{dimension}"/><sheetData>{cells}</sheetData>{merged}</worksheet>')


def write_xlsx(path: Path, sheet: str, *, compress: int = zipfile.ZIP_DEFLATED) -> Path:
    book = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="'
            f'{_OFFICE[:-1]}"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>")
    with zipfile.ZipFile(path, "w", compress) as z:
        z.writestr("[Content_Types].xml", _ct(
            ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument."
                                 "spreadsheetml.sheet.main+xml"),
            ("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument."
                                          "spreadsheetml.worksheet+xml")))
        z.writestr("_rels/.rels", _RELS.format(rels=_R.format(
            id="rId1", type=_OFFICE + "officeDocument", target="xl/workbook.xml")))
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", _RELS.format(rels=_R.format(
            id="rId1", type=_OFFICE + "worksheet", target="worksheets/sheet1.xml")))
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def document_xml(body: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{_W}">'
            f"<w:body>{body}</w:body></w:document>")


def write_docx(path: Path, document: str | bytes, *,
               extra: tuple[tuple[str, bytes], ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _ct(
            ("/word/document.xml", "application/vnd.openxmlformats-officedocument."
                                   "wordprocessingml.document.main+xml")))
        z.writestr("_rels/.rels", _RELS.format(rels=_R.format(
            id="rId1", type=_OFFICE + "officeDocument", target="word/document.xml")))
        z.writestr("word/document.xml", document)
        for name, data in extra:
            z.writestr(name, data)
    return path


ENTITY_BOMB = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;'
               '&lol;&lol;&lol;&lol;&lol;">' + "".join(
                   f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(2, 10))
               + "]>")


def far_cell(path: Path) -> Path:
    """One value at XFD1048576: a dense reader would allocate 17 billion cells."""
    return write_xlsx(path, sheet_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
                                      dimension="A1:XFD1048576"))


def overflowing_row(path: Path) -> Path:
    """A cell whose row number has 400 digits (found by the fuzzer): a reader that wraps it
    to a machine integer would allocate a sheet of that many rows."""
    return write_xlsx(path, sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row><row r="2">'
                                      f'<c r="F{"9" * 400}"><v>1</v></c></row>'))


def huge_dimension(path: Path) -> Path:
    """A single cell at A1 whose sheet declares itself A1:XFD1048576."""
    return write_xlsx(path, sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>表1</t></is>'
                                      '</c></row>', dimension="A1:XFD1048576"))


def wide_row_without_refs(path: Path) -> Path:
    """A far row whose cells carry no ``r``: they still fill 16,384 columns each."""
    cells = "<c><v>1</v></c>" * 16384
    return write_xlsx(path, sheet_xml(f'<row r="1048576">{cells}</row>'))


def huge_merge(path: Path) -> Path:
    """One value, merged over the whole sheet."""
    return write_xlsx(path, sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>表1</t></is>'
                                      '</c></row>', merges='<mergeCell ref="A1:XFD1048576"/>'))


def xlsx_entity_bomb(path: Path) -> Path:
    return write_xlsx(path, sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t>'
                                      '</is></c></row>', prolog=ENTITY_BOMB))


def docx_entity_bomb(path: Path) -> Path:
    return write_docx(path, document_xml("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>",
                                         prolog=ENTITY_BOMB))


def zip_bomb(path: Path, size: int = 128 * 1024**2) -> Path:
    """A DOCX whose ``word/document.xml`` inflates to ``size`` bytes (blank space in the body),
    from about a thousandth of that on disk."""
    head, tail = document_xml("<w:p><w:r><w:t>x</w:t></w:r></w:p>").split("<w:body>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _ct(
            ("/word/document.xml", "application/vnd.openxmlformats-officedocument."
                                   "wordprocessingml.document.main+xml")))
        z.writestr("_rels/.rels", _RELS.format(rels=_R.format(
            id="rId1", type=_OFFICE + "officeDocument", target="word/document.xml")))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write((head + "<w:body>").encode())
            block = b" " * (1024 * 1024)
            for _ in range(size // len(block)):
                fh.write(block)
            fh.write(tail.encode())
    return path


def paragraph_flood(path: Path, count: int = 400_000) -> Path:
    """Many short paragraphs: a small file that expands to tens of megabytes of XML."""
    return write_docx(path, document_xml("<w:p><w:r><w:t>第一段</w:t></w:r></w:p>" * count))


def pdf_bomb(path: Path, size: int = 512 * 1024**2) -> Path:
    """A one-page PDF whose content stream inflates to ``size`` bytes of blank space."""
    import zlib

    z = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    stream = b"".join(z.compress(block) for _ in range(size // len(block))) + z.compress(
        b"BT /F1 12 Tf 72 720 Td (x) Tj ET") + z.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
