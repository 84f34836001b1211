"""``newsevents map``: where the stored events happened. Prints the places of the events
the filters select (the filters of ``newsevents events``) with their events per QuadClass,
and with ``--plot`` draws them and the country dyads on a world map (PNG or HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsevents.cli.analysis_cmd import (
    FORMATS,
    FormatOption,
    PlotOption,
    _check_choice,
    _emit,
    _open,
    _plot,
    _user_errors,
    err,
)
from newsevents.cli.options import DbOption, parse_date_option
from newsevents.records import MODALITIES

PLACE_COLUMNS = ["name", "country", "precision", "lat", "lon", "events"] + [
    f"quad{n}" for n in range(1, 5)
]


def map_command(
    db: Annotated[Path | None, DbOption] = None,
    actor: Annotated[
        str | None, typer.Option(help="Source or target (code prefix, country or entity id).")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source actor.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor.")] = None,
    dyad: Annotated[
        tuple[str, str] | None,
        typer.Option(metavar="A B", help="Events between A and B, both directions."),
    ] = None,
    code: Annotated[
        str | None, typer.Option(help="CAMEO code or prefix (19, 190) or a PLOVER type.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="Events on or after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="Events on or before this date.")
    ] = None,
    modality: Annotated[
        str | None, typer.Option(help=f"{', '.join(MODALITIES[:-1])} or {MODALITIES[-1]}.")
    ] = None,
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
    the target's. The map's country shapes ship with the package (Natural Earth).

    Example:

        newsevents map --code 19 --since 2023-01-01 --plot violence.html
    """
    from newsevents.analysis.map_plot import plot_map
    from newsevents.analysis.places import map_data
    from newsevents.store import EventFilters

    _check_choice(fmt, FORMATS, "--format")
    if modality is not None and modality not in MODALITIES:
        raise typer.BadParameter(f"use one of {', '.join(MODALITIES)}", param_hint="--modality")
    if plot is not None and plot.suffix.lower() not in (".png", ".html", ".htm"):
        raise typer.BadParameter("the file name must end in .png or .html", param_hint="--plot")
    filters = EventFilters(
        actor=actor,
        source=source,
        target=target,
        dyad=dyad,
        code=code,
        since=parse_date_option(since),
        until=parse_date_option(until),
        modality=modality,
        unique=unique,
    )
    with _user_errors(), _open(db) as store:
        data = map_data(store, filters)
        err.print(f"{data.located} of {data.total} events have a place", markup=False)
        _emit(data.places[PLACE_COLUMNS], fmt, "Places of the events")
        _plot(plot, lambda path: plot_map(data, path))
