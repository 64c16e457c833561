"""`make test-distributed`: the scale-out recipes of docs/scale-out.md, run and checked.

Each recipe reads a Parquet corpus of articles (`doc_id`, `text`, `published`), runs
`incidents.scale.extract_packed` on an engine's workers (Ray Data `map_batches`,
Spark `mapInArrow`, Dask `map_partitions`) and has the engine write the packed
tables as Parquet. This process then reads them back (`incidents.scale.read_packed`),
merges the events one province at a time (`incidents.scale.merge_events`) and writes
the tables partitioned by month and province (`Tables.write(..., partition_by=...)`).

    python scripts/distributed.py check                  # every engine, sample corpus
    python scripts/distributed.py check --engines spark  # one engine
    python scripts/distributed.py bench --mb 20 --runs 3 # throughput, benchmark corpus

`check` compares every table with what one process gives on the same corpus
(`incidents.extract_texts`, then `incidents.merge`), row for row and id for id, also
as read back lazily from the partitioned folders; it exits 1 on any difference.
`bench` times one process and the Ray and Spark recipes on 1 and 2 local workers
(medians of --runs), each configuration in its own interpreter, and writes
target/distributed/bench.json. Needs pyarrow, ray, pyspark (and Java 17) and dask.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

import incidents
from incidents import scale

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "distributed"
PARTITION_BY = ["month", "admin1"]
# Rows each engine hands the extractor at a time.
BATCH_ROWS = 256

# Engines talk to themselves over the network: keep every socket on loopback, and
# Ray from reporting usage anywhere.
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
# Spark's Python workers must be this interpreter, with this venv's packages.
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


# ---------------------------------------------------------------- the recipes
# The code of docs/scale-out.md. Each `*_job` reads `corpus` (a folder of Parquet
# files) and writes the packed tables to `packed` (a folder the engine fills).


@contextmanager
def ray_session(workers: int) -> Iterator[None]:
    import ray

    ray.init(
        num_cpus=workers,
        include_dashboard=False,
        log_to_driver=False,
        _node_ip_address="127.0.0.1",
    )
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        yield None
    finally:
        ray.shutdown()


def ray_job(_: None, corpus: Path, packed: Path) -> None:
    import pyarrow as pa
    import ray

    # Pickles as its configuration: each worker compiles it once, for one thread.
    extractor = incidents.Extractor(threads=1)

    def extract(batch: pa.Table) -> pa.Table:
        tables = scale.extract_packed(batch, extractor=extractor)
        # Plain strings: pyarrow's Parquet writer cannot slice view strings.
        return tables.to_arrow(compat_level=pl.CompatLevel.oldest())

    (
        ray.data.read_parquet(str(corpus))
        .map_batches(extract, batch_format="pyarrow", batch_size=BATCH_ROWS)
        .write_parquet(str(packed))
    )


@contextmanager
def spark_session(workers: int) -> Iterator[Any]:
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(f"local[{workers}]")
        .appName("incidents")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(BATCH_ROWS))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()


def spark_job(spark: Any, corpus: Path, packed: Path) -> None:
    import pyarrow as pa
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    # Spark's types for the packed schema (its Arrow has no view strings nor
    # large lists), and the Arrow schema Spark expects the batches in.
    empty = pl.DataFrame(schema=scale.PACKED_SCHEMA)
    schema = from_arrow_schema(empty.to_arrow(compat_level=pl.CompatLevel.oldest()).schema)
    arrow_schema = to_arrow_schema(schema)
    extractor = incidents.Extractor(threads=1)

    def extract(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            tables = scale.extract_packed(batch, extractor=extractor)
            yield from pa.table(tables).cast(arrow_schema).to_batches()

    (
        spark.read.parquet(str(corpus))
        .mapInArrow(extract, schema)
        .write.mode("overwrite")
        .parquet(str(packed))
    )


@contextmanager
def dask_session(workers: int) -> Iterator[None]:
    import dask

    # Worker processes, so that what crosses to them is pickled as on a cluster.
    with dask.config.set(scheduler="processes", num_workers=workers):
        yield None


def dask_job(_: None, corpus: Path, packed: Path) -> None:
    import dask.dataframe as dd
    import pandas as pd

    extractor = incidents.Extractor(threads=1)
    meta = pl.DataFrame(schema=scale.PACKED_SCHEMA).to_pandas(use_pyarrow_extension_array=True)

    def extract(part: pd.DataFrame) -> pd.DataFrame:
        tables = scale.extract_packed(part, extractor=extractor)
        return tables.to_pandas(use_pyarrow_extension_array=True)

    (
        dd.read_parquet(str(corpus))
        .map_partitions(extract, meta=meta)
        .to_parquet(str(packed), write_index=False)
    )


@contextmanager
def process_session(workers: int) -> Iterator[int]:
    yield workers


def process_job(threads: int, corpus: Path, packed: Path) -> None:
    """The same work in this one process, on `threads` threads: the same batches
    through the same call, written as one Parquet file."""
    extractor = incidents.Extractor(threads=threads)
    frame = pl.read_parquet(str(corpus / "*.parquet"))
    parts = [
        scale.extract_packed(batch, extractor=extractor) for batch in frame.iter_slices(BATCH_ROWS)
    ]
    packed.mkdir(parents=True, exist_ok=True)
    pl.concat(parts).write_parquet(packed / "part-0.parquet")


ENGINES: dict[str, tuple[Callable[[int], Any], Callable[[Any, Path, Path], None]]] = {
    "ray": (ray_session, ray_job),
    "spark": (spark_session, spark_job),
    "dask": (dask_session, dask_job),
    "process": (process_session, process_job),
}


def finish(packed: Path, out: Path) -> incidents.Tables:
    """After the distributed step: the tables read back, events merged, written by
    month and province."""
    tables = scale.merge_events(scale.read_packed(packed))
    tables.write(out, partition_by=PARTITION_BY)
    return tables


# ---------------------------------------------------------------- corpora

_DATED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})_")


def sample_corpus(copies: int) -> pl.DataFrame:
    """The sample and devset articles, `copies` times over under new ids (so that the
    copies of one report merge into one event), with the date in a file name as
    `published` on every other copy, and a null and an empty text."""
    files = sorted((ROOT / "examples" / "articles").glob("*.txt")) + sorted(
        (ROOT / "examples" / "devset" / "articles").glob("*.txt")
    )
    rows: list[dict[str, Any]] = []
    for copy in range(copies):
        for path in files:
            match = _DATED.match(path.stem)
            published = None
            if match and copy % 2 == 0:
                published = date(*(int(g) for g in match.groups()))
            text = path.read_text(encoding="utf-8", errors="replace")
            rows.append({"doc_id": f"{path.stem}#{copy}", "text": text, "published": published})
    rows.append({"doc_id": "null-text", "text": None, "published": None})
    rows.append({"doc_id": "empty-text", "text": "", "published": None})
    schema = {"doc_id": pl.String, "text": pl.String, "published": pl.Date}
    return pl.DataFrame(rows, schema=schema)


def bench_corpus(mb: float, seed: int) -> pl.DataFrame:
    """The corpus x1 of scripts/bench.py (`make bench`), as a frame."""
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    if spec is None or spec.loader is None:
        raise SystemExit("distributed: cannot load scripts/bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    work = WORK / "bench-corpus"
    bench.build_corpus(work, mb, seed)
    ids, texts = bench.load(work / "x1")
    shutil.rmtree(work)
    return pl.DataFrame({"doc_id": ids, "text": texts, "published": None}).with_columns(
        pl.col("published").cast(pl.Date)
    )


def write_corpus(frame: pl.DataFrame, folder: Path, files: int) -> None:
    """The corpus as `files` Parquet files, so that every engine splits it into tasks."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    size = -(-frame.height // files)
    for index, offset in enumerate(range(0, frame.height, size)):
        frame.slice(offset, size).write_parquet(folder / f"part-{index:03d}.parquet")


