"""``python -m yusuan.web.demo`` (``make serve``): a fresh demo database, then the portal.

Ingests ``examples/*`` (source folders) and the published documents in ``tests/fixtures``
into a new SQLite database, publishes them, creates an administrator and starts the server.
Documents the installed modules cannot read yet are listed and skipped.
"""

from __future__ import annotations

import argparse
import os
import secrets
from pathlib import Path

from yusuan.intake.pipeline import ingest_paths
from yusuan.store import open_store
from yusuan.store import repository as repo
from yusuan.web.app import create_app, ensure_admin

ROOT = Path(__file__).resolve().parents[3]


def demo_inputs(root: Path) -> list[Path]:
    examples = sorted(p for p in (root / "examples").glob("*") if (p / "budget.yaml").is_file())
    fixtures = root / "tests" / "fixtures"
    documents = sorted(p for p in fixtures.glob("*") if p.is_file()
                       and p.suffix.lower().lstrip(".") in ("pdf", "txt", "xlsx", "docx"))
    return documents + examples  # a built example is the newer version of its parsed text


def prepare(db_path: Path, root: Path = ROOT) -> tuple[str, list[str]]:
    """A fresh database with every demo document ingested and published."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(str(db_path))
    report = ingest_paths(store, demo_inputs(root), user="demo")
    with store.transaction() as session:
        for outcome in report.ingested:
            repo.set_state(session, outcome.disclosure_id, "published", "demo")
    lines = [f"已导入并公开：{o.title}" for o in report.ingested]
    lines += [f"跳过：{f.path}：{f.message}" for f in report.failed]
    store.close()
    return store.url, lines


def main() -> None:
    parser = argparse.ArgumentParser(description="预算公开平台演示")
    parser.add_argument("--db", default="out/demo/yusuan.db", help="演示数据库文件（会被重建）")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-serve", action="store_true", help="只准备数据库，不启动服务")
    args = parser.parse_args()
    url, lines = prepare(Path(args.db))
    print("\n".join(lines))
    if args.no_serve:
        return
    import uvicorn

    password = os.environ.get("YUSUAN_ADMIN_PASSWORD") or secrets.token_urlsafe(9)
    store = open_store(url)
    ensure_admin(store, "admin", password)
    print(f"管理后台：http://{args.host}:{args.port}/admin 用户名 admin 密码 {password}")
    print(f"预算公开平台：http://{args.host}:{args.port}/")
    uvicorn.run(create_app(store), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
