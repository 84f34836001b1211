"""newsevents watch, cycle by cycle, against a local HTTP server (tests/feed_server.py):
what each cycle fetches and stores, conditional requests, failing sources and their
backoff, robots.txt, pages that are no articles, folders, and the command's lines."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from feed_server import Route, article_html, rss, serving

from newsevents.config import Settings
from newsevents.watch import FetchError, FetchSettings, WatchSettings, parse_sources, run_cycle

FAST = WatchSettings(fetch=FetchSettings(delay=0.0, timeout=2.0))


def _items(server, numbers: range | list[int]) -> list[tuple[str, str]]:
    for number in numbers:
        server.page(f"/a/{number}.html", article_html(number))
    return [(f"item-{n}", server.url(f"/a/{n}.html")) for n in numbers]


def _count(db: Path, sql: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def _page_hits(server) -> list[str]:
    return [seen.path for seen in server.requests if seen.path.startswith("/a/")]


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``newsevents ARGS`` in this process: (exit code, stdout, stderr)."""
    from newsevents.cli.main import main

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr("sys.argv", ["newsevents", *args])
        with pytest.raises(SystemExit) as ended:
            main()
    out, err = capsys.readouterr()
    return int(ended.value.code or 0), out, err


def _cycle(server_urls: list[str], db: Path, coder, **options):
    notices: list[tuple[str, str, str | None, str]] = []
    report = run_cycle(
        parse_sources(server_urls),
        Settings(db_path=db, use_model=False),
        options.pop("watch", FAST),
        coder,
        on_notice=lambda *notice: notices.append(notice),
        **options,
    )
    return report, notices


def test_cycles_ingest_new_items_once_with_conditional_requests(db: Path, coder) -> None:
    with serving() as server:
        server.feed("/feed.xml", rss(_items(server, range(5))))
        feed = server.url("/feed.xml")

        first, _ = _cycle([feed], db, coder)
        assert [(o.status, o.new, o.seen, o.failed) for o in first.outcomes] == [("ok", 5, 0, 0)]
        assert _count(db, "SELECT count(*) FROM articles") == 5
        assert sorted(_page_hits(server)) == sorted(f"/a/{n}.html" for n in range(5))
        assert first.ingest is not None and first.ingest.new == 5 and first.ingest.events > 0
        user_agent = server.hits("/feed.xml")[0].headers["user-agent"]
        assert user_agent.startswith("newsevents/") and "(+watch)" in user_agent

        second, _ = _cycle([feed], db, coder)
        conditional = server.hits("/feed.xml")[-1]
        assert conditional.headers.get("if-none-match", "").startswith('"')
        assert conditional.headers.get("if-modified-since")
        assert conditional.status == 304
        assert second.outcomes[0].status == "not-modified"
        assert second.ingest is None  # nothing new: no ingest run at all
        assert len(_page_hits(server)) == 5
        assert _count(db, "SELECT count(*) FROM articles") == 5

        server.feed("/feed.xml", rss(_items(server, range(6))))
        third, _ = _cycle([feed], db, coder)
        assert server.hits("/feed.xml")[-1].status == 200
        assert [(o.new, o.seen) for o in third.outcomes] == [(1, 5)]
        assert _page_hits(server)[5:] == ["/a/5.html"]
        assert _count(db, "SELECT count(*) FROM articles") == 6
    assert _count(db, "SELECT count(*) FROM watch_cycles WHERE status = 'finished'") == 3
    assert _count(db, "SELECT count(*) FROM watch_items WHERE status = 'ingested'") == 6


