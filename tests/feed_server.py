"""A local HTTP server of feeds and article pages for the watch tests and the benchmark:
answers conditional GETs with 304, can be slow or fail on chosen paths, serves a
robots.txt, and records every request it gets (path, headers, status)."""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

COUNTRIES = (
    ("Russia", "the United States"),
    ("China", "Japan"),
    ("Iran", "Israel"),
    ("France", "Germany"),
    ("India", "Pakistan"),
)
VERBS = ("condemned", "praised", "criticized", "met with", "accused")


def article_html(number: int, title: str | None = None) -> str:
    """An article page whose text (and so content hash) is its own: a political event in
    its first sentence, page furniture around it."""
    a, b = COUNTRIES[number % len(COUNTRIES)]
    verb = VERBS[(number // len(COUNTRIES)) % len(VERBS)]
    title = title or f"Report number {number}"
    return (
        "<!doctype html><html><head>"
        f"<title>{title}</title>"
        '<meta property="article:published_time" content="2024-03-04T10:00:00Z">'
        "</head><body><nav>Home | World | Politics</nav><article>"
        f"<h1>{title}</h1>"
        f"<p>{a} {verb} {b} on Monday in a statement about talks, officials said in report"
        f" number {number}.</p>"
        f"<p>The statement, the {number}th this year, was read out by a spokesman in the"
        " capital before reporters and diplomats.</p>"
        "</article><footer>Subscribe to our newsletter</footer></body></html>"
    )


def rss(items: list[tuple[str, str]], title: str = "Test feed") -> str:
    """An RSS 2.0 feed of (guid, link) items."""
    entries = "".join(
        f"<item><title>Item {escape(guid)}</title><link>{escape(link)}</link>"
        f"<guid>{escape(guid)}</guid><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>"
        for guid, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link>"
        f"<description>test</description>{entries}</channel></rss>"
    )


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering
    validators: bool = False  # send ETag and Last-Modified, answer 304 when they match
    location: str | None = None  # a redirect's target
    gzip: bool = False  # sent gzip-compressed (Content-Encoding: gzip), asked for or not
    drip: float = 0.0  # seconds between the body's 64-byte pieces (a slow sender)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class FeedServer:
    """``server.url("/feed.xml")``; ``server.routes`` may change between cycles."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    posts: list[tuple[str, bytes]] = field(default_factory=list)  # (path, body) of each POST
    robots: str = "User-agent: *\nAllow: /\n"
    robots_for: dict[str, Route] = field(default_factory=dict)  # host name -> its robots.txt
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def feed(self, path: str, body: str, validators: bool = True) -> None:
        self.routes[path] = Route(body.encode(), "application/rss+xml", validators=validators)

    def page(self, path: str, html: str, **options: object) -> None:
        self.routes[path] = Route(html.encode(), **options)  # type: ignore[arg-type]

    def hits(self, path: str) -> list[Seen]:
        with self.lock:
            return [seen for seen in self.requests if seen.path == path]

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        host = headers.get("host", "").rsplit(":", 1)[0]
        if path == "/robots.txt" and host in self.robots_for:
            route = self.robots_for[host]
            return route.status, {"Content-Type": route.content_type}, route.body
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots.encode()
        route = self.routes.get(path)
        if route is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        time.sleep(route.delay)
        extra = {"Content-Type": route.content_type}
        if route.location:
            extra["Location"] = route.location
        if route.validators:
            etag = '"' + hashlib.sha1(route.body).hexdigest()[:12] + '"'
            modified = formatdate(1_700_000_000 + len(route.body), usegmt=True)
            extra.update({"ETag": etag, "Last-Modified": modified})
            if headers.get("if-none-match") == etag:
                return 304, extra, b""
        if route.gzip:
            extra["Content-Encoding"] = "gzip"
            return route.status, extra, gzip.compress(route.body, mtime=0)
        return route.status, extra, route.body


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, extra, body = server.answer(self.path, headers)
            with server.lock:
                server.requests.append(Seen(self.path, headers, status))
            try:
                self.send_response(status)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                route = server.routes.get(self.path)
                if status != 304 and route is not None and route.drip:
                    for start in range(0, len(body), 64):
                        self.wfile.write(body[start : start + 64])
                        self.wfile.flush()
                        time.sleep(route.drip)
                elif status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            route = server.routes.get(self.path)
            status = route.status if route else 404
            with server.lock:
                server.posts.append((self.path, body))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving(server: FeedServer | None = None) -> Iterator[FeedServer]:
    """The server, listening on a free local port in a thread, for the block."""
    server = server or FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    httpd.block_on_close = False
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
