"""``python -m incidents FOLDER``: read a folder of articles and summarise the four tables."""

from __future__ import annotations

import argparse
import sys

import polars as pl

from . import FORMATS, Tables, extract_dir


def summary(tables: Tables) -> str:
    """A short plain-text summary: row counts, incidents by province and type, killed."""
    lines = [repr(tables)]
    docs = tables.documents
    status = docs.group_by("status").len().sort("status")
    lines.append(
        "documents by status: "
        + ", ".join(f"{row['status']}={row['len']}" for row in status.iter_rows(named=True))
    )
    incidents = tables.incidents
    if incidents.height:
        by_place = (
            incidents.group_by("admin1", "event_type")
            .len()
            .sort(["admin1", "len"], descending=[False, True], nulls_last=True)
        )
        lines.append("incidents by province and event type:")
        with pl.Config(tbl_rows=-1, tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
            lines.append(str(by_place))
        killed = incidents.get_column("killed").sum()
        wounded = incidents.get_column("wounded").sum()
        lines.append(f"killed (most conservative account) total: {killed}; wounded: {wounded}")
    else:
        lines.append("no incidents")
    lines.append(f"statistics quoted: {tables.statistics.height}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m incidents",
        description="Read every *.txt file of a folder and summarise the four tables.",
    )
    parser.add_argument("path", help="a folder of .txt articles (or one file)")
    parser.add_argument("--out", help="also write the four tables to this folder")
    parser.add_argument("--format", choices=FORMATS, default="parquet")
    parser.add_argument("--progress", action="store_true", help="show a progress bar")
    args = parser.parse_args(argv)
    try:
        tables = extract_dir(args.path, out=args.out, format=args.format, progress=args.progress)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(summary(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
