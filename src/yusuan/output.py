"""Writing outputs without destroying anything: the one way every command writes files.

``write_folder`` (``yusuan build -o``, ``yusuan new``) writes into a new folder, an empty one,
or a folder yusuan wrote before. It knows its own folders by ``.yusuan-manifest.json``, which
lists every file it wrote with its SHA-256: only those files are replaced, files a person added
are kept, and a file of ours that was changed since (edited in Word, say) is never overwritten.
It refuses a source folder and any folder containing one, an existing file, and a folder of
someone's files. Writing is atomic: everything is rendered into a staging folder first, the
old files are set aside until the new ones are in place, and any failure puts them back.

``write_file`` (``parse -o``, ``check -o``) writes one file: never over an input, never over a
file that is not recognisably an earlier output of the same kind, and atomically.

Every refusal is an ``InputError`` (exit code 2) saying what to do instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from yusuan import __version__
from yusuan.background import Job, Worker, jobs_possible, start
from yusuan.model.cells import CELL_FIELDS
from yusuan.model.errors import InputError

MANIFEST = ".yusuan-manifest.json"
STAGING = ".yusuan-staging-"
PREVIOUS = ".yusuan-previous-"
LEFTOVER_SECONDS = 3600  # a working folder this old is a killed run's
# what an operating system or a file manager leaves in a folder: it does not make it "used"
SYSTEM_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".directory"})


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _plain_name(name: object) -> bool:
    """A file name of its own (no folder, no ``..``): all a manifest may list."""
    return (isinstance(name, str) and name not in ("", ".", "..") and "/" not in name
            and "\\" not in name and "\0" not in name)


Manifest = dict[str, frozenset[str]]  # name → the SHA-256 it may have (two during a rebuild)


def read_manifest(folder: Path) -> Manifest | None:
    """The files yusuan wrote into ``folder`` with their hashes, ``None`` if it wrote none."""
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        files = json.loads(path.read_bytes())["files"]
        out = {name: frozenset([entry["sha256"], *entry.get("also", ())])
               for name, entry in files.items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputError("无法读取 yusuan 的输出记录（内容已损坏）；为免覆盖文件，请指定一个新的输出文件夹",
                         file=str(path)) from None
    if not all(_plain_name(n) and all(isinstance(h, str) for h in hs) for n, hs in out.items()):
        raise InputError("yusuan 的输出记录中有不是本文件夹文件的名称；为免覆盖文件，请指定一个新的输出文件夹",
                         file=str(path))
    return out


def manifest_bytes(files: dict[str, str], also: Manifest | None = None) -> bytes:
    """The manifest of ``files`` (name → SHA-256); ``also``: hashes a file may still have
    while a rebuild is under way (its earlier version), so an interrupted one is recognised."""
    entries: dict[str, dict[str, object]] = {}
    for name in sorted(files):
        entries[name] = {"sha256": files[name]}
        others = sorted((also or {}).get(name, frozenset()) - {files[name]})
        if others:
            entries[name]["also"] = others
    data = {
        "generator": f"yusuan {__version__}",
        "note": "yusuan 生成的文件及其 SHA-256；重新生成时只替换这些文件，其他文件保留不动",
        "files": entries,
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _same_or_inside(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def refuse_protected(out: Path, protected: Sequence[Path], role: str = "源文件夹") -> None:
    """Refuse an output that is, or contains, a protected path (the source, an input)."""
    target = out.resolve()
    for path in protected:
        here = path.resolve()
        if _same_or_inside(here, target):
            what = "就是" if here == target else "包含"
            instead = "输出文件夹，例如 -o 公开文件" if role == "源文件夹" else "输出文件名"
            raise InputError(f"输出位置{what}{role}“{path}”；为免覆盖{role}，未写入任何内容；"
                             f"请另指定一个新的{instead}", file=str(out))


def _listing(names: Iterable[str], most: int = 3) -> str:
    names = sorted(names)
    shown = "、".join(names[:most])
    return shown + (f" 等 {len(names)} 个" if len(names) > most else "")


def _legacy(out: Path, present: set[str], legacy: Sequence[str]) -> Manifest | None:
    """An output folder of a yusuan older than the manifest: nothing but its file names, with
    its ``checks.json`` among them (taken as a manifest of what is there now), else ``None``."""
    if not legacy or "checks.json" not in present or not present <= set(legacy):
        return None
    if not all((out / n).is_file() and not (out / n).is_symlink() for n in present):
        return None
    if not RECOGNISERS["findings-json"]((out / "checks.json").read_bytes()):
        return None
    return {n: frozenset([_file_hash(out / n)]) for n in present}


def previous_outputs(out: Path, names: Iterable[str],
                     legacy: Sequence[str] = ()) -> Manifest | None:
    """What ``write_folder`` may replace in ``out``: ``None`` when ``out`` is new, else the
    manifest of an earlier output (``{}`` for an empty folder; see ``_legacy`` for one
    written before manifests, whose files are all named in ``legacy``). Anything else is
    refused."""
    if not out.exists() and not out.is_symlink():
        return None
    if not out.is_dir():
        raise InputError("已存在同名文件，而这里需要的是文件夹；为免覆盖该文件，未写入任何内容。请指定一个"
                         "新的文件夹名（yusuan build 的 -o 是输出文件夹，其中写入 disclosure.pdf 等文件）",
                         file=str(out))
    manifest = read_manifest(out)
    present = {p.name for p in out.iterdir() if not _working(p.name)} - SYSTEM_FILES
    if manifest is None:
        manifest = _legacy(out, present, legacy)
    if manifest is None:
        if present:
            raise InputError(
                f"文件夹不为空（已有 {_listing(present)}），也不是 yusuan 生成的输出文件夹；"
                "为免覆盖您的文件，请指定一个新的文件夹或空文件夹", file=str(out))
        return {}
    wanted = set(names)
    changed = [n for n, hs in manifest.items()
               if n in wanted and (out / n).is_file() and _file_hash(out / n) not in hs]
    if changed:
        raise InputError(f"{_listing(changed)} 在上次生成后被修改过；为免覆盖您的修改，请先将其改名或移到别处，"
                         "再重新生成（或指定一个新的输出文件夹）", file=str(out))
    foreign = [n for n in wanted - set(manifest) if (out / n).exists() or (out / n).is_symlink()]
    if foreign:
        raise InputError(f"{_listing(foreign)} 不是 yusuan 上次生成的文件；为免覆盖，请先将其改名或移走，"
                         "或指定一个新的输出文件夹", file=str(out))
    return manifest


def write_folder(out: Path, names: Sequence[str], produce: Callable[[str], bytes], *,
                 protected: Sequence[Path] = (), manifest: bool = True,
                 legacy: Sequence[str] = (), beside: Iterable[str] = (),
                 job: Callable[[str], Callable[[], bytes]] | None = None,
                 worker: Worker | None = None,
                 started: Callable[[str], None] | None = None) -> tuple[Path, ...]:
    """Write the files ``names`` (each made by ``produce(name)``) into the folder ``out``.

    Refusals come before anything is produced. Without ``manifest`` (a source skeleton) the
    folder must be new or empty and no manifest is written. ``legacy``: every name an output
    folder of an older yusuan could hold. ``beside``: names made each in a process of its
    own while the others are made here (``yusuan.background``; where possible, and when there
    are others), all or nothing as the rest: ``job(name)`` (default: ``produce`` of it) run
    there, by ``worker`` (forked earlier, ready) where it pickles. ``started(name)``: told as
    this process begins a file, or begins to wait for one made beside."""
    refuse_protected(out, protected)
    previous = previous_outputs(out, names, legacy)
    if previous and not manifest:
        raise InputError("文件夹已存在且不为空；为免覆盖已有数据，请指定一个新的或空的文件夹", file=str(out))
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    if previous is not None:
        _clear_leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{STAGING}" if previous is None else STAGING,
                                    dir=parent if previous is None else out))
    aside = [n for n in names if n in set(beside)] if jobs_possible() else []
    if len(aside) == len(names):  # nothing else to make meanwhile: one is made here
        aside = aside[1:]
    jobs: dict[str, Job | Worker] = {}
    try:
        for name in aside:
            helper = start(job(name) if job else partial(produce, name), staging / name, worker)
            if helper is not None:
                jobs[name] = helper
        hashes = {}
        for name in names:
            if name in jobs:
                continue
            if started:
                started(name)
            data = produce(name)
            (staging / name).write_bytes(data)
            hashes[name] = sha256(data)
        for name, helper in jobs.items():
            if started:
                started(name)
            hashes[name] = _file_hash(helper.wait())
        hashes = {name: hashes[name] for name in names}  # the manifest in the given order
        if manifest:
            # a file of ours changed since and not rewritten stays, unlisted: it is the user's now
            (staging / MANIFEST).write_bytes(manifest_bytes(hashes))
        if previous is None:
            os.chmod(staging, 0o777 & ~_umask())
            staging.rename(out)
        elif manifest:
            _swap_in(out, staging, previous, hashes)
        else:  # an empty folder (a skeleton): all or nothing
            _swap_in(out, staging, {}, hashes, with_manifest=False)
    finally:
        for helper in jobs.values():
            helper.stop()
        shutil.rmtree(staging, ignore_errors=True)
    return tuple(out / n for n in names)


def _working(name: str) -> bool:
    """yusuan's own working folders inside an output folder (left by an interrupted run)."""
    return name.startswith((STAGING, PREVIOUS))


