"""``parse``: published files (text, PDF, XLSX, DOCX) → ``Disclosure`` + findings.

Every reader has the same shape, ``read_lines(path, profile) -> (lines, findings, profile)``;
``parse_file`` picks the reader by content (not by name), ``parse_files`` merges several
files that form one disclosure (e.g. a narrative PDF and a tables PDF).
"""

from __future__ import annotations

from yusuan.parse.dispatch import parse_file, parse_files

__all__ = ["parse_file", "parse_files"]
