"""``newsevents actors``: code an actor phrase, search the knowledge base."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsevents.cli.options import DateOption, parse_date_option
from newsevents.config import Settings

actors_app = typer.Typer(
    help="Code actor phrases and search the actor knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

ActorsFileOption = typer.Option(
    "--actors", metavar="FILE", help="Your own actor entries (JSONL) on top of ours."
)


@actors_app.command("code")
def code_actor_command(
    text: Annotated[str, typer.Argument(help="An actor phrase, or - to read one per line.")],
    date: Annotated[str | None, DateOption] = None,
    actors: Annotated[Path | None, ActorsFileOption] = None,
) -> None:
    r"""Print the actor a phrase names as JSON (code, country, sector, name, entity), or
    null when it names none. Offices are resolved as of --date (default: the latest).

    Example:

        newsevents actors code "North Korean officials"
        newsevents actors code "Mike Pompeo" --date 2019-04-22
    """
    from newsevents.api import Coder

    day = parse_date_option(date)
    coder = Coder.load(Settings(actors_file=actors))
    texts = sys.stdin.read().splitlines() if text == "-" else [text]
    for phrase in texts:
        actor = coder.code_actor(phrase, day) if phrase.strip() else None
        record = (
            None
            if actor is None
            else {
                "code": actor.code,
                "country": actor.country,
                "sector": actor.sector,
                "name": actor.name,
                "entity": actor.entity,
            }
        )
        print(json.dumps(record, ensure_ascii=False))


@actors_app.command("search")
def search_actors_command(
    query: Annotated[str, typer.Argument(help="Part of a name, alias or entity id.")],
    actors: Annotated[Path | None, ActorsFileOption] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many entries.")] = 25,
) -> None:
    r"""List knowledge-base entries whose name, alias or id contains QUERY, with their
    codes and, for people and groups, their offices and dates.

    Example:

        newsevents actors search pompeo
    """
    from newsevents.actors import load_knowledge_base

    kb = load_knowledge_base(actors)
    entries = kb.search(query)[:limit]
    table = Table(title=f"{len(entries)} entries matching {query!r}", title_justify="left")
    for column in ("entity", "name", "code", "offices"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        offices = "; ".join(
            f"{r.code} {r.title} {r.start or '…'}–{r.end or 'today'}".replace("  ", " ")
            for r in entry.roles
        )
        table.add_row(entry.entity, entry.name, entry.default_code or entry.code or "", offices)
    Console(width=None if sys.stdout.isatty() else 160).print(table)
