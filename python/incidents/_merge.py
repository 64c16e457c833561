"""Merging tables read apart (yesterday's run and today's) into one, events recomputed."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from . import _native
from ._tables import TABLE_NAMES, Tables, _to_frame

# What identifies a row's document in each table but events (which are recomputed).
_ROW_TABLES = tuple(name for name in TABLE_NAMES if name != "events")


def merge_tables(extractor: Callable[[], _native.Extractor], tables: tuple[Tables, ...]) -> Tables:
    if not tables:
        raise TypeError("merge() takes at least one Tables")
    for i, t in enumerate(tables):
        if not isinstance(t, Tables):
            raise TypeError(f"merge() takes Tables; argument {i} is {type(t).__name__}")
    # A document read in two runs keeps the rows of its first run only, so that
    # merging overlapping batches counts nothing twice.
    seen: set[str] = set()
    parts: dict[str, list[pl.DataFrame]] = {name: [] for name in _ROW_TABLES}
    for t in tables:
        ids = t.documents.get_column("doc_id")
        fresh = ids.filter(~ids.is_in(list(seen))).unique(maintain_order=True)
        seen.update(fresh.to_list())
        keep = pl.col("doc_id").is_in(fresh.to_list())
        for name in _ROW_TABLES:
            parts[name].append(t[name].filter(keep))
    frames = {name: pl.concat(parts[name], how="vertical") for name in _ROW_TABLES}
    # The extractor reads the incidents over the Arrow C stream; enums go as text.
    incidents = frames["incidents"].with_columns(pl.col(pl.Enum).cast(pl.String))
    events = _to_frame("events", extractor().merge_events(incidents))
    return Tables(**frames, events=events)
