"""The `/api` endpoints. Handlers are plain functions run in FastAPI's thread pool; they
read through `request.app.state.store` and code through `request.app.state.coder`."""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import StreamingResponse
from starlette.exceptions import HTTPException

from newsevents import __version__
from newsevents.actors.names import bundled_actor_names
from newsevents.events.names import bundled_names
from newsevents.store.lookup import (
    article_detail,
    event_detail,
    event_page,
    overview,
    store_actors,
)
from newsevents.store.watching import WatchState
from newsevents.web.access import uploads_as_origins
from newsevents.web.downloads import MEDIA_TYPES, download
from newsevents.web.filters import DateParam, Filters, date_range, parse_day
from newsevents.web.frames import bloc_map, frame_records, network_view, plain
from newsevents.web.models import AnalysisModality, CodeRequest
from newsevents.web.spans import article_spans, sentence_spans

api_router = APIRouter()
DEFAULT_PAGE = 50
MAX_PAGE = 500  # JSON pages; the CSV and Parquet downloads have no cap
Level = Annotated[str, Query(pattern="^(country|code)$", description="country or code")]
ID_PATTERN = r"^[0-9a-zA-Z_.:-]{1,128}$"
EventId = Annotated[str, PathParam(pattern=ID_PATTERN, description="an event_id")]
ArticleId = Annotated[
    str,
    PathParam(
        pattern=ID_PATTERN,
        description="an article_id (the content hash in event records' article_id)",
    ),
]
ActorPath = Annotated[
    str,
    PathParam(
        pattern=r"^[0-9a-zA-Z_.:' -]{1,128}$",
        description="an actor: a name or alias (Russia), a code prefix or an entity id",
    ),
]
SAFE_NAME = re.compile(r"[^0-9A-Za-z._-]+")
UPLOAD_SUFFIXES = {
    ".txt",
    ".html",
    ".htm",
    ".json",
    ".jsonl",
    ".csv",
    ".xml",
    ".rss",
    ".atom",
    ".warc",
    ".gz",
}


@api_router.get("/health")
def health(request: Request) -> dict[str, Any]:
    """Is the server up, which store does it serve, is the model loaded."""
    with request.app.state.store.reading() as store:
        counts = store.counts()
    return {
        "status": "ok",
        "version": __version__,
        "store": str(request.app.state.settings.db_path),
        "articles": counts["articles"],
        "events": counts["events"],
        "coder_loaded": request.app.state.coder.loaded,
        "ingest_enabled": request.app.state.settings.token is not None,
    }


@api_router.post("/code")
def code(request: Request, body: CodeRequest) -> dict[str, Any]:
    """Code a text: its events (nothing is stored), each with the `spans` of its trigger
    and actors in its evidence sentence."""
    from newsevents.api import code_text

    limit = request.app.state.settings.max_text_chars
    if len(body.text) > limit:
        raise HTTPException(413, f"text longer than {limit} characters")
    with request.app.state.coder.use() as coder:
        events = code_text(body.text, date=body.date, doc_id=body.doc_id, coder=coder)
    records = [bundled_names().name_record(event.to_dict()) for event in events]
    return {"events": [{**record, "spans": sentence_spans(record)} for record in records]}


