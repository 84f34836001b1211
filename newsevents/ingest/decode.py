"""Turn bytes into text, or say clearly why not."""

from __future__ import annotations

from newsevents.errors import Errors
from newsevents.records import ReadError


def decode_bytes(data: bytes, origin: str) -> str | ReadError:
    """Decode UTF-8 (with or without BOM); refuse binary data and invalid UTF-8."""
    if b"\x00" in data[:8192]:
        return ReadError(origin, Errors.E004.format(path=origin))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadError(origin, Errors.E003.format(path=origin, offset=exc.start))


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page or fragment rather than plain prose."""
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and any(tag in head for tag in ("<p", "<div", "<body", "<article"))
    )
