"""The four tables as polars DataFrames, and writing and reading them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Literal

import polars as pl

from . import _native

Format = Literal["parquet", "csv", "jsonl"]

TABLE_NAMES: tuple[str, ...] = tuple(_native.table_names())
FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")
_SUFFIX = {"parquet": ".parquet", "csv": ".csv", "jsonl": ".jsonl"}
# CSV has no lists: list items are joined with this separator and split on read.
CSV_LIST_SEPARATOR = "; "


def _enum_dtypes() -> dict[str, dict[str, pl.Enum]]:
    out: dict[str, dict[str, pl.Enum]] = {name: {} for name in TABLE_NAMES}
    for table, column, values in _native.enum_columns():
        out[table][column] = pl.Enum(values)
    return out


_ENUMS = _enum_dtypes()


def _to_frame(table: str, native: _native.ArrowTable) -> pl.DataFrame:
    """Takes one table over the Arrow C stream interface and casts its enum columns."""
    frame = pl.DataFrame(native)
    enums = _ENUMS[table]
    if not enums:
        return frame
    return frame.with_columns(pl.col(c).cast(dtype) for c, dtype in enums.items())


def _from_native(native: Mapping[str, _native.ArrowTable]) -> Tables:
    return Tables(**{name: _to_frame(name, native[name]) for name in TABLE_NAMES})


def _conform(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Casts a frame read back from a file to the table's schema."""
    schema = SCHEMAS[table]
    exprs = []
    for column, dtype in schema.items():
        have = frame.schema[column]
        expr = pl.col(column)
        if have == dtype:
            exprs.append(expr)
        elif dtype == pl.Date and have == pl.String:
            exprs.append(expr.str.to_date("%Y-%m-%d"))
        elif isinstance(dtype, pl.List) and have == pl.String:
            exprs.append(
                pl.when(expr.is_null() | (expr == ""))
                .then(pl.lit([], dtype=dtype))
                .otherwise(expr.str.split(CSV_LIST_SEPARATOR))
                .alias(column)
            )
        else:
            exprs.append(expr.cast(dtype))
    return frame.select(exprs)


class Tables:
    """The four tables of a batch of documents, as polars DataFrames.

    ``documents`` has one row per input document, in input order; ``incidents``,
    ``casualties`` and ``statistics`` hold what was read from them. Columns and
    dtypes are those of the project's SCHEMA.md (see :data:`incidents.SCHEMAS`),
    with zero rows as with many.
    """

    __slots__ = ("casualties", "documents", "incidents", "statistics")

    documents: pl.DataFrame
    incidents: pl.DataFrame
    casualties: pl.DataFrame
    statistics: pl.DataFrame

    def __init__(
        self,
        documents: pl.DataFrame,
        incidents: pl.DataFrame,
        casualties: pl.DataFrame,
        statistics: pl.DataFrame,
    ) -> None:
        self.documents = documents
        self.incidents = incidents
        self.casualties = casualties
        self.statistics = statistics

    def items(self) -> Iterator[tuple[str, pl.DataFrame]]:
        """Yields ``(name, frame)`` for the four tables, in the contract's order."""
        for name in TABLE_NAMES:
            yield name, getattr(self, name)

    def __getitem__(self, name: str) -> pl.DataFrame:
        if name not in TABLE_NAMES:
            raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLE_NAMES)}")
        frame: pl.DataFrame = getattr(self, name)
        return frame

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tables):
            return NotImplemented
        return all(frame.equals(other[name]) for name, frame in self.items())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={frame.height}" for name, frame in self.items())
        return f"Tables({counts})"

    def write(self, dir: str | Path, format: Format = "parquet") -> dict[str, Path]:
        """Writes the four tables to ``dir`` as ``documents.<ext>`` and so on.

        ``format`` is ``"parquet"`` (every dtype kept, enums included),
        ``"csv"`` or ``"jsonl"``. CSV cannot hold lists: the list columns
        (``documents.warnings``, ``statistics.region``) are written as their
        items joined with ``"; "``, which :meth:`read` splits again. The folder is
        created if needed; existing files of the same names are replaced.
        Returns the path of each table's file.
        """
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        folder = Path(dir)
        folder.mkdir(parents=True, exist_ok=True)
        paths = {}
        for name, frame in self.items():
            path = folder / f"{name}{_SUFFIX[format]}"
            if format == "parquet":
                frame.write_parquet(path)
            elif format == "jsonl":
                frame.write_ndjson(path)
            else:
                lists = [c for c, t in frame.schema.items() if isinstance(t, pl.List)]
                flat = frame.with_columns(pl.col(c).list.join(CSV_LIST_SEPARATOR) for c in lists)
                flat.write_csv(path)
            paths[name] = path
        return paths

    @classmethod
    def read(cls, dir: str | Path, format: Format = "parquet") -> Tables:
        """Reads four tables written by :meth:`write`, restoring the contract's dtypes."""
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        folder = Path(dir)
        frames = {}
        for name in TABLE_NAMES:
            path = folder / f"{name}{_SUFFIX[format]}"
            if not path.exists():
                raise FileNotFoundError(2, "No such file or directory", str(path))
            if format == "parquet":
                frame = pl.read_parquet(path)
            elif format == "csv":
                # Every column as text first: the schema below decides each dtype.
                frame = pl.read_csv(path, infer_schema_length=0)
            elif path.stat().st_size == 0:
                frame = pl.DataFrame(schema=SCHEMAS[name])
            else:
                frame = pl.read_ndjson(path, schema=_json_schema(name))
            frames[name] = _conform(name, frame)
        return cls(**frames)


SCHEMAS: dict[str, pl.Schema] = {
    name: frame.schema for name, frame in _from_native(_native.empty_tables()).items()
}
"""Each table's polars schema (column names, order and dtypes), keyed by table name."""


def _json_schema(table: str) -> dict[str, pl.DataType]:
    """The schema to read JSON lines with: enums and dates as text, cast afterwards."""
    out: dict[str, pl.DataType] = {}
    for column, dtype in SCHEMAS[table].items():
        if isinstance(dtype, pl.Enum) or dtype == pl.Date:
            out[column] = pl.String()
        else:
            out[column] = dtype
    return out