def test_failing_sources_are_recorded_and_the_others_ingested(db: Path, coder) -> None:
    with serving() as server:
        server.feed("/good.xml", rss(_items(server, range(3))))
        server.routes["/slow.xml"] = Route(b"<rss/>", "application/rss+xml", delay=3.0)
        server.routes["/broken.xml"] = Route(b"oops", "application/rss+xml", status=500)
        server.routes["/text.xml"] = Route(b"this is not XML at all", "text/plain")
        urls = [server.url(p) for p in ("/slow.xml", "/broken.xml", "/text.xml", "/good.xml")]
        watch = WatchSettings(fetch=FetchSettings(delay=0.0, timeout=0.5))
        start = datetime(2026, 1, 1, 12, 0)

        report, _ = _cycle(urls, db, coder, watch=watch, clock=lambda: start)
        status = {o.source.rsplit("/", 1)[1]: (o.status, o.error) for o in report.outcomes}
        assert status["slow.xml"][0] == "failed" and "timed out" in status["slow.xml"][1]
        assert status["broken.xml"] == ("failed", "HTTP 500 Internal Server Error")
        assert status["text.xml"][0] == "failed" and "not a feed" in status["text.xml"][1]
        assert status["good.xml"] == ("ok", None)
        assert _count(db, "SELECT count(*) FROM articles") == 3
        assert _count(db, "SELECT count(*) FROM watch_failures") == 3
        assert _count(db, "SELECT count(*) FROM watch_sources WHERE failures = 1") == 3

        # within the backoff (1 minute after a first failure) the failing ones are skipped
        hits = len(server.requests)
        later = start + timedelta(seconds=30)
        report, _ = _cycle(urls, db, coder, watch=watch, clock=lambda: later)
        assert [o.status for o in report.outcomes] == ["waiting"] * 3 + ["not-modified"]
        assert [s.path for s in server.requests[hits:]] == ["/robots.txt", "/good.xml"]

        # after it they are tried again, and a second failure doubles the wait
        after = start + timedelta(seconds=61)
        report, _ = _cycle(urls[1:2], db, coder, watch=watch, clock=lambda: after)
        assert report.outcomes[0].status == "failed"
        assert report.outcomes[0].retry_after == after + timedelta(minutes=2)
        assert server.hits("/broken.xml")[-1].status == 500
        assert len(server.hits("/broken.xml")) == 2

        # a source that works again is back to no failures
        server.feed("/broken.xml", rss([]))
        much_later = after + timedelta(minutes=3)
        report, _ = _cycle(urls[1:2], db, coder, watch=watch, clock=lambda: much_later)
        assert report.outcomes[0].status == "ok"
    row = "SELECT failures, retry_after FROM watch_sources WHERE source LIKE '%broken.xml'"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(row).fetchone() == (0, None)


