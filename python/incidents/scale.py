"""Reading millions of articles: one call per batch of Arrow data, run by any engine.

:func:`extract_arrow` is the primitive. It takes one batch of articles as Arrow
data (a pyarrow ``Table`` or ``RecordBatch``, a polars DataFrame, or anything
with ``__arrow_c_stream__``) and returns the tables of that batch. It keeps no
state between calls apart from the compiled extractor, built once per process,
so Ray Data's ``map_batches``, Spark's ``mapInArrow`` and Dask's
``map_partitions`` can each call it on their workers; ``docs/scale-out.md``
gives the recipes.

An engine's map step yields *one* table per batch, of one schema, while a batch
gives several tables. :func:`pack` puts them in one: a ``table`` column naming
the table a row belongs to and one struct column per table, of which only that
one is set (:data:`PACKED_SCHEMA`). Its types are those every engine holds:
enums as strings, ``UInt32`` as ``Int64`` (Spark has no unsigned integers).
:func:`unpack` restores the contract's dtypes; :func:`read_packed` reads a
packed Parquet dataset written by an engine.

Events merge incidents across documents, so a batch's events are only those
within the batch: :func:`merge_events` recomputes them over everything once the
engine is done, a district at a time (the province where no district is
known), which gives what one merge over all incidents gives.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from ._tables import SCHEMAS, TABLE_NAMES, Tables, _conform, _from_native

if TYPE_CHECKING:
    from . import Extractor

__all__ = [
    "PACKED_SCHEMA",
    "PORTABLE_SCHEMAS",
    "extract_arrow",
    "extract_packed",
    "merge_events",
    "pack",
    "read_packed",
    "unpack",
]


def _as_frame(batch: Any) -> pl.DataFrame:
    """A polars DataFrame over an Arrow batch, without copying where Arrow allows."""
    if isinstance(batch, pl.DataFrame):
        return batch
    if isinstance(batch, pl.LazyFrame):
        raise TypeError("extract_arrow takes data, not a LazyFrame: collect it first")
    # pyarrow and pandas objects are taken by polars itself, also from versions
    # older than the stream interface.
    if hasattr(batch, "__arrow_c_stream__") or type(batch).__module__.startswith(
        ("pyarrow", "pandas")
    ):
        return pl.DataFrame(batch)
    raise TypeError(
        "extract_arrow takes a pyarrow Table or RecordBatch, a polars DataFrame or an "
        f"object with __arrow_c_stream__, not {type(batch).__name__}"
    )


def _column(frame: pl.DataFrame, name: str, what: str) -> pl.Series:
    if name not in frame.columns:
        raise ValueError(
            f"{what} column {name!r} is not in the batch; its columns are {frame.columns}"
        )
    return frame.get_column(name)


def _texts(frame: pl.DataFrame, name: str) -> list[str | None]:
    column = _column(frame, name, "text")
    if column.dtype == pl.Null:
        return [None] * frame.height
    if isinstance(column.dtype, pl.Categorical | pl.Enum):
        column = column.cast(pl.String)
    if column.dtype != pl.String:
        raise TypeError(f"text column {name!r} holds {column.dtype}, not strings")
    return column.to_list()


def _doc_ids(frame: pl.DataFrame, name: str | None) -> list[str] | None:
    if name is None:
        return None
    column = _column(frame, name, "doc_id")
    if column.dtype.is_nested():
        raise TypeError(f"doc_id column {name!r} holds {column.dtype}, not ids")
    nulls = column.is_null()
    if nulls.any():
        rows = nulls.arg_true().head(5).to_list()
        raise ValueError(
            f"doc_id column {name!r} has nulls (rows {rows} of the batch): every article "
            "needs an id, or its incidents could not be told apart from another's"
        )
    return column.cast(pl.String).to_list()


def _published(frame: pl.DataFrame, name: str | None) -> list[Any] | None:
    if name is None:
        return None
    if name == "published" and name not in frame.columns:
        return None
    column = _column(frame, name, "published")
    if column.dtype == pl.Null:
        return None
    if isinstance(column.dtype, pl.Datetime):
        column = column.dt.date()
    elif isinstance(column.dtype, pl.Categorical | pl.Enum):
        column = column.cast(pl.String)
    if column.dtype not in (pl.Date, pl.String):
        raise TypeError(
            f"published column {name!r} holds {column.dtype}: give dates, datetimes or "
            "ISO date strings"
        )
    return column.to_list()


def extract_arrow(
    batch: Any,
    text: str = "text",
    doc_id: str | None = "doc_id",
    published: str | None = "published",
    *,
    extractor: Extractor | None = None,
) -> Tables:
    """Reads one batch of articles given as Arrow data into the tables of :data:`SCHEMAS`.

    ``batch`` is a pyarrow ``Table``, ``RecordBatch`` or ``RecordBatchReader``, a
    polars DataFrame, or any object with ``__arrow_c_stream__`` (pandas, DuckDB,
    ...); pyarrow itself is not needed. ``text`` names the column of article
    texts (strings; a null text gives a ``documents`` row of status ``empty``,
    never a missing row). ``doc_id`` names the column of ids, which must be
    there and have no nulls: across batches, ids are all that tell articles
    apart. Integer ids are written as text. ``doc_id=None`` numbers the rows
    of the batch instead ("0", "1", ...), which is unique only within it.
    ``published`` names an optional column of reference dates (Date, Datetime or
    ISO strings); when the batch has no column of the default name, the dates
    are read from the texts. A missing column raises ValueError naming the
    columns the batch has.

    The result is a :class:`Tables` of polars DataFrames, each of which is
    Arrow data too (``pyarrow.table(tables.incidents)`` takes it as it is).
    ``events`` merges only the batch's own incidents: see :func:`merge_events`.

    ``extractor`` (an :class:`incidents.Extractor`) reads with places and actors
    of your own and on the threads it was given; by default the module's
    extractor is used (see :func:`incidents.use_extractor`). Either is compiled
    once per process: pass the same ``Extractor`` to every call, and engines
    ship it to their workers by pickling, which sends its configuration only.

    >>> import pyarrow as pa  # doctest: +SKIP
    >>> batch = pa.table({"doc_id": ["a"], "text": ["Two soldiers died."]})  # doctest: +SKIP
    >>> extract_arrow(batch).documents.height  # doctest: +SKIP
    1
    """
    frame = _as_frame(batch)
    texts = _texts(frame, text)
    ids = _doc_ids(frame, doc_id)
    dates = _published(frame, published)
    if extractor is not None:
        native = extractor._native
    else:
        from . import _extractor

        native = _extractor()
    return _from_native(native.extract_texts(texts, ids, dates))


# ---------------------------------------------------------------------------
# One table for an engine's map step


def _portable(dtype: pl.DataType) -> pl.DataType:
    if isinstance(dtype, pl.Enum):
        return pl.String()
    if dtype == pl.UInt32:
        return pl.Int64()
    return dtype


PORTABLE_SCHEMAS: dict[str, pl.Schema] = {
    name: pl.Schema({column: _portable(dtype) for column, dtype in SCHEMAS[name].items()})
    for name in TABLE_NAMES
}
"""Each table's columns with the types every engine holds: enums as String, UInt32 as Int64."""

