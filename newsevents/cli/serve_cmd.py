"""``newsevents serve``: the HTTP API and the web page."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsevents.cli.options import DbOption, db_path

err = Console(stderr=True, highlight=False, soft_wrap=True)


def serve_command(
    db: Annotated[Path | None, DbOption] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on. Only this machine can connect by default.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="NEWSEVENTS_TOKEN",
            help="Token that POST /api/ingest requires (Authorization: Bearer TOKEN). "
            "Without one, uploads are refused. Also read from $NEWSEVENTS_TOKEN.",
        ),
    ] = None,
    actors: Annotated[
        Path | None,
        typer.Option("--actors", metavar="FILE", help="Your own actors (JSONL) for coding."),
    ] = None,
    max_upload_mb: Annotated[
        int, typer.Option(min=1, max=4096, help="Largest request body accepted, in MB.")
    ] = 20,
    timeout: Annotated[
        float, typer.Option(min=1, help="Seconds before a request is cut off (503).")
    ] = 120.0,
) -> None:
    """Serve the HTTP API (docs at /docs) and the web page at http://HOST:PORT/.

    The page shows an overview (counts, busiest dyads, the actor network, a timeline), an
    event explorer with the evidence sentence of each event, the articles, and a box to
    code a pasted text. It needs no internet connection.

    Example:

        newsevents serve --db news.duckdb --port 8000
    """
    import uvicorn

    from newsevents.web import ServeSettings, create_app

    if not _is_loopback(host) and not token:
        err.print(
            f"note: listening on {host} lets other machines read the store; "
            "uploads stay disabled without --token",
            markup=False,
        )
    settings = ServeSettings(
        db_path=db_path(db),
        token=token or None,
        actors_file=actors,
        max_body_bytes=max_upload_mb * 1_000_000,
        request_timeout=timeout,
    )
    app = create_app(settings)
    err.print(f"serving {settings.db_path} on http://{host}:{port}/ (Ctrl+C stops)", markup=False)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        timeout_keep_alive=5,
        limit_concurrency=100,
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
