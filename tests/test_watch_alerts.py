"""Alert rules: each fires exactly when its condition holds, on a store built by hand (with
and without the planted condition), never twice; the rules file is checked when it loads;
alerts reach the store, the JSON lines log, standard output and a webhook."""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from feed_server import Route, article_html, rss, serving
from test_watch import run_main

from newsevents.errors import NewseventsError
from newsevents.records import Actor, Article, Event, Evidence
from newsevents.store import Store
from newsevents.store.watching import WatchState
from newsevents.watch import check_rules, load_rules
from newsevents.watch.rules import AlertRules, FirstRule, NewPairRule, SurgeRule

ROOT = Path(__file__).resolve().parent.parent
USA = Actor("USAGOV", "USA", "GOV", "United States", "Washington", "country:USA")
IRN = Actor("IRN", "IRN", None, "Iran", "Iran", "country:IRN")
PRK = Actor("PRKMIL", "PRK", "MIL", "North Korea", "North Korea's army", "country:PRK")
CHN = Actor("CHN", "CHN", None, "China", "China", "country:CHN")
CODES = {"042": (1, 1.9), "111": (3, -2.0), "190": (4, -10.0), "173": (4, -5.0)}
MONDAY = date(2024, 1, 1)  # weeks start on Mondays: week n is MONDAY + 7n days
NOW = datetime(2024, 3, 10, 12, 0)


def _event(number: int, source: Actor, target: Actor | None, cameo: str, day: date) -> Event:
    quad, goldstein = CODES[cameo]
    return Event(
        event_id=f"e{number:05d}",
        doc_id=f"doc{number}",
        sentence_index=0,
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=None,
        plover_mode=None,
        quad_class=quad,
        goldstein=goldstein,
        modality="asserted",
        attributed_to=None,
        date=day.isoformat(),
        date_precision="day",
        location=None,
        evidence=Evidence("A sentence.", 0, 11, "did"),
        confidence=0.9,
        article_id=f"article{number}",
    )


def _write(store: Store, events: list[Event]) -> None:
    coded = [(Article(e.article_id, e.doc_id, "hand", f"Text {e.event_id}."), [e]) for e in events]
    store.write_batch("run", coded)


def _store(db: Path, old: list[Event], new: list[Event]) -> datetime:
    """Old events, the watermark, then new events; returns the watermark."""
    with Store(db) as store:
        _write(store, old)
        mark = WatchState(store).latest_ingest() or datetime(1970, 1, 1)
        time.sleep(0.01)  # the new articles are ingested strictly later
        _write(store, new)
    return mark


def _weekly(start: int, source: Actor, target: Actor, cameo: str, weeks: int) -> list[Event]:
    return [
        _event(start + week, source, target, cameo, MONDAY + timedelta(weeks=week))
        for week in range(weeks)
    ]


def _check(db: Path, mark: datetime, *rules) -> list:
    with Store(db) as store:
        return check_rules(store, AlertRules(tuple(rules)), mark, NOW)


SURGE = SurgeRule("usa-irn-conflict", dyad=("USA", "IRN"), quad_class=4)


def _burst(cameo: str, count: int) -> list[Event]:
    week9 = MONDAY + timedelta(weeks=9)
    return [_event(100 + n, USA, IRN, cameo, week9 + timedelta(days=n % 5)) for n in range(count)]


def test_a_planted_surge_raises_a_surge_alert(db: Path) -> None:
    # one USA->IRN QuadClass 4 event a week for nine weeks, then six in the tenth week:
    # baseline 1, P(X >= 6 | 1) = 0.0006 < 0.001
    mark = _store(db, _weekly(0, USA, IRN, "190", 9), _burst("190", 6))
    [alert] = _check(db, mark, SURGE)
    assert alert.alert_key == "surge|usa-irn-conflict|2024-03-04"
    assert alert.details["events"] == 6 and alert.details["baseline"] == 1.0
    assert alert.details["p_value"] < 0.001
    assert "6 events in the week of 2024-03-04" in alert.message
    # the same, asked of one actor
    [alert] = _check(db, mark, SurgeRule("iran", actor="IRN", quad_class=4))
    assert alert.details["period"] == "2024-03-04"


