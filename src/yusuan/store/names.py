"""A department's or unit's name as the org tree compares it (*normalised*): NFKC (full-width
letters and brackets become half-width), no whitespace, and the suffixes a department's own
accounts carry (本级, 机关, "(本级)") removed.

Stored beside each name (``departments.name_key``, ``org_units.name_key``, indexed) so a
lookup is one index probe, not a pass over every name. A change to ``normalise`` must come
with a migration that fills the keys again (as ``0007_name_keys`` first filled them).
"""

from __future__ import annotations

import re
import unicodedata

_SUFFIXES = re.compile(r"(?:\((?:本级|机关|本部)\)|本级|机关本级|本部)$")
SPACE = re.compile(r"\s+")


def normalise(name: str) -> str:
    text = SPACE.sub("", unicodedata.normalize("NFKC", name))
    previous = None
    while previous != text:
        previous, text = text, _SUFFIXES.sub("", text)
    return text
