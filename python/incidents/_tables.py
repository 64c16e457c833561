"""The tables as polars DataFrames, and writing and reading them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
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
    """The tables of a batch of documents, as polars DataFrames.

    ``documents`` has one row per input document, in input order; ``incidents``,
    ``casualties`` and ``statistics`` hold what was read from them; ``events``
    has one row per real-world event, the incidents of different documents that
    report it merged (see :func:`incidents.merge`). Columns and dtypes are those
    of the project's SCHEMA.md (see :data:`incidents.SCHEMAS`), with zero rows as
    with many.
    """

    __slots__ = ("casualties", "documents", "events", "incidents", "statistics")

    documents: pl.DataFrame
    incidents: pl.DataFrame
    casualties: pl.DataFrame
    statistics: pl.DataFrame
    events: pl.DataFrame

    def __init__(
        self,
        documents: pl.DataFrame,
        incidents: pl.DataFrame,
        casualties: pl.DataFrame,
        statistics: pl.DataFrame,
        events: pl.DataFrame | None = None,
    ) -> None:
        self.documents = documents
        self.incidents = incidents
        self.casualties = casualties
        self.statistics = statistics
        # Tables built by hand from the first four may leave events out: no events yet.
        self.events = pl.DataFrame(schema=SCHEMAS["events"]) if events is None else events

    def items(self) -> Iterator[tuple[str, pl.DataFrame]]:
        """Yields ``(name, frame)`` for every table, in the contract's order."""
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

    def write(
        self,
        dir: str | Path,
        format: Format = "parquet",
        partition_by: str | Sequence[str] | None = None,
    ) -> dict[str, Path]:
        """Writes the tables to ``dir`` as ``documents.<ext>`` and so on.

        ``format`` is ``"parquet"`` (every dtype kept, enums included),
        ``"csv"`` or ``"jsonl"``. CSV cannot hold lists: the list columns
        (``documents.warnings``, ``statistics.region``) are written as their
        items joined with ``"; "``, which :meth:`read` splits again. The folder is
        created if needed; existing files of the same names are replaced.
        Returns the path of each table's file.

        ``partition_by`` (Parquet only), e.g. ``["month", "admin1"]``, writes each
        table as a folder ``dir/<table>/`` of Hive-style subfolders
        (``month=2024-03-01/admin1=Balochistan/part-0.parquet``), which
        ``pl.scan_parquet(dir / "incidents", hive_partitioning=True)`` reads
        lazily, skipping the folders a filter on those columns rules out.

        - ``month`` is derived: the first day of the month of ``date``
          (incidents, events), of ``published`` (documents) and of
          ``period_start`` (statistics). Any other name must be a column of
          some table (``admin1``, ``event_type``, ``doc_id``...).
        - ``casualties`` take the values of their incident, so that an
          incident and its claims sit in folders of the same names.
        - A table is partitioned by those of the names it has (documents and
          statistics by month alone, with ``["month", "admin1"]``); a table that
          has none of them is one file, ``dir/<table>/part-0.parquet``, and so
          is a table with no rows.
        - A null value is written as ``__HIVE_DEFAULT_PARTITION__`` (read back
          as null); other values as text, with ``/``, ``=``, ``%`` and the like
          percent-encoded.

        Every file holds all of its table's columns, the partition columns
        included, so a scan gives the contract's dtypes (enums too); the scan
        adds ``month`` as a Date column at the end. Rows keep their order
        within a folder. Parquet files that an earlier call left in the table's
        folder (or ``<table>.parquet`` beside it) are removed first; files of
        other kinds are left alone. Returns the folder of each table.
        """
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        folder = Path(dir)
        if partition_by is not None:
            if format != "parquet":
                raise ValueError(f"partition_by needs format='parquet', not {format!r}")
            keys = [partition_by] if isinstance(partition_by, str) else list(partition_by)
            return _write_partitioned(self, folder, keys)
        folder.mkdir(parents=True, exist_ok=True)
        paths = {}
        for name, frame in self.items():
            path = folder / f"{name}{_SUFFIX[format]}"
            if format == "parquet":
                _remove_partitioned(folder / name)
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
        """Reads the tables written by :meth:`write`, restoring the contract's dtypes.

        A table written with ``partition_by`` is read from its folder
        ``dir/<table>/``, folder by folder in the order of their names (not
        the order of the rows when written), without the derived ``month``.
        """
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        folder = Path(dir)
        frames = {}
        for name in TABLE_NAMES:
            path = folder / f"{name}{_SUFFIX[format]}"
            partitioned = folder / name
            if format == "parquet" and not path.exists() and _partition_files(partitioned):
                # Every file holds every column of the table: the folder names add nothing.
                frame = pl.read_parquet(
                    [str(p) for p in _partition_files(partitioned)], hive_partitioning=False
                )
                frames[name] = _conform(name, frame)
                continue
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


# ---------------------------------------------------------------------------
# Partitioned Parquet datasets (Tables.write with partition_by)

