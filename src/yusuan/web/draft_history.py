"""A draft's saves side by side: what one earlier save says that the current one does not —
each reason, last year's figure, Part 1, each project's texts and the workbook's text parts —
so a filer can see what changed before going back to it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from yusuan.compose.draft import PROJECT_FIELDS, TEXT_PARTS, Edits
from yusuan.model.money import format_amount


@dataclass(frozen=True)
class Change:
    what: str  # 原因：公务接待费 / 部门职能 / 项目“…”：设立的政策依据
    then: str  # as that save has it ("" = not written)
    now: str  # as the current save has it


def _lines(value: tuple[str, ...] | None) -> str:
    return "" if value is None else "\n".join(value)


def _pairs(what: str, then: Mapping[str, str], now: Mapping[str, str],
           labels: Mapping[str, str]) -> list[Change]:
    return [Change(f"{what}：{labels.get(k, k)}", then.get(k, ""), now.get(k, ""))
            for k in sorted(set(then) | set(now))]


def changes(then: Edits, now: Edits, labels: Mapping[str, str]) -> list[Change]:
    """What differs between two saves' writing; ``labels``: the reasons' figure keys in words."""
    def amounts(e: Edits) -> dict[str, str]:
        return {k: "（不填）" if v is None else format_amount(v) for k, v in e.prior_year.items()}

    def project_texts(e: Edits) -> dict[str, str]:
        return {f"{name}\0{field}": text for name, texts in e.projects.items()
                for field, text in texts.items()}

    project_labels = {f"{name}\0{field}": f"“{name}” {PROJECT_FIELDS.get(field, field)}"
                      for e in (then, now) for name, texts in e.projects.items()
                      for field in texts}
    every = [
        *_pairs("原因", then.reasons, now.reasons, labels),
        *_pairs("上年数", amounts(then), amounts(now), labels),
        Change("部门职能", _lines(then.functions), _lines(now.functions)),
        Change("机构设置", _lines(then.organisation), _lines(now.organisation)),
        *_pairs("项目", project_texts(then), project_texts(now), project_labels),
        *_pairs("说明", then.texts, now.texts, TEXT_PARTS),
    ]
    return [c for c in every if c.then.strip() != c.now.strip()]
