"""Incident, casualty and statistics tables from English news about militant violence in Pakistan.

>>> import incidents
>>> t = incidents.extract_texts(["Two soldiers were martyred in Mir Ali on Monday."])
>>> t.documents.height
1

Every call returns a :class:`Tables` of four polars DataFrames (``documents``,
``incidents``, ``casualties``, ``statistics``) with the columns and dtypes of
:data:`SCHEMAS`. The reading happens in Rust with the GIL released; this module
only passes arguments and wraps the result.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from . import _native
from ._native import (
    DataError,
    GoldError,
    IncidentsError,
    InputError,
    ReadError,
    TableError,
)
from ._tables import FORMATS, SCHEMAS, TABLE_NAMES, Format, Tables, _enum_dtypes, _from_native

__all__ = [
    "FORMATS",
    "SCHEMAS",
    "TABLE_NAMES",
    "DataError",
    "GoldError",
    "IncidentsError",
    "InputError",
    "ReadError",
    "TableError",
    "Tables",
    "EvalReport",
    "enum_columns",
    "evaluate",
    "extract_dir",
    "extract_frame",
    "extract_texts",
]

__version__: str = _native.__version__

_lock = threading.Lock()
_default: _native.Extractor | None = None


def _extractor() -> _native.Extractor:
    """The bundled-data extractor, compiled on first use and shared by every thread."""
    global _default
    with _lock:
        if _default is None:
            _default = _native.Extractor()
        return _default


@contextmanager
def _progress(enabled: bool, total: int | None, unit: str) -> Iterator[Any]:
    """A tqdm.auto bar when asked for and tqdm is installed; otherwise None."""
    if not enabled:
        yield None
        return
    try:
        from tqdm.auto import tqdm
    except ImportError:
        yield None
        return
    bar = tqdm(total=total, unit=unit)
    try:
        yield bar
    finally:
        bar.close()


def _finish(tables: Tables, out: str | Path | None, format: Format) -> Tables:
    if out is not None:
        tables.write(out, format=format)
    return tables


def extract_texts(
    texts: Iterable[str | None],
    doc_ids: Iterable[str] | None = None,
    published: Iterable[date | str | None] | None = None,
    *,
    out: str | Path | None = None,
    format: Format = "parquet",
    progress: bool = False,
) -> Tables:
    """Reads texts into the four tables: one ``documents`` row per text, in order.

    ``doc_ids`` default to each text's position ("0", "1", ...). ``published``
    gives each text's reference date (for "on Monday" and the like) as a
    ``datetime.date``, an ISO string ("2024-03-06") or None; a string that is not
    an ISO date raises ValueError naming it and its index. A None text reads as
    empty. With ``out``, the tables are also written there (see
    :meth:`Tables.write`). ``progress=True`` shows a tqdm bar if tqdm is installed.
    """
    if isinstance(texts, str):
        raise TypeError("texts must be a sequence of strings, not one string")
    texts = list(texts)
    ids = None if doc_ids is None else [str(i) for i in doc_ids]
    dates = None if published is None else list(published)
    with _progress(progress, len(texts), "doc") as bar:
        native = _extractor().extract_texts(texts, ids, dates, progress=bar)
    return _finish(_from_native(native), out, format)


def extract_dir(
    path: str | Path,
    *,
    out: str | Path | None = None,
    format: Format = "parquet",
    progress: bool = False,
) -> Tables:
    """Reads every ``*.txt`` file in a folder (not its subfolders), sorted by name.

    Each file's stem is its ``doc_id``. Every file gets its ``documents`` row:
    invalid UTF-8 is replaced with a warning, and a file that cannot be read
    becomes a ``status = error`` row with the reason in ``warnings``. A path to a
    single file reads that file. A path that does not exist raises
    FileNotFoundError. With ``out``, the tables are also written there.
    """
    with _progress(progress, None, "doc") as bar:
        native = _extractor().extract_dir(Path(path), progress=bar)
    return _finish(_from_native(native), out, format)


def extract_frame(
    df: pl.DataFrame,
    text: str = "text",
    doc_id: str | None = "doc_id",
    published: str | None = "published",
    *,
    out: str | Path | None = None,
    format: Format = "parquet",
    progress: bool = False,
) -> Tables:
    """Reads the text column of a polars DataFrame: one ``documents`` row per frame row.

    ``doc_id`` and ``published`` name optional columns: when the frame has no
    column of the default name ("doc_id", "published") it is left out (ids become
    row positions, dates unknown); a name given explicitly must exist, or
    pass None to leave it out. ``published`` may be a Date, Datetime or ISO
    String column.
    """
    columns = set(df.columns)

    def pick(name: str | None, default: str, what: str) -> list[Any] | None:
        if name is None:
            return None
        if name not in columns:
            if name == default:
                return None
            raise ValueError(f"{what} column {name!r} is not in the frame {df.columns}")
        return df.get_column(name).to_list()

    if text not in columns:
        raise ValueError(f"text column {text!r} is not in the frame {df.columns}")
    texts = df.get_column(text).to_list()
    ids = pick(doc_id, "doc_id", "doc_id")
    dates = pick(published, "published", "published")
    return extract_texts(
        texts,
        None if ids is None else [str(i) for i in ids],
        dates,
        out=out,
        format=format,
        progress=progress,
    )


def enum_columns() -> dict[str, dict[str, pl.Enum]]:
    """The enum columns of each table with their ``pl.Enum`` dtypes, read from the core."""
    return _enum_dtypes()


class EvalReport(dict):  # type: ignore[type-arg]
    """The evaluator's figures as a dict (see ``shared/gold/README.md``); printing it
    shows the same table as ``incidents eval``."""

    def __init__(self, figures: dict[str, Any], table: str) -> None:
        super().__init__(figures)
        self._table = table

    def __str__(self) -> str:
        return self._table


def evaluate(gold: str | Path, articles: str | Path) -> EvalReport:
    """Scores the extraction of a folder of ``*.txt`` articles against gold labels.

    ``gold`` is a JSONL file in the format of ``shared/gold/seeds.jsonl``. The report
    holds incident precision, recall and F1, the share of casualty claims exactly
    right, statistic precision and recall, the negatives violated and the reference
    dates right, as ``incidents eval`` prints them.

    >>> report = evaluate("examples/gold.jsonl", "examples/articles")  # doctest: +SKIP
    >>> report["incidents"]["f1"]  # doctest: +SKIP
    """
    import json

    figures, table = _extractor().evaluate(str(gold), str(articles))
    return EvalReport(json.loads(figures), table)
