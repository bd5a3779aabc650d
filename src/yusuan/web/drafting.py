"""What the drafting pages share: a draft's base (read once per source, in the limited reader
process, then kept in memory), its document and findings for given edits, and submission into
the review queue (the forms are read in ``draft_form``).

A draft version holds ``{"start": workbook|folder|previous, "carried_from": id, "edits": …}``;
the figures come from its source file (``draft_sources``) or, for a draft carried over from
last year and not yet given this year's figures, from that stored disclosure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from fastapi import HTTPException

from yusuan.checks.completeness import REASONS
from yusuan.checks.cross_year import check_previous
from yusuan.checks.run import check_disclosure
from yusuan.compose.draft import (
    KINDS,
    Base,
    Edits,
    ReasonItem,
    draft_disclosure,
    read_base,
    reason_items,
)
from yusuan.compose.last_year import carried_base, printed_reasons, prior_figures
from yusuan.intake.guard import run_limited
from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.model.finding import Location
from yusuan.model.money import format_amount
from yusuan.model.serialize import disclosure_to_data
from yusuan.store import catalog, lookup
from yusuan.store import repository as repo
from yusuan.store import review as rv
from yusuan.store.drafts import (
    DraftInfo,
    add_source,
    create,
    info,
    previous_reasons,
    save,
    source,
    submitted,
)
from yusuan.store.ingest import finding_data
from yusuan.store.org import match
from yusuan.store.repository import Document
from yusuan.store.users import Account
from yusuan.web.draft_form import FormErrors
from yusuan.web.portal import Portal

NOT_FOUND = "没有这份草稿，或您无权查看。"
# a build's error on a field the drafting forms hold: that field, and the page it is on
BUILD_FIELDS = {"operating_cost": "amount:operating_cost"}
PAGE_OF = {"amount:operating_cost": "部门概况与项目"}
DRAFT_MARK = "草稿：在线编制中，尚未审核公开"


@dataclass(frozen=True)
class Loaded:
    info: DraftInfo
    base: Base
    edits: Edits


def read_upload(portal: Portal, kind: str, name: str, data: bytes) -> Base:
    """An uploaded workbook or source ZIP read in a child process under the portal's limits
    (a damaged file cannot take the portal down); errors name the file, sheet and row."""
    return run_limited(read_base, (kind, name, data), portal.read_limits, name)


def visible_draft(portal: Portal, who: Account, draft: int) -> DraftInfo:
    """A draft ``who`` may see, else 404 (another department's draft too)."""
    with portal.store.reading() as session:
        found = info(session, draft)
    if found is None or not who.may_see(found.department_id):
        raise HTTPException(404, NOT_FOUND)
    return found


def _named(base: Base, department: str) -> Base:
    """The base under the org tree's name of its department (as the document will print)."""
    return replace(base, budget=replace(base.budget, department=department))


def _base(portal: Portal, found: DraftInfo) -> Base:
    if found.source_id is not None:
        source_id = found.source_id

        def load() -> Base:
            with portal.store.reading() as session:
                stored = source(session, source_id)
            assert stored is not None
            return _named(read_upload(portal, *stored), found.department)

        return portal.objects.get(("draft-source", source_id), load)
    carried = int(found.data.get("carried_from", 0))
    return portal.objects.get(("draft-carried", carried),
                              lambda: carried_base(portal.disclosure(carried)))


def load(portal: Portal, who: Account, draft: int) -> Loaded:
    found = visible_draft(portal, who, draft)
    return Loaded(found, _base(portal, found), Edits.from_data(found.data.get("edits", {})))


def document(loaded: Loaded, edits: Edits | None = None) -> Disclosure:
    """The draft's document; one that cannot be made (a save before every save was tried,
    a new source under old edits) is a 409 naming why, never a traceback."""
    try:
        return draft_disclosure(loaded.base, edits or loaded.edits)
    except InputError as exc:
        raise HTTPException(409, f"草稿按已保存的内容无法生成文件：{exc.message}") from None


def buildable(base: Base, edits: Edits) -> Disclosure:
    """The document ``edits`` make from ``base``; else ``FormErrors`` with the build's
    message, beside the form's field where it has one (机关运行经费)."""
    try:
        return draft_disclosure(base, edits)
    except InputError as exc:
        key = BUILD_FIELDS.get(exc.field or "")
        hint = f"（在“{PAGE_OF[key]}”页填写）" if key else ""
        raise FormErrors({key or "draft": f"按所填内容无法生成文件：{exc.message}{hint}"}) from None


def findings(portal: Portal, d: Disclosure, items: list[ReasonItem]) -> list[dict[str, Any]]:
    """The checker's findings on the draft, with the cross-year ones against the stored
    year before, and one warning of ``completeness.change-has-reason`` for each change in
    ``items`` still without its reason (where the checker's reading of the text has not
    found it already)."""
    checked = check_disclosure(d)
    said = " ".join(f.message for f in checked if f.rule_id == REASONS.id)
    found = [finding_data(f) for f in checked]
    found += [finding_data(REASONS.finding(
        f"“{i.label}”比上年{'增加' if i.change > 0 else '减少'}{format_amount(abs(i.change))}"
        f"{d.unit.value}，尚未说明主要原因（在“需说明原因的变化”页填写）",
        Location(name=i.label))) for i in items if not i.reason and i.label not in said]
    with portal.store.reading() as session:
        previous = lookup.previous_year(session, d)
    if previous is not None:
        found += [finding_data(f) for f in check_previous(d, previous)]
    return found


# ---- the draft's state ----------------------------------------------------------------

LOCKED = ("submitted", "approved")


def editable(found: DraftInfo) -> bool:
    """A draft is changed while it is not under review: before submission, after a return,
    and after publication (submitted again, it is a correction: a new version, the
    published one never changes)."""
    return found.submission_state not in LOCKED


def version_data(loaded: Loaded, edits: Edits) -> dict[str, Any]:
    return {**loaded.info.data, "edits": edits.to_data()}


# ---- starting a draft ---------------------------------------------------------------------

def _department(portal: Portal, who: Account, printed: str, chosen: int | None,
                file: str) -> tuple[int, str]:
    """The org tree's department of an uploaded source: a filer's own (refused when the file
    names another), an admin's choice or the one the printed name matches surely."""
    with portal.store.reading() as session:
        found = match(session, printed)
        wanted = who.department_id if who.role == "filer" else (chosen or found.department_id)
        if who.role == "filer" and found.department_id not in (None, wanted):
            raise InputError(f"文件属于“{printed}”，不是您所在的部门", file=file, field="部门")
        name = catalog.department_name(session, wanted) if wanted is not None else None
    if wanted is None or name is None:
        near = "；相近的有：" + "、".join(n for _, n in found.candidates) if found.candidates else ""
        raise InputError(f"组织架构中没有部门“{printed}”{near}：请选择部门，或先在组织架构中添加",
                         file=file, field="部门")
    return wanted, name


def _prefilled(portal: Portal, base: Base, department: int, name: str) -> Edits:
    """Last year's figures (the stored previous disclosure) as the prior-year figures where
    the source gives none, and last year's reasons written in where this year's are empty."""
    b = base.budget
    with portal.store.reading() as session:
        previous = lookup.stored_disclosure(session, name, b.year - 1, b.edition,
                                            "final" if b.is_final else "budget")
        last = previous_reasons(session, department, b.year - 1, b.edition)
    prior = prior_figures(previous, b.unit) if previous is not None else {}
    if previous is not None:  # what it printed, where it was not drafted here
        last = {**printed_reasons(previous), **last}
    edits = Edits(prior_year={k: v for k, v in prior.items() if k not in b.prior_year})
    reasons = {i.key: i.last_reason for i in reason_items(base, edits, last)
               if i.last_reason and not i.reason}
    return replace(edits, reasons=reasons)


def new_draft(portal: Portal, who: Account, upload: tuple[str, str, bytes] | None,
              previous: int | None, chosen: int | None) -> int:
    """A new draft from an upload (kind, name, bytes) or from stored disclosure ``previous``."""
    if upload is not None:
        kind, name, data = upload
        base = read_upload(portal, kind, name, data)
        department, dept_name = _department(portal, who, base.budget.department, chosen, name)
        base = _named(base, dept_name)
        start: dict[str, Any] = {"start": kind}
        how = f"从{KINDS[kind]}“{name}”开始"
    else:
        assert previous is not None
        with portal.store.reading() as session:
            stored = catalog.disclosure_info(session, previous, public=False)
        assert stored is not None
        base = carried_base(portal.disclosure(previous))
        department, dept_name = stored.department_id, stored.department
        start = {"start": "previous", "carried_from": previous}
        how = f"从 {stored.year} 年已入库文件（第{stored.version}版）沿用"
    edits = _prefilled(portal, base, department, dept_name)
    with portal.store.transaction() as session:
        draft = create(session, department, base.budget.year, base.budget.edition,
                       who.username, {**start, "edits": edits.to_data()}, upload, how)
        found = info(session, draft)
    if upload is not None and found is not None and found.source_id is not None:
        portal.objects.get(("draft-source", found.source_id), lambda: base)
    return draft


def replace_source(portal: Portal, who: Account, loaded: Loaded,
                   upload: tuple[str, str, bytes]) -> None:
    """This year's figures from a new workbook or source folder; what was written is kept."""
    if not editable(loaded.info):
        raise rv.ReviewError("这份草稿已提交审核，审核员退回后才能修改")
    kind, name, data = upload
    base = read_upload(portal, kind, name, data)
    b, found = base.budget, loaded.info
    department, _ = _department(portal, who, b.department, found.department_id, name)
    if (department, b.year, b.edition) != (found.department_id, found.year, found.edition):
        raise InputError(f"文件是 {b.department} {b.year} 年{b.edition}，与草稿（{found.department} "
                         f"{found.year} 年{found.edition}）不符", file=name)
    try:
        buildable(_named(base, found.department), loaded.edits)
    except FormErrors as exc:
        raise InputError(f"已填写的内容与新文件的数字不能一起生成文件：{exc}", file=name) from None
    data_ = {k: v for k, v in found.data.items() if k != "carried_from"}
    with portal.store.transaction() as session:
        source_id = add_source(session, found.id, kind, name, data)
        save(session, found.id, {**data_, "start": kind}, who.username, source_id,
             detail=f"更新本年数字：{name}")
    portal.objects.get(("draft-source", source_id), lambda: _named(base, found.department))


# ---- submission ---------------------------------------------------------------------------

def submit(portal: Portal, loaded: Loaded, user: str) -> int:
    """The draft as it is saved, checked, stored as a version of its department's document
    and put in the review queue; returns the disclosure version's id."""
    if not editable(loaded.info):
        raise rv.ReviewError("这份草稿已提交审核，请等待审核结果")
    if loaded.base.carried:
        raise rv.ReviewError("本年数字尚未上传（表格仍是上年数）：请先上传本年预算工作簿或源文件夹")
    d = document(loaded)
    found = findings(portal, d, reason_items(loaded.base, loaded.edits))
    original = json.dumps(disclosure_to_data(d), ensure_ascii=False, indent=1).encode("utf-8")
    doc = Document(d, original, f"{d.title}（在线编制）.json", "json", tuple(found), True)
    with portal.store.transaction() as session:
        outcome = repo.store_document(session, doc, user, department=loaded.info.department_id)
        rv.submit(session, outcome.disclosure_id, user)
        submitted(session, loaded.info.id, outcome.disclosure_id)
    return outcome.disclosure_id
