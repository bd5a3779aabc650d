"""The lean user-agent stylesheet the PDF is laid out with: the same PDF, byte for byte, as
WeasyPrint's own, and nothing of ours that would need what it leaves out."""

from __future__ import annotations

import re
from dataclasses import replace
from importlib import resources

from yusuan.render.pdf import print_html
from yusuan.render.weasy import (
    NOTE_PSEUDO_ELEMENTS,
    document_html,
    font_config,
    lean_user_agent_css,
)


def test_lean_stylesheet_leaves_out_only_note_rules_and_markers_of_non_items():
    import weasyprint.html

    stock = weasyprint.html.UA
    lean = lean_user_agent_css(stock)
    removed = [line for line in stock.splitlines() if line not in lean.splitlines()]
    assert removed  # the WeasyPrint installed still has the rules this leaves out
    names = "|".join(NOTE_PSEUDO_ELEMENTS)
    assert all(re.match(rf"::({names}|marker) \{{", line) for line in removed), removed
    assert "li::marker {" in lean
    assert document_html() is not weasyprint.HTML


def test_our_stylesheets_make_no_notes_and_no_other_list_items():
    """What the lean stylesheet relies on: no footnotes or notes, markers only on ``li``."""
    templates = resources.files("yusuan.render") / "templates"
    for name in ("document.css", "print.css"):
        css = (templates / name).read_text("utf-8")
        assert not re.search(r"float:\s*(footnote|note)|footnote|::marker|list-item", css), name


def test_same_pdf_bytes_as_with_weasyprints_own_stylesheet(narrated):
    import weasyprint

    # a short document that still has every kind of block: cover, 目录 (links, list items),
    # text, a wide and a narrow table, performance tables
    d = replace(narrated, tables=narrated.tables[:2],
                project_performance=narrated.project_performance[:1])
    html = print_html(d)
    stock = weasyprint.HTML(string=html).write_pdf(font_config=font_config())
    lean = document_html()(string=html).write_pdf(font_config=font_config())
    assert lean == stock
