"""A cover line: its text, the type it is set in, where it stands on the line.

The region's frame gives its cover as templates (``render/frame_data``: ``{department}``…);
a published document's own cover is read as printed (``parse/cover.py``) into
``Disclosure.cover``, and regeneration prints that instead of the region's. ``cover`` is
``()`` for a document printed without one, ``None`` where none was read (a built document:
the region's cover); it takes no part in a disclosure's equality.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CoverLine:
    text: str  # as printed (a frame's: a template — {department} {year} {scope} …)
    style: str = "doc"  # CSS class / DOCX size: ``dept`` ``doc`` ``date`` ``title`` ``owner``
    align: str = "center"  # left / center / right (江苏 2019 sets its cover left)
    indent: str = ""  # from the aligned edge: ``2em``, ``15mm``