@pytest.mark.parametrize(
    "burst",
    [
        pytest.param(_burst("190", 1), id="no-burst"),
        pytest.param(_burst("190", 2), id="too-small-to-be-a-surge"),
        pytest.param(_burst("042", 6), id="burst-of-another-quad-class"),
    ],
)
def test_no_surge_alert_without_the_surge(db: Path, burst: list[Event]) -> None:
    mark = _store(db, _weekly(0, USA, IRN, "190", 9), burst)
    assert _check(db, mark, SURGE) == []


def test_a_surge_in_an_earlier_week_is_not_the_latest_period(db: Path) -> None:
    # the burst is there, but a later event makes week 11 the store's latest period
    later = _event(900, CHN, PRK, "042", MONDAY + timedelta(weeks=11))
    mark = _store(db, _weekly(0, USA, IRN, "190", 9), [*_burst("190", 6), later])
    assert _check(db, mark, SURGE) == []


def test_first_event_of_a_code_fires_once_for_the_first(db: Path) -> None:
    old = _weekly(0, USA, IRN, "111", 3)
    new = [_event(50, USA, PRK, "190", MONDAY + timedelta(weeks=4))]
    mark = _store(db, old, new)
    [alert] = _check(db, mark, FirstRule("first-assault", code="19"))
    assert alert.alert_key == "first|first-assault|first"
    assert alert.details["event_id"] == "e00050" and alert.details["cameo"] == "190"
    [alert] = _check(db, mark, FirstRule("prk", code="190", actor="PRK"))
    assert _check(db, mark, FirstRule("china", code="19", actor="CHN")) == []
    assert _check(db, mark, FirstRule("coerce", code="17")) == []


def test_first_event_rule_is_silent_when_the_code_was_met_before(db: Path) -> None:
    old = [*_weekly(0, USA, IRN, "111", 3), _event(40, IRN, USA, "190", MONDAY)]
    new = [_event(50, USA, PRK, "190", MONDAY + timedelta(weeks=4))]
    mark = _store(db, old, new)
    assert _check(db, mark, FirstRule("first-assault", code="19")) == []
    # but the first with North Korea is still a first
    assert len(_check(db, mark, FirstRule("prk", code="19", actor="PRK"))) == 1


def test_a_new_pair_of_actors_fires_for_that_pair_only(db: Path) -> None:
    old = [*_weekly(0, USA, IRN, "111", 3), _event(40, CHN, PRK, "042", MONDAY)]
    new = [
        _event(50, IRN, USA, "111", MONDAY + timedelta(weeks=4)),  # known pair, reversed
        _event(51, USA, PRK, "190", MONDAY + timedelta(weeks=4)),  # new
        _event(52, PRK, USA, "111", MONDAY + timedelta(weeks=5)),  # the same new pair again
        _event(53, USA, None, "173", MONDAY + timedelta(weeks=5)),  # no target: no pair
    ]
    mark = _store(db, old, new)
    [alert] = _check(db, mark, NewPairRule("pairs"))
    assert alert.alert_key == "new-pair|pairs|PRK|USA"
    assert alert.details["event_id"] == "e00051"
    assert _check(db, mark, NewPairRule("china-pairs", actor="CHN")) == []
    [by_code] = _check(db, mark, NewPairRule("codes", level="code"))
    assert by_code.details["pair"] == ["PRKMIL", "USAGOV"]


def test_no_new_articles_no_alerts(db: Path) -> None:
    mark = _store(db, _weekly(0, USA, IRN, "190", 9) + _burst("190", 6), [])
    assert _check(db, mark, SURGE, FirstRule("f", code="19"), NewPairRule("p")) == []