def test_the_command_logs_one_line_per_failing_source(
    db: Path, coder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsevents.cli import watch_cmd

    monkeypatch.setattr(watch_cmd, "_load_coder", lambda settings: coder)
    with serving() as server:
        server.feed("/good.xml", rss(_items(server, range(2))))
        server.routes["/slow.xml"] = Route(b"<rss/>", "application/rss+xml", delay=3.0)
        server.routes["/broken.xml"] = Route(b"oops", status=500)
        server.routes["/text.xml"] = Route(b"not XML", "text/plain")
        urls = [server.url(p) for p in ("/slow.xml", "/broken.xml", "/text.xml", "/good.xml")]
        args = ["watch", *urls, "--db", str(db), "--once", "--delay", "0", "--timeout", "0.5"]
        code, out, err = run_main(args, capsys)
    lines = err.splitlines()
    assert code == 1  # --once: a source failed
    for name in ("slow.xml", "broken.xml", "text.xml"):
        [line] = [line for line in lines if name in line]
        assert ": failed: " in line and "next try after" in line
    [good] = [line for line in lines if "good.xml" in line]
    assert good.endswith("new 2 / seen 0 / failed 0")
    assert lines[-1].startswith("cycle ") and "sources 4 (failed 3, waiting 0)" in lines[-1]
    assert "stored 2 articles" in lines[-1]
    assert "Traceback" not in err and out == ""


def test_robots_txt_disallow_is_respected(db: Path, coder) -> None:
    with serving() as server:
        server.robots = "User-agent: newsevents\nDisallow: /a/1.html\n\nUser-agent: *\nAllow: /\n"
        server.feed("/feed.xml", rss(_items(server, range(3))))
        report, notices = _cycle([server.url("/feed.xml")], db, coder)
        assert "/a/1.html" not in _page_hits(server)
        assert sorted(_page_hits(server)) == ["/a/0.html", "/a/2.html"]
        assert [(o.new, o.skipped) for o in report.outcomes] == [(2, 1)]
        feed, private = server.url("/feed.xml"), server.url("/a/1.html")
        assert notices == [("skipped", feed, private, "disallowed by robots.txt")]
        items = "SELECT url, status, reason FROM watch_items ORDER BY url"
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute(items).fetchall()
        assert rows[1] == (server.url("/a/1.html"), "skipped", "disallowed by robots.txt")
        # skipped stays skipped: the next cycle neither fetches nor counts it as new
        server.feed("/feed.xml", rss(_items(server, range(3))) + " ")
        report, _ = _cycle([server.url("/feed.xml")], db, coder)
        assert [(o.new, o.seen) for o in report.outcomes] == [(0, 3)]
        assert "/a/1.html" not in _page_hits(server)


def test_a_redirect_to_a_disallowed_page_is_not_followed(db: Path, coder) -> None:
    with serving() as server:
        server.robots = "User-agent: *\nDisallow: /private/\n"
        server.page("/private/a.html", article_html(1))
        server.page("/moved/b.html", article_html(2))
        server.routes["/r1.html"] = Route(b"", status=302, location=server.url("/private/a.html"))
        server.routes["/r2.html"] = Route(b"", status=301, location=server.url("/moved/b.html"))
        server.routes["/r3.html"] = Route(b"", status=302, location="ftp://127.0.0.1/a.html")
        links = [(f"r{n}", server.url(f"/r{n}.html")) for n in (1, 2, 3)]
        server.feed("/feed.xml", rss(links))
        report, notices = _cycle([server.url("/feed.xml")], db, coder)
        assert [(o.new, o.failed) for o in report.outcomes] == [(1, 2)]
        reasons = {url.rsplit("/", 1)[1]: reason for _, _, url, reason in notices}
        assert "which robots.txt disallows" in reasons["r1.html"]
        assert "not an http(s) URL" in reasons["r3.html"]
        assert server.hits("/private/a.html") == [] and len(server.hits("/moved/b.html")) == 1
        assert _count(db, "SELECT count(*) FROM articles") == 1


def test_a_feed_disallowed_by_robots_is_not_fetched(db: Path, coder) -> None:
    with serving() as server:
        server.robots = "User-agent: *\nDisallow: /\n"
        server.feed("/feed.xml", rss(_items(server, range(2))))
        report, _ = _cycle([server.url("/feed.xml")], db, coder)
        assert report.outcomes[0].status == "failed"
        assert "robots.txt" in str(report.outcomes[0].error)
        assert [s.path for s in server.requests] == ["/robots.txt"]


def test_pages_that_are_no_articles_fail_alone(db: Path, coder) -> None:
    with serving() as server:
        items = _items(server, range(2))
        server.routes["/img.png"] = Route(b"\x89PNG\r\n\x1a\n....", "image/png")
        server.routes["/empty.html"] = Route(b"<html><body><nav>Home</nav></body></html>")
        server.routes["/gone.html"] = Route(b"gone", status=404)
        links = [("img", server.url("/img.png")), ("empty", server.url("/empty.html"))]
        links.append(("gone", server.url("/gone.html")))
        server.feed("/feed.xml", rss(items + links))
        watch = WatchSettings(fetch=FetchSettings(delay=0.0, timeout=2.0), max_attempts=2)
        report, notices = _cycle([server.url("/feed.xml")], db, coder, watch=watch)
        assert [(o.status, o.new, o.failed) for o in report.outcomes] == [("ok", 2, 3)]
        kinds = {url.rsplit("/", 1)[1]: (kind, reason) for kind, _, url, reason in notices}
        assert kinds["img.png"] == ("failed", "not an article page (content type image/png)")
        assert kinds["gone.html"] == ("failed", "HTTP 404 Not Found")
        assert kinds["empty.html"][0] == "rejected"
        assert _count(db, "SELECT count(*) FROM articles") == 2
        assert _count(db, "SELECT count(*) FROM watch_failures") == 3

        # failed pages are tried again, up to max_attempts, though the feed is unchanged
        # (its ETag is not kept while a page is left to retry); a rejected one is not
        _cycle([server.url("/feed.xml")], db, coder, watch=watch)
        assert server.hits("/feed.xml")[-1].status == 200
        assert len(server.hits("/gone.html")) == 2 and len(server.hits("/empty.html")) == 1
        # given up after two attempts: all handled, the validators are kept at last
        _cycle([server.url("/feed.xml")], db, coder, watch=watch)
        assert server.hits("/feed.xml")[-1].status == 304
        assert len(server.hits("/gone.html")) == 2
    with duckdb.connect(str(db), read_only=True) as con:
        statuses = dict(con.execute("SELECT item_key, status FROM watch_items").fetchall())
    assert statuses == {
        "item-0": "ingested",
        "item-1": "ingested",
        "img": "abandoned",
        "empty": "rejected",
        "gone": "abandoned",
    }


def test_folders_ingest_files_not_seen_before(db: Path, coder, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "one.txt").write_text("Russia condemned the United States on Monday.\n")
    (folder / "two.html").write_text(article_html(2))
    report, _ = _cycle([str(folder)], db, coder)
    assert [(o.kind, o.new, o.seen) for o in report.outcomes] == [("folder", 2, 0)]
    assert _count(db, "SELECT count(*) FROM articles") == 2

    report, _ = _cycle([str(folder)], db, coder)
    assert [(o.new, o.seen) for o in report.outcomes] == [(0, 2)]
    assert report.ingest is None

    (folder / "sub").mkdir()
    (folder / "sub" / "three.txt").write_text("China praised Japan on Tuesday.\n")
    report, _ = _cycle([str(folder)], db, coder)
    assert [(o.new, o.seen) for o in report.outcomes] == [(1, 2)]
    assert report.ingest is not None and report.ingest.read == 1
    assert _count(db, "SELECT count(*) FROM articles") == 3


def test_a_second_writer_is_refused_while_a_cycle_runs(db: Path, coder) -> None:
    from newsevents.errors import NewseventsError
    from newsevents.store import writer_lock

    with serving() as server:
        server.feed("/feed.xml", rss(_items(server, range(1))))
        with writer_lock(db), pytest.raises(NewseventsError) as caught:
            _cycle([server.url("/feed.xml")], db, coder)
    assert caught.value.code == "E011"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ftp://example.org/feed"], "not a source that watch can follow"),
        (["/no/such/folder"], "not a source that watch can follow"),
        (["http://127.0.0.1:9/feed.xml", "--every", "soon"], "invalid interval 'soon'"),
    ],
)
def test_bad_arguments_are_one_line_errors(
    db: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(["watch", *args, "--db", str(db), "--once"], capsys)
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith("error: ") and message in line
    assert not db.exists()  # refused before anything was opened


def test_requests_to_one_host_are_spaced_by_the_delay() -> None:
    from newsevents.watch import Fetcher

    waits: list[float] = []
    with serving() as server:
        server.robots = "User-agent: *\nCrawl-delay: 7\n"
        server.page("/a.html", article_html(1))
        polite = Fetcher(FetchSettings(delay=5.0), sleep=waits.append)
        polite.get(server.url("/a.html"))  # the first request to the host: no wait
        polite.get(server.url("/a.html"))
        assert len(waits) == 1 and 4.5 < waits[0] <= 5.0
        assert polite.allowed(server.url("/a.html"))  # reads robots.txt: Crawl-delay 7
        polite.get(server.url("/a.html"))
        assert len(waits) == 3 and 6.5 < waits[-1] <= 7.0
        other = f"http://localhost:{server.port}/a.html"  # another host name: no wait
        polite.get(other)
        assert len(waits) == 3


def test_a_surprise_in_one_source_does_not_stop_the_others(
    db: Path, coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsevents.watch import cycle

    real = cycle.feed_items

    def feed_items(body: bytes, url: str):  # type: ignore[no-untyped-def]
        if url.endswith("/odd.xml"):
            raise RuntimeError("a parser bug")
        return real(body, url)

    monkeypatch.setattr(cycle, "feed_items", feed_items)
    with serving() as server:
        server.feed("/odd.xml", rss(_items(server, range(1))))
        server.feed("/good.xml", rss(_items(server, range(1, 3))))
        report, _ = _cycle([server.url("/odd.xml"), server.url("/good.xml")], db, coder)
    odd, good = report.outcomes
    assert odd.status == "failed" and odd.error == "unexpected RuntimeError: a parser bug"
    assert (good.status, good.new) == ("ok", 2)
    assert _count(db, "SELECT count(*) FROM articles") == 2


def test_feed_links_are_resolved_against_the_feed_url() -> None:
    """A relative link is a page on the feed's host (a cycle crashed on '/a/2.html'); a
    link that is no http(s) URL is none (the entry's own text is ingested)."""
    from newsevents.watch.sources import feed_items

    body = rss([("one", "a/1.html"), ("two", "/a/2.html"), ("three", "https://x.org/3")])
    body = body.replace(
        "</channel>",
        "<item><title>Mail</title><link>mailto:desk@x.org</link>"
        "<description>Russia condemned Japan.</description></item></channel>",
    )
    items = feed_items(body.encode(), "http://example.org/news/feed.xml")
    assert [item.url for item in items] == [
        "http://example.org/news/a/1.html",
        "http://example.org/a/2.html",
        "https://x.org/3",
        None,
    ]
    assert items[-1].content == "Russia condemned Japan."


def test_gzip_bodies_are_unpacked_and_capped(db: Path, coder) -> None:
    """A feed or a page sent gzip-compressed (asked for, or sent unasked, as some servers
    do) is read; unpacked, it is held to the size cap as any body is."""
    from newsevents.watch import Fetcher

    with serving() as server:
        server.page("/a/1.html", article_html(1), gzip=True)
        feed = rss([("one", server.url("/a/1.html"))])
        server.routes["/feed.xml"] = Route(feed.encode(), "application/rss+xml", gzip=True)
        report, notices = _cycle([server.url("/feed.xml")], db, coder)
        assert notices == [] and [(o.status, o.new) for o in report.outcomes] == [("ok", 1)]
        assert server.hits("/feed.xml")[0].headers["accept-encoding"] == "gzip"
        assert _count(db, "SELECT count(*) FROM articles WHERE doc_id = 'one'") == 1

        server.routes["/bomb.html"] = Route(b"<p>" + b" " * 3_000_000, gzip=True)
        small = Fetcher(FetchSettings(delay=0.0, max_bytes=1_000_000))
        with pytest.raises(FetchError, match="larger than"):
            small.get(server.url("/bomb.html"))


def test_pages_are_read_in_their_charset(db: Path, coder) -> None:
    """A page in ISO-8859-1 (said by its Content-Type, by its <meta charset>, or not at
    all) is read, not refused as 'not valid UTF-8'."""
    with serving() as server:
        html = article_html(1).replace("the capital", "the capital, Bogotá,")
        labelled = html.replace("<head>", '<head><meta charset="iso-8859-1">')
        server.routes["/a/1.html"] = Route(html.encode("latin-1"), "text/html; charset=latin-1")
        server.routes["/a/2.html"] = Route(
            labelled.replace("number 1", "number 2").encode("latin-1"), "text/html"
        )
        server.routes["/a/3.html"] = Route(
            html.replace("number 1", "number 3").encode("cp1252"), "text/html"
        )
        links = [(f"p{n}", server.url(f"/a/{n}.html")) for n in (1, 2, 3)]
        server.feed("/feed.xml", rss(links))
        report, notices = _cycle([server.url("/feed.xml")], db, coder)
        assert notices == [] and [(o.new, o.failed) for o in report.outcomes] == [(3, 0)]
    with duckdb.connect(str(db), read_only=True) as con:
        texts = con.execute("SELECT text FROM articles").fetchall()
    assert len(texts) == 3 and all("the capital, Bogotá," in text for (text,) in texts)


def test_a_host_whose_robots_txt_cannot_be_read_is_tried_again(db: Path, coder) -> None:
    """A robots.txt that answers 5xx allows nothing this cycle (RFC 9309), and says so: the
    pages are failures tried next cycle, not skipped for good."""
    with serving() as server:
        items = _items(server, range(2))
        server.feed("/feed.xml", rss(items))
        server.robots_for = {"127.0.0.1": Route(b"down", "text/plain", status=503)}
        report, _ = _cycle([server.url("/feed.xml")], db, coder)
        assert report.outcomes[0].status == "failed"
        assert report.outcomes[0].error == (
            "robots.txt could not be read (HTTP 503 Service Unavailable)"
        )
        assert [s.path for s in server.requests] == ["/robots.txt"]

        # the feed on one host, its pages on another whose robots.txt fails
        other = [(key, url.replace("127.0.0.1", "localhost")) for key, url in items]
        server.feed("/feed.xml", rss(other))
        with duckdb.connect(str(db)) as con:
            con.execute("UPDATE watch_sources SET retry_after = NULL")
        server.robots_for = {"localhost": Route(b"down", "text/plain", status=503)}
        report, notices = _cycle([server.url("/feed.xml")], db, coder)
        assert [(o.status, o.new, o.failed, o.skipped) for o in report.outcomes] == [
            ("ok", 0, 2, 0)
        ]
        assert {kind for kind, *_ in notices} == {"failed"}
        assert _count(db, "SELECT count(*) FROM watch_items WHERE status = 'failed'") == 2


def test_backoff_doubles_up_to_the_cap_however_long_a_source_fails(db: Path, coder) -> None:
    from newsevents.watch.cycle import backoff_wait

    minute, cap = timedelta(minutes=1), timedelta(hours=6)
    waits = [backoff_wait(n, minute, cap) for n in (1, 2, 3, 9, 10, 42, 10_000)]
    assert waits == [minute, 2 * minute, 4 * minute, 256 * minute, cap, cap, cap]
    with serving() as server:
        server.routes["/broken.xml"] = Route(b"oops", status=500)
        url = server.url("/broken.xml")
        start = datetime(2026, 1, 1, 12, 0)
        _cycle([url], db, coder, clock=lambda: start)
        with duckdb.connect(str(db)) as con:  # a feed that has failed for weeks
            con.execute("UPDATE watch_sources SET failures = 60, retry_after = NULL")
        report, _ = _cycle([url], db, coder, clock=lambda: start)
    assert report.outcomes[0].status == "failed"
    assert report.outcomes[0].retry_after == start + cap


def test_a_file_that_vanishes_while_a_folder_is_listed_is_no_failure(
    db: Path, coder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsevents.watch import sources

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "one.txt").write_text("Russia condemned the United States on Monday.\n")
    (folder / "two.txt").write_text("China praised Japan on Tuesday.\n")
    listed = sources.supported_files

    def moved_away(root: Path):  # type: ignore[no-untyped-def]
        found = list(listed(root))
        (folder / "two.txt").unlink()
        return found

    monkeypatch.setattr(sources, "supported_files", moved_away)
    report, _ = _cycle([str(folder)], db, coder)
    assert [(o.status, o.new, o.failed) for o in report.outcomes] == [("ok", 1, 0)]
    assert _count(db, "SELECT count(*) FROM articles") == 1


def test_one_article_under_two_urls_is_stored_once_and_said(
    db: Path, coder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsevents.cli import watch_cmd

    monkeypatch.setattr(watch_cmd, "_load_coder", lambda settings: coder)
    with serving() as server:
        server.page("/a/1.html", article_html(1))
        server.page("/amp/1.html", article_html(1))
        links = [("one", server.url("/a/1.html")), ("one-amp", server.url("/amp/1.html"))]
        server.feed("/feed.xml", rss(links))
        args = ["watch", server.url("/feed.xml"), "--db", str(db), "--once", "--delay", "0"]
        code, _, err = run_main(args, capsys)
    assert code == 0
    assert "stored 1 articles (1 already stored) /" in err.splitlines()[-1]
    assert _count(db, "SELECT count(*) FROM articles") == 1
    assert _count(db, "SELECT count(*) FROM watch_items WHERE status = 'ingested'") == 2


def test_a_server_sending_a_byte_now_and_then_is_given_up() -> None:
    """Each read is within the timeout, but the whole answer must come within six."""
    from newsevents.watch import Fetcher

    with serving() as server:
        server.routes["/slow.html"] = Route(b"x" * 64 * 40, drip=0.2)  # 40 pieces: 8 s
        fetcher = Fetcher(FetchSettings(delay=0.0, timeout=0.5))
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"took over 3 s to send"):
            fetcher.get(server.url("/slow.html"))
        assert time.monotonic() - started < 5
        server.routes["/slow.html"] = Route(b"<p>short</p>", drip=0.2)  # slow but whole
        assert fetcher.get(server.url("/slow.html")).body == b"<p>short</p>"


def test_an_entry_without_id_or_link_has_a_doc_id_of_its_own(db: Path, coder) -> None:
    """Its doc id is its text's digest, not its place in the feed: a new first entry
    of each cycle was '<feed digest>-1', again and again."""
    entry = "<item><title>{0}</title><description>{1}</description></item></channel>"
    texts = ["Russia condemned the United States on Monday.", "China praised Japan on Tuesday."]
    with serving() as server:
        feed = server.url("/feed.xml")
        for text in texts:  # each cycle, a new entry at the top
            server.feed("/feed.xml", rss([]).replace("</channel>", entry.format(text[:5], text)))
            _cycle([feed], db, coder)
    with duckdb.connect(str(db), read_only=True) as con:
        ids = [row[0] for row in con.execute("SELECT doc_id FROM articles").fetchall()]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_a_bad_webhook_or_alerts_log_is_refused_before_anything(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["watch", str(tmp_path), "--db", str(db), "--once", "--webhook", "hooks.example.org"]
    code, out, err = run_main(args, capsys)
    assert code == 2 and out == ""
    assert "--webhook" in err and "must be an http:// or https:// URL" in err
    assert "Traceback" not in err and not db.exists()
    # and an alerts log in a folder that does not exist (found out only at the first alert)
    log = tmp_path / "no" / "alerts.jsonl"
    args = ["watch", str(tmp_path), "--db", str(db), "--once", "--alerts-log", str(log)]
    code, out, err = run_main(args, capsys)
    assert code == 2 and "--alerts-log" in err and "does not exist" in err
    assert "Traceback" not in err and not db.exists()