def _clear_leftovers(out: Path) -> None:
    """Remove what a killed run left: its staging folder, and the links to the earlier files
    it kept for a put-back (the files themselves are in place, old or new). Only old ones: a
    recent one may belong to a run still going on."""
    now = time.time()
    for p in out.iterdir():
        if (_working(p.name) and p.is_dir() and not p.is_symlink()
                and now - p.stat().st_mtime > LEFTOVER_SECONDS):
            shutil.rmtree(p, ignore_errors=True)


def _keep_aside(path: Path, aside: Path) -> None:
    """A second name for ``path`` in ``aside`` (a copy where links are not possible)."""
    try:
        os.link(path, aside / path.name)
    except OSError:
        shutil.copy2(path, aside / path.name)


def _put_back(kept: Path, path: Path) -> None:
    """The earlier file back in place (a rename of two links to one file does nothing)."""
    if path.exists() and os.path.samefile(kept, path):
        kept.unlink()
    else:
        os.replace(kept, path)


def _swap_in(out: Path, staging: Path, previous: Manifest, hashes: dict[str, str],
             with_manifest: bool = True) -> None:
    """Move the staged files into ``out``, each by one atomic rename, so that every file is
    always whole (old or new). First a manifest that accepts both versions is put in place, so
    a run killed halfway leaves a folder the next run recognises; the earlier files are kept
    aside (linked) until the end and put back on any failure. Other files are not touched."""
    ours = {n for n, hs in previous.items()
            if (out / n).is_file() and not (out / n).is_symlink() and _file_hash(out / n) in hs}
    stale = sorted(ours - set(hashes))  # earlier outputs not written this time: they go
    transition = {n: hashes[n] for n in hashes} | {n: next(iter(previous[n])) for n in stale}
    (staging / ".transition").write_bytes(manifest_bytes(transition, previous))
    aside = Path(tempfile.mkdtemp(prefix=PREVIOUS, dir=out))
    kept = sorted(ours | ({MANIFEST} if (out / MANIFEST).is_file() else set()))
    placed: list[str] = []
    done = False
    try:
        for name in kept:
            _keep_aside(out / name, aside)
        if with_manifest:
            os.replace(staging / ".transition", out / MANIFEST)
        for name in hashes:
            os.replace(staging / name, out / name)
            placed.append(name)
        for name in stale:
            (out / name).unlink()
        if with_manifest:
            os.replace(staging / MANIFEST, out / MANIFEST)
        done = True
    except BaseException:
        for name in placed:
            if name not in kept:
                with contextlib.suppress(OSError):
                    (out / name).unlink()
        for name in kept:
            _put_back(aside / name, out / name)
        if with_manifest and MANIFEST not in kept:
            with contextlib.suppress(OSError):
                (out / MANIFEST).unlink()
        raise
    finally:
        if done or not any(aside.iterdir()):  # else a failed put-back: keep what is aside
            shutil.rmtree(aside, ignore_errors=True)


