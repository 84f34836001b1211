"""Reliability: hostile inputs, crashes and processes that share a store (issue #9).

What is tried, and what each test shows, is listed in RELIABILITY.md. The default run is
short; ``NEWSEVENTS_LONG_TESTS=1`` adds the long variants: many more generated inputs, a
500,000-character line and a 10 MB HTML page coded end to end, 1 GB gzip bombs, the
hostile directory through the ``newsevents ingest`` command, and the crash test on the
samples plus Wikinews 2019 (when ../shared is present) with more kills at random points.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import signal
import subprocess
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.clean import MAX_ARTICLE_CHARS, clean_document
from newsevents.config import Settings
from newsevents.errors import NewseventsError
from newsevents.ingest import read_inputs, read_stream
from newsevents.ingest.gunzip import BoundedGunzip, ExpansionLimit
from newsevents.pipeline import run_ingest
from newsevents.records import Article, RawDocument, ReadError, Rejection
from newsevents.store import Store, writer_lock

LONG = os.environ.get("NEWSEVENTS_LONG_TESTS") == "1"
long_only = pytest.mark.skipif(not LONG, reason="long variant: set NEWSEVENTS_LONG_TESTS=1")
# `make test-fast` leaves these out: they start CLI processes (ingests that load the coder,
# readers that wait out a busy store) and kill or race them (see tests/conftest.py).
slow = pytest.mark.slow
EXAMPLES = 400 if LONG else 40
SENTENCE = "The United States imposed new sanctions on Iran on Monday, officials said."
NOT_SURROGATES = st.characters(blacklist_categories=("Cs",))
RTL_AND_CONTROLS = st.characters(
    min_codepoint=0, max_codepoint=0x1F, blacklist_categories=("Cs",)
) | st.sampled_from(
    list(
        "\u0627\u0644\u0639\u0631\u0628\u064a\u05e2\u05d1\u05e8\u05d9\u202e\u202b\u200f\u2067\u061c"
    )
)


def _cpu() -> float:
    """The CPU seconds this process has used. The time bounds below are on CPU time, not
    wall-clock time: other processes on a busy machine (other tests, builds) stretch the
    wall clock but not this. Each bound is more than ten times what the work takes here and
    far below what the quadratic or exploding behaviour it guards against would take."""
    return time.process_time()


def _one_line(item: ReadError) -> None:
    assert item.message and "\n" not in item.message and "Traceback" not in item.message


# -- 1. inputs -------------------------------------------------------------------------------

FEED_PIECES = st.sampled_from(
    [
        '<?xml version="1.0"?>',
        '<?xml version="1.0" encoding="ebcdic"?>',
        '<rss version="2.0">',
        "<channel>",
        "</channel>",
        "<item>",
        "</item>",
        "<title>",
        "</title>",
        "<description>",
        "</description>",
        "<link>http://news.example/a</link>",
        "<guid>g</guid>",
        "<pubDate>Fri, 03 Jan 2020 10:00:00 GMT</pubDate>",
        "<pubDate>the day after tomorrow</pubDate>",
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "<entry>",
        "</entry>",
        '<content type="html">',
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">',
        "</content>",
        "&lt;p&gt;",
        "&amp;",
        "&nosuchentity;",
        "&#0;",
        "&#xD800;",
        "<![CDATA[",
        "]]>",
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        "&b;",
        '<!DOCTYPE rss SYSTEM "file:///etc/passwd">',
        SENTENCE,
        "</rss>",
        "</feed>",
        "<",
        ">",
        '"',
    ]
)
FEEDS = st.lists(FEED_PIECES | st.text(alphabet=NOT_SURROGATES, max_size=12), max_size=50).map(
    "".join
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(feed=FEEDS, suffix=st.sampled_from([".xml", ".rss", ".atom", ""]))
def test_malformed_feeds_are_read_or_refused_with_a_reason(feed: str, suffix: str) -> None:
    for item in read_stream(feed.encode("utf-8"), origin="feed", stem="feed", suffix=suffix):
        if isinstance(item, ReadError):
            _one_line(item)
            continue
        result = clean_document(item)
        assert isinstance(result, Article | Rejection)


def test_an_entity_bomb_feed_is_refused_or_read_quickly() -> None:
    entities = '<!ENTITY e0 "lol">' + "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)
    )
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        f"<item><title>t</title><description>&e9;</description></item></channel></rss>"
    )
    started = _cpu()
    items = list(read_stream(feed.encode(), origin="lol.xml", stem="lol", suffix=".xml"))
    assert _cpu() - started < 10
    for item in items:  # no billion laughs: the entity is refused, never expanded
        assert isinstance(item, ReadError) or len(item.content) < 1_000_000


TAGS = ["div", "p", "span", "table", "tr", "td", "b", "i", "section", "ul", "li", "a", "font"]
JUNK = ["", "<!--", "<![CDATA[", "</html>", "<p <p>", "&#xD800;", "&#0;", "<meta charset=x>"]
# Each repeated makes Python 3.11's html.parser quadratic, or makes it raise.
PARSER_TRAPS = ["<!--", "<a", "</", "<![", "<?", '<a b="', "<p>x"]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    depth = draw(st.integers(0, 600))
    tags = draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=6))
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth)))
    body = draw(
        st.text(alphabet=NOT_SURROGATES | RTL_AND_CONTROLS, max_size=200) | st.just(SENTENCE)
    )
    junk = draw(st.sampled_from(JUNK))
    close = draw(st.booleans())
    return (
        f"<html><head><title>{draw(st.text(max_size=20))}</title></head><body>{opening}"
        f"{junk}<p>{body}</p>{closing if close else ''}</body></html>"
    )


@settings(max_examples=EXAMPLES, deadline=None)
@given(page=html_pages())
def test_any_html_is_cleaned_or_rejected_with_a_reason(page: str) -> None:
    result = clean_document(RawDocument("h", "h", page, kind="html"))
    assert isinstance(result, Article | Rejection)
    if isinstance(result, Article):
        assert result.text.strip()
    else:
        assert result.reason


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=st.text(alphabet=NOT_SURROGATES | RTL_AND_CONTROLS, max_size=600))
def test_control_characters_never_reach_the_clean_text(text: str) -> None:
    result = clean_document(RawDocument("t", "t", f"{SENTENCE}\n\n{text}", kind="text"))
    assert isinstance(result, Article)
    assert not any(ord(c) < 32 and c not in "\n\t" or c == "\x7f" for c in result.text)


def test_unicode_articles_round_trip_through_the_store(tmp_path: Path) -> None:
    db = tmp_path / "unicode.duckdb"
    texts: list[str] = []

    @settings(max_examples=40, deadline=None)
    @given(text=st.text(alphabet=NOT_SURROGATES | RTL_AND_CONTROLS, min_size=1, max_size=300))
    def collect(text: str) -> None:
        result = clean_document(RawDocument("u", "u", f"{SENTENCE} {text}", kind="text"))
        if isinstance(result, Article):
            texts.append(result.text)

    collect()
    articles = {
        a.article_id: a
        for a in (
            clean_document(RawDocument(f"u{i}", f"u{i}", t, kind="text"))
            for i, t in enumerate(texts)
        )
        if isinstance(a, Article)
    }
    with Store(db) as store:
        run = store.start_run("test", {})
        store.write_batch(run, [(a, []) for a in articles.values()])
    with Store(db, read_only=True) as store:
        stored = dict(store.con.execute("SELECT article_id, text FROM articles").fetchall())
    assert stored == {i: a.text for i, a in articles.items()}


@pytest.mark.parametrize("shape", ["div", "unclosed", "inline", "tables"])
def test_html_nested_10000_levels_keeps_its_text(shape: str) -> None:
    depth = 10_000
    opening = {
        "div": "<div>" * depth,
        "unclosed": "<div>" * depth,
        "inline": "<span><b><i>" * (depth // 3),
        "tables": "<table><tr><td>" * (depth // 3),
    }[shape]
    closing = "</div>" * depth if shape == "div" else ""
    page = (
        f"<html><body>{opening}<p>{SENTENCE}</p><p>Russia condemned it.</p>{closing}</body></html>"
    )
    started = _cpu()
    result = clean_document(RawDocument("deep", "deep", page, kind="html"))
    assert _cpu() - started < 10
    assert isinstance(result, Article) and SENTENCE in result.text


@pytest.mark.parametrize("trap", PARSER_TRAPS)
def test_deep_html_full_of_parser_traps_is_read_in_linear_time(trap: str) -> None:
    page = "<html><body>" + "<div>" * 300 + f"<p>{SENTENCE}</p>" + trap * (200_000 // len(trap))
    started = _cpu()
    result = clean_document(RawDocument("trap", "trap", page, kind="html"))
    assert _cpu() - started < 10
    assert isinstance(result, Article | Rejection)


def test_a_10_mb_article_is_rejected_as_too_long_at_once(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = SENTENCE + "\n\n"
    path.write_text(line * (10_000_000 // len(line) + 1))
    started = _cpu()
    [raw] = list(read_inputs([str(path)]))
    result = clean_document(raw)  # type: ignore[arg-type]
    assert _cpu() - started < 5
    assert isinstance(result, Rejection)
    assert result.reason.startswith("too long: 10,0") and "limit 1,000,000" in result.reason


def test_a_text_of_many_lines_is_cleaned_in_linear_time() -> None:
    # 21,000 lines, just under the limit: the repeated-line check was quadratic (13 s for
    # 200,000 characters, over 3 minutes for 2 MB).
    text = "\n\n".join(f"{SENTENCE[:-1]} in report {i}." for i in range(10_500))
    started = _cpu()
    result = clean_document(RawDocument("lines", "lines", text, kind="text"))
    assert _cpu() - started < 10
    assert isinstance(result, Article) and len(result.text) > 900_000


def test_a_500000_character_line_is_cleaned_quickly_and_limits_hold() -> None:
    line = ("Russia condemned the attack on Ukraine. " * 12_500)[:500_000]
    started = _cpu()
    result = clean_document(RawDocument("line", "line", line, kind="text"))
    assert _cpu() - started < 5
    assert isinstance(result, Article) and len(result.text) == len(line.strip())
    over = clean_document(RawDocument("x", "x", "word " * (MAX_ARTICLE_CHARS // 5 + 1), "text"))
    assert isinstance(over, Rejection) and over.reason.startswith("too long")


@long_only
def test_long_a_500000_character_line_is_coded_end_to_end(coder) -> None:
    from newsevents.api import code_text

    events = code_text("Russia condemned the attack on Ukraine. " * 12_500, coder=coder)
    assert events and all(e.source.country == "RUS" for e in events)


@long_only
def test_long_a_10_mb_html_page_is_cut_and_cleaned(coder) -> None:
    page = (
        "<html><body>"
        + "".join(f"<p>{SENTENCE[:-1]} in report {i}.</p>" for i in range(120_000))
        + "</body></html>"
    )
    result = clean_document(RawDocument("big", "big", page, kind="html"))
    assert isinstance(result, Article | Rejection)


# gzip: damaged archives and bombs -------------------------------------------------------


def _bomb(head: bytes, megabytes: int, fill: bytes = b"\0") -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = fill * (1 << 20)
    parts = [packer.compress(head)]
    parts.extend(packer.compress(block) for _ in range(megabytes))
    parts.append(packer.flush())
    return b"".join(parts)


def _warc(compress: bool, body: str = SENTENCE) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    html = f"<html><body><article><p>{body}</p></article></body></html>".encode()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://news.example/a", "response", payload=io.BytesIO(html), http_headers=headers
        )
    )
    return buffer.getvalue()


def _read_bounded(data: bytes, suffix: str) -> tuple[list[RawDocument | ReadError], float, int]:
    """The items read, the CPU seconds it took and the peak of memory allocated."""
    tracemalloc.start()
    started = _cpu()
    try:
        items = list(read_stream(data, origin=f"bomb{suffix}", stem="bomb", suffix=suffix))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return items, _cpu() - started, peak


BOMB_MB = 1024 if LONG else 96


@pytest.mark.parametrize(
    ("name", "head", "fill"),
    [
        ("one endless line", b"WARC/1.0\r\n", b"\0"),
        ("endless blank lines", b"WARC/1.0\r\n", b"\n"),
        (
            "one huge HTML record",
            b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: 99999999999\r\n"
            b"\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
            b"a\n",
        ),
    ],
)
def test_a_warc_gz_bomb_is_refused_within_bounds(name: str, head: bytes, fill: bytes) -> None:
    bomb = _bomb(head, BOMB_MB, fill)
    assert len(bomb) < BOMB_MB * 1024 * 1024 / 200  # it would expand over 200 fold
    items, seconds, peak = _read_bounded(bomb, ".warc.gz")
    assert not [i for i in items if isinstance(i, RawDocument)]
    assert any(isinstance(i, ReadError) and "WARC" in i.message for i in items), name
    for item in items:
        _one_line(item)  # type: ignore[arg-type]
    assert seconds < 30 and peak < 400 * 1024 * 1024, (name, seconds, peak)


def test_a_gz_text_bomb_is_refused_within_bounds(tmp_path: Path) -> None:
    path = tmp_path / "article.txt.gz"
    path.write_bytes(_bomb(SENTENCE.encode() + b"\n", BOMB_MB, b"a\n"))
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, ReadError) and "bad gzip" in item.message
    _one_line(item)


def test_a_bomb_after_a_good_record_keeps_the_record() -> None:
    good = _warc(compress=True)
    items, _, _ = _read_bounded(good + _bomb(b"WARC/1.0\r\n", 200), ".warc.gz")
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadError"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"WARC/1.0 but not gzip and no records",
        b"\x1f\x8b" + os.urandom(2000),  # gzip magic, then noise
        gzip.compress(b"WARC/1.0\r\n" + b"x" * 1000)[:40],  # cut short
        b"<html><body><p>" + SENTENCE.encode() + b"</p></body></html>",  # HTML, misnamed
        bytes(range(256)) * 40,
    ],
    ids=["empty", "text", "noise", "truncated", "html", "binary"],
)
def test_a_warc_gz_that_is_not_gzip_is_one_clear_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    items = list(read_inputs([str(path)]))
    assert items and all(isinstance(i, ReadError) for i in items)
    for item in items:
        _one_line(item)  # type: ignore[arg-type]


def test_a_corrupted_warc_gz_is_an_error_after_the_good_records(capfd) -> None:
    good = _warc(compress=True)
    damaged = bytearray(_warc(compress=True, body="Second article about Iran and the talks."))
    damaged[len(damaged) // 2] ^= 0xFF
    items = list(read_stream(good + bytes(damaged), origin="c", stem="c", suffix=".warc.gz"))
    assert isinstance(items[0], RawDocument) and isinstance(items[-1], ReadError)
    assert "WARC" in items[-1].message
    out, err = capfd.readouterr()
    assert not out and not err  # warcio's own messages are not printed


def test_a_record_with_a_wrong_content_length_is_one_error_not_stderr_noise(capfd) -> None:
    record = _warc(compress=False)
    length = record.split(b"Content-Length: ")[1].split(b"\r\n")[0]
    broken = record.replace(b"Content-Length: " + length, b"Content-Length: 50", 1)
    items = list(read_stream(broken + _warc(False), origin="w", stem="w", suffix=".warc"))
    assert any(isinstance(i, ReadError) and "damaged record" in i.message for i in items)
    assert not capfd.readouterr().err


def test_bounded_gunzip_reads_multi_member_gzip_and_padding() -> None:
    data = gzip.compress(b"one\n") + gzip.compress(b"two\n") + b"\0" * 100
    assert BoundedGunzip(data).read() == b"one\ntwo\n"
    with pytest.raises(ValueError, match="not gzip"):
        BoundedGunzip(gzip.compress(b"one\n") + b"garbage").read()
    with pytest.raises(ExpansionLimit):
        BoundedGunzip(gzip.compress(b"\n" * 5_000_000), floor=1000).read()


# end to end: a directory of hostile files ---------------------------------------------------


def _hostile_directory(root: Path) -> dict[str, int]:
    """Files of every hostile kind; returns how many good articles it holds."""
    root.mkdir()
    (root / "good.txt").write_text(f"Sanctions\n\n{SENTENCE}\n")
    hebrew, arabic = "\u05e2\u05d1\u05e8\u05d9\u05ea", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"
    (root / "rtl.txt").write_text(f"\u202e{SENTENCE}\u202c {hebrew} {arabic}\n")
    (root / "controls.txt").write_text(f"\x00\x01{SENTENCE}\x07\x1b[31m\n")
    (root / "huge.txt").write_text((SENTENCE + "\n") * 140_000)
    (root / "deep.html").write_text(
        "<html><body>" + "<div>" * 10_000 + "<p>Russia condemned the strike on Friday.</p>"
    )
    (root / "broken.html").write_text("<html><body><p>unclosed <b>bold <i>italic</p></tabl")
    (root / "feed.xml").write_text("<?xml version='1.0'?><rss><channel><item><title>x")
    (root / "feed.atom").write_text('<feed xmlns="http://www.w3.org/2005/Atom"><entry>')
    (root / "notgzip.warc.gz").write_bytes(b"this is not gzip")
    (root / "bomb.warc.gz").write_bytes(_bomb(b"WARC/1.0\r\n", 128))
    (root / "crawl.warc.gz").write_bytes(
        _warc(True, "Iran and Russia held talks in Tehran on Monday.")
    )
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "latin1.txt").write_bytes("Caf\xe9 \xe0 Paris".encode("latin-1"))
    (root / "bad.jsonl").write_text('{"text": "' + SENTENCE + '"}\n{not json\n')
    (root / "empty.txt").write_text("")
    (root / "huge-field.csv").write_text("text\n" + '"' + "word " * 300_000 + '"\n')
    return {"good": 5}  # good, rtl, controls, deep, crawl (and the first jsonl record)


def test_a_directory_of_hostile_files_is_ingested_with_one_line_per_problem(
    tmp_path: Path, coder
) -> None:
    root = tmp_path / "hostile"
    _hostile_directory(root)
    db = tmp_path / "hostile.duckdb"
    problems: list[tuple[str, str, str]] = []
    summary = run_ingest(
        [str(root)], Settings(db_path=db), coder=coder, on_problem=lambda *p: problems.append(p)
    )
    assert summary.new >= 5
    assert summary.rejected["too long"] == 2  # huge.txt and the CSV's huge field
    assert len(summary.errors) >= 6  # not gzip, bomb, binary, latin-1, bad json line, feeds
    for kind, origin, message in problems:
        assert message and "\n" not in message and "Traceback" not in message, (kind, origin)
    _assert_sound(db)


@long_only
def test_long_the_ingest_command_on_hostile_files_exits_1_with_one_line_each(
    tmp_path: Path,
) -> None:
    root = tmp_path / "hostile"
    _hostile_directory(root)
    result = subprocess.run(
        [*NEWSEVENTS, "ingest", str(root), "--db", str(tmp_path / "h.duckdb")],
        capture_output=True,
        text=True,
        timeout=600,
        env=_env(),
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert all(line.startswith(("error:", "rejected:", "read ")) for line in _lines(result))


# -- 2. crash safety -------------------------------------------------------------------------

NEWSEVENTS = [sys.executable, "-m", "newsevents"]
# The ingest command with smaller batches (more commits to kill between): the CLI itself,
# with the pipeline's chunk size patched.
SMALL_BATCHES = """
import sys
import newsevents.pipeline as pipeline
size = int(sys.argv[1])
chunks = pipeline.chunks
pipeline.chunks = lambda items, _size: chunks(items, size)
from newsevents.cli import main
sys.argv = ["newsevents", "ingest", *sys.argv[2:]]
main()
"""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSEVENTS_DB"}
    env.update(extra)
    return env


def _lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def _ingest_command(paths: list[Path], db: Path, batch: int | None) -> list[str]:
    args = [*map(str, paths), "--db", str(db)]
    if batch is None:
        return [*NEWSEVENTS, "ingest", *args]
    return [sys.executable, "-c", SMALL_BATCHES, str(batch), *args]


def _counts(db: Path) -> tuple[int, int] | None:
    """(ingest runs, articles) stored so far, read the way any reader would; None while the
    store is locked or not there yet."""
    if not db.exists():
        return None
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    try:
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        if not {"articles", "ingest_runs"} <= tables:
            return (0, 0)
        runs = con.execute("SELECT count(*) FROM ingest_runs").fetchone()[0]  # type: ignore[index]
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
        return (runs, articles)
    finally:
        con.close()


def _count_articles(db: Path) -> int | None:
    counts = _counts(db)
    return None if counts is None else counts[1]


def _kill_after(command: list[str], db: Path, new_articles: int, delay: float) -> str:
    """Start the command; once its run is recorded and it has stored ``new_articles`` new
    articles, wait ``delay`` seconds and SIGKILL it. Says what happened."""
    runs_before, articles_before = _counts(db) or (0, 0)
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env()
    )
    try:
        deadline = time.monotonic() + 600
        while process.poll() is None and time.monotonic() < deadline:
            runs, articles = _counts(db) or (0, 0)
            if runs > runs_before and articles >= articles_before + new_articles:
                time.sleep(delay)  # the random point of the kill, not a wait for anything
                break
            time.sleep(0.05)  # poll again
        if process.poll() is not None:
            return "finished before the kill"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        return "killed"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _contents(db: Path) -> dict[str, list[str]]:
    """Each stored article id with the sorted ids of its events."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT a.article_id, list(e.event_id ORDER BY e.event_id) FILTER "
            "(WHERE e.event_id IS NOT NULL) FROM articles a LEFT JOIN events e "
            "USING (article_id) GROUP BY 1"
        ).fetchall()
    finally:
        con.close()
    return {article: list(events or []) for article, events in rows}


