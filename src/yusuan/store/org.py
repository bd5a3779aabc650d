"""The bureau's org tree: departments (部门) and their budget units (预算单位).

Imported from a CSV or XLSX sheet (columns 部门, 单位, optionally 单位编码; a row without a
unit names the department alone), edited in the admin. An uploaded document names its
department in its own words; ``match`` finds it in the tree by *normalised* name
(``names.normalise``, stored and indexed beside each name) and says whether it is sure.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from yusuan.model.errors import InputError
from yusuan.store.names import SPACE, normalise
from yusuan.store.schema import Department, OrgUnit

SIMILAR = 0.8  # a name this similar (difflib ratio) is offered for confirmation, never taken



@dataclass(frozen=True)
class OrgRow:
    department: str
    unit: str = ""
    code: str = ""


@dataclass(frozen=True)
class Match:
    """Where a document's department name lands: ``department_id`` when sure; otherwise
    the candidates (id, name) a person must confirm (none: the tree does not know it)."""

    name: str
    department_id: int | None
    candidates: tuple[tuple[int, str], ...] = ()

    @property
    def sure(self) -> bool:
        return self.department_id is not None


@dataclass(frozen=True)
class DepartmentNode:
    id: int
    name: str
    units: tuple[tuple[int, str, str], ...]  # (id, name, code)


def _header_index(header: list[str], file: str) -> tuple[int, int | None, int | None]:
    cells = [normalise(h) for h in header]

    def find(*names: str) -> int | None:
        return next((i for i, c in enumerate(cells) if c in names), None)

    dept = find("部门", "部门名称", "主管部门")
    if dept is None:
        raise InputError("找不到“部门”列：第一行应为列名，如 部门、单位、单位编码",
                         file=file, line=1, field="部门")
    return dept, find("单位", "单位名称", "预算单位"), find("单位编码", "编码", "单位代码")


def _sheet_rows(data: bytes, file: str) -> list[list[str]]:
    if Path(file).suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook  # heavy: only for XLSX imports

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a broken file
            raise InputError(f"无法读取 Excel 文件（{type(exc).__name__}），"
                             "请确认是 .xlsx 格式且未加密", file=file) from None
        sheet = book.worksheets[0]
        rows = [["" if v is None else str(v).strip() for v in row]
                for row in sheet.iter_rows(values_only=True, max_row=20000, max_col=20)]
        book.close()
        return rows
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError("无法识别文字编码，请另存为 UTF-8 的 CSV", file=file)
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


def read_org(data: bytes, file: str) -> list[OrgRow]:
    """The rows of an org sheet (CSV or XLSX), blank rows skipped."""
    rows = _sheet_rows(data, file)
    start = next((i for i, r in enumerate(rows) if any(r)), None)
    if start is None:
        raise InputError("文件是空的：应有列名行（部门、单位）和至少一行数据", file=file)
    dept, unit, code = _header_index(rows[start], file)
    out: list[OrgRow] = []
    for number, row in enumerate(rows[start + 1:], start=start + 2):
        if not any(row):
            continue

        def cell(i: int | None, r: list[str] = row) -> str:
            return r[i].strip() if i is not None and i < len(r) else ""

        if not cell(dept):
            raise InputError("部门名称为空", file=file, line=number, field="部门")
        out.append(OrgRow(cell(dept), cell(unit), cell(code)))
    if not out:
        raise InputError("只有列名行，没有部门", file=file)
    return out


def import_org(session: Session, rows: list[OrgRow]) -> tuple[int, int]:
    """Add the rows' departments and units not yet in the tree: (departments, units) added.
    A department already there under a differently written name is not added twice."""
    added_depts = added_units = 0
    for row in rows:
        found = match(session, row.department)
        dept_id = found.department_id
        if dept_id is None:
            dept_id = add_department(session, row.department.strip())
            added_depts += 1
        if row.unit and add_unit(session, dept_id, row.unit.strip(), row.code):
            added_units += 1
    return added_depts, added_units


def add_department(session: Session, name: str) -> int:
    if not name.strip():
        raise ValueError("部门名称不能为空")
    dept = Department(name=SPACE.sub("", name), name_key=normalise(name),
                      created_at=datetime.now(UTC))
    session.add(dept)
    session.flush()
    return dept.id


def add_unit(session: Session, department: int, name: str, code: str = "") -> bool:
    """Add a unit under ``department``; False when a unit of that name is there already."""
    key = normalise(name)
    if not key:
        raise ValueError("单位名称不能为空")
    if session.scalar(select(OrgUnit.id).where(OrgUnit.department_id == department,
                                              OrgUnit.name_key == key).limit(1)) is not None:
        return False
    session.add(OrgUnit(department_id=department, name=SPACE.sub("", name), name_key=key,
                        code=code.strip(), created_at=datetime.now(UTC)))
    session.flush()
    return True


def rename_department(session: Session, department: int, name: str) -> None:
    dept = session.get(Department, department)
    if dept is None:
        raise LookupError(f"没有编号为 {department} 的部门")
    if not name.strip():
        raise ValueError("部门名称不能为空")
    dept.name = SPACE.sub("", name)
    dept.name_key = normalise(name)
    session.flush()


def tree(session: Session) -> list[DepartmentNode]:
    units: dict[int, list[tuple[int, str, str]]] = {}
    for u in session.execute(select(OrgUnit.id, OrgUnit.department_id, OrgUnit.name,
                                    OrgUnit.code).order_by(OrgUnit.name)):
        units.setdefault(u.department_id, []).append((u.id, u.name, u.code))
    return [DepartmentNode(d.id, d.name, tuple(units.get(d.id, ())))
            for d in session.execute(select(Department.id, Department.name)
                                     .order_by(Department.name))]


def match(session: Session, name: str, *, similar: bool = True) -> Match:
    """The department ``name`` denotes: the one whose name or one of whose units' names
    normalises to the same text (sure, when exactly one does); else similar names to confirm
    (not looked for when ``similar`` is False: a comparison with every department's name,
    which an ingest of thousands of new departments would pay for each)."""
    key = normalise(name)
    exact = set(session.scalars(select(Department.id).where(Department.name_key == key)))
    exact |= set(session.scalars(select(OrgUnit.department_id).where(OrgUnit.name_key == key)))
    if len(exact) == 1:
        return Match(name, exact.pop())
    if not similar:
        ids = sorted(exact)[:5]
        names = {r[0]: r[1] for r in session.execute(
            select(Department.id, Department.name).where(Department.id.in_(ids)))}
        return Match(name, None, tuple((d, names[d]) for d in ids))
    depts: dict[int, str] = {r[0]: r[1] for r in session.execute(
        select(Department.id, Department.name))}
    keyed = list(session.execute(select(Department.id, Department.name_key))) + list(
        session.execute(select(OrgUnit.department_id, OrgUnit.name_key)))
    scored = sorted(((_likeness(key, k), d) for d, k in keyed if d not in exact),
                    reverse=True)
    seen = sorted(exact)
    for ratio, d in scored:
        if ratio >= SIMILAR and d not in seen:
            seen.append(d)
    return Match(name, None, tuple((d, depts[d]) for d in seen[:5]))


def _likeness(a: str, b: str) -> float:
    """How alike two normalised names are; one containing the other counts as alike."""
    if a and b and (a in b or b in a):
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()