PACKED_SCHEMA: pl.Schema = pl.Schema(
    {"table": pl.String(), **{name: pl.Struct(PORTABLE_SCHEMAS[name]) for name in TABLE_NAMES}}
)
"""The schema of :func:`pack`: ``table`` (the table's name), then one struct per table."""


def pack(tables: Tables) -> pl.DataFrame:
    """The tables as one DataFrame of :data:`PACKED_SCHEMA`: a row per row of every table.

    Each row has ``table`` set to its table's name and that table's struct column
    set; the others are null. Rows keep their order, table by table. What an
    engine's map step returns, so that one pass over the articles gives every
    table; :func:`unpack` gives the tables back.
    """
    parts = []
    for name in TABLE_NAMES:
        frame = tables[name]
        struct = pl.struct(
            [pl.col(column).cast(dtype) for column, dtype in PORTABLE_SCHEMAS[name].items()]
        )
        parts.append(
            frame.select(
                pl.lit(name, dtype=pl.String).alias("table"),
                *(
                    struct.alias(other)
                    if other == name
                    else pl.lit(None, dtype=PACKED_SCHEMA[other]).alias(other)
                    for other in TABLE_NAMES
                ),
            )
        )
    return pl.concat(parts, how="vertical")


def unpack(packed: Any) -> Tables:
    """The tables of a packed frame (see :func:`pack`), with the contract's dtypes.

    ``packed`` is a polars DataFrame or LazyFrame, or Arrow data of that schema
    (an engine's output, read back). Tables are taken in the order of their
    rows. A table whose struct column is missing (packed by an older version)
    comes back empty. A value that does not fit its contract dtype (a number
    below zero, a word outside an enum) raises :class:`polars.exceptions.InvalidOperationError`.
    """
    if isinstance(packed, pl.DataFrame | pl.LazyFrame):
        lazy = packed.lazy()
    else:
        lazy = _as_frame(packed).lazy()
    present = set(lazy.collect_schema().names())
    frames = {}
    for name in TABLE_NAMES:
        if name not in present:
            frames[name] = pl.DataFrame(schema=SCHEMAS[name])
            continue
        rows = lazy.filter(pl.col("table") == name).select(name).unnest(name).collect()
        frames[name] = _conform(name, rows)
    return Tables(**frames)