def test_an_alert_is_not_raised_twice(db: Path) -> None:
    mark = _store(db, _weekly(0, USA, IRN, "190", 9), _burst("190", 6))
    with Store(db) as store:
        state = WatchState(store)
        found = check_rules(store, AlertRules((SURGE, NewPairRule("p"))), mark, NOW)
        assert len(state.add_alerts(found)) == 1  # the surge; USA-IRN is no new pair
        again = check_rules(store, AlertRules((SURGE,)), mark, NOW + timedelta(hours=1))
        assert len(again) == 1 and state.add_alerts(again) == []
        assert [a.alert_key for a in state.latest_alerts()] == [found[0].alert_key]


# -- the rules file -------------------------------------------------------------------------


def test_the_example_rules_file_loads() -> None:
    rules = load_rules(ROOT / "docs" / "alerts.example.toml")
    assert {rule.kind for rule in rules.rules} == {"surge", "first", "new-pair"}
    assert all(rule.name for rule in rules.rules)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("webhok = 'http://x'", "top level: unknown key 'webhok'"),
        ("[[rule]]\nname = 'a'\nkind = 'spike'\nactor = 'USA'", "kind must be one of surge"),
        (
            "[[rule]]\nname = 'a'\nkind = 'surge'\nactr = 'USA'",
            "rule 1 (a): unknown key 'actr' for a surge rule",
        ),
        ("[[rule]]\nkind = 'new-pair'", "every rule needs a name"),
        ("[[rule]]\nname = 'a'\nkind = 'surge'\nquad_class = 4", "needs an actor or a dyad"),
        ("[[rule]]\nname = 'a'\nkind = 'surge'\nactor = 'USA'\nquad_class = 7", "quad_class"),
        ("[[rule]]\nname = 'a'\nkind = 'surge'\nactor = 'USA'\nwindow = '8'", "wrong type"),
        ("[[rule]]\nname = 'a'\nkind = 'first'\ncode = '1 9'", "code must be a CAMEO code"),
        ("[[rule]]\nname = 'a'\nkind = 'first'\ncode = '19'\nactor = ''", "'' is no actor"),
        ("[[rule]]\nname = 'a'\nkind = 'surge'\nactor = 'U SA'", "'U SA' is no actor"),
        ("[[rule]]\nname = 'a'\nkind = 'surge'\ndyad = ['USA', ' ']", "' ' is no actor"),
        ("[[rule]]\nname = 'a'\nkind = 'surge'\nactor = 'USA'\nmin_count = 0", "min_count"),
        ("[[rule]]\nname = 'a'\nkind = 'new-pair'\nlevel = 'city'", "level must be one of"),
        ("[[rule]]\nname = 'a'\nkind = 'new-pair'\nmodality = 'maybe'", "modality must be"),
        ("[[rule]]\nname='a'\nkind='new-pair'\n[[rule]]\nname='a'\nkind='new-pair'", "two rules"),
        ("webhook = 'ftp://x'", "webhook: must be an http"),
        ("[[rule]\nname = 'a'", "TOML"),
    ],
)
def test_a_bad_rules_file_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "alerts.toml"
    path.write_text(text)
    with pytest.raises(NewseventsError) as caught:
        load_rules(path)
    assert caught.value.code == "E024"
    assert message in caught.value.message and str(path) in caught.value.message


def test_the_command_refuses_a_bad_rules_file_in_one_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "alerts.toml"
    rules.write_text("[[rule]]\nname = 'a'\nkind = 'surge'\nactr = 'USA'\n")
    args = ["watch", str(tmp_path), "--db", str(db), "--alerts", str(rules)]
    code, _, err = run_main(args, capsys)
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith("error: ") and "unknown key 'actr'" in line


# -- alerts of a cycle, end to end ----------------------------------------------------------