# The date each table's `month` is the month of.
_MONTH_OF = {
    "documents": "published",
    "incidents": "date",
    "statistics": "period_start",
    "events": "date",
}
_PART_FILE = "part-0.parquet"
_HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"
# Characters Hive and Spark percent-encode in folder names; polars decodes them.
_HIVE_ESCAPE = frozenset("\"#%'*/:=?\\\x7f{[]^") | frozenset(chr(c) for c in range(32))


def _hive_value(value: object) -> str:
    if value is None:
        return _HIVE_NULL
    text = value.isoformat() if isinstance(value, date) else str(value)
    return "".join(f"%{ord(c):02X}" if c in _HIVE_ESCAPE else c for c in text)


def _key_expr(table: str, frame: pl.DataFrame, key: str) -> pl.Expr | None:
    """The expression for one partition column of a table, None if it has none."""
    if key == "month" and table in _MONTH_OF and _MONTH_OF[table] in frame.columns:
        return pl.col(_MONTH_OF[table]).dt.truncate("1mo")
    if key in frame.columns:
        return pl.col(key)
    return None


def _partition_keys(tables: Tables, keys: list[str]) -> dict[str, pl.DataFrame | None]:
    """For each table, a frame of its partition values row by row (None: not partitioned)."""
    if not keys or len(set(keys)) != len(keys):
        raise ValueError(f"partition_by must name distinct columns, not {keys!r}")
    out: dict[str, pl.DataFrame | None] = {}
    for name, frame in tables.items():
        exprs = {}
        for key in keys:
            expr = _key_expr(name, frame, key)
            if expr is not None:
                exprs[key] = expr.alias(key)
        out[name] = frame.select(exprs.values()) if exprs else None
    nested = [
        k
        for frame in out.values()
        if frame is not None
        for k, t in frame.schema.items()
        if t.is_nested()
    ]
    if nested:
        raise ValueError(f"cannot partition by list columns: {sorted(set(nested))}")
    if "casualties" in out and out.get("incidents") is not None:
        out["casualties"] = _claim_keys(tables, keys, out["casualties"], out["incidents"])
    known = {k for frame in out.values() if frame is not None for k in frame.columns}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValueError(
            f"cannot partition by {unknown}: no table has such a column "
            "(month is derived from the tables' dates)"
        )
    return out


def _claim_keys(
    tables: Tables, keys: list[str], own: pl.DataFrame | None, of_incident: pl.DataFrame
) -> pl.DataFrame | None:
    """The partition values of each claim: its own columns, else its incident's, so
    that a claim lies where its incident lies (the first incident of that id)."""
    borrowed = [k for k in of_incident.columns if own is None or k not in own.columns]
    if not borrowed:
        return own
    lookup = (
        of_incident.select(borrowed)
        .with_columns(tables.incidents.get_column("incident_id").alias("__incident"))
        .unique(subset="__incident", keep="first", maintain_order=True)
    )
    joined = (
        tables.casualties.select(pl.col("incident_id").alias("__incident"))
        .with_row_index("__row")
        .join(lookup, on="__incident", how="left")
        .sort("__row")
    )
    columns = [
        own.get_column(k) if own is not None and k in own.columns else joined.get_column(k)
        for k in keys
        if k in borrowed or (own is not None and k in own.columns)
    ]
    return pl.DataFrame(columns)


def _partition_files(folder: Path) -> list[Path]:
    """The Parquet files of a partitioned table's folder, in the order of their paths.

    Only files directly in it or below Hive-style folders (``name=value``) count.
    """
    if not folder.is_dir():
        return []
    files = []
    for path in folder.rglob("*.parquet"):
        parents = path.relative_to(folder).parts[:-1]
        if path.is_file() and all("=" in part for part in parents):
            files.append(path)
    return sorted(files)


def _remove_partitioned(folder: Path) -> None:
    """Removes what a partitioned write left in ``folder``: its files and empty folders."""
    for path in _partition_files(folder):
        path.unlink()
    if not folder.is_dir():
        return
    for sub in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if sub.is_dir() and "=" in sub.name and not any(sub.iterdir()):
            sub.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()


def _write_partitioned(tables: Tables, folder: Path, keys: list[str]) -> dict[str, Path]:
    values = _partition_keys(tables, keys)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, frame in tables.items():
        target = folder / name
        _remove_partitioned(target)
        flat = folder / f"{name}.parquet"
        if flat.is_file():
            flat.unlink()
        target.mkdir(parents=True, exist_ok=True)
        keyed = values[name]
        if keyed is None or frame.height == 0:
            frame.write_parquet(target / _PART_FILE)
            paths[name] = target
            continue
        names = keyed.columns
        hidden = [f"__part_{i}" for i in range(len(names))]
        parts = frame.with_columns(
            keyed.rename(dict(zip(names, hidden, strict=True))).get_columns()
        ).partition_by(hidden, as_dict=True, maintain_order=True, include_key=False)
        for group, part in parts.items():
            group = group if isinstance(group, tuple) else (group,)
            sub = target.joinpath(
                *(f"{k}={_hive_value(v)}" for k, v in zip(names, group, strict=True))
            )
            sub.mkdir(parents=True, exist_ok=True)
            part.write_parquet(sub / _PART_FILE)
        paths[name] = target
    return paths
