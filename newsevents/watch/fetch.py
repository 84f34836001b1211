"""Polite HTTP: a User-Agent that names the project, robots.txt, a delay between requests
to one host, conditional GET (ETag, Last-Modified), timeouts and a size cap.

A :class:`Fetcher` lives for one cycle: it remembers each host's robots.txt and when it
last asked that host. Nothing here raises for a remote failure except :class:`FetchError`,
whose message is the one line the cycle logs and records.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
import urllib.robotparser
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlsplit, urlunsplit

from newsevents import __version__

USER_AGENT = f"newsevents/{__version__} (+watch)"
ROBOTS_AGENT = "newsevents"  # the product token robots.txt groups are matched against
MAX_BYTES = 10 * 1024 * 1024
WHOLE_TIMEOUTS = 6  # a response must be whole within this many --timeout (2 min by default)
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay above this is taken as this


class FetchError(Exception):
    """A request that failed: a timeout, an HTTP error status, a refused connection, a body
    over the size cap. ``str()`` is one line."""


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how patiently to fetch."""

    delay: float = 1.0  # seconds between two requests to one host (robots.txt may ask more)
    timeout: float = 20.0  # seconds to wait for a connection or for data
    user_agent: str = USER_AGENT
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True)
class Response:
    """A response: ``status`` 200 with a body, or 304 (not modified) without one."""

    url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class Fetcher:
    """Fetches with one politeness state per host (robots rules, time of the last request)."""

    settings: FetchSettings = field(default_factory=FetchSettings)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    last_request: dict[str, float] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)  # host -> why robots.txt failed
    requests: int = 0

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(PoliteRedirects(self.allowed))

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets us fetch ``url``. A robots.txt that is
        missing (4xx) allows everything; one that cannot be read (5xx, no answer) allows
        nothing (RFC 9309, 2.3.1) and raises FetchError saying why: that is a failure to
        try again, not a refusal."""
        host = _host(url)
        if host not in self.robots:
            self.robots[host] = None  # while robots.txt itself is read (and redirected)
            self.robots[host] = self._read_robots(url)
        if host in self.unreadable:
            raise FetchError(f"robots.txt could not be read ({self.unreadable[host]})")
        rules = self.robots[host]
        return rules is None or rules.can_fetch(ROBOTS_AGENT, url)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url``, conditionally when validators are given; FetchError on failure."""
        headers = {"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_for(_host(url))
        try:
            request = urllib.request.Request(url, headers=headers)
            with self.opener.open(request, timeout=self.settings.timeout) as answer:
                body = self._read_body(answer)
                status, info, final = answer.status, answer.headers, answer.url
            if len(body) <= self.settings.max_bytes:
                body = _decoded(body, info.get("Content-Encoding"), self.settings.max_bytes)
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(url, 304, etag=etag, last_modified=last_modified)
            raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
        except TimeoutError:
            raise FetchError(f"timed out after {self.settings.timeout:g} s") from None
        except urllib.error.URLError as exc:
            raise FetchError(_reason(exc.reason)) from None
        except (OSError, ValueError, http.client.HTTPException) as exc:  # reset, cut short
            raise FetchError(_reason(exc)) from None
        finally:
            self.last_request[_host(url)] = self.clock()
            self.requests += 1
        if len(body) > self.settings.max_bytes:
            raise FetchError(f"larger than {self.settings.max_bytes // (1024 * 1024)} MB")
        return _response(final or url, status, body, info)

    def _read_body(self, answer: http.client.HTTPResponse) -> bytes:
        """The body, up to ``max_bytes`` + 1 bytes, given ``WHOLE_TIMEOUTS`` timeouts in
        all: the socket timeout bounds each read, and a server sending a byte now and then
        would otherwise hold the cycle (and the store's writer lock) for ever."""
        limit = self.settings.max_bytes + 1
        allowed = WHOLE_TIMEOUTS * self.settings.timeout
        deadline = time.monotonic() + allowed
        parts: list[bytes] = []
        size = 0
        while size < limit:
            part = answer.read1(min(65536, limit - size))
            if not part:
                break
            parts.append(part)
            size += len(part)
            if time.monotonic() > deadline:
                raise FetchError(f"took over {allowed:g} s to send")
        return b"".join(parts)

    def _wait_for(self, host: str) -> None:
        """Sleep until ``delay`` (or the host's Crawl-delay) has passed since the last
        request to ``host``."""
        last = self.last_request.get(host)
        if last is None:
            return
        rules = self.robots.get(host)
        asked = rules.crawl_delay(ROBOTS_AGENT) if rules is not None else None
        delay = max(self.settings.delay, min(float(asked or 0), MAX_CRAWL_DELAY))
        wait = last + delay - self.clock()
        if wait > 0:
            self.sleep(wait)

    def _read_robots(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's rules; None when it has no robots.txt (everything allowed)."""
        parts = urlsplit(url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        rules = urllib.robotparser.RobotFileParser(robots_url)
        try:
            answer = self.get(robots_url)
        except FetchError as exc:
            if str(exc).startswith("HTTP 4"):
                return None
            self.unreadable[_host(url)] = str(exc)
            rules.disallow_all = True  # unreachable: assume complete disallow
            return rules
        rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        return rules


class PoliteRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an http(s) URL that robots.txt allows."""

    def __init__(self, allowed: Callable[[str], bool]) -> None:
        self.allowed = allowed

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise FetchError(f"redirected to {newurl}, not an http(s) URL")
        if not self.allowed(newurl):
            raise FetchError(f"redirected to {newurl}, which robots.txt disallows")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _decoded(body: bytes, encoding: str | None, limit: int) -> bytes:
    """The body without its Content-Encoding (gzip or deflate; a server may send gzip even
    unasked), unpacked up to ``limit`` + 1 bytes so that a small bomb is caught by the cap."""
    encoding = (encoding or "").strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding in ("gzip", "x-gzip"):
        unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        unpack = zlib.decompressobj(zlib.MAX_WBITS if body[:1] == b"x" else -zlib.MAX_WBITS)
    else:
        raise ValueError(f"unsupported Content-Encoding {encoding}")
    try:
        return unpack.decompress(body, limit + 1)
    except zlib.error as exc:
        raise ValueError(f"a broken {encoding} body ({exc})") from None


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _response(url: str, status: int, body: bytes, info: Message) -> Response:
    return Response(
        url=url,
        status=status,
        body=body,
        etag=info.get("ETag"),
        last_modified=info.get("Last-Modified"),
        content_type=(info.get("Content-Type") or "").lower(),
    )


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "timed out"
    text = " ".join(str(reason).split())
    return text[:200] or type(reason).__name__
