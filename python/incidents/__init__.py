"""Incident, casualty and statistics tables from English news about militant violence in Pakistan.

>>> import incidents
>>> t = incidents.extract_texts(["Two soldiers were martyred in Mir Ali on Monday."])
>>> t.documents.height
1

Every call returns a :class:`Tables` of polars DataFrames (``documents``,
``incidents``, ``casualties``, ``statistics`` and ``events``, the incidents of
different reports merged into one row per real event) with the columns and dtypes of
:data:`SCHEMAS`. The reading happens in Rust with the GIL released; this module
only passes arguments and wraps the result.
"""

from __future__ import annotations

import contextvars
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from . import _native, trends  # noqa: F401 (trends: a public submodule)
from ._merge import merge_tables
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
    "ACTORS_SCHEMA",
    "FORMATS",
    "GAZETTEER_SCHEMA",
    "SCHEMAS",
    "TABLE_NAMES",
    "DataError",
    "EvalReport",
    "Extractor",
    "GoldError",
    "IncidentsError",
    "InputError",
    "ReadError",
    "TableError",
    "Tables",
    "actors",
    "enum_columns",
    "evaluate",
    "extract_arrow",
    "extract_dir",
    "extract_frame",
    "extract_texts",
    "gazetteer",
    "merge",
    "use_extractor",
]

__version__: str = _native.__version__

_lock = threading.Lock()
_default: _native.Extractor | None = None
# The pool size of the module's own extractor (see :func:`use_extractor`).
_default_threads: int | None = None
# Set while a method of an :class:`Extractor` runs, so that the module functions'
# code serves it too; a context variable, so other threads keep their own.
_bound: contextvars.ContextVar[_native.Extractor | None] = contextvars.ContextVar(
    "incidents_extractor", default=None
)


def _extractor() -> _native.Extractor:
    """The extractor in use: the one an :class:`Extractor` method runs with, else the
    module default (the bundled data unless :func:`use_extractor` chose another),
    compiled on first use and shared by every thread."""
    bound = _bound.get()
    if bound is not None:
        return bound
    global _default
    with _lock:
        if _default is None:
            _default = _native.Extractor(threads=_default_threads)
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


def merge(*tables: Tables) -> Tables:
    """Merges tables read apart into one, with ``events`` recomputed over all incidents.

    Pass yesterday's tables and today's (or the parts of a distributed run): the
    documents, incidents, casualties and statistics are concatenated in the order
    given, and the incidents of different documents that report one real event
    are merged into one ``events`` row, whatever batch they came in. The result
    is the same as reading everything at once: events depend on the set of
    incidents only. A document present in several arguments keeps the rows of its
    first appearance, so overlapping runs count nothing twice.

    The rules (compatible event types, dates within a day of their precision, the
    same district or place, compatible perpetrators; figures never block a merge)
    are explained, per event, in ``merge_reason``.

    >>> a = extract_texts(["A bomb killed two policemen in Khar, Bajaur, on 6 May 2024."], ["a"])
    >>> b = extract_texts(
    ...     ["Two police constables died when a bomb went off in Khar on May 6, 2024."], ["b"]
    ... )
    >>> merge(a, b).events.height
    1
    """
    return merge_tables(_extractor, tables)


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


# ---------------------------------------------------------------------------
# The gazetteer and the actor registry, and extractors with rows of your own

GAZETTEER_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "kind": pl.String(),
    "name": pl.String(),
    "parent": pl.String(),
    "country": pl.String(),
    "admin1": pl.String(),
    "admin2": pl.String(),
    "lat": pl.Float64(),
    "lon": pl.Float64(),
    "aliases": pl.List(pl.String()),
    "match": pl.String(),
    "source": pl.String(),
}
"""Columns and dtypes of :func:`gazetteer`."""

ACTORS_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "kind": pl.String(),
    "name": pl.String(),
    "parent": pl.String(),
    "root": pl.String(),
    "aliases": pl.List(pl.String()),
    "match": pl.String(),
    "source": pl.String(),
}
"""Columns and dtypes of :func:`actors`."""


def _gazetteer_frame(native: _native.Extractor) -> pl.DataFrame:
    return pl.DataFrame(native.gazetteer_rows(), schema=GAZETTEER_SCHEMA)


def _actors_frame(native: _native.Extractor) -> pl.DataFrame:
    return pl.DataFrame(native.actor_rows(), schema=ACTORS_SCHEMA)


