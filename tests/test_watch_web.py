"""The HTTP API's alerts: ``/api/alerts`` gives the latest alerts of ``newsevents watch``,
newest first, and its last cycle; a store never watched gives none."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsevents.store import Store
from newsevents.store.watching import AlertRecord, WatchState
from newsevents.web import ServeSettings, create_app

START = datetime(2026, 3, 1, 9, 0)


def watched_store(db: Path, alerts: int) -> None:
    """A store with a finished watch cycle and ``alerts`` alerts, one a minute."""
    with Store(db) as store:
        state = WatchState(store)
        cycle = state.start_cycle(START)
        state.add_alerts(
            [
                AlertRecord(
                    f"new-pair|pairs|A{n}|B{n}",
                    "pairs",
                    "new-pair",
                    START + timedelta(minutes=n),
                    f"[pairs] new pair: A{n} and B{n}",
                    {"pair": [f"A{n}", f"B{n}"]},
                )
                for n in range(alerts)
            ]
        )
        counts = {"sources": 2, "new": 7, "seen": 3, "failed": 1, "events": 12, "alerts": alerts}
        state.finish_cycle(cycle, None, counts, START + timedelta(minutes=1))


def _client(db: Path) -> TestClient:
    return TestClient(create_app(ServeSettings(db_path=db)), raise_server_exceptions=False)


def test_alerts_come_newest_first_with_the_last_cycle(db: Path) -> None:
    watched_store(db, alerts=3)
    answer = _client(db).get("/api/alerts", params={"limit": 2})
    assert answer.status_code == 200
    data = answer.json()
    assert [a["alert_key"] for a in data["alerts"]] == [
        "new-pair|pairs|A2|B2",
        "new-pair|pairs|A1|B1",
    ]
    assert data["alerts"][0] == {
        "alert_key": "new-pair|pairs|A2|B2",
        "rule": "pairs",
        "kind": "new-pair",
        "raised_at": "2026-03-01T09:02:00",
        "message": "[pairs] new pair: A2 and B2",
        "details": {"pair": ["A2", "B2"]},
    }
    cycle = data["last_cycle"]
    assert cycle["finished_at"] == "2026-03-01T09:01:00"
    assert (cycle["new"], cycle["events"], cycle["failed"], cycle["alerts"]) == (7, 12, 1, 3)


def test_a_store_never_watched_has_no_alerts(db: Path) -> None:
    Store(db).close()
    assert _client(db).get("/api/alerts").json() == {"last_cycle": None, "alerts": []}


@pytest.mark.parametrize("limit", ["0", "501", "many"])
def test_a_bad_limit_is_a_4xx(db: Path, limit: str) -> None:
    Store(db).close()
    answer = _client(db).get("/api/alerts", params={"limit": limit})
    assert answer.status_code == 422 and "limit" in answer.json()["error"]["message"]


APP_JS = Path(__file__).resolve().parent.parent / "newsevents" / "web" / "static" / "app.js"
NODE = shutil.which("node")
# The page's watchCard run by Node with a stand-in for the page's h(): the tree it builds,
# as JSON, for the answer of /api/alerts given on standard input.
NODE_SCRIPT = """
const h = (tag, attrs, ...children) => ({ tag, attrs, children: children.flat(Infinity) });
%s
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => { console.log(JSON.stringify(watchCard(JSON.parse(input)))); });
"""


def _texts(node: object) -> list[str]:
    if isinstance(node, dict):
        return [text for child in node["children"] for text in _texts(child)]
    return [str(node)]


def _by_testid(node: object, testid: str) -> dict | None:
    if not isinstance(node, dict):
        return None
    if (node.get("attrs") or {}).get("data-testid") == testid:
        return node
    return next((found for child in node["children"] if (found := _by_testid(child, testid))), None)


@pytest.mark.slow  # starts Node.js processes
@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_the_overview_shows_the_latest_alerts_and_the_last_cycle(db: Path) -> None:
    source = APP_JS.read_text(encoding="utf-8")
    assert 'api("/api/alerts?limit=10")' in source and "watchCard(watch)," in source
    function = re.search(r"^function watchCard\(watch\) \{.*?^\}$", source, re.S | re.M)
    assert function, "app.js lost its watchCard"
    script = NODE_SCRIPT % function.group(0)

    def card(answer: dict) -> dict:
        done = subprocess.run(
            [NODE, "-e", script], input=json.dumps(answer), capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    watched_store(db, alerts=2)
    shown = card(_client(db).get("/api/alerts", params={"limit": 10}).json())
    cycle = " ".join(_texts(_by_testid(shown, "last-cycle")))
    assert "Last watch cycle: 2026-03-01 09:01:00 (7 new items, 12 events, 1 failed)" in cycle
    items = _by_testid(shown, "alerts")["children"]
    assert [" ".join(_texts(item)) for item in items] == [
        "2026-03-01 09:01:00   [pairs] new pair: A1 and B1",
        "2026-03-01 09:00:00   [pairs] new pair: A0 and B0",
    ]
    never = card({"last_cycle": None, "alerts": []})
    assert "No watch cycle yet" in " ".join(_texts(never))
    assert _by_testid(never, "alerts") is None and "No alerts." in _texts(never)