def test_a_cycle_raises_alerts_to_store_log_stdout_and_webhook(
    db: Path,
    tmp_path: Path,
    coder,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from newsevents.cli import watch_cmd

    monkeypatch.setattr(watch_cmd, "_load_coder", lambda settings: coder)
    rules, log = tmp_path / "alerts.toml", tmp_path / "alerts.jsonl"
    with serving() as server:
        rules.write_text(
            f"webhook = '{server.url('/hook')}'\n[[rule]]\nname = 'pairs'\nkind = 'new-pair'\n"
        )
        server.routes["/hook"] = Route(b"", status=200)
        for number in range(2):
            server.page(f"/a/{number}.html", article_html(number))
        items = [(f"i{n}", server.url(f"/a/{n}.html")) for n in range(2)]
        server.feed("/feed.xml", rss(items))
        args = ["watch", server.url("/feed.xml"), "--db", str(db), "--once", "--delay", "0"]
        args += ["--alerts", str(rules), "--alerts-log", str(log)]
        code, out, err = run_main(args, capsys)
        assert code == 0, err
        printed = [line for line in out.splitlines() if line.startswith("alert: [pairs] new pair")]
        logged = [json.loads(line) for line in log.read_text().splitlines()]
        posted = [json.loads(body) for path, body in server.posts if path == "/hook"]
        assert printed and len(printed) == len(logged) == len(posted)
        assert {a["alert_key"] for a in logged} == {a["alert_key"] for a in posted}
        assert all(a["kind"] == "new-pair" and a["rule"] == "pairs" for a in logged)
        assert f"alerts {len(printed)}" in err.splitlines()[-1]

        # the next cycle finds nothing new: no alert again, whatever is checked
        server.feed("/feed.xml", rss(items) + " ")
        code, out, err = run_main(args, capsys)
        assert code == 0 and out == "" and len(log.read_text().splitlines()) == len(logged)

        # a failing webhook is said in one line and stops nothing
        server.routes["/hook"] = Route(b"", status=500)
        server.page("/a/3.html", article_html(3))  # France and Germany: a pair not met yet
        server.feed("/feed.xml", rss([*items, ("i3", server.url("/a/3.html"))]))
        code, out, err = run_main(args, capsys)
    assert code == 0
    assert "alert: [pairs] new pair" in out
    [failure] = [line for line in err.splitlines() if line.startswith("error: webhook ")]
    assert "HTTP 500" in failure
    with Store(db, read_only=True) as store:
        stored = WatchState(store).latest_alerts()
        assert len(stored) == len(log.read_text().splitlines())
        assert WatchState(store).last_cycle()["alerts"] == len(out.splitlines())


def test_docs_name_every_rule_kind_and_key() -> None:
    from newsevents.watch.rules import COMMON_KEYS, KIND_KEYS, TOP_KEYS

    page = (ROOT / "docs" / "watch.md").read_text(encoding="utf-8")
    for key in [
        *TOP_KEYS,
        *COMMON_KEYS,
        *KIND_KEYS,
        *(k for keys in KIND_KEYS.values() for k in keys),
    ]:
        assert f"`{key}`" in page or f"{key} = " in page or f"[[{key}]]" in page, key


def test_an_unreachable_webhook_is_not_asked_again_for_each_alert(tmp_path: Path) -> None:
    from newsevents.store.watching import AlertRecord
    from newsevents.watch import deliver

    alerts = [
        AlertRecord(f"new-pair|p|A{n}|B", "p", "new-pair", NOW, f"[p] {n}", {}) for n in range(3)
    ]
    said: list[str] = []
    with serving() as server:
        closed = server.url("/hook")
    deliver(alerts, tmp_path / "alerts.jsonl", closed, said.append)  # the server is gone
    [line] = said
    assert line.startswith(f"webhook {closed}: ") and line.endswith("(2 more alerts not sent)")
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == 3  # the log has all
    with serving() as server:
        server.routes["/hook"] = Route(b"", status=500)
        said.clear()
        deliver(alerts, None, server.url("/hook"), said.append)
        assert len(server.posts) == 3 and len(said) == 3  # it answers: each is tried