# --- single files --------------------------------------------------------------------------

SUMMARY_LINE = re.compile(r"错误 \d+ 个，警告 \d+ 个，提示 \d+ 个\s*$")


def _is_findings_json(head: bytes) -> bool:
    try:
        data = json.loads(head)
    except ValueError:
        return False
    return isinstance(data, list) and all(isinstance(f, dict) and "rule_id" in f for f in data)


# how yusuan recognises its own earlier output of each kind, from the file's content
RECOGNISERS: dict[str, Callable[[bytes], bool]] = {
    "disclosure-json": lambda b: b.lstrip().startswith(b'{\n "schema_version"'),
    "cells-csv": lambda b: b.startswith(("\ufeff" + ",".join(CELL_FIELDS) + "\r\n").encode()),
    "findings-text": lambda b: bool(SUMMARY_LINE.search(b.decode("utf-8", "replace"))),
    "findings-json": _is_findings_json,
    "findings-html": lambda b: "<title>部门预算公开检查报告</title>".encode() in b[:4096],
    # ``check --annotate``: a PDF whose notes are signed by yusuan (render/annotate.py)
    "annotated-pdf": lambda b: b.startswith(b"%PDF") and "yusuan 检查".encode("utf-16-be") in b,
}


def check_file_target(out: Path, kind: str, protected: Sequence[Path] = ()) -> None:
    """Refuse ``out`` as the file to write (before any work is done): an input, a folder, or
    an existing file that is not yusuan's own earlier output of the same ``kind``."""
    refuse_protected(out, protected, "输入文件")
    if out.is_dir():
        raise InputError("这是文件夹；-o 应指定要写入的文件名", file=str(out))
    if (out.exists() or out.is_symlink()) and (
            out.is_symlink() or not out.is_file() or not RECOGNISERS[kind](out.read_bytes())):
        raise InputError("文件已存在，且不是 yusuan 先前写出的同类结果；为免覆盖，请指定一个新的文件名",
                         file=str(out))


def write_file(out: Path, data: bytes, kind: str, *, protected: Sequence[Path] = ()) -> Path:
    """Write ``data`` to the file ``out`` atomically: never over an input, and over an
    existing file only when it is yusuan's own earlier output of the same ``kind``."""
    check_file_target(out, kind, protected)
    out.absolute().parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.absolute().parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return out
