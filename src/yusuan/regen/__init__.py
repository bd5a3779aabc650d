"""``yusuan build PUBLISHED_FILE…``: a published disclosure written again, every figure
consistent, with where it differs from the printed one.

The files are read through the intake layer (the parts of a split publication make one
document); the parsed ``Disclosure`` becomes the builder's input (``compose.published``) and
is built as a source folder is (``compose.disclosure_from_budget``): the tables and Part 1 as
printed, Part 3 written from the tables in the region's wording with the printed prior-year
figures and reasons. ``differences`` pairs the printed clauses with the new ones.

What ``yusuan build`` is given is decided here, by content: a source folder, a budget
workbook, or published files (``what_is``).

Where it sits: with ``build`` and ``web`` (it reads through ``intake``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from yusuan.compose.published import disclosure_from_published, without_repeats
from yusuan.compose.workbook import is_workbook
from yusuan.intake.read import read_inputs
from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.parse.dispatch import sniff
from yusuan.regen.differences import Comparison, compare, summary_text, to_json
from yusuan.regen.performance import Correction, consistent_performance
from yusuan.render.properties import MARK

__all__ = ["Regenerated", "regenerate", "summary_text", "what_is"]

Input = Literal["source", "workbook", "published"]


def what_is(paths: Sequence[Path]) -> Input:
    """What ``yusuan build`` was given: one source folder, one budget workbook, or the
    published file(s) of one disclosure (PDF, DOCX, XLSX, text or Disclosure JSON)."""
    if not paths:
        raise InputError("没有给出要生成的源文件夹、工作簿或公开文件")
    if len(paths) == 1 and (paths[0].is_dir() or not paths[0].exists()):
        return "source"  # the source folder's reader says what is wrong with it
    kinds = [sniff(p) for p in paths]  # an unreadable input is an InputError naming it
    if "source" in kinds:
        if len(paths) > 1:
            raise InputError("源文件夹只能单独生成：一次给出一个源文件夹，或同一份公开文件的各个部分",
                             file=str(paths[kinds.index("source")]))
        return "source"
    if len(paths) == 1 and kinds[0] == "xlsx" and is_workbook(paths[0]) \
            and not _written_by_yusuan(paths[0]):
        return "workbook"
    return "published"


def _written_by_yusuan(path: Path) -> bool:
    """Whether an XLSX is one yusuan wrote (its properties say so): a published document,
    though it has the budget workbook's text sheets (职能, 机构设置, 名词解释, 编制说明)."""
    try:
        with zipfile.ZipFile(path) as z:
            return MARK in z.read("docProps/core.xml").decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile):
        return False


@dataclass(frozen=True)
class Regenerated:
    """A published disclosure as read, written again, and how the two differ."""

    label: str  # the files read, as shown
    original: Disclosure
    disclosure: Disclosure
    comparison: Comparison
    corrections: tuple[Correction, ...] = ()  # the printed tables' figures written otherwise

    def differences_json(self) -> bytes:
        d = self.original
        return to_json(self.comparison, {
            "files": self.label, "department": d.department, "year": d.year,
            "profile": d.profile, "edition": d.edition}, self.corrections)

    def summary(self) -> str:
        """What the terminal shows: the narrative's differences, then the tables'."""
        return summary_text(self.comparison, corrections=self.corrections)


def regenerate(paths: Sequence[Path]) -> Regenerated:
    """Read the published file(s) of one disclosure and write it again."""
    intakes, refused = read_inputs(list(paths))
    if refused:
        raise refused[0].error
    if len(intakes) != 1:
        raise InputError(f"这些文件是 {len(intakes)} 份不同的公开文件（"
                         + "；".join(i.label for i in intakes)
                         + "）；一次只能重新生成一份（一份分成几个文件发布时，一起给出它的各个文件）")
    original = intakes[0].disclosure
    if original.kind == "final":
        raise InputError("重新生成目前只支持预算公开文件（部门预算、单位预算），这是一份决算",
                         file=intakes[0].label)
    consistent, corrections = consistent_performance(original)
    # written again under the original's own cover (none where it printed none)
    built = replace(disclosure_from_published(consistent), cover=original.cover)
    printed = without_repeats(original.narrative)
    return Regenerated(intakes[0].label, original, built, compare(printed, built.narrative),
                       corrections)
