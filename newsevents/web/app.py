"""The HTTP API and the web page: ``create_app(ServeSettings(...))`` returns a FastAPI app.

Every answer is JSON; every error is ``{"error": {"status", "code", "message"}}`` with a
4xx status for a bad request (never a 500 for bad input). Reads use read-only
connections and parameterised SQL; ``POST /api/ingest`` needs the server's token.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from newsevents import __version__
from newsevents.config import Settings, default_db_path
from newsevents.errors import NewseventsError
from newsevents.web.access import CoderHolder, ResultCache, StoreAccess
from newsevents.web.limits import BodyLimit, TimeLimit, TokenGuard
from newsevents.web.map_routes import map_router
from newsevents.web.routes import api_router

if TYPE_CHECKING:
    from newsevents.api import Coder

STATIC = Path(__file__).parent / "static"
log = logging.getLogger(__name__)

# NewseventsError codes that are not the client's fault in the usual sense.
STATUS_BY_CODE = {"E011": 503, "E010": 503, "E009": 503, "W001": 503, "A001": 404}
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_type",
    422: "invalid_request",
}


@dataclass(frozen=True)
class ServeSettings:
    """What ``newsevents serve`` can be told."""

    db_path: Path = field(default_factory=default_db_path)
    token: str | None = None  # required by POST /api/ingest; None disables ingest
    actors_file: Path | None = None
    max_body_bytes: int = 20_000_000  # request bodies (uploads) larger than this: 413
    max_text_chars: int = 200_000  # POST /api/code texts longer than this: 413
    request_timeout: float = 120.0  # seconds before a request is answered 503
    busy_timeout: float = 10.0  # seconds a read waits for a running ingest

    def coder_settings(self) -> Settings:
        return Settings(db_path=self.db_path, actors_file=self.actors_file)


def create_app(settings: ServeSettings | None = None, coder: Coder | None = None) -> FastAPI:
    """The app: ``/api/...`` (OpenAPI docs at ``/docs``) and the web page at ``/``.
    ``coder`` is an already loaded :class:`~newsevents.api.Coder` to share; without one the
    server loads its own on the first request that codes text."""
    settings = settings or ServeSettings()
    app = FastAPI(
        title="newsevents",
        version=__version__,
        description="Political event data from news text: events with their evidence, "
        "modality and confidence, the actors, dyads, the network and its blocs.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; /docs is our own page
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = StoreAccess(settings.db_path, settings.busy_timeout)
    app.state.coder = CoderHolder(settings.coder_settings(), coder)
    app.state.cache = ResultCache()
    app.add_middleware(TimeLimit, seconds=settings.request_timeout)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(TokenGuard, path="/api/ingest", token=settings.token)
    app.include_router(api_router, prefix="/api")
    app.include_router(map_router, prefix="/api")
    _add_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "api.html")

    return app


def error_response(status: int, message: str, code: str | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": {"status": status, "code": code, "message": message}}, status_code=status
    )


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NewseventsError)
    def library_error(request: Request, exc: NewseventsError) -> JSONResponse:
        return error_response(STATUS_BY_CODE.get(exc.code, 400), exc.message, exc.code)

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, validation_message(exc.errors()), "invalid_request")

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, "http")
        return error_response(exc.status_code, str(exc.detail), code)

    @app.exception_handler(Exception)
    def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, f"internal error ({type(exc).__name__})", "internal")


def validation_message(errors: Any) -> str:
    """FastAPI's validation errors as one line: "query.limit: ... ; body.text: ..."."""
    parts = []
    for error in errors:
        location = tuple(error.get("loc", ()))
        kind = error.get("type", "")
        if kind == "json_invalid":
            at = location[1] if len(location) > 1 else "?"
            parts.append(f"body: not valid JSON (near character {at})")
        elif location == ("body",) and kind in ("model_attributes_type", "dict_type"):
            parts.append(
                'body: expected a JSON object such as {"text": "..."} '
                "(send Content-Type: application/json)"
            )
        else:
            where = ".".join(str(part) for part in location)
            parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"
