"""Downloads of a filter's events, CSV or Parquet, with no row cap: rows come from DuckDB
in record batches and leave as they are written, so the server's memory stays flat
however many events match (``GET /api/events.csv``, ``/api/events.parquet``, and
``/api/events?format=csv|parquet``). The columns are those of ``newsevents events
--format csv|parquet``: the store's, then the codes' names (``cameo_name``,
``source_code_name``, ``target_code_name``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from fastapi.responses import StreamingResponse

from newsevents.events.names import bundled_names
from newsevents.store.query import EventFilters
from newsevents.web.access import StoreAccess

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}
BATCH_ROWS = 10_000


class ChunkSink:
    """A write-only file that keeps what was written until :meth:`take` hands it on."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._position = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        data, self._parts = b"".join(self._parts), []
        return data


# Both write a file to any object with write(), and take a batch at a time.
WRITERS: dict[str, Callable[[ChunkSink, pa.Schema], Any]] = {
    "csv": pacsv.CSVWriter,
    "parquet": pq.ParquetWriter,
}


def named_batches(reader: pa.RecordBatchReader) -> pa.RecordBatchReader:
    """The batches with the codes' names added, as ``newsevents events`` writes them."""
    names = bundled_names()
    schema = names.name_table(reader.schema.empty_table()).schema

    def batches() -> Iterator[pa.RecordBatch]:
        for batch in reader:
            yield from names.name_table(pa.Table.from_batches([batch])).to_batches()

    return pa.RecordBatchReader.from_batches(schema, batches())


def file_chunks(reader: pa.RecordBatchReader, fmt: str) -> Iterator[bytes]:
    """The batches as one ``fmt`` file, a chunk per batch: CSV's header line comes with
    the first chunk, Parquet's footer with the last (a row group per batch)."""
    sink = ChunkSink()
    with WRITERS[fmt](sink, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            yield sink.take()
    yield sink.take()


def download(access: StoreAccess, filters: EventFilters, fmt: str) -> StreamingResponse:
    """The response streaming the filter's events as ``fmt`` (csv or parquet). The store
    is opened (or "busy" raised) before the answer starts, and closed when it ends."""
    stack = ExitStack()
    try:
        store = stack.enter_context(access.reading())
        reader = named_batches(store.event_batches(filters, BATCH_ROWS))
    except BaseException:
        stack.close()
        raise

    def body() -> Iterator[bytes]:
        with stack:
            yield from file_chunks(reader, fmt)

    disposition = f'attachment; filename="events.{fmt}"'
    return StreamingResponse(
        body(), media_type=MEDIA_TYPES[fmt], headers={"content-disposition": disposition}
    )