def _assert_sound(db: Path) -> None:
    """The store opens (replaying its log), checkpoints, reads back every block (DuckDB
    checks block checksums on read; it has no separate verify command) and keeps its
    invariants: unique keys, no event without its article, event counts that match, every
    dated event in an existing cluster."""
    con = duckdb.connect(str(db))
    try:
        con.execute("FORCE CHECKPOINT")
        tables = [r[0] for r in con.execute("SHOW TABLES").fetchall()]
        for table in tables:
            con.sql(f"SELECT * FROM {table}").to_arrow_table()
        checks = {
            "duplicate articles": "SELECT count(*) - count(DISTINCT article_id) FROM articles",
            "duplicate events": "SELECT count(*) - count(DISTINCT event_id) FROM events",
            "orphan events": "SELECT count(*) FROM events ANTI JOIN articles USING (article_id)",
            "wrong n_events": "SELECT count(*) FROM articles a WHERE n_events != (SELECT "
            "count(*) FROM events e WHERE e.article_id = a.article_id)",
            "unclustered events": "SELECT count(*) FROM events WHERE date_start IS NOT NULL "
            "AND cluster_id NOT IN (SELECT cluster_id FROM event_clusters)",
            "null clusters": "SELECT count(*) FROM events WHERE date_start IS NOT NULL "
            "AND cluster_id IS NULL",
            "mentions": "SELECT (SELECT coalesce(sum(n_mentions), 0) FROM event_clusters) - "
            "(SELECT count(*) FROM events WHERE cluster_id IS NOT NULL)",
        }
        for name, sql in checks.items():
            assert con.execute(sql).fetchone()[0] == 0, name  # type: ignore[index]
    finally:
        con.close()
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] >= 0