# ---------------------------------------------------------------- check


def differences(want: incidents.Tables, got: incidents.Tables) -> list[str]:
    """What differs between two sets of tables, each sorted by its id column (a
    stable sort, so rows of one id keep their order)."""
    problems = []
    for name in incidents.TABLE_NAMES:
        a, b = want[name], got[name]
        if a.schema != b.schema:
            problems.append(f"{name}: schema {b.schema} instead of {a.schema}")
            continue
        key = a.columns[0]
        a = a.sort(key, maintain_order=True)
        b = b.sort(key, maintain_order=True)
        if a.equals(b):
            continue
        ids_a, ids_b = set(a.get_column(key)), set(b.get_column(key))
        detail = f"{a.height} rows expected, {b.height} given"
        if ids_a != ids_b:
            detail += (
                f"; {key} missing {sorted(ids_a - ids_b)[:3]}, extra {sorted(ids_b - ids_a)[:3]}"
            )
        else:
            for row_a, row_b in zip(a.iter_rows(named=True), b.iter_rows(named=True), strict=True):
                if row_a != row_b:
                    diff = {c: (row_a[c], row_b[c]) for c in row_a if row_a[c] != row_b[c]}
                    detail += f"; first difference at {key}={row_a[key]!r}: {diff}"
                    break
        problems.append(f"{name}: {detail}")
    return problems


