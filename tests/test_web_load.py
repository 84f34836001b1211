"""The HTTP API over real loopback HTTP: concurrent reads and codes without errors, and
oversized, slow and unauthorised requests refused. The load is bounded (a few hundred
requests); ``benchmarks/http_load.py`` runs bigger loads and reports latency."""

from __future__ import annotations

import importlib.util
import select
import shutil
import socket
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "load-test-token"


def _load_module():
    spec = importlib.util.spec_from_file_location("http_load", ROOT / "benchmarks" / "http_load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["http_load"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


http_load = _load_module()


@pytest.fixture(scope="module")
def server(sample_store: Path, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("load") / "load.duckdb"
    shutil.copy(sample_store, path)
    port = http_load.free_port()
    process = http_load.start_server(
        path, port, ("--token", TOKEN, "--timeout", "3", "--max-upload-mb", "1")
    )
    yield port
    process.terminate()
    process.wait(timeout=30)


def test_concurrent_reads_and_codes_get_no_errors(server: int) -> None:
    summary = http_load.run_load(f"http://127.0.0.1:{server}", clients=6, requests=15)
    assert summary["errors"] == {}
    assert summary["endpoints"]["all"]["requests"] == 90
    assert {"events", "event", "article", "code"} <= set(summary["endpoints"])


def _raw(port: int, payload: bytes, pause: float = 0.0, rest: bytes = b"") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        conn.sendall(payload)
        if pause:
            time.sleep(pause)
            try:
                conn.sendall(rest)
            except OSError:
                pass
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def test_a_body_announced_too_large_is_refused_at_once(server: int) -> None:
    started = time.monotonic()
    answer = _raw(
        server,
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 50000000\r\nConnection: close\r\n\r\n{",
    )
    assert answer.startswith(b"HTTP/1.1 413")
    assert time.monotonic() - started < 5


def test_a_chunked_body_that_grows_too_large_is_refused(server: int) -> None:
    chunk = b"x" * 100_000
    head = (
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    answer = b""
    with socket.create_connection(("127.0.0.1", server), timeout=20) as conn:
        conn.sendall(head)
        for _ in range(30):  # 3 MB in 100 kB chunks, until the server answers
            try:
                conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                break
            readable, _, _ = select.select([conn], [], [], 0.05)
            if readable:
                break
        try:
            while data := conn.recv(65536):
                answer += data
        except OSError:
            pass
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_a_body_sent_too_slowly_is_cut_off(server: int) -> None:
    started = time.monotonic()
    answer = _raw(
        server,
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 40\r\nConnection: close\r\n\r\n{\"text\": ",
        pause=6.0,
        rest=b'"late"}',
    )
    assert answer.startswith(b"HTTP/1.1 503")
    assert b"longer than 3 s" in answer
    assert time.monotonic() - started < 15


def test_uploads_need_the_token_over_http(server: int) -> None:
    import httpx2 as httpx

    base = f"http://127.0.0.1:{server}"
    files = {"files": ("a.txt", b"Iran condemned the United States on Monday.")}
    assert httpx.post(base + "/api/ingest", files=files).status_code == 401
    too_big = {"files": ("a.txt", b"x" * 2_000_000)}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert httpx.post(base + "/api/ingest", files=too_big, headers=auth).status_code == 413