def gazetteer() -> pl.DataFrame:
    """Every place the extractor in use knows, one row per place in file order.

    Columns (:data:`GAZETTEER_SCHEMA`): ``id`` (``PK.KP.NORTH_WAZIRISTAN.MIR_ALI``),
    ``kind`` (country, province, district, tehsil, town, area), ``name``,
    ``parent`` (the enclosing place's id), ``country``, ``admin1``, ``admin2``
    (what an incident there reports; a district split from an older one reports
    the older one, as ``data/README.md`` explains), ``lat``, ``lon`` (the row's
    own point), ``aliases`` (other spellings), ``match`` (any, cap, ctx: when a
    spelling is taken for the place; an alias may carry its own mode in the data
    file), ``source``.

    >>> districts = gazetteer().filter(pl.col("kind") == "district")
    >>> districts.filter(pl.col("admin1") == "Balochistan").height  # doctest: +SKIP
    37
    """
    return _gazetteer_frame(_extractor())


def actors() -> pl.DataFrame:
    """Every actor the extractor in use knows: groups, factions, state forces, sources.

    Columns (:data:`ACTORS_SCHEMA`): ``id`` (the ids the tables use: ``TTP``,
    ``BLA``), ``kind``, ``name``, ``parent`` (the id a faction belongs to),
    ``root`` (the id it rolls up to through its parents; itself when it has no
    parent), ``aliases``, ``match``, ``source``. Group the incidents'
    ``perpetrator`` by ``root`` to count factions with their group.
    """
    return _actors_frame(_extractor())


# TSV rows given as text, as a path to a file, or as a list of either.
_TsvSource = str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None


def _tsv_texts(value: _TsvSource) -> list[str]:
    """TSV texts from a text, a path, or a sequence of them (paths are read as UTF-8)."""
    if value is None:
        return []
    items = [value] if isinstance(value, str | os.PathLike) else list(value)
    return [
        Path(item).read_text(encoding="utf-8") if isinstance(item, os.PathLike) else item
        for item in items
    ]


def _threads_arg(threads: int | None) -> int | None:
    if threads is None:
        return None
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be a whole number from 1, or None, not {threads!r}")
    return threads


# An extractor's configuration: places TSV texts, actors TSV texts, threads.
_Config = tuple[tuple[str, ...], tuple[str, ...], int | None]
# Extractors rebuilt from a pickle, by configuration: a worker that receives the
# same extractor with every task compiles it once.
_unpickled: dict[_Config, _native.Extractor] = {}


def _compile(config: _Config) -> _native.Extractor:
    places, actors, threads = config
    return _native.Extractor(places_tsv=list(places), actors_tsv=list(actors), threads=threads)


def _unpickle_extractor(
    places: tuple[str, ...], actors: tuple[str, ...], threads: int | None
) -> Extractor:
    extractor = Extractor.__new__(Extractor)
    extractor._config = (places, actors, threads)
    extractor._compiled = None
    return extractor