def _text_samples(directory: Path, count: int) -> Path:
    """A corpus of the first ``count`` plain-text samples (links to them)."""
    directory.mkdir()
    for path in sorted(SAMPLES.glob("*.txt"))[:count]:
        (directory / path.name).symlink_to(path)
    return directory


@pytest.fixture(scope="module")
def sample_reference(
    tmp_path_factory: pytest.TempPathFactory, shipped_coder
) -> dict[str, list[str]]:
    """The ten plain-text samples ingested once, uninterrupted, in this process, by the
    coder as it ships (the model too, as the ingest subprocesses run it)."""
    root = tmp_path_factory.mktemp("reference")
    db = root / "reference.duckdb"
    run_ingest(
        [str(_text_samples(root / "corpus", 10))], Settings(db_path=db), coder=shipped_coder
    )
    _assert_sound(db)
    return _contents(db)


def _crash_and_recover(
    paths: list[Path], db: Path, batch: int | None, kills: list[tuple[int, float]]
) -> list[str]:
    """Kill the ingest at each (new articles stored, delay) point, then run it to the end."""
    command = _ingest_command(paths, db, batch)
    outcomes = [_kill_after(command, db, new, delay) for new, delay in kills]
    final = subprocess.run(command, capture_output=True, text=True, timeout=1200, env=_env())
    assert final.returncode == 0, final.stderr
    assert "Traceback" not in final.stderr
    _assert_sound(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        statuses = [
            r[0]
            for r in con.execute("SELECT status FROM ingest_runs ORDER BY started_at").fetchall()
        ]
    finally:
        con.close()
    assert "running" not in statuses and statuses[-1] == "finished"
    # a kill can land after a run has recorded its end, not before it has started
    assert 1 <= statuses.count("interrupted") <= outcomes.count("killed")
    return outcomes


@slow
def test_an_ingest_killed_at_random_points_stores_each_article_once(
    tmp_path: Path, sample_reference: dict[str, list[str]]
) -> None:
    corpus = _text_samples(tmp_path / "corpus", 10)  # ten articles, five batches
    rng = random.Random(os.environ.get("NEWSEVENTS_CRASH_SEED", "9"))
    db = tmp_path / "crash.duckdb"
    kills = [(1, rng.uniform(0, 0.3)), (rng.randint(1, 4), rng.uniform(0, 0.5))]
    outcomes = _crash_and_recover([corpus], db, batch=2, kills=kills)
    assert outcomes[0] == "killed"
    stored = _contents(db)
    assert len(stored) == 10 and stored == {a: sample_reference[a] for a in stored}


@long_only
def test_long_ingest_of_samples_and_wikinews_killed_many_times(
    tmp_path: Path, shipped_coder
) -> None:
    wikinews = SHARED / "corpus" / "wikinews" / "wikinews_2019.csv"
    if not wikinews.exists():
        pytest.skip("../shared is not present")
    paths = [SAMPLES, wikinews]
    reference = tmp_path / "reference.duckdb"
    run_ingest([str(p) for p in paths], Settings(db_path=reference), coder=shipped_coder)
    expected = _contents(reference)
    rng = random.Random(os.environ.get("NEWSEVENTS_CRASH_SEED", "9"))
    db = tmp_path / "crash.duckdb"
    kills = [(rng.randint(1, 40), rng.uniform(0, 3)) for _ in range(6)]  # about 6 batches
    outcomes = _crash_and_recover(paths, db, batch=None, kills=kills)
    assert outcomes.count("killed") >= 3
    assert _contents(db) == expected
    db_small = tmp_path / "crash-small.duckdb"
    kills = [(rng.randint(1, 12), rng.uniform(0, 0.3)) for _ in range(8)]
    _crash_and_recover(paths, db_small, batch=3, kills=kills)
    assert _contents(db_small) == expected


# -- 3. processes sharing a store ------------------------------------------------------------


@slow
def test_readers_read_and_a_second_writer_is_turned_away_while_an_ingest_runs(
    tmp_path: Path, sample_reference: dict[str, list[str]]
) -> None:
    corpus = _text_samples(tmp_path / "corpus", 8)  # eight articles, four batches
    db = tmp_path / "shared.duckdb"
    writer = subprocess.Popen(
        _ingest_command([corpus], db, batch=2),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    seen: list[int] = []
    second: subprocess.Popen[str] | None = None
    events_cli: subprocess.Popen[str] | None = None
    deadline = time.monotonic() + 600
    try:
        while writer.poll() is None and time.monotonic() < deadline:  # poll the store
            if second is None and db.exists():
                # The run is registered: the writer holds the lock from here to its end
                # (loading the model alone takes seconds), so a second ingest started now
                # must be turned away. Starting it after the first stored batch raced the
                # writer's end once the ingest got faster.
                second = _popen([*NEWSEVENTS, "ingest", str(corpus), "--db", str(db)])
                events_cli = _popen(
                    [*NEWSEVENTS, "events", "--db", str(db), "--format", "csv"],
                    NEWSEVENTS_BUSY_TIMEOUT="60",
                )
            if not db.exists() or not (_count_articles(db) or 0):
                time.sleep(0.05)
                continue
            with Store(db, read_only=True, busy_timeout=10) as store:  # waits for a batch
                seen.append(store.counts()["articles"])
                mismatched = store.query(
                    "SELECT count(*) AS n FROM articles a WHERE n_events != (SELECT count(*) "
                    "FROM events e WHERE e.article_id = a.article_id)"
                )
                assert mismatched.to_pylist() == [{"n": 0}]  # whole batches only
            time.sleep(0.1)
        assert writer.wait(timeout=600) == 0, writer.stderr.read() if writer.stderr else ""
        assert second is not None and events_cli is not None
        second_err = second.communicate(timeout=120)[1]
        events_out, events_err = events_cli.communicate(timeout=120)
    finally:
        for process in (writer, second, events_cli):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    assert second.returncode == 1
    assert second_err.strip() == f"error: {NewseventsError('E011', path=db).message}"
    assert events_cli.returncode == 0, events_err
    assert "Traceback" not in events_err and events_out.startswith('"event_id"')
    assert seen == sorted(seen) and seen[0] > 0
    stored = _contents(db)
    assert len(stored) == 8 and stored == {a: sample_reference[a] for a in stored}
    assert any(0 < n < len(stored) for n in seen)  # read between batches
    _assert_sound(db)


def _popen(command: list[str], **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(**env)
    )


@slow
def test_a_reader_waits_for_a_writer_then_says_busy_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    Store(db).close()
    holder = duckdb.connect(str(db))  # a writer in the middle of a batch
    try:
        started = time.monotonic()
        impatient = _popen([*NEWSEVENTS, "events", "--db", str(db)], NEWSEVENTS_BUSY_TIMEOUT="1")
        patient = _popen(
            [*NEWSEVENTS, "sql", "SELECT count(*) AS n FROM articles", "--db", str(db)],
            NEWSEVENTS_BUSY_TIMEOUT="60",
        )
        impatient_err = impatient.communicate(timeout=120)[1]
        waited = time.monotonic() - started
        # the patient reader is still waiting for the writer, not done nor failed
        still_waiting = patient.poll() is None
    finally:
        holder.close()  # the batch is written: the patient reader gets in
    out, err = patient.communicate(timeout=120)
    assert impatient.returncode == 1 and waited >= 1  # it waited out its second first
    assert still_waiting, err
    assert impatient_err.strip() == f"error: {NewseventsError('E011', path=db).message}"
    assert patient.returncode == 0, err
    assert "0" in out


def test_a_second_ingest_in_the_same_process_gets_busy_at_once(tmp_path: Path, coder) -> None:
    db = tmp_path / "locked.duckdb"
    with writer_lock(db), pytest.raises(NewseventsError) as caught:
        run_ingest([str(SAMPLES)], Settings(db_path=db), coder=coder)
    assert caught.value.code == "E011"
    with writer_lock(db):  # released when its holder is done
        pass


def test_a_run_that_died_is_marked_interrupted_and_its_events_clustered(
    tmp_path: Path, coder
) -> None:
    db = tmp_path / "died.duckdb"
    run_ingest(
        [str(SAMPLES / "2020-01-03-soleimani-killed.txt")], Settings(db_path=db), coder=coder
    )
    with Store(db) as store:  # what a run killed after writing, before clustering, leaves
        store.con.execute("UPDATE events SET cluster_id = NULL")
        store.con.execute("DELETE FROM event_clusters")
        store.con.execute("UPDATE ingest_runs SET status = 'running'")
    summary = run_ingest(
        [str(SAMPLES / "2020-01-03-soleimani-killed.txt")], Settings(db_path=db), coder=coder
    )
    assert summary.new == 0 and summary.duplicate == 1
    _assert_sound(db)
    with Store(db, read_only=True) as store:
        statuses = store.query("SELECT status FROM ingest_runs ORDER BY started_at").to_pylist()
    assert [s["status"] for s in statuses] == ["interrupted", "finished"]


def test_the_writer_lock_is_one_small_file_next_to_the_store(tmp_path: Path) -> None:
    db = tmp_path / "files.duckdb"
    with writer_lock(db) as lock:
        assert lock == Path(f"{db}.lock")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["files.duckdb.lock"]
