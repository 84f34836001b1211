"""Bounded gzip decompression: a gzip bomb is refused, never expanded in full.

A file of a few megabytes can expand to terabytes (a "gzip bomb"), and a line with no end
can make a reader hold all of it. :class:`BoundedGunzip` decompresses lazily and stops
with :class:`ExpansionLimit` when the output outgrows ``MAX_RATIO`` times the compressed
input read so far (plus ``FLOOR_BYTES``), or when ``MAX_LINE_BYTES`` pass without a line
break. Real text, HTML and WARC files stay far inside both limits (HTML compresses about
5-10 fold; binary records have a line break every few hundred bytes).
"""

from __future__ import annotations

import io
import zlib

GZIP_MAGIC = b"\x1f\x8b"
MAX_RATIO = 100
FLOOR_BYTES = 64 * 1024 * 1024
MAX_LINE_BYTES = 32 * 1024 * 1024
CHUNK = 64 * 1024


class ExpansionLimit(ValueError):
    """The compressed data expands beyond the limits: a gzip bomb or not text at all."""


class BoundedGunzip(io.RawIOBase):
    """A readable stream of the decompressed bytes of (multi-member) gzip ``data``."""

    def __init__(
        self,
        data: bytes,
        max_ratio: int = MAX_RATIO,
        floor: int = FLOOR_BYTES,
        max_line: int = MAX_LINE_BYTES,
    ) -> None:
        self._data = memoryview(data)
        self._position = 0  # position in ``_data`` (the current and later members)
        self._consumed = 0  # compressed bytes handed to the decompressor, in all members
        self._out = 0  # decompressed bytes produced
        self._since_newline = 0
        self._max_ratio, self._floor, self._max_line = max_ratio, floor, max_line
        self._decompressor: zlib._Decompress | None = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self._pending = b""  # compressed input the decompressor has not taken yet
        self._error: ValueError | None = None  # raised once the output before it is read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self._next(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def _next(self, size: int) -> bytes:
        if self._error is not None:
            raise self._error
        while self._decompressor is not None:
            if not self._pending:
                self._pending = bytes(self._data[self._position : self._position + CHUNK])
                self._position += len(self._pending)
                self._consumed += len(self._pending)
                if not self._pending:
                    if not self._decompressor.eof:
                        raise EOFError("the gzip data ends before its end marker")
                    self._decompressor = None
                    break
            try:
                out = self._decompressor.decompress(self._pending, max(1, size))
            except zlib.error as exc:
                raise ValueError(f"corrupt gzip data ({exc})") from None
            self._pending = self._decompressor.unconsumed_tail
            if self._decompressor.eof:
                try:
                    self._next_member()
                except ValueError as exc:  # trailing garbage: after this member's output
                    self._error, self._decompressor = exc, None
            if out:
                self._check(out)
                return out
        if self._error is not None:
            raise self._error
        return b""

    def _next_member(self) -> None:
        """After one gzip member: the next one, or the end (zero padding is allowed)."""
        assert self._decompressor is not None
        left = len(self._decompressor.unused_data) + len(self._pending)
        self._consumed -= left  # not part of this member: counted again when read
        self._position -= left
        self._pending = b""
        while self._position < len(self._data):  # skip zero padding, a chunk at a time
            chunk = bytes(self._data[self._position : self._position + CHUNK])
            zeros = len(chunk) - len(chunk.lstrip(b"\0"))
            self._position += zeros
            if zeros < len(chunk):
                break
        if self._position >= len(self._data):
            self._decompressor = None
            return
        if bytes(self._data[self._position : self._position + 2]) != GZIP_MAGIC:
            raise ValueError("data after the end of the gzip stream is not gzip")
        self._decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)

    def _check(self, out: bytes) -> None:
        self._out += len(out)
        allowed = self._floor + self._max_ratio * self._consumed
        if self._out > allowed:
            raise ExpansionLimit(
                f"expands more than {self._max_ratio} times its size: a gzip bomb?"
            )
        self._since_newline = _check_line(out, self._since_newline, self._max_line)


class LineGuard(io.RawIOBase):
    """Uncompressed ``data`` as a stream that stops (ExpansionLimit) at a line longer than
    ``max_line``: readers that join a line block by block would take quadratic time."""

    def __init__(self, data: bytes, max_line: int = MAX_LINE_BYTES) -> None:
        self._data = memoryview(data)
        self._position = 0
        self._since_newline = 0
        self._max_line = max_line

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self._data[self._position : self._position + len(buffer)]
        self._position += len(chunk)
        self._since_newline = _check_line(bytes(chunk), self._since_newline, self._max_line)
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _check_line(out: bytes, since_newline: int, max_line: int) -> int:
    """Bytes since the last line break after ``out``; ExpansionLimit beyond ``max_line``."""
    newline = out.rfind(b"\n")
    since_newline = len(out) - newline - 1 if newline >= 0 else since_newline + len(out)
    if since_newline > max_line:
        raise ExpansionLimit(f"no line break in {max_line // (1024 * 1024)} MB of data")
    return since_newline


def open_plain(data: bytes) -> LineGuard:
    """A stream of ``data`` that refuses a line without end."""
    return LineGuard(data)


def open_gzip(data: bytes) -> BoundedGunzip:
    """A bounded stream of the decompressed content of gzip ``data``. Unbuffered on
    purpose: a read returns what one step gives (short reads), so the records before a
    damaged part are handed on before the error, not lost in a read-ahead buffer."""
    return BoundedGunzip(data)


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """All decompressed bytes, refusing (ExpansionLimit) output beyond ``max_bytes``."""
    stream = BoundedGunzip(data, max_line=max_bytes + 1)
    out = io.BytesIO()
    while chunk := stream.read(CHUNK):
        out.write(chunk)
        if out.tell() > max_bytes:
            raise ExpansionLimit(f"expands to more than {max_bytes // (1024 * 1024)} MB")
    return out.getvalue()
