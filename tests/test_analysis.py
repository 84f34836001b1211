"""Analysis: dyads, the network, blocs, surges and attention on a store built by hand, with
the numbers worked out in the comments; plots written; the CLI's output and errors."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from newsevents.analysis import (
    AnalysisError,
    actor_surges,
    attention_shares,
    bloc_shift,
    dyad_series,
    make_scope,
    network_edges,
    network_graph,
    network_json,
    partition_signed,
    poisson_tail,
    signed_blocs,
    write_graphml,
)
from newsevents.analysis.blocs import split_edges
from newsevents.analysis.plots import (
    network_picture,
    plot_attention,
    plot_bloc_shift,
    plot_dyad,
    plot_network,
    plot_surges,
    relabel_actors,
)
from newsevents.analysis.plots_png import network_figure
from newsevents.analysis.surges import surge_test
from newsevents.cli.analysis_cmd import (
    attention_command,
    blocs_command,
    dyad_command,
    network_command,
    surges_command,
)
from newsevents.records import Actor, Article, Event, Evidence
from newsevents.store import Store

USA = Actor("USAGOV", "USA", "GOV", "United States", "Washington", "country:USA")
IRN = Actor("IRN", "IRN", None, "Iran", "Iran", "country:IRN")
GBR = Actor("GBR", "GBR", None, "United Kingdom", "Britain", "country:GBR")
RUS = Actor("RUSGOV", "RUS", "GOV", "Russia", "the Kremlin", "country:RUS")
CHN = Actor("CHN", "CHN", None, "China", "China", "country:CHN")
PRK = Actor("PRKMIL", "PRK", "MIL", "North Korea", "North Korea's army", "country:PRK")
JPN = Actor("JPN", "JPN", None, "Japan", "Japan", "country:JPN")

# cameo -> (QuadClass, Goldstein)
CODES = {
    "042": (1, 1.9),
    "057": (1, 3.5),
    "111": (3, -2.0),
    "150": (4, -7.2),
    "163": (4, -8.0),
    "190": (4, -10.0),
}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", re.IGNORECASE)


def _event(
    number: int,
    source: Actor,
    target: Actor | None,
    cameo: str,
    when: str,
    modality: str = "asserted",
) -> Event:
    quad, goldstein = CODES[cameo]
    return Event(
        event_id=f"e{number:04d}",
        doc_id="hand",
        sentence_index=number,
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=None,
        plover_mode=None,
        quad_class=quad,
        goldstein=goldstein,
        modality=modality,  # type: ignore[arg-type]
        attributed_to=None,
        date=when,
        date_precision="month" if len(when) == 7 else "day",
        location=None,
        evidence=Evidence("A sentence.", 0, 11, "did"),
        confidence=0.9,
        article_id="id-hand",
    )


def _plan() -> list[tuple[Actor, Actor | None, str, str, str]]:
    """(source, target, cameo, date, modality) of every event in the hand-made store."""
    dyad = [
        # 2019-01: USA->IRN 163, 163, 111 (Q4, Q4, Q3; -18); IRN->USA 042 (Q1; +1.9)
        (USA, IRN, "163", "2019-01-07", "asserted"),
        (USA, IRN, "163", "2019-01-21", "asserted"),
        (USA, IRN, "111", "2019-01-22", "asserted"),
        (IRN, USA, "042", "2019-01-10", "asserted"),
        # 2019-02: only a speculative event, left out unless modality is "all"
        (USA, IRN, "190", "2019-02-12", "speculative"),
        # 2019-03: USA->IRN 057 on a day and 163 dated only "2019-03" (Q1, Q4; -4.5);
        # IRN->USA 190 (Q4; -10)
        (USA, IRN, "057", "2019-03-05", "asserted"),
        (USA, IRN, "163", "2019-03", "asserted"),
        (IRN, USA, "190", "2019-03-20", "asserted"),
    ]
    blocs_2020 = [  # USA+GBR against RUS+CHN
        *[(USA, GBR, "042", f"2020-02-0{day}", "asserted") for day in (1, 2, 3)],
        *[(RUS, CHN, "042", f"2020-03-0{day}", "asserted") for day in (1, 2, 3)],
        (USA, RUS, "111", "2020-04-01", "asserted"),
        (USA, RUS, "111", "2020-04-02", "asserted"),
        (GBR, CHN, "111", "2020-04-03", "asserted"),
        (CHN, USA, "111", "2020-04-04", "asserted"),
        (RUS, GBR, "111", "2020-04-05", "asserted"),
    ]
    blocs_2021 = [  # GBR changes sides: GBR+RUS+CHN against USA
        *[(GBR, RUS, "042", f"2021-02-0{day}", "asserted") for day in (1, 2, 3)],
        *[(CHN, RUS, "042", f"2021-03-0{day}", "asserted") for day in (1, 2)],
        (GBR, USA, "111", "2021-04-01", "asserted"),
        (GBR, USA, "111", "2021-04-02", "asserted"),
        (USA, CHN, "111", "2021-04-03", "asserted"),
    ]
    # 2017-01..2017-10: PRK 2 events a month; 2017-11: 12 (the surge); 2017-12: 2.
    # JPN: 2 events a month all through 2017 (flat).
    prk = [12 if month == 11 else 2 for month in range(1, 13)]
    surges = [
        (PRK, None, "150", f"2017-{month:02d}-{day:02d}", "asserted")
        for month, count in enumerate(prk, start=1)
        for day in range(1, count + 1)
    ]
    flat = [
        (JPN, None, "150", f"2017-{month:02d}-{day:02d}", "asserted")
        for month in range(1, 13)
        for day in (10, 20)
    ]
    return dyad + blocs_2020 + blocs_2021 + surges + flat


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analysis") / "hand.duckdb"
    article = Article(
        article_id="id-hand", doc_id="hand", origin="hand.txt", text="A sentence.", title="T"
    )
    events = [_event(i, *planned) for i, planned in enumerate(_plan())]
    with Store(path) as store:
        store.write_batch(store.start_run("test", {}), [(article, events)])
    return path


@pytest.fixture()
def store(store_path: Path):
    with Store(store_path, read_only=True) as opened:
        yield opened


def _row(frame: pd.DataFrame, period: str, source: str, target: str) -> dict[str, object]:
    chosen = frame.loc[
        (frame["period"] == pd.Timestamp(period))
        & (frame["source"] == source)
        & (frame["target"] == target)
    ]
    assert len(chosen) == 1, chosen
    return chosen.iloc[0].to_dict()


# --- dyad --------------------------------------------------------------------------------


def test_dyad_counts_each_direction_per_quadclass_and_month(store: Store) -> None:
    series = dyad_series(store, "USA", "IRN", by="month")
    assert sorted(set(series["period"].dt.strftime("%Y-%m"))) == ["2019-01", "2019-02", "2019-03"]
    january = _row(series, "2019-01-01", "USA", "IRN")
    assert (january["events"], january["material_conflict"], january["verbal_conflict"]) == (
        3,
        2,
        1,
    )
    assert january["goldstein_sum"] == pytest.approx(-18.0)
    assert january["goldstein_mean"] == pytest.approx(-6.0)
    back = _row(series, "2019-01-01", "IRN", "USA")
    assert (back["events"], back["verbal_coop"], back["goldstein_sum"]) == (1, 1, 1.9)
    february = _row(series, "2019-02-01", "USA", "IRN")
    assert february["events"] == 0 and pd.isna(february["goldstein_mean"])
    march = _row(series, "2019-03-01", "USA", "IRN")
    assert (march["events"], march["verbal_coop"], march["material_conflict"]) == (2, 1, 1)
    assert march["goldstein_sum"] == pytest.approx(-4.5)
    assert _row(series, "2019-03-01", "IRN", "USA")["goldstein_sum"] == pytest.approx(-10.0)


def test_dyad_modality_and_precision(store: Store) -> None:
    every = dyad_series(store, "USA", "IRN", scope=make_scope(modality="all"))
    assert _row(every, "2019-02-01", "USA", "IRN")["events"] == 1
    weeks = dyad_series(store, "USA", "IRN", by="week")
    # the event dated only "2019-03" fits no week: left out and counted
    assert weeks.attrs["left_out"] == 1
    assert weeks.loc[weeks["source"] == "USA", "events"].sum() == 4
    assert _row(weeks, "2019-03-04", "USA", "IRN")["verbal_coop"] == 1


def test_dyad_actors_match_like_the_events_filters(store: Store) -> None:
    by_code = dyad_series(store, "USAGOV", "country:IRN")
    assert by_code.loc[by_code["source"] == "USAGOV", "events"].sum() == 5
    with pytest.raises(AnalysisError, match="no stored events for actor 'XYZ'"):
        dyad_series(store, "XYZ", "USA")
    assert dyad_series(store, "JPN", "USA").empty


def test_dyad_leaves_out_empty_periods_before_the_first_and_after_the_last_event(
    store: Store,
) -> None:
    scope = make_scope("2018-01-01", "2019-12-31")
    series = dyad_series(store, "USA", "IRN", by="month", scope=scope)
    months = sorted(set(series["period"].dt.strftime("%Y-%m")))
    assert months == ["2019-01", "2019-02", "2019-03"]  # not 2018-01 .. 2019-12
    assert series.attrs["empty_left_out"] == 24 - 3
    assert dyad_series(store, "USA", "IRN").attrs["empty_left_out"] == 0


def test_dyad_by_year(store: Store) -> None:
    years = dyad_series(store, "USA", "IRN", by="year")
    assert years["period"].dt.strftime("%Y").tolist() == ["2019", "2019"]
    usa = _row(years, "2019-01-01", "USA", "IRN")
    # 3 in January, 2 in March (the month-precision one fits a year)
    assert (usa["events"], usa["goldstein_sum"]) == (5, pytest.approx(-22.5))


# --- network -----------------------------------------------------------------------------


def test_network_edges_are_signed_and_weighted(store: Store) -> None:
    edges = network_edges(store, scope=make_scope(until=date(2019, 12, 31))).set_index(
        ["source", "target"]
    )
    usa_irn = edges.loc[("USA", "IRN")]
    assert (usa_irn["events"], usa_irn["cooperation"], usa_irn["conflict"]) == (5, 1, 4)
    assert (usa_irn["net"], usa_irn["sign"]) == (-3, -1)
    assert usa_irn["goldstein_sum"] == pytest.approx(-22.5)
    irn_usa = edges.loc[("IRN", "USA")]
    assert (irn_usa["events"], irn_usa["sign"]) == (2, 0)
    coded = network_edges(store, level="code", scope=make_scope(until="2019-12-31"))
    assert set(coded["source"]) == {"USAGOV", "IRN"}


def test_network_graphml_and_json_round_trip(store: Store, tmp_path: Path) -> None:
    graph = network_graph(network_edges(store, scope=make_scope("2020-01-01", "2020-12-31")))
    path = write_graphml(graph, tmp_path / "net.graphml")
    back = nx.read_graphml(path)
    assert back.is_directed()
    assert set(back.nodes) == {"USA", "GBR", "RUS", "CHN"}
    assert back.edges["USA", "GBR"]["sign"] == 1 and back.edges["USA", "GBR"]["weight"] == 3
    assert back.edges["USA", "RUS"]["sign"] == -1
    assert back.edges["USA", "RUS"]["goldstein_sum"] == pytest.approx(-4.0)
    assert back.nodes["USA"]["events"] == 6  # 3 with GBR, 2 with RUS, 1 from CHN
    data = json.loads(json.dumps(network_json(graph)))
    again = nx.node_link_graph(data, edges="edges")
    assert again.edges["CHN", "USA"]["conflict"] == 1


# --- blocs -------------------------------------------------------------------------------


def test_partition_splits_two_cooperating_pairs_that_fight() -> None:
    ties = np.array([[0, 3, -2, -1], [3, 0, -1, -2], [-2, -1, 0, 4], [-1, -2, 4, 0]])
    partition = partition_signed(["A", "B", "C", "D"], ties)
    assert partition.blocs == (1, 1, 2, 2)
    assert partition.frustration == 0 and partition.balance == 1.0


def test_partition_leaves_the_odd_tie_frustrated() -> None:
    # A, B, C all cooperate except A-C (one negative tie): one bloc is still best
    ties = np.array([[0, 2, -1], [2, 0, 2], [-1, 2, 0]])
    partition = partition_signed(["A", "B", "C"], ties)
    assert set(partition.blocs) == {1}
    assert partition.frustration == 1 and partition.balance == pytest.approx(0.8)


def test_blocs_put_two_cooperating_pairs_in_two_groups(store: Store) -> None:
    blocs = signed_blocs(store, scope=make_scope("2020-01-01", "2020-12-31"))
    groups = blocs.groupby("bloc")["actor"].apply(frozenset)
    assert set(groups) == {frozenset({"USA", "GBR"}), frozenset({"RUS", "CHN"})}
    assert blocs.attrs["balance"] == 1.0 and blocs.attrs["blocs"] == 2
    usa = blocs.set_index("actor").loc["USA"]
    assert (usa["ties_within"], usa["ties_between"]) == (3, -3)


def test_bloc_shift_shows_who_changed_sides(store: Store) -> None:
    shift = bloc_shift(store, "2021-01-01", scope=make_scope("2020-01-01")).set_index("actor")
    assert shift.loc["GBR", "change"] == "moved"
    assert {shift.loc[a, "change"] for a in ("USA", "RUS", "CHN")} == {"stayed"}
    assert shift.loc["RUS", "bloc_after"] == shift.loc["GBR", "bloc_after"]
    assert shift.loc["RUS", "bloc_before"] != shift.loc["GBR", "bloc_before"]
    assert shift.attrs["agreement"] == 0.5  # 3 of the 6 pairs grouped alike


# --- surges ------------------------------------------------------------------------------


def test_surges_find_the_planted_surge(store: Store) -> None:
    surges = actor_surges(store, "PRK", by="month")
    flagged = surges.loc[surges["surge"], "period"].dt.strftime("%Y-%m").tolist()
    assert flagged == ["2017-11"]
    november = surges.set_index("period").loc[pd.Timestamp("2017-11-01")]
    assert november["baseline"] == pytest.approx(2.0)
    assert november["p_value"] == pytest.approx(poisson_tail(12, 2.0))
    assert november["threshold"] == 9  # P(X >= 9 | 2) < 0.001 <= P(X >= 8 | 2)
    assert "Poisson" in surges.attrs["test"] and "p < 0.001" in surges.attrs["test"]


def test_surges_do_not_flag_a_flat_series(store: Store) -> None:
    surges = actor_surges(store, "JPN", by="month")
    assert len(surges) == 12 and not surges["surge"].any()
    assert surges["p_value"].dropna().min() > 0.5


def test_surges_use_the_history_before_since(store: Store) -> None:
    surges = actor_surges(store, "PRK", by="month", scope=make_scope("2017-11-01"), code="15")
    assert surges["period"].iloc[0] == pd.Timestamp("2017-11-01")
    assert bool(surges["surge"].iloc[0]) and surges["baseline"].iloc[0] == pytest.approx(2.0)


def test_poisson_tail_matches_known_values() -> None:
    assert poisson_tail(0, 3.0) == 1.0
    assert poisson_tail(1, 2.0) == pytest.approx(1 - np.exp(-2.0))
    assert poisson_tail(3, 0.5) == pytest.approx(1 - np.exp(-0.5) * (1 + 0.5 + 0.125))
    assert 0 < poisson_tail(200, 3.0) < 1e-200
    assert poisson_tail(1, 1000.0) == pytest.approx(1.0)


def test_surge_test_waits_for_history() -> None:
    counts = pd.Series([5, 0, 0, 9], index=pd.date_range("2020-01-06", periods=4, freq="W-MON"))
    table = surge_test(counts, window=8, min_history=3)
    assert table["p_value"].iloc[:3].isna().all() and not table["surge"].iloc[:3].any()
    assert table["baseline"].iloc[3] == pytest.approx(5 / 3)


# --- attention ---------------------------------------------------------------------------


def test_attention_shares_sum_to_one_per_period(store: Store) -> None:
    shares = attention_shares(store, by="month", top=3)
    sums = shares.groupby("period")["share"].sum()
    assert np.allclose(sums, 1.0)
    # the most named: PRK 34, JPN 24, USA 16 (then RUS 11, GBR 10, CHN 8, IRN 7)
    assert list(dict.fromkeys(shares["actor"])) == ["PRK", "JPN", "USA", "other"]
    january = shares.loc[shares["period"] == pd.Timestamp("2019-01-01")].set_index("actor")
    assert january["share"].to_dict() == {"PRK": 0.0, "JPN": 0.0, "USA": 0.5, "other": 0.5}
    assert january.loc["USA", "events"] == 4
    everyone = attention_shares(store, top=10)
    january = everyone.loc[everyone["period"] == pd.Timestamp("2019-01-01")].set_index("actor")
    assert january.loc["IRN", "share"] == 0.5 and "other" not in set(everyone["actor"])


# --- plots -------------------------------------------------------------------------------


def _plots(store: Store, folder: Path, suffix: str) -> list[Path]:
    scope = make_scope("2020-01-01")
    edges = network_edges(store, scope=scope)
    before, after = split_edges(store, "2021-01-01", scope=scope)
    shift = bloc_shift(store, "2021-01-01", scope=scope)
    return [
        plot_dyad(dyad_series(store, "USA", "IRN"), folder / f"dyad{suffix}"),
        plot_network(edges, folder / f"network{suffix}"),
        plot_network(edges, folder / f"blocs{suffix}", blocs=signed_blocs(store, scope=scope)),
        plot_bloc_shift(before, after, shift, folder / f"shift{suffix}", split="2021-01-01"),
        plot_surges(actor_surges(store, "PRK", by="month"), folder / f"surges{suffix}"),
        plot_attention(attention_shares(store, top=3), folder / f"attention{suffix}"),
    ]


def test_png_plots_are_written(store: Store, tmp_path: Path) -> None:
    for path in _plots(store, tmp_path, ".png"):
        assert path.read_bytes()[:8] == PNG_MAGIC, path


def test_html_plots_work_offline(store: Store, tmp_path: Path) -> None:
    for path in _plots(store, tmp_path, ".html"):
        page = path.read_text(encoding="utf-8")
        assert "<html" in page and "Plotly.newPlot" in page, path
        assert not REMOTE_SCRIPT.search(page), path


def test_svg_and_pdf_plots_are_written_for_every_plot(store: Store, tmp_path: Path) -> None:
    for path in _plots(store, tmp_path, ".svg"):
        assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml"), path
        assert "<svg" in path.read_text(encoding="utf-8"), path
    for path in _plots(store, tmp_path, ".pdf"):
        assert path.read_bytes()[:5] == b"%PDF-", path


def test_plots_show_names_for_codes(store: Store, tmp_path: Path) -> None:
    frame = dyad_series(store, "USA", "IRN")
    named = relabel_actors(frame, {"USA": "United States", "IRN": "Iran"}, ("source", "target"))
    assert set(named["source"]) == {"United States", "Iran"}
    assert named.attrs == frame.attrs | {"codes": {"United States": "USA", "Iran": "IRN"}}
    assert set(frame["source"]) == {"USA", "IRN"}  # the analysis table is left as it was
    page = plot_dyad(named, tmp_path / "named.svg").read_text(encoding="utf-8")
    assert "United States" in page and "Iran" in page


def test_network_labels_do_not_overlap(tmp_path: Path) -> None:
    codes = [f"A{i:02d}" for i in range(36)]
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 : i + 4]]
    edges = pd.DataFrame(
        [(a, b, 1 + i % 5, 1, 0, 1, 1, 2.0) for i, (a, b) in enumerate(pairs)],
        columns="source target events cooperation conflict net sign goldstein_sum".split(),
    )
    names = {code: f"The Long Organization of Actor {code}" for code in codes}
    named = relabel_actors(edges, names, ("source", "target"))
    picture = network_picture(named, len(codes), None, "many long names")
    figure = network_figure([picture], "many long names")
    figure.savefig(tmp_path / "network.png")  # drawn as a file is, then read back
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    boxes = [text.get_window_extent(renderer) for text in ax.texts]
    assert all(not a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    frame = ax.get_window_extent(renderer)
    assert all(frame.contains(b.x0, b.y0) and frame.contains(b.x1, b.y1) for b in boxes)
    labels = {text.get_text() for text in ax.texts}
    # names where they fit, codes where only they fit, and every actor still has its dot
    assert labels & set(names.values()) and labels & set(codes)
    assert labels <= set(names.values()) | set(codes) and len(ax.collections) == 36


def test_a_plot_needs_a_known_suffix(store: Store, tmp_path: Path) -> None:
    with pytest.raises(AnalysisError, match=r"must end in .png, .svg, .pdf or .html"):
        plot_dyad(dyad_series(store, "USA", "IRN"), tmp_path / "dyad.jpg")


def test_bad_dates_and_choices_are_analysis_errors(store: Store) -> None:
    with pytest.raises(AnalysisError, match="invalid date"):
        make_scope(since="2019-13-01")
    with pytest.raises(AnalysisError, match="is after"):
        make_scope(since="2020-01-01", until="2019-01-01")
    with pytest.raises(AnalysisError, match="period must be one of"):
        dyad_series(store, "USA", "IRN", by="quarter")


# --- CLI ---------------------------------------------------------------------------------


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.command("dyad")(dyad_command)
    app.command("network")(network_command)
    app.command("blocs")(blocs_command)
    app.command("surges")(surges_command)
    app.command("attention")(attention_command)
    return app


def _run(*args: str):
    return CliRunner().invoke(_cli(), list(args))


def test_cli_dyad_csv_has_the_counts(store_path: Path) -> None:
    result = _run("dyad", "USA", "IRN", "--db", str(store_path), "--format", "csv")
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    january = frame.loc[(frame["period"] == "2019-01-01") & (frame["source"] == "USA")]
    assert january[["events", "material_conflict", "goldstein_sum"]].values.tolist() == [
        [3, 2, -18.0]
    ]


def test_cli_dyad_takes_names_and_lists_only_periods_with_events(store_path: Path) -> None:
    db = ["--db", str(store_path)]
    table = _run("dyad", "United States", "Iran", *db, "--since", "2018", "--until", "2019")
    assert table.exit_code == 0, table.output
    assert "'United States' is USA" in table.stderr and "'Iran' is IRN" in table.stderr
    assert "21 empty months before the first or after the last event left out" in table.stderr
    rows = [line for line in table.stdout.splitlines() if line.startswith("│ 2019")]
    assert [row.split()[1] for row in rows] == ["2019-01", "2019-03", "2019-01", "2019-03"]
    assert "2 rows without events not shown (--all lists them)" in table.stdout
    every = _run("dyad", "USA", "IRN", *db, "--all")
    assert len([line for line in every.stdout.splitlines() if line.startswith("│ 2019")]) == 6
    years = _run("dyad", "USA", "IRN", *db, "--by", "year", "--format", "csv")
    assert years.exit_code == 0, years.output
    assert pd.read_csv(io.StringIO(years.stdout))["period"].tolist() == ["2019-01-01"] * 2


def test_cli_plots_take_svg_and_pdf(store_path: Path, tmp_path: Path) -> None:
    for name in ("d.svg", "d.pdf"):
        result = _run("dyad", "USA", "IRN", "--db", str(store_path), "--plot", str(tmp_path / name))
        assert result.exit_code == 0, result.output
    assert (tmp_path / "d.svg").read_text(encoding="utf-8").count("United States") >= 1
    assert (tmp_path / "d.pdf").read_bytes()[:5] == b"%PDF-"


def test_cli_plots_take_htm_as_html_like_the_map(store_path: Path, tmp_path: Path) -> None:
    result = _run("dyad", "USA", "IRN", "--db", str(store_path), "--plot", str(tmp_path / "d.htm"))
    assert result.exit_code == 0, result.output
    assert "<html" in (tmp_path / "d.htm").read_text(encoding="utf-8").lower()


def test_cli_network_writes_graphml_json_and_plot(store_path: Path, tmp_path: Path) -> None:
    graphml, data, plot = tmp_path / "n.graphml", tmp_path / "n.json", tmp_path / "n.png"
    result = _run(
        "network", "--db", str(store_path), "--since", "2020-01-01", "--until", "2020-12-31",
        "--graphml", str(graphml), "--json", str(data), "--plot", str(plot),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "4 actors, 6 directed edges" in result.stdout
    assert nx.read_graphml(graphml).number_of_edges() == 6
    assert json.loads(data.read_text())["directed"] is True
    assert plot.read_bytes()[:8] == PNG_MAGIC


def test_cli_blocs_split_and_surges_and_attention(store_path: Path, tmp_path: Path) -> None:
    db = ["--db", str(store_path)]
    blocs = _run("blocs", *db, "--since", "2020-01-01", "--split", "2021-01-01", "--format",
                 "jsonl")  # fmt: skip
    assert blocs.exit_code == 0, blocs.output
    rows = {row["actor"]: row for row in map(json.loads, blocs.stdout.splitlines())}
    assert rows["GBR"]["change"] == "moved"
    surges = _run("surges", "PRK", *db, "--by", "month")
    assert surges.exit_code == 0, surges.output
    assert "2017-11-01" in surges.stdout and "Poisson" in surges.stdout
    attention = _run("attention", *db, "--top", "2", "--plot", str(tmp_path / "a.html"))
    assert attention.exit_code == 0, attention.output
    assert "100%" in attention.stdout and (tmp_path / "a.html").exists()


def test_cli_errors_are_one_line_without_traceback(store_path: Path, tmp_path: Path) -> None:
    unknown = _run("dyad", "XYZ", "USA", "--db", str(store_path))
    assert unknown.exit_code == 1
    assert unknown.stderr.strip().startswith("error: no actor called 'XYZ'")
    assert len(unknown.stderr.strip().splitlines()) == 1
    absent = _run("dyad", "ZWE", "USA", "--db", str(store_path))
    assert absent.exit_code == 1
    assert absent.stderr.strip().startswith("error: no stored events for actor 'ZWE'")
    missing = _run("surges", "USA", "--db", str(tmp_path / "none.duckdb"))
    assert missing.exit_code == 1 and "no store yet" in missing.stderr
    bad_date = _run("network", "--db", str(store_path), "--since", "2019-02-30")
    assert bad_date.exit_code == 2 and "invalid date" in bad_date.output
    bad_plot = _run("attention", "--db", str(store_path), "--plot", "x.jpg")
    assert bad_plot.exit_code == 2
    for result in (unknown, missing, bad_date, bad_plot):
        assert "Traceback" not in result.output
