"""The HTTP API over real loopback HTTP: concurrent reads and codes without errors, and
oversized, slow and unauthorised requests refused. The load is bounded (a few hundred
requests); ``benchmarks/http_load.py`` runs bigger loads and reports latency."""

from __future__ import annotations

import importlib.util
import select
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "load-test-token"
# Each test talks to a `newsevents serve` subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow


def _load_module():
    spec = importlib.util.spec_from_file_location("http_load", ROOT / "benchmarks" / "http_load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["http_load"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


http_load = _load_module()


SERVER_ERRORS: dict[int, list[str]] = {}  # what each server (by port) wrote to stderr


def _serve(store: Path, directory: Path, *options: str):
    path = directory / "load.duckdb"
    shutil.copy(store, path)
    port = http_load.free_port()
    process = http_load.start_server(
        path, port, ("--token", TOKEN, "--max-upload-mb", "1", *options)
    )
    # read the server's stderr as it comes: its tracebacks then show in a failure, and a
    # full pipe cannot stall the server
    lines = SERVER_ERRORS.setdefault(port, [])
    reader = threading.Thread(
        target=lambda: lines.extend(line.decode(errors="replace") for line in process.stderr),
        daemon=True,
    )
    reader.start()
    try:
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        reader.join(timeout=10)


@pytest.fixture(scope="module")
def server(sample_store: Path, tmp_path_factory: pytest.TempPathFactory):
    """The server as a user runs it (the default time limit of 120 s), so that a request
    that is merely slow on a busy machine is not cut off."""
    yield from _serve(sample_store, tmp_path_factory.mktemp("load"))


CUT_OFF = 2  # seconds: the time limit of the server below


@pytest.fixture(scope="module")
def strict_server(sample_store: Path, tmp_path_factory: pytest.TempPathFactory):
    """A server with a short time limit, to see slow requests cut off."""
    yield from _serve(sample_store, tmp_path_factory.mktemp("strict"), "--timeout", str(CUT_OFF))


def test_concurrent_reads_and_codes_get_no_errors(server: int) -> None:
    summary = http_load.run_load(f"http://127.0.0.1:{server}", clients=6, requests=15)
    assert summary["errors"] == {}, "".join(SERVER_ERRORS[server][-40:])
    assert summary["endpoints"]["all"]["requests"] == 90
    assert {"events", "event", "article", "code"} <= set(summary["endpoints"])


def _answer(port: int, payload: bytes, within: float = 60) -> bytes:
    """Send ``payload`` (a request whose body is cut short or never comes) and read the
    server's whole answer, which must come within ``within`` seconds while the rest of the
    body is still held back: nothing more is sent."""
    with socket.create_connection(("127.0.0.1", port), timeout=within) as conn:
        conn.sendall(payload)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def test_a_body_announced_too_large_is_refused_at_once(server: int) -> None:
    # The 50 MB body is never sent: the 413 can only come from the announced length, before
    # any body is read (waiting for the body would end in the time limit's 503, or in no
    # answer within the socket's 60 s).
    answer = _answer(
        server,
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 50000000\r\nConnection: close\r\n\r\n{",
    )
    assert answer.startswith(b"HTTP/1.1 413")


def test_a_chunked_body_that_grows_too_large_is_refused(server: int) -> None:
    chunk = b"x" * 100_000
    head = (
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    answer = b""
    with socket.create_connection(("127.0.0.1", server), timeout=60) as conn:
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


def test_a_body_sent_too_slowly_is_cut_off(strict_server: int) -> None:
    # 9 of the 40 announced bytes are sent and the rest is held back: the server answers
    # when its time limit runs out instead of waiting for the body.
    started = time.monotonic()
    answer = _answer(
        strict_server,
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 40\r\nConnection: close\r\n\r\n{\"text\": ",
    )
    assert answer.startswith(b"HTTP/1.1 503"), answer[:200]
    assert b"longer than %d s" % CUT_OFF in answer
    assert time.monotonic() - started >= CUT_OFF  # not before the limit


def test_uploads_need_the_token_over_http(server: int) -> None:
    import httpx2 as httpx

    base = f"http://127.0.0.1:{server}"
    files = {"files": ("a.txt", b"Iran condemned the United States on Monday.")}
    assert httpx.post(base + "/api/ingest", files=files).status_code == 401
    too_big = {"files": ("a.txt", b"x" * 2_000_000)}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert httpx.post(base + "/api/ingest", files=too_big, headers=auth).status_code == 413
