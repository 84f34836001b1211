"""``newsevents map``: where the stored events happened. Prints the places of the events
the filters select (the filters of ``newsevents events``) with their events per QuadClass,
and with ``--plot`` draws them and the country dyads on a world map (PNG, SVG,
PDF or HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsevents.cli.analysis_cmd import (
    FORMATS,
    FormatOption,
    PlotOption,
    _check_choice,
    _check_plot,
    _emit,
    _open,
    _plot,
    _user_errors,
    err,
)
from newsevents.cli.filters import (
    ActorOption,
    CodeOption,
    DyadOption,
    ModalityOption,
    SinceOption,
    SourceOption,
    TargetOption,
    UntilOption,
    event_filters,
)
from newsevents.cli.options import DbOption

PLACE_COLUMNS = ["name", "country", "precision", "lat", "lon", "events"] + [
    f"quad{n}" for n in range(1, 5)
]


def map_command(
    db: Annotated[Path | None, DbOption] = None,
    actor: Annotated[str | None, ActorOption] = None,
    source: Annotated[str | None, SourceOption] = None,
    target: Annotated[str | None, TargetOption] = None,
    dyad: Annotated[tuple[str, str] | None, DyadOption] = None,
    code: Annotated[str | None, CodeOption] = None,
    since: Annotated[str | None, SinceOption] = None,
    until: Annotated[str | None, UntilOption] = None,
    modality: Annotated[str | None, ModalityOption] = None,
    unique: Annotated[
        bool, typer.Option("--unique", help="Count each real-world event once (per cluster).")
    ] = False,
    fmt: Annotated[str, FormatOption] = "table",
    plot: Annotated[Path | None, PlotOption] = None,
) -> None:
    r"""Where the events happened: their places, and with --plot a world map.

    Each event's place is the one its sentence names, else the article's dateline; see
    location.precision (city, region or country). Circles on the map are places (size:
    events, colour: the most frequent QuadClass), arcs run from the source's country to
    the target's. The map's country shapes ship with the package (Natural Earth). The
    filters are those of newsevents events: actors by name, alias, code or entity id,
    dates as a year, a month or a day.

    Example:

        newsevents map --code 19 --since 2023-01-01 --plot violence.html

        newsevents map --actor Russia --since 2022-02 --plot russia.svg
    """
    from newsevents.analysis.map_plot import plot_map
    from newsevents.analysis.places import map_data

    filters = event_filters(actor, source, target, dyad, code, since, until, modality, unique)
    _check_choice(fmt, FORMATS, "--format")
    _check_plot(plot)
    with _user_errors(), _open(db) as store:
        data = map_data(store, filters)
        err.print(f"{data.located} of {data.total} events have a place", markup=False)
        _emit(data.places[PLACE_COLUMNS], fmt, "Places of the events")
        _plot(plot, lambda path: plot_map(data, path))
