"""``newsevents dyad|network|blocs|surges|attention``: the analysis commands.

Each command is a thin shell over a function of :mod:`newsevents.analysis`: it checks the
options, prints the function's table (rich table, CSV or JSON lines) and, with ``--plot``,
writes a PNG or a self-contained HTML page.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newsevents.cli.filters import (
    ACTOR_FORMS,
    SinceOption,
    UntilOption,
    resolve_actor,
    since_date,
    until_date,
)
from newsevents.cli.options import DbOption, db_path, parse_date_option
from newsevents.errors import NewseventsError
from newsevents.records import MODALITIES

if TYPE_CHECKING:
    import pandas as pd

    from newsevents.analysis.selection import Scope
    from newsevents.store import Store

err = Console(stderr=True, highlight=False, soft_wrap=True)
FORMATS = ("table", "csv", "jsonl")
MODALITY_CHOICES = (*MODALITIES, "all")
PIPE_WIDTH = 160
PAIR = ("source", "target")
PERIOD_LABELS = {"week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}

ModalityOption = typer.Option(
    "--modality",
    help=f"{MODALITIES[0]} (the default: events reported as real), {', '.join(MODALITIES[1:])}, "
    "or all.",
)
UniqueOption = typer.Option(
    "--unique", help="Count each real-world event once (one report per cluster)."
)
FormatOption = typer.Option("--format", help="table, csv or jsonl.")
PlotOption = typer.Option(
    "--plot",
    metavar="PATH",
    help="Also draw it: PATH.png, PATH.svg or PATH.pdf (images, for papers: SVG and PDF "
    "are vector graphics) or PATH.html (interactive, works offline).",
)
LevelOption = typer.Option(
    "--level", help="Actors as countries (country, the default) or full codes (code)."
)
MinEventsOption = typer.Option(
    "--min-events", min=1, metavar="N", help="Only actor pairs with at least N events."
)
TopNodesOption = typer.Option(
    "--top", min=1, metavar="N", help="Draw only the N actors with the most events."
)


def dyad_command(
    a: Annotated[str, typer.Argument(metavar="A", help=f"One actor: {ACTOR_FORMS}.")],
    b: Annotated[str, typer.Argument(metavar="B", help="The other actor.")],
    by: Annotated[str, typer.Option("--by", help="day, week, month or year.")] = "month",
    since: Annotated[str | None, SinceOption] = None,
    until: Annotated[str | None, UntilOption] = None,
    modality: Annotated[str, ModalityOption] = "asserted",
    unique: Annotated[bool, UniqueOption] = False,
    db: Annotated[Path | None, DbOption] = None,
    fmt: Annotated[str, FormatOption] = "table",
    plot: Annotated[Path | None, PlotOption] = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="List the periods without events in the table too."),
    ] = False,
) -> None:
    r"""What A did to B and B did to A over time: events per QuadClass (verbal and
    material cooperation, verbal and material conflict) and the sum and mean of their
    Goldstein scores, per period, each direction on its own rows.

    The series runs from the first to the last period with an event. CSV and JSON lines
    list every period in between (zeros where nothing happened); the table only the
    periods with events, unless --all.

    Example:

        newsevents dyad Russia Ukraine --by year

        newsevents dyad USA IRN --by month --plot usa-irn.svg
    """
    from newsevents.analysis import dyad_series
    from newsevents.analysis.dyad import DYAD_PERIODS
    from newsevents.analysis.plots import plot_dyad

    _check_common(fmt, modality, plot)
    _check_choice(by, DYAD_PERIODS, "--by")
    with _user_errors(), _open(db) as store:
        codes = resolve_actor(a, "A"), resolve_actor(b, "B")
        scope = _scope(since, until, modality, unique)
        frame = dyad_series(store, *codes, by=by, scope=scope)  # type: ignore[misc]
        if frame.empty:
            _nothing(f"no {_modality_words(modality)} between {a} and {b}{_range(since, until)}")
        _left_out_note(frame, by)
        _emit_dyad(frame, fmt, by, show_all)
        _plot(plot, lambda path: plot_dyad(_named(frame, "source", "target"), path))


def network_command(
    since: Annotated[str | None, SinceOption] = None,
    until: Annotated[str | None, UntilOption] = None,
    level: Annotated[str, LevelOption] = "country",
    modality: Annotated[str, ModalityOption] = "asserted",
    unique: Annotated[bool, UniqueOption] = False,
    min_events: Annotated[int, MinEventsOption] = 1,
    graphml: Annotated[
        Path | None, typer.Option("--graphml", metavar="FILE", help="Write the graph as GraphML.")
    ] = None,
    json_file: Annotated[
        Path | None,
        typer.Option("--json", metavar="FILE", help="Write the graph as node-link JSON."),
    ] = None,
    top: Annotated[int, TopNodesOption] = 40,
    db: Annotated[Path | None, DbOption] = None,
    fmt: Annotated[str, FormatOption] = "table",
    plot: Annotated[Path | None, PlotOption] = None,
) -> None:
    r"""The actor network: one directed edge per actor pair, with its cooperation
    (QuadClass 1-2) and conflict (3-4) counts, the sign of cooperation minus conflict, and
    the Goldstein sum. Lists the edges; writes GraphML or JSON for Gephi or networkx.

    Example:

        newsevents network --since 2019-01-01 --graphml net.graphml --plot net.html
    """
    from newsevents.analysis import network_edges, network_graph
    from newsevents.analysis.network import write_graphml, write_network_json
    from newsevents.analysis.plots import plot_network

    _check_common(fmt, modality, plot)
    _check_choice(level, ("country", "code"), "--level")
    with _user_errors(), _open(db) as store:
        scope = _scope(since, until, modality, unique)
        edges = network_edges(store, scope=scope, level=level, min_events=min_events)
        if edges.empty:
            _nothing(f"no {_modality_words(modality)} between two actors{_range(since, until)}")
        graph = network_graph(edges)
        if graphml is not None:
            write_graphml(graph, graphml)
        if json_file is not None:
            write_network_json(graph, json_file)
        caption = f"{graph.number_of_nodes()} actors, {len(edges)} directed edges"
        _emit(edges, fmt, "Actor network", caption)
        _plot(plot, lambda path: plot_network(_named(edges, *PAIR), path, top=top))


def blocs_command(
    since: Annotated[str | None, SinceOption] = None,
    until: Annotated[str | None, UntilOption] = None,
    split: Annotated[
        str | None,
        typer.Option(
            "--split",
            metavar="YYYY-MM-DD",
            help="Find the blocs before this date and from it on, and show who moved.",
        ),
    ] = None,
    level: Annotated[str, LevelOption] = "country",
    weight: Annotated[
        str,
        typer.Option(
            "--weight", help="Ties as event counts (count) or Goldstein sums (goldstein)."
        ),
    ] = "count",
    modality: Annotated[str, ModalityOption] = "asserted",
    unique: Annotated[bool, UniqueOption] = False,
    min_events: Annotated[int, MinEventsOption] = 1,
    top: Annotated[int, TopNodesOption] = 40,
    db: Annotated[Path | None, DbOption] = None,
    fmt: Annotated[str, FormatOption] = "table",
    plot: Annotated[Path | None, PlotOption] = None,
) -> None:
    r"""Blocs: groups of actors that cooperate with each other and conflict with the
    others, by structural balance (a signed partition that keeps as much cooperation
    inside blocs and as much conflict between them as it can; see docs/analysis.md).

    Example:

        newsevents blocs --since 2019-01-01 --split 2022-02-24 --plot blocs.png
    """
    from newsevents.analysis import make_scope

    _check_common(fmt, modality, plot)
    _check_choice(level, ("country", "code"), "--level")
    _check_choice(weight, ("count", "goldstein"), "--weight")
    split_day = _date(split, "--split")
    first, last = since_date(since), until_date(until)
    with _user_errors(), _open(db) as store:
        scope = make_scope(first, last, modality, unique)
        options = {"scope": scope, "level": level, "min_events": min_events}
        if split_day is None:
            _blocs(store, options, weight, top, fmt, plot)
        else:
            _bloc_shift(store, split_day, options, weight, top, fmt, plot)


def _blocs(
    store: Store, options: dict[str, Any], weight: str, top: int, fmt: str, plot: Path | None
) -> None:
    from newsevents.analysis import network_edges, signed_blocs
    from newsevents.analysis.plots import plot_network

    blocs = signed_blocs(store, weight=weight, **options)
    if blocs.empty:
        _nothing("no events between two actors in this range")
    attrs = blocs.attrs
    caption = (
        f"{attrs['blocs']} blocs; balance {attrs['balance']:.0%} (frustration "
        f"{attrs['frustration']:g} of {attrs['score'] + 2 * attrs['frustration']:g})"
    )
    _emit(blocs, fmt, "Blocs (signed partition, structural balance)", caption)
    if plot is not None:
        edges = network_edges(store, **options)
        named = _named(edges, *PAIR), _named(blocs, "actor")
        _plot(plot, lambda path: plot_network(named[0], path, blocs=named[1], top=top))


def _bloc_shift(
    store: Store,
    split: date,
    options: dict[str, Any],
    weight: str,
    top: int,
    fmt: str,
    plot: Path | None,
) -> None:
    from newsevents.analysis import bloc_shift
    from newsevents.analysis.blocs import split_edges
    from newsevents.analysis.plots import plot_bloc_shift

    shift = bloc_shift(store, split, weight=weight, **options)
    if shift.empty:
        _nothing("no events between two actors in this range")
    attrs = shift.attrs
    agreement = attrs["agreement"]
    caption = (
        f"before: {attrs['before_blocs']} blocs, balance {attrs['before_balance']:.0%}; "
        f"after: {attrs['after_blocs']} blocs, balance {attrs['after_balance']:.0%}; "
        + (f"pairs grouped alike in both: {agreement:.0%}" if agreement is not None else "")
    )
    _emit(shift, fmt, f"Blocs before and after {split}", caption)
    if plot is not None:
        before, after = split_edges(store, split, **options)
        _plot(
            plot,
            lambda path: plot_bloc_shift(
                _named(before, *PAIR),
                _named(after, *PAIR),
                _named(shift, "actor"),
                path,
                split=str(split),
                top=top,
            ),
        )


def surges_command(
    actor: Annotated[str, typer.Argument(metavar="ACTOR", help=f"The actor: {ACTOR_FORMS}.")],
    code: Annotated[
        str | None,
        typer.Option(
            "--code", metavar="PREFIX", help="Only events of a kind: CAMEO prefix or PLOVER type."
        ),
    ] = None,
    role: Annotated[
        str, typer.Option("--role", help="The actor as source, target or any (either).")
    ] = "any",
    by: Annotated[str, typer.Option("--by", help="week or month.")] = "week",
    window: Annotated[
        int, typer.Option("--window", min=1, metavar="N", help="Baseline: the previous N periods.")
    ] = 8,
    alpha: Annotated[
        float,
        typer.Option("--alpha", min=0.0, max=1.0, help="Surge when the Poisson p is below this."),
    ] = 0.001,
    min_count: Annotated[
        int, typer.Option("--min-count", min=1, metavar="N", help="A surge has at least N events.")
    ] = 3,
    show_all: Annotated[
        bool, typer.Option("--all", help="List every period, not only the surges.")
    ] = False,
    since: Annotated[str | None, SinceOption] = None,
    until: Annotated[str | None, UntilOption] = None,
    modality: Annotated[str, ModalityOption] = "asserted",
    unique: Annotated[bool, UniqueOption] = False,
    db: Annotated[Path | None, DbOption] = None,
    fmt: Annotated[str, FormatOption] = "table",
    plot: Annotated[Path | None, PlotOption] = None,
) -> None:
    r"""Periods in which an actor's events (of a kind) rise far above its own recent
    baseline: a one-sided Poisson test of each period's count against the mean of the
    previous periods. The test and its threshold are printed with the result.

    Example:

        newsevents surges USA --code 19 --by month --plot usa-surges.png
    """
    from newsevents.analysis import actor_surges
    from newsevents.analysis.plots import plot_surges

    _check_common(fmt, modality, plot)
    _check_choice(by, ("week", "month"), "--by")
    _check_choice(role, ("any", "source", "target"), "--role")
    settings = {"window": window, "alpha": alpha, "min_count": min_count}
    with _user_errors(), _open(db) as store:
        scope = _scope(since, until, modality, unique)
        chosen = resolve_actor(actor, "ACTOR") or actor
        frame = actor_surges(store, chosen, code=code, role=role, by=by, scope=scope, **settings)
        if frame.empty:
            kind = f" of kind {code}" if code else ""
            _nothing(f"no {_modality_words(modality)}{kind} for {actor}{_range(since, until)}")
        _left_out_note(frame, by)
        shown = frame if show_all else frame.loc[frame["surge"]]
        title = f"Surges of {actor}" + (f" ({code})" if code else "") + f" per {by}"
        found = f"{_plural(int(frame['surge'].sum()), 'surge')} in {_plural(len(frame), by)}"
        if fmt != "table":
            err.print(f"test: {frame.attrs['test']}; {found}", markup=False)
        if shown.empty and fmt == "table":
            print(f"{title}: no surges in {_plural(len(frame), by)}.\nTest: {frame.attrs['test']}.")
        else:
            _emit(shown, fmt, title, f"{found}. Test: {frame.attrs['test']}.")
        _plot(plot, lambda path: plot_surges(frame, path))


def attention_command(
    by: Annotated[str, typer.Option("--by", help="week, month or year.")] = "month",
    top: Annotated[
        int, typer.Option("--top", min=1, metavar="N", help="The N most named actors.")
    ] = 10,
    level: Annotated[str, LevelOption] = "country",
    since: Annotated[str | None, SinceOption] = None,
    until: Annotated[str | None, UntilOption] = None,
    modality: Annotated[str, ModalityOption] = "asserted",
    unique: Annotated[bool, UniqueOption] = False,
    db: Annotated[Path | None, DbOption] = None,
    fmt: Annotated[str, FormatOption] = "table",
    plot: Annotated[Path | None, PlotOption] = None,
) -> None:
    r"""Each actor's share of attention over time: the events naming it (as source or
    target) divided by all actor namings of the period. The top N actors are listed and
    the rest added up as "other", so each period's shares sum to 1. The table shows one
    row per period; CSV and JSON lines one row per period and actor.

    Example:

        newsevents attention --by month --top 8 --plot attention.html
    """
    from newsevents.analysis import attention_shares
    from newsevents.analysis.plots import plot_attention

    _check_common(fmt, modality, plot)
    _check_choice(by, ("week", "month", "year"), "--by")
    _check_choice(level, ("country", "code"), "--level")
    with _user_errors(), _open(db) as store:
        scope = _scope(since, until, modality, unique)
        frame = attention_shares(store, by=by, top=top, level=level, scope=scope)
        if frame.empty:
            _nothing(f"no dated {_modality_words(modality)}{_range(since, until)}")
        _left_out_note(frame, by)
        if fmt == "table":
            _print_attention(frame, by)
        else:
            _emit(frame, fmt, "")
        _plot(plot, lambda path: plot_attention(_named(frame, "actor"), path))


# -- checks ----------------------------------------------------------------------------


def _check_common(fmt: str, modality: str, plot: Path | None) -> None:
    _check_choice(fmt, FORMATS, "--format")
    _check_choice(modality, MODALITY_CHOICES, "--modality")
    _check_plot(plot)


def _check_plot(plot: Path | None) -> None:
    """A plot file name the plots can write: one of PLOT_SUFFIXES (".htm" too, as ".html")."""
    from newsevents.analysis.plots import KINDS, PLOT_SUFFIXES

    if plot is not None and plot.suffix.lower() not in KINDS:
        raise typer.BadParameter(
            f"the file name must end in {', '.join(PLOT_SUFFIXES[:-1])} or {PLOT_SUFFIXES[-1]}",
            param_hint="--plot",
        )


def _check_choice(value: str, choices: tuple[str, ...], option: str) -> None:
    if value not in choices:
        raise typer.BadParameter(f"use one of {', '.join(choices)}", param_hint=option)


def _scope(since: str | None, until: str | None, modality: str, unique: bool) -> Scope:
    """The options' :class:`Scope`; a bad date is a usage error, ``--since`` after
    ``--until`` a user error (A005: call it inside :func:`_user_errors`)."""
    from newsevents.analysis import make_scope

    return make_scope(since_date(since), until_date(until), modality, unique)


def _date(value: str | None, option: str) -> date | None:
    try:
        return parse_date_option(value)
    except typer.BadParameter as exc:
        raise typer.BadParameter(exc.message, param_hint=option) from None


@contextmanager
def _user_errors() -> Iterator[None]:
    """Library errors and unwritable files: one line on stderr and exit code 1."""
    try:
        yield
    except NewseventsError as exc:
        err.print(f"error: {exc.message}", markup=False)
        raise typer.Exit(1) from None
    except OSError as exc:
        err.print(f"error: {exc.filename or ''}: {exc.strerror or exc}", markup=False)
        raise typer.Exit(1) from None


@contextmanager
def _open(db: Path | None) -> Iterator[Store]:
    from newsevents.store import Store

    with Store(db_path(db), read_only=True) as store:
        yield store


def _nothing(message: str) -> None:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(1)


def _modality_words(modality: str) -> str:
    return "events" if modality == "all" else f"{modality} events"


def _range(since: str | None, until: str | None) -> str:
    if since and until:
        return f" from {since} to {until}"
    if since:
        return f" from {since} on"
    return f" until {until}" if until else ""


def _left_out_note(frame: pd.DataFrame, by: str) -> None:
    left_out = frame.attrs.get("left_out", 0)
    if left_out:
        err.print(
            f"note: {_plural(left_out, 'event')} left out: undated, or dated less precisely "
            f"than a {by}",
            markup=False,
        )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# -- output ----------------------------------------------------------------------------


def _emit(frame: pd.DataFrame, fmt: str, title: str, caption: str | None = None) -> None:
    from newsevents.cli.events_view import write_table

    if fmt == "table":
        _console().print(_rich_table(frame, title, caption))
    else:
        write_table(_to_arrow(frame), fmt)


def _to_arrow(frame: pd.DataFrame) -> Any:
    import pandas as pd
    import pyarrow as pa

    plain = frame.copy()
    for column in plain.columns:
        if pd.api.types.is_datetime64_any_dtype(plain[column]):
            plain[column] = plain[column].dt.date
    return pa.Table.from_pandas(plain, preserve_index=False).replace_schema_metadata(None)


def _rich_table(frame: pd.DataFrame, title: str, caption: str | None) -> Table:
    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    for column in frame.columns:
        numeric = frame[column].dtype.kind in "iuf"
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(value) for value in row))
    return table


def _cell(value: object) -> str:
    import pandas as pd

    if isinstance(value, bool):
        return "yes" if value else ""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _print_attention(frame: pd.DataFrame, by: str) -> None:
    """One row per period, one column per actor, shares in percent."""
    actors = list(dict.fromkeys(frame["actor"]))
    wide = frame.pivot(index="period", columns="actor", values="share")[actors]
    totals = frame.groupby("period")["events"].sum()
    table = Table(
        title=f"Share of attention per {by}",
        title_justify="left",
        caption="share of actor namings in each period; each row sums to 100%",
        caption_justify="left",
    )
    table.add_column(by)
    for actor in actors:
        table.add_column(actor, justify="right")
    table.add_column("namings", justify="right")
    for period, shares in wide.iterrows():
        cells = [f"{share:.0%}" if share else "·" for share in shares]
        label = period.strftime(PERIOD_LABELS[by])  # type: ignore[union-attr]
        table.add_row(label, *cells, str(int(totals[period])))
    _console().print(table)


def _emit_dyad(frame: pd.DataFrame, fmt: str, by: str, show_all: bool) -> None:
    """The dyad's table: periods as "2019-04" (month) or "2019" (year), only those with
    events unless ``show_all``, and a note on what was left out."""
    source, target = (_code_and_name(frame[side].iloc[0]) for side in ("source", "target"))
    title = f"{source} ↔ {target} per {by}"
    empty_left_out = frame.attrs.get("empty_left_out", 0)
    if empty_left_out:
        err.print(
            f"note: {_plural(empty_left_out, 'empty ' + by)} before the first or after the "
            "last event left out",
            markup=False,
        )
    if fmt != "table":
        _emit(frame, fmt, title)
        return
    shown = frame if show_all else frame.loc[frame["events"] > 0]
    table = shown.assign(period=shown["period"].dt.strftime(PERIOD_LABELS.get(by, "%Y-%m-%d")))
    hidden = len(frame) - len(shown)
    caption = f"{_plural(hidden, 'row')} without events not shown (--all lists them)"
    _emit(table, fmt, title, caption if hidden else None)


def _code_and_name(code: str) -> str:
    """ "RUS (Russia)"; the code alone when it has no name."""
    from newsevents.actors.names import bundled_actor_names

    name = bundled_actor_names().describe(code)
    return f"{code} ({name})" if name else code


def _named(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """The frame with actor codes in ``columns`` replaced by their names, for a plot."""
    from newsevents.actors.names import bundled_actor_names
    from newsevents.analysis.plots import relabel_actors

    names = bundled_actor_names()
    codes = {str(v) for column in columns if column in frame for v in frame[column].dropna()}
    labels = {code: name for code in codes if (name := names.describe(code))}
    return relabel_actors(frame, labels, columns)


def _plot(path: Path | None, draw: Callable[[Path], object]) -> None:
    if path is None:
        return
    draw(path)
    err.print(f"plot written to {path}", markup=False)


def _console() -> Console:
    return Console(width=None if sys.stdout.isatty() else PIPE_WIDTH)