def extract_packed(
    batch: Any,
    text: str = "text",
    doc_id: str | None = "doc_id",
    published: str | None = "published",
    *,
    extractor: Extractor | None = None,
) -> pl.DataFrame:
    """:func:`extract_arrow` then :func:`pack`: what a map step over articles returns.

    The events of each batch are left out (the batch's ``events`` rows are
    dropped) since they must be merged over all batches: :func:`merge_events`.
    """
    tables = extract_arrow(batch, text, doc_id, published, extractor=extractor)
    frames = dict(tables.items())
    if "events" in frames:
        frames["events"] = frames["events"].clear()
    return pack(Tables(**frames))


def read_packed(path: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Tables:
    """Reads a packed Parquet dataset (a folder of files, a glob or a list of paths).

    What an engine writes after a map step with :func:`extract_packed`; Ray
    Data, Spark and Dask each write a folder of ``*.parquet`` files. Each table
    is read with only its own column, and comes back with the contract's dtypes.
    """
    if isinstance(path, str | os.PathLike):
        folder = Path(path)
        source: Any = str(folder / "**" / "*.parquet") if folder.is_dir() else str(folder)
    else:
        source = [str(p) for p in path]
    return unpack(pl.scan_parquet(source))


def merge_events(tables: Tables, *, extractor: Extractor | None = None) -> Tables:
    """The tables with ``events`` recomputed over all their incidents, a district at a time.

    Two incidents merge only if they name the same district, or neither names one
    and they name the same province (see :func:`incidents.merge`). So each
    district, and each province's incidents without a district, can be merged
    apart from the rest, on as many workers as there are, and together they
    give what one merge over everything gives. Months are no such boundary: a
    report of 31 March and one of 1 April can be one event, and so can one dated
    "in March" and one of 2 March. The events come back in the order of one
    merge (date, unknown last, then ``event_id``); the other tables as they are.
    ``extractor`` merges with its own actors (their roll-ups decide whether two
    perpetrators agree); by default the module's. Write the result by month and
    province with ``tables.write(dir, partition_by=["month", "admin1"])``.
    """
    from . import merge

    merged = merge if extractor is None else extractor.merge
    keyed = tables.incidents.with_columns(_MERGE_KEY.alias("__group"))
    parts = []
    for group in keyed.partition_by("__group", maintain_order=True, include_key=False):
        # merge() keeps the rows of the documents it is given: those of the group.
        documents = tables.documents.join(group.select("doc_id").unique(), on="doc_id", how="semi")
        subset = Tables(
            documents=documents,
            incidents=group,
            casualties=tables.casualties.clear(),
            statistics=tables.statistics.clear(),
        )
        parts.append(merged(subset).events)
    events = pl.concat(parts) if parts else tables.events.clear()
    events = events.sort([pl.col("date").is_null(), "date", "event_id"], maintain_order=True)
    return Tables(**{**dict(tables.items()), "events": events})


# A key no two incidents that may merge differ on: the district, else the province.
_MERGE_KEY = pl.coalesce(
    pl.lit("district:") + pl.col("admin2").str.to_lowercase(),
    pl.lit("province:") + pl.col("admin1").str.to_lowercase(),
    pl.lit("neither"),
)