def scanned(out: Path) -> incidents.Tables:
    """The partitioned tables as `pl.scan_parquet` reads them, lazily, per table."""
    frames = {}
    for name in incidents.TABLE_NAMES:
        lazy = pl.scan_parquet(out / name, hive_partitioning=True)
        columns = incidents.SCHEMAS[name].names()
        frames[name] = lazy.select(columns).collect()
    return incidents.Tables(**frames)


def check(args: argparse.Namespace) -> int:
    if not hasattr(incidents, "merge"):
        raise SystemExit("distributed: this incidents has no merge(); events cannot be checked")
    work = Path(args.work)
    corpus = sample_corpus(args.copies)
    write_corpus(corpus, work / "corpus", files=6)
    print(f"corpus: {corpus.height} articles in 6 Parquet files under {work / 'corpus'}")

    start = time.perf_counter()
    reference = incidents.merge(
        incidents.extract_texts(
            corpus.get_column("text").to_list(),
            corpus.get_column("doc_id").to_list(),
            corpus.get_column("published").to_list(),
        )
    )
    print(f"one process: {reference!r} in {time.perf_counter() - start:.1f} s")
    if reference.events.height >= reference.incidents.height:
        print("  (no incidents merged: the check of merging proves little)")

    failed = []
    for engine in args.engines:
        session, job = ENGINES[engine]
        packed, out = work / engine / "packed", work / engine / "tables"
        for folder in (packed, out):
            if folder.exists():
                shutil.rmtree(folder)
        start = time.perf_counter()
        with session(args.workers) as handle:
            job(handle, work / "corpus", packed)
        tables = finish(packed, out)
        seconds = time.perf_counter() - start
        problems = differences(reference, tables)
        problems += [f"read back: {p}" for p in differences(reference, scanned(out))]
        verdict = "FAILED" if problems else "same as one process"
        print(f"{engine} ({args.workers} workers): {tables!r} in {seconds:.1f} s: {verdict}")
        for problem in problems:
            print(f"  {problem}")
        if problems:
            failed.append(engine)
    print(f"{len(args.engines) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


# ---------------------------------------------------------------- bench


def run_one(args: argparse.Namespace) -> None:
    """One engine and worker count, in its own interpreter: prints one JSON line."""
    session, job = ENGINES[args.engine]
    corpus = Path(args.corpus)
    warm = Path(args.warm)
    with tempfile.TemporaryDirectory(dir=WORK) as scratch:
        start = time.perf_counter()
        with session(args.workers) as handle:
            started = time.perf_counter() - start
            # Starts the workers and compiles the extractor in each, untimed.
            t0 = time.perf_counter()
            job(handle, warm, Path(scratch) / "warm")
            warm_seconds = time.perf_counter() - t0
            seconds = []
            for run in range(args.runs):
                t0 = time.perf_counter()
                job(handle, corpus, Path(scratch) / f"run-{run}")
                seconds.append(time.perf_counter() - t0)
    print(json.dumps({"startup": started, "warm_up": warm_seconds, "seconds": seconds}))


def bench(args: argparse.Namespace) -> int:
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    load_at_start = os.getloadavg()
    frame = bench_corpus(args.mb, args.seed)
    n_bytes = int(frame.get_column("text").str.len_bytes().sum())
    write_corpus(frame, work / "bench", files=16)
    write_corpus(sample_corpus(1), work / "warm", files=2)
    print(f"corpus: {frame.height} articles, {n_bytes / 1e6:.1f} MB, 16 Parquet files")
    results = []
    for engine in args.engines:
        for workers in (1, 2):
            command = [
                sys.executable, __file__, "_one", "--engine", engine,
                "--workers", str(workers), "--runs", str(args.runs),
                "--corpus", str(work / "bench"), "--warm", str(work / "warm"),
            ]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
            if done.returncode != 0 or not lines:
                print(done.stdout[-2000:], done.stderr[-4000:], sep="\n")
                raise SystemExit(f"distributed: {engine} with {workers} workers failed")
            figures = json.loads(lines[-1])
            median = statistics.median(figures["seconds"])
            row = {
                "engine": engine,
                "workers": workers,
                **figures,
                "median_seconds": median,
                "mb_per_s": n_bytes / 1e6 / median,
                "docs_per_s": frame.height / median,
            }
            results.append(row)
            print(
                f"{engine:8} {workers} worker(s): {median:6.2f} s  {row['mb_per_s']:5.2f} MB/s "
                f"{row['docs_per_s']:7.0f} docs/s  (start {figures['startup']:.1f} s, "
                f"warm-up {figures['warm_up']:.1f} s)",
                flush=True,
            )
    base = {r["workers"]: r["median_seconds"] for r in results if r["engine"] == "process"}
    for row in results:
        if row["workers"] in base:
            row["overhead"] = row["median_seconds"] / base[row["workers"]] - 1
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            # Other work on the machine skews every figure: said at both ends.
            "load_average_1_5_15_at_start": load_at_start,
            "load_average_1_5_15_at_end": os.getloadavg(),
        },
        "versions": versions(),
        "corpus": {"docs": frame.height, "bytes": n_bytes, "mb": args.mb, "seed": args.seed},
        "runs": args.runs,
        "results": results,
    }
    Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    print("overhead over one process with as many threads: " + ", ".join(
        f"{r['engine']} x{r['workers']} {r['overhead']:+.0%}" for r in results if "overhead" in r
    ))  # fmt: skip
    print(f"written to {args.json}")
    return 0


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("incidents", "polars", "pyarrow", "ray", "pyspark", "dask", "pandas"):
        with suppress(PackageNotFoundError):
            out[name] = version(name)
    return out


