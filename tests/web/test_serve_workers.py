"""``yusuan serve --workers 2``: two worker processes answer on one socket, over one database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

YUSUAN = str(Path(sys.executable).with_name("yusuan"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as response:
        return int(response.status)


def test_two_workers_serve_the_portal(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "YUSUAN_ADMIN_PASSWORD": "a-long-enough-password"}
    env.pop("YUSUAN_SECRET", None)
    proc = subprocess.Popen(
        [YUSUAN, "serve", "--db", str(tmp_path / "w.db"),
         "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and status is None:
            try:
                status = _get(f"http://127.0.0.1:{port}/api/v1/departments")
            except OSError:
                time.sleep(0.5)
        assert status == 200
        assert all(_get(f"http://127.0.0.1:{port}/") == 200 for _ in range(6))
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert "2 个工作进程" in out
    assert "Traceback" not in err


def test_workers_out_of_range_are_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        [YUSUAN, "serve", "--db", str(tmp_path / "w.db"),
         "--workers", "0"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "工作进程数 0 无效" in done.stderr
