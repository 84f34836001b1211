"""Request limits as plain ASGI middleware: body size and total time.

``BodyLimit`` answers 413 when a request says (Content-Length) or turns out (while the body
streams in) to be larger than allowed; ``TimeLimit`` answers 503 when a request takes
longer than allowed to start its answer, including a client that sends its body slowly
(an answer that has started, such as a streamed download, is not cut off); ``TokenGuard`` checks
the upload token before anything of the body is read.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]


async def send_error(send: Any, status: int, message: str, code: str) -> None:
    body = json.dumps({"error": {"status": status, "code": code, "message": message}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"request body larger than {self.max_bytes} bytes"
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await send_error(send, 413, message, "too_large")
            return
        received = 0
        started = refused = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            event = await receive()
            received += len(event.get("body", b""))
            if received > self.max_bytes:
                if not started and not refused:
                    refused = True
                    await send_error(send, 413, message, "too_large")
                return {"type": "http.disconnect"}  # the app stops reading here
            return event

        async def tracking_send(event: Message) -> None:
            nonlocal started
            if refused:
                return  # our 413 is the answer
            started = started or event["type"] == "http.response.start"
            await send(event)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except Exception:
            if not refused:
                raise


class TimeLimit:
    def __init__(self, app: Any, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(event: Message) -> None:
            nonlocal started
            started = started or event["type"] == "http.response.start"
            await send(event)

        task = asyncio.ensure_future(self.app(scope, receive, tracking_send))
        try:
            done, _ = await asyncio.wait({task}, timeout=self.seconds)
        except asyncio.CancelledError:
            task.cancel()  # the server stops this request: stop the app too
            raise
        if done or started:
            await task  # a download that has begun streams on: cutting it would truncate it
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        message = f"request took longer than {self.seconds:g} s"
        await send_error(send, 503, message, "timeout")


class TokenGuard:
    """Refuses a request to ``path`` without the right ``Authorization: Bearer`` token
    before its body is read (401; 403 when the server has no token at all)."""

    def __init__(self, app: Any, path: str, token: str | None) -> None:
        self.app = app
        self.path = path
        self.token = token

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("path") != self.path:
            await self.app(scope, receive, send)
            return
        if self.token is None:
            message = "ingest is disabled: start the server with --token or $NEWSEVENTS_TOKEN"
            await send_error(send, 403, message, "forbidden")
            return
        header = dict(scope.get("headers") or []).get(b"authorization", b"").decode("latin-1")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.encode(), self.token.encode()
        ):
            message = "missing or wrong token: send Authorization: Bearer TOKEN"
            await send_error(send, 401, message, "unauthorized")
            return
        await self.app(scope, receive, send)