@api_router.get("/events")
def events(
    request: Request,
    filters: Filters,
    limit: Annotated[
        int | None, Query(ge=1, description=f"rows a page (JSON: at most {MAX_PAGE}, default 50)")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    fmt: Annotated[str, Query(alias="format", description="json, csv or parquet")] = "json",
) -> Any:
    """Events matching every filter of `newsevents events`, a page at a time (JSON, with
    a `next` link while more match), or all of them as CSV or Parquet (`format=`). Actors
    may be names or aliases (`actor=Russia`, `dyad=the EU,Russia`), codes or entity ids;
    dates a year, a month or a day (`since=2022&until=2022-03`). Each record has
    `cameo_name` and each actor its `code_name`."""
    if fmt in MEDIA_TYPES:
        return download(request.app.state.store, replace(filters, limit=limit, offset=offset), fmt)
    if fmt != "json":
        raise HTTPException(400, f"query.format: {fmt!r} is not one of json, csv, parquet")
    limit = DEFAULT_PAGE if limit is None else limit
    if limit > MAX_PAGE:
        raise HTTPException(
            422,
            f"query.limit: at most {MAX_PAGE} events a page; follow the answer's next link, "
            "or download every match from /api/events.csv or /api/events.parquet",
        )
    with request.app.state.store.reading() as store:
        total, records = event_page(store, replace(filters, limit=limit, offset=offset))
    following = offset + limit
    next_page = None
    if following < total:
        url = request.url.include_query_params(offset=following, limit=limit)
        next_page = f"{url.path}?{url.query}"
    named = [bundled_names().name_record(record) for record in records]
    return {"total": total, "limit": limit, "offset": offset, "next": next_page, "events": named}


@api_router.get("/events.csv")
def events_csv(request: Request, filters: Filters) -> StreamingResponse:
    """Every event matching the filters (those of `/api/events`, names and partial dates
    included) as CSV, streamed, with no row cap: the columns of `newsevents events
    --format csv`, names beside codes (`cameo_name`, `source_code_name`, ...)."""
    return download(request.app.state.store, filters, "csv")


@api_router.get("/events.parquet")
def events_parquet(request: Request, filters: Filters) -> StreamingResponse:
    """Every event matching the filters as one Parquet file, streamed, with no row cap."""
    return download(request.app.state.store, filters, "parquet")


@api_router.get("/events/{event_id}")
def event(request: Request, event_id: EventId) -> dict[str, Any]:
    """One event with its article and its cluster."""
    with request.app.state.store.reading() as store:
        record = event_detail(store, event_id)
    if record is None:
        raise HTTPException(404, f"no event {event_id!r} in the store")
    return {**bundled_names().name_record(record), "spans": sentence_spans(record)}


@api_router.get("/articles/{article_id}")
def article(request: Request, article_id: ArticleId) -> dict[str, Any]:
    """An article's clean text, its events, and the spans to mark (sentence, trigger,
    source, target, attributed_to)."""
    with request.app.state.store.reading() as store:
        record = article_detail(store, article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r} in the store")
    events = [bundled_names().name_record(event) for event in record["events"]]
    return {**record, "events": events, "spans": article_spans(record)}


@api_router.get("/actors")
def actors(
    request: Request,
    q: Annotated[str | None, Query(max_length=80, description="code prefix or name part")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> dict[str, Any]:
    """Actors in the store with how many events they are source or target of, and each
    code in words (`code_name`)."""
    with request.app.state.store.reading() as store:
        found = store_actors(store, q, limit)
    names = bundled_actor_names()
    return {"actors": [{**actor, "code_name": names.describe(actor["code"])} for actor in found]}


@api_router.get("/alerts")
def alerts(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500, description="at most this many alerts")] = 20,
) -> dict[str, Any]:
    """The latest alerts that `newsevents watch` raised (newest first), and its last
    finished cycle (`null` when the store was never watched)."""
    with request.app.state.store.reading() as store:
        state = WatchState(store)
        return {
            "last_cycle": state.last_cycle(),
            "alerts": [alert.to_dict() for alert in state.latest_alerts(limit)],
        }


@api_router.get("/overview")
def overview_route(request: Request) -> dict[str, Any]:
    """Counts, dates, modalities, the busiest dyads (with the countries' names) and events
    per month by QuadClass."""
    with request.app.state.store.reading() as store:
        figures = overview(store)
    names = bundled_actor_names()
    for dyad in figures["top_dyads"]:
        dyad["a_name"], dyad["b_name"] = names.describe(dyad["a"]), names.describe(dyad["b"])
    return figures


@api_router.get("/dyads/{a}/{b}/series")
def dyad_series_route(
    request: Request,
    a: ActorPath,
    b: ActorPath,
    by: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
    since: DateParam = None,
    until: DateParam = None,
    modality: AnalysisModality = "asserted",
    unique: bool = False,
) -> dict[str, Any]:
    """Events from A to B and from B to A per period, by QuadClass, with Goldstein. A and
    B may be names ("Russia") as in `/api/events`; `a_name` and `b_name` say what they
    were taken to be."""
    from newsevents.analysis import dyad_series, make_scope

    scope = make_scope(*date_range(since, until), modality, unique)
    names = bundled_actor_names()
    codes = names.resolve(a), names.resolve(b)
    with request.app.state.store.reading() as store:
        frame = dyad_series(store, *codes, by=by, scope=scope)
    return {
        "a": codes[0],
        "b": codes[1],
        "a_name": names.describe(codes[0]),
        "b_name": names.describe(codes[1]),
        "by": by,
        "series": frame_records(frame),
    }


def analysis_params(
    since: DateParam = None,
    until: DateParam = None,
    level: Level = "country",
    modality: AnalysisModality = "asserted",
    unique: bool = False,
    min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> dict[str, Any]:
    """The parameters the network and the blocs share: their scope, level and minimum."""
    from newsevents.analysis import make_scope

    scope = make_scope(*date_range(since, until), modality, unique)
    return {"scope": scope, "level": level, "min_events": min_events}


AnalysisParams = Annotated[dict[str, Any], Depends(analysis_params)]


@api_router.get("/network")
def network(
    request: Request, params: AnalysisParams, top: Annotated[int, Query(ge=2, le=200)] = 40
) -> dict[str, Any]:
    """The signed actor network: nodes laid out (x, y in [0, 1]) with their bloc, and the
    actor pairs with cooperation and conflict counts."""
    from newsevents.analysis import network_edges, signed_blocs

    def compute() -> dict[str, Any]:
        edges = network_edges(store, **params)
        blocs = signed_blocs(store, **params) if len(edges) else None
        return network_view(edges, bloc_map(blocs), top)

    with request.app.state.store.reading() as store:
        key = ("network", *sorted(params.items()), top)
        return request.app.state.cache.get(store, key, compute)


@api_router.get("/blocs")
def blocs(request: Request, params: AnalysisParams) -> dict[str, Any]:
    """Groups of actors that cooperate with each other and conflict with others."""
    from newsevents.analysis import signed_blocs

    def compute() -> dict[str, Any]:
        frame = signed_blocs(store, **params)
        figures = {key: plain(value) for key, value in frame.attrs.items()}
        return {"actors": frame_records(frame), "figures": figures}

    with request.app.state.store.reading() as store:
        return request.app.state.cache.get(store, ("blocs", *sorted(params.items())), compute)


@api_router.post("/ingest")
def ingest(
    request: Request,
    files: Annotated[list[UploadFile], File(description="Articles, feeds, WARC files")],
    day: Annotated[str | None, Form(alias="date", pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
) -> dict[str, Any]:
    """Store uploaded files (as `newsevents ingest` would). Needs `Authorization:
    Bearer TOKEN` with the token the server was started with (checked by the TokenGuard
    middleware before any of the body is read)."""
    from newsevents.config import Settings
    from newsevents.pipeline import run_ingest

    state = request.app.state
    with tempfile.TemporaryDirectory(prefix="newsevents-upload-") as folder:
        paths = [str(_save_upload(upload, Path(folder), i)) for i, upload in enumerate(files)]
        settings = Settings(
            db_path=state.settings.db_path,
            default_date=parse_day(day, "form.date"),
            actors_file=state.settings.actors_file,
        )
        with state.coder.use() as shared, state.store.writing():
            coder = replace(shared, settings=settings)  # this upload's date, same model
            summary = run_ingest(paths, settings, coder=coder)
            uploads_as_origins(settings.db_path, summary.run_id, folder)
    errors = [message.replace(folder + "/", "") for message in summary.errors]
    return {
        "run_id": summary.run_id,
        **summary.counts(),
        "rejected_reasons": dict(summary.rejected),
        "error_messages": errors,
        "warnings": summary.warnings,  # dates read by a stated rule, or not read
        "undated": summary.undated,  # new articles stored without a date
        "undated_doc_ids": summary.undated_examples,  # the first few
    }


def _save_upload(upload: UploadFile, folder: Path, index: int) -> Path:
    """The upload under a name of our own making (never the client's path), keeping a
    known suffix so the reader knows the format."""
    name = SAFE_NAME.sub("_", Path(upload.filename or "upload.txt").name).strip("._") or "upload"
    suffix = "".join(Path(name).suffixes[-2:]).lower()
    if not any(suffix.endswith(known) for known in UPLOAD_SUFFIXES):
        raise HTTPException(
            415,
            f"{upload.filename!r}: unsupported file type (use .txt, .html, .json, "
            ".jsonl, .csv, RSS/Atom .xml, .warc or .warc.gz)",
        )
    path = folder / f"{index:04d}" / name[:100]  # a folder each: the file keeps its name
    path.parent.mkdir()
    with path.open("wb") as out:
        while chunk := upload.file.read(1 << 20):
            out.write(chunk)
    return path


def _scalar(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value
