"""The upload reads files in a child process under limits — a reader that aborts, hangs or
allocates 512 GB costs that upload only, the portal goes on answering — takes the files of a
split publication as one disclosure, and reads no body it is going to refuse."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import FIXTURES
from tests.intake import hooks
from tests.store.factories import json_bytes, variant
from tests.web.conftest import login, make_site
from yusuan.intake import Limits
from yusuan.intake.readers import READERS
from yusuan.web.security import COOKIE

LIMITS = Limits(seconds=2, memory=1024**3)
TEXT = ("notes.txt", "二〇二四年部门预算公开\n".encode(), "text/plain")


@pytest.fixture
def guarded(tmp_path, korla_disclosure):
    site = make_site(tmp_path, korla_disclosure, read_limits=LIMITS)
    yield site
    site.store.close()


@pytest.mark.parametrize(("reader", "message"), [
    (hooks.aborting, "失败：notes.txt：读取进程异常终止（SIGABRT），可能是所需内存超过上限 1 GiB"),
    (hooks.sleeping, "失败：notes.txt：读取超过时间上限 2 秒，已停止"),
    (hooks.allocating, "失败：notes.txt：读取所需内存超过上限 1 GiB，已停止"),
])
def test_a_reader_that_misbehaves_does_not_take_the_portal_down(
        guarded, korla_disclosure, monkeypatch, reader, message):
    monkeypatch.setitem(READERS, "text", reader)
    token = login(guarded.client)
    response = guarded.client.post("/admin/upload", data={"csrf": token},
                                   files=[("files", TEXT)])
    assert response.status_code == 400 and message in response.text
    assert guarded.client.get("/").status_code == 200
    # the next upload is read under limits it needs nowhere near (a loaded machine may take
    # more than the 2 s that stopped the sleeping reader)
    guarded.client.app.state.portal.read_limits = Limits(seconds=60, memory=1024**3)
    good = json_bytes(variant(korla_disclosure, department="之后上传局"))
    after = guarded.client.post("/admin/upload", data={"csrf": token},
                                files=[("files", ("after.json", good, "application/json"))])
    assert after.status_code == 200 and "已导入：" in after.text


def test_the_files_of_a_split_publication_are_one_upload(tmp_path, korla_disclosure):
    site = make_site(tmp_path, korla_disclosure)  # the default limits: 120 s, 2 GiB
    token = login(site.client)
    files = [("files", (p.name, p.read_bytes(), "application/pdf")) for p in (
        FIXTURES / "jiangsu-cppcc-office-2019-dept-budget.part1-narrative.pdf",
        FIXTURES / "jiangsu-cppcc-office-2019-dept-budget.part2-tables.pdf")]
    response = site.client.post("/admin/upload", data={"csrf": token}, files=files)
    assert response.status_code == 200, response.text
    assert response.text.count("已导入：") == 1 and "失败：" not in response.text
    assert "江苏省政协办公厅2019年部门预算公开" in response.text
    site.store.close()


def _post(app, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> tuple[int, int]:
    """POST /admin/upload straight to the ASGI app: its status, and how many body chunks
    the app asked for."""
    asked = 0
    status = 0

    async def receive():
        nonlocal asked
        if asked < len(chunks):
            asked += 1
            return {"type": "http.request", "body": chunks[asked - 1],
                    "more_body": asked < len(chunks)}
        return {"type": "http.disconnect"}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/admin/upload", "raw_path":
             b"/admin/upload", "root_path": "", "query_string": b"", "headers": headers,
             "server": ("testserver", 80), "client": ("127.0.0.1", 5000)}
    asyncio.run(app(scope, receive, send))
    return status, asked


BOUNDARY = b"----yusuan"
HEAD = (b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="files"; '
        b'filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n')


def _multipart(length: str, cookie: str | None = None) -> list[tuple[bytes, bytes]]:
    headers = [(b"content-type", b"multipart/form-data; boundary=" + BOUNDARY),
               (b"content-length", length.encode())]
    return headers + ([(b"cookie", cookie.encode())] if cookie else [])


def test_an_anonymous_upload_is_refused_before_its_body_is_read(guarded):
    chunks = [HEAD] + [b"x" * 65536] * 2000  # 120 MB announced and sent
    status, asked = _post(guarded.client.app, _multipart(str(sum(map(len, chunks)))), chunks)
    assert status == 403 and asked == 0


def test_a_body_longer_than_declared_is_cut_off(tmp_path, korla_disclosure):
    small = make_site(tmp_path, korla_disclosure, max_upload=2000)
    login(small.client)
    cookie = f"{COOKIE}={small.client.cookies[COOKIE]}"
    chunks = [HEAD] + [b"x" * 65536] * 100  # 6.5 MB behind a Content-Length of 1,000
    status, asked = _post(small.client.app, _multipart("1000", cookie), chunks)
    assert status == 413 and asked < 30  # stopped at the cap (20 × 2,000 + 1 MiB)
    declared = _post(small.client.app, _multipart(str(200 * 1024**2), cookie), chunks)
    assert declared == (413, 0)
    assert small.client.get("/").status_code == 200
    small.store.close()
