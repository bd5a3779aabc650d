"""The wording the probe of a published document is written in: where a template's first
variant states nothing of what only the text gives (a change, a reason, a use), the variant
that states the most of it, so that last year's figure is read where the document prints it."""

from __future__ import annotations

import re
from typing import Any

from yusuan.compose.choices import variant_keys

TOLD = re.compile(r"\{\w*(?:change|reason|purpose)\}")  # what only the text gives


def telling(templates: dict[str, Any]) -> dict[str, str]:
    """The probe's wording: where a template's first variant states nothing of what only
    the text gives (a change, a reason, a use), the variant that states the most of it — 政府
    性基金 of 0 stated with its change (``…支出0万元，与上年数一致``) rather than as none, so
    that last year's figure is read where the document prints it."""
    out: dict[str, str] = {}
    for key, n in variant_keys(templates):
        node: Any = templates
        for part in key.split("/"):
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict) or "variants" not in node:
            continue  # a choice within a variant (a change's words): not a wording to probe
        said = [len(TOLD.findall(str(v))) for v in node["variants"]]
        best = max(range(n), key=lambda i: (said[i], -i))
        if said[0] == 0 and best:
            out[f"variant.{key}"] = str(best)
    return out