# ---------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    run_check = sub.add_parser("check", help="every recipe against one process (the default)")
    run_check.add_argument("--engines", default="ray,spark,dask")
    run_check.add_argument("--workers", type=int, default=2, help="local workers (default 2)")
    run_check.add_argument("--copies", type=int, default=2, help="copies of the sample corpus")
    run_check.add_argument("--work", default=str(WORK / "check"))
    run_bench = sub.add_parser("bench", help="throughput: one process, Ray and Spark")
    run_bench.add_argument("--engines", default="process,ray,spark")
    run_bench.add_argument("--mb", type=float, default=20.0, help="corpus size (default 20)")
    run_bench.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    run_bench.add_argument("--seed", type=int, default=5)
    run_bench.add_argument("--work", default=str(WORK))
    run_bench.add_argument("--json", default=str(WORK / "bench.json"))
    one = sub.add_parser("_one", help=argparse.SUPPRESS)
    one.add_argument("--engine", required=True, choices=sorted(ENGINES))
    one.add_argument("--workers", type=int, required=True)
    one.add_argument("--runs", type=int, required=True)
    one.add_argument("--corpus", required=True)
    one.add_argument("--warm", required=True)
    args = parser.parse_args()
    if args.command is None:
        args = parser.parse_args(["check"])
    if args.command == "_one":
        WORK.mkdir(parents=True, exist_ok=True)
        run_one(args)
        return 0
    args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in args.engines if e not in ENGINES]
    if unknown:
        raise SystemExit(f"distributed: unknown engines {unknown}; known: {sorted(ENGINES)}")
    return check(args) if args.command == "check" else bench(args)


if __name__ == "__main__":
    sys.exit(main())