class Extractor:
    """An extractor with places and actors of your own added to the bundled data.

    ``places_tsv`` and ``actors_tsv`` each take TSV text, a path to a TSV file
    (a ``pathlib.Path``; a ``str`` is always the text itself), or a list of them.
    The format is that of the bundled ``data/places.tsv`` and ``data/actors.tsv``
    (header line first; see ``crates/incidents/data/README.md``). A parent named
    in a row must be a bundled id or come earlier; a row whose ``id`` is a bundled
    id replaces that row. A malformed row raises :class:`DataError` naming the text
    ("user places #1") and the line.

    Nothing is rebuilt: the dictionaries are compiled once, here, in a moment. The
    methods are those of the module; the module functions themselves keep using
    the bundled data unless :func:`use_extractor` makes this the default.

    ``threads`` is the number of threads it reads on. None (the default) takes
    the environment variable ``INCIDENTS_NUM_THREADS``, else ``RAYON_NUM_THREADS``,
    else ``OMP_NUM_THREADS`` (which Ray and Spark set to a task's cores in their
    workers: one thread there), else one thread per core. The threads are
    started on first use in each process, and again in a child forked from it.

    An extractor pickles as its configuration (the TSV texts and ``threads``),
    not as compiled data: an engine that ships it to its workers sends a few
    bytes, and each worker process compiles it once, on first use.

    >>> ex = Extractor(places_tsv=(  # doctest: +SKIP
    ...     "id\tkind\tname\tparent\tlat\tlon\taliases\tmatch\tsource\n"
    ...     "PK.KP.BANNU.GHORIWALA\ttown\tGhoriwala\tPK.KP.BANNU\t33.03\t70.55\t\tany\tmy survey\n"
    ... ))
    >>> ex.extract_texts(["Two policemen were shot dead in Ghoriwala on Monday."])  # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        places_tsv: _TsvSource = None,
        actors_tsv: _TsvSource = None,
        threads: int | None = None,
    ) -> None:
        self._config: _Config = (
            tuple(_tsv_texts(places_tsv)),
            tuple(_tsv_texts(actors_tsv)),
            _threads_arg(threads),
        )
        # Compiled here, so that a malformed row fails where it was given.
        self._compiled: _native.Extractor | None = _compile(self._config)

    @property
    def _native(self) -> _native.Extractor:
        compiled = self._compiled
        if compiled is None:
            with _lock:
                compiled = _unpickled.get(self._config)
                if compiled is None:
                    compiled = _unpickled[self._config] = _compile(self._config)
            self._compiled = compiled
        return compiled

    def __reduce__(self) -> tuple[Any, _Config]:
        return (_unpickle_extractor, self._config)

    @property
    def threads(self) -> int | None:
        """The number of threads given, or None when the environment decides."""
        return self._config[2]

    def num_threads(self) -> int:
        """The number of threads this extractor reads on in this process."""
        return self._native.num_threads()

    @contextmanager
    def _in_use(self) -> Iterator[None]:
        token = _bound.set(self._native)
        try:
            yield
        finally:
            _bound.reset(token)

    def extract_texts(
        self,
        texts: Iterable[str | None],
        doc_ids: Iterable[str] | None = None,
        published: Iterable[date | str | None] | None = None,
        *,
        out: str | Path | None = None,
        format: Format = "parquet",
        progress: bool = False,
    ) -> Tables:
        """As :func:`extract_texts`, with this extractor's data."""
        with self._in_use():
            return extract_texts(
                texts, doc_ids, published, out=out, format=format, progress=progress
            )

    def merge(self, *tables: Tables) -> Tables:
        """As :func:`merge`, with this extractor's data (its actors decide roll-ups)."""
        with self._in_use():
            return merge(*tables)

    def extract_dir(
        self,
        path: str | Path,
        *,
        out: str | Path | None = None,
        format: Format = "parquet",
        progress: bool = False,
    ) -> Tables:
        """As :func:`extract_dir`, with this extractor's data."""
        with self._in_use():
            return extract_dir(path, out=out, format=format, progress=progress)

    def extract_frame(
        self,
        df: pl.DataFrame,
        text: str = "text",
        doc_id: str | None = "doc_id",
        published: str | None = "published",
        *,
        out: str | Path | None = None,
        format: Format = "parquet",
        progress: bool = False,
    ) -> Tables:
        """As :func:`extract_frame`, with this extractor's data."""
        with self._in_use():
            return extract_frame(
                df, text, doc_id, published, out=out, format=format, progress=progress
            )

    def evaluate(self, gold: str | Path, articles: str | Path) -> EvalReport:
        """As :func:`evaluate`, with this extractor's data."""
        with self._in_use():
            return evaluate(gold, articles)

    def gazetteer(self) -> pl.DataFrame:
        """As :func:`gazetteer`: the bundled places with this extractor's own."""
        return _gazetteer_frame(self._native)

    def actors(self) -> pl.DataFrame:
        """As :func:`actors`: the bundled actors with this extractor's own."""
        return _actors_frame(self._native)


def use_extractor(extractor: Extractor | None, *, threads: int | None = None) -> None:
    """Makes ``extractor`` the one the module functions use, in every thread.

    ``incidents.extract_texts``, ``extract_dir``, ``extract_frame``,
    ``extract_arrow``, ``evaluate``, ``gazetteer`` and ``actors`` then read with
    its places and actors, on its threads; None goes back to the bundled data,
    read on ``threads`` threads (None: as :class:`Extractor` says). Code that
    shares the process with other users of the module may prefer calling the
    :class:`Extractor`'s own methods, which change nothing global.
    """
    if extractor is not None and threads is not None:
        raise TypeError("give the threads to the extractor: Extractor(..., threads=n)")
    threads = _threads_arg(threads)
    native = None if extractor is None else extractor._native
    global _default, _default_threads
    with _lock:
        _default = native
        _default_threads = threads


# Last: the module reads the names above when called.
from .scale import extract_arrow  # noqa: E402
