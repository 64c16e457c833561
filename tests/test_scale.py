"""Reading at scale without an engine: extract_arrow, packing, pickling, threads, forks,
and the partitioned Parquet dataset. The engines themselves run in `make test-distributed`."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import incidents
from incidents import scale

SENTENCE = (
    "Two soldiers were martyred and three terrorists killed in an exchange of fire "
    "in North Waziristan's Mir Ali area on Monday, the ISPR said."
)


class Stream:
    """Arrow data with nothing but the C stream interface, as a foreign producer has."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self._frame = frame

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        return self._frame.__arrow_c_stream__(requested_schema)


@pytest.fixture(scope="module")
def articles(root: Path) -> pl.DataFrame:
    """The sample articles as a frame of doc_id, text and published."""
    paths = sorted((root / "examples" / "articles").glob("*.txt"))
    rows = []
    for path in paths:
        try:
            published: date | None = date.fromisoformat(path.stem[:10])
        except ValueError:
            published = None
        rows.append((path.stem, path.read_text(encoding="utf-8"), published))
    return pl.DataFrame(
        rows, schema={"doc_id": pl.String, "text": pl.String, "published": pl.Date}, orient="row"
    )


@pytest.fixture(scope="module")
def tables(articles: pl.DataFrame) -> incidents.Tables:
    """What one call of the plain API gives for the sample articles."""
    return incidents.extract_texts(
        articles.get_column("text").to_list(),
        articles.get_column("doc_id").to_list(),
        articles.get_column("published").to_list(),
    )


def sorted_tables(tables: incidents.Tables) -> dict[str, pl.DataFrame]:
    """Each table sorted by its id column (stable: rows of one id keep their order)."""
    return {
        name: frame.sort(frame.columns[0], maintain_order=True) for name, frame in tables.items()
    }


def assert_same(a: incidents.Tables, b: incidents.Tables, skip: tuple[str, ...] = ()) -> None:
    left, right = sorted_tables(a), sorted_tables(b)
    for name in incidents.TABLE_NAMES:
        if name in skip:
            continue
        assert left[name].schema == right[name].schema, name
        assert left[name].equals(right[name]), name


# ---------------------------------------------------------------- extract_arrow


def test_extract_arrow_gives_what_extract_texts_gives(
    articles: pl.DataFrame, tables: incidents.Tables
) -> None:
    got = incidents.extract_arrow(articles)
    assert got == tables
    assert got.documents.get_column("doc_id").to_list() == articles.get_column("doc_id").to_list()
    for name, frame in got.items():
        assert frame.schema == incidents.SCHEMAS[name]


def test_extract_arrow_takes_any_arrow_c_stream(
    articles: pl.DataFrame, tables: incidents.Tables
) -> None:
    assert not isinstance(Stream(articles), pl.DataFrame)
    assert incidents.extract_arrow(Stream(articles)) == tables


def test_extract_arrow_takes_pyarrow_tables_batches_and_readers(
    articles: pl.DataFrame, tables: incidents.Tables
) -> None:
    pa = pytest.importorskip("pyarrow")
    table = articles.to_arrow()
    assert incidents.extract_arrow(table) == tables
    batch = table.combine_chunks().to_batches()[0]
    assert incidents.extract_arrow(batch) == tables
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches())
    assert incidents.extract_arrow(reader) == tables
    # The tables go back to pyarrow as they are: the contract's columns, in order.
    back = pa.table(tables.incidents)
    assert back.column_names == list(incidents.SCHEMAS["incidents"].names())
    assert back.num_rows == tables.incidents.height


def test_extract_arrow_results_are_arrow_data(tables: incidents.Tables) -> None:
    for name, frame in tables.items():
        again = pl.DataFrame(Stream(frame))
        assert again.height == frame.height, name
        assert again.columns == frame.columns, name


def test_extract_arrow_names_the_columns_it_has_when_one_is_missing() -> None:
    frame = pl.DataFrame({"doc_id": ["a"], "body": [SENTENCE]})
    with pytest.raises(ValueError, match=r"text column 'text'.*\['doc_id', 'body'\]"):
        incidents.extract_arrow(frame)
    assert incidents.extract_arrow(frame, text="body").incidents.height == 1
    with pytest.raises(ValueError, match=r"doc_id column 'id'.*\['doc_id', 'body'\]"):
        incidents.extract_arrow(frame, text="body", doc_id="id")
    with pytest.raises(ValueError, match=r"published column 'day'"):
        incidents.extract_arrow(frame, text="body", published="day")


def test_extract_arrow_needs_ids_unless_told_to_number_the_rows() -> None:
    frame = pl.DataFrame({"text": [SENTENCE, SENTENCE]})
    with pytest.raises(ValueError, match="doc_id column 'doc_id'"):
        incidents.extract_arrow(frame)
    numbered = incidents.extract_arrow(frame, doc_id=None)
    assert numbered.documents.get_column("doc_id").to_list() == ["0", "1"]
    nulls = pl.DataFrame({"doc_id": ["a", None], "text": [SENTENCE, SENTENCE]})
    with pytest.raises(ValueError, match=r"nulls \(rows \[1\]"):
        incidents.extract_arrow(nulls)


def test_extract_arrow_writes_integer_ids_as_text() -> None:
    frame = pl.DataFrame({"doc_id": [17, 4], "text": [SENTENCE, None]})
    got = incidents.extract_arrow(frame)
    assert got.documents.get_column("doc_id").to_list() == ["17", "4"]
    assert set(got.incidents.get_column("doc_id")) == {"17"}


def test_extract_arrow_keeps_a_row_for_null_and_empty_texts() -> None:
    frame = pl.DataFrame(
        {"doc_id": ["a", "b", "c"], "text": [None, "", SENTENCE]},
        schema={"doc_id": pl.String, "text": pl.String},
    )
    docs = incidents.extract_arrow(frame).documents
    assert docs.get_column("doc_id").to_list() == ["a", "b", "c"]
    assert docs.get_column("status").to_list() == ["empty", "empty", "ok"]
    only_nulls = pl.DataFrame({"doc_id": ["a"], "text": [None]})
    assert only_nulls.schema["text"] == pl.Null
    assert incidents.extract_arrow(only_nulls).documents.get_column("status").to_list() == ["empty"]


def test_extract_arrow_refuses_what_is_not_text_or_not_arrow() -> None:
    with pytest.raises(TypeError, match="not strings"):
        incidents.extract_arrow(pl.DataFrame({"doc_id": ["a"], "text": [1]}))
    with pytest.raises(TypeError, match="__arrow_c_stream__"):
        incidents.extract_arrow([{"doc_id": "a", "text": SENTENCE}])
    with pytest.raises(TypeError, match="LazyFrame"):
        incidents.extract_arrow(pl.LazyFrame({"doc_id": ["a"], "text": [SENTENCE]}))


@pytest.mark.parametrize(
    "column",
    [
        pl.Series([date(2024, 3, 6)], dtype=pl.Date),
        pl.Series([datetime(2024, 3, 6, 17, 30)], dtype=pl.Datetime("us")),
        pl.Series(["2024-03-06"], dtype=pl.String),
    ],
    ids=["date", "datetime", "iso-string"],
)
def test_extract_arrow_reads_published_as_date_datetime_or_text(column: pl.Series) -> None:
    frame = pl.DataFrame({"doc_id": ["a"], "text": [SENTENCE]}).with_columns(
        column.alias("published")
    )
    got = incidents.extract_arrow(frame)
    assert got.documents.get_column("published").to_list() == [date(2024, 3, 6)]
    assert got.incidents.get_column("date").to_list() == [date(2024, 3, 4)]


def test_extract_arrow_names_a_published_value_it_cannot_read() -> None:
    frame = pl.DataFrame({"doc_id": ["a", "b"], "text": [SENTENCE, SENTENCE]}).with_columns(
        published=pl.Series(["2024-03-06", "last week"])
    )
    with pytest.raises(ValueError, match=r"published\[1\] = \"last week\""):
        incidents.extract_arrow(frame)


def test_extract_arrow_reads_with_the_extractor_given() -> None:
    places = (
        "id\tkind\tname\tparent\tlat\tlon\taliases\tmatch\tsource\n"
        "PK.KP.BANNU.GHORIWALA\ttown\tGhoriwala\tPK.KP.BANNU\t33.03\t70.55\t\tany\ttest\n"
    )
    frame = pl.DataFrame(
        {"doc_id": ["a"], "text": ["Two policemen were shot dead in Ghoriwala on Monday."]}
    )
    own = incidents.Extractor(places_tsv=places, threads=1)
    assert incidents.extract_arrow(frame, extractor=own).incidents.get_column(
        "place"
    ).to_list() == ["Ghoriwala"]
    assert incidents.extract_arrow(frame).incidents.get_column("place").to_list() != ["Ghoriwala"]


# ---------------------------------------------------------------- packing


def test_packed_schema_holds_only_types_every_engine_has() -> None:
    assert scale.PACKED_SCHEMA.names() == ["table", *incidents.TABLE_NAMES]
    for name in incidents.TABLE_NAMES:
        struct = scale.PACKED_SCHEMA[name]
        assert isinstance(struct, pl.Struct)
        fields = {f.name: f.dtype for f in struct.fields}
        assert list(fields) == incidents.SCHEMAS[name].names()
        for column, dtype in fields.items():
            assert not isinstance(dtype, pl.Enum), (name, column)
            assert dtype != pl.UInt32, (name, column)


def test_pack_and_unpack_give_the_tables_back(tables: incidents.Tables) -> None:
    packed = scale.pack(tables)
    assert packed.schema == scale.PACKED_SCHEMA
    assert packed.height == sum(frame.height for _, frame in tables.items())
    counts = dict(packed.group_by("table").len().iter_rows())
    assert counts == {name: f.height for name, f in tables.items() if f.height}
    assert scale.unpack(packed) == tables
    assert scale.unpack(packed.lazy()) == tables
    assert scale.unpack(Stream(packed)) == tables


def test_pack_and_unpack_hold_zero_rows() -> None:
    empty = incidents.extract_texts([])
    packed = scale.pack(empty)
    assert packed.height == 0
    assert packed.schema == scale.PACKED_SCHEMA
    assert scale.unpack(packed) == empty


def test_unpack_refuses_a_value_outside_the_contract(tables: incidents.Tables) -> None:
    packed = scale.pack(tables).with_columns(
        pl.when(pl.col("table") == "documents")
        .then(pl.col("documents").struct.with_fields(pl.lit("unsure").alias("status")))
        .otherwise(pl.col("documents"))
        .alias("documents")
    )
    with pytest.raises(pl.exceptions.InvalidOperationError):
        scale.unpack(packed)


def test_extract_packed_leaves_the_batch_events_to_the_merge(articles: pl.DataFrame) -> None:
    packed = scale.extract_packed(articles)
    assert packed.filter(pl.col("table") == "events").height == 0
    assert scale.unpack(packed).incidents.height > 0


def test_read_packed_reads_what_an_engine_wrote(
    tmp_path: Path, articles: pl.DataFrame, tables: incidents.Tables
) -> None:
    folder = tmp_path / "packed"
    folder.mkdir()
    # Three map tasks' outputs, and the marker file Spark leaves beside them.
    for index, offset in enumerate(range(0, articles.height, 60)):
        batch = articles.slice(offset, 60)
        scale.extract_packed(batch).write_parquet(folder / f"part-{index}.parquet")
    (folder / "_SUCCESS").write_text("")
    got = scale.read_packed(folder)
    assert_same(got, tables, skip=("events",))
    assert got.events.height == 0


@pytest.mark.skipif(not hasattr(incidents, "merge"), reason="incidents.merge is not there yet")
def test_merge_events_by_province_gives_what_one_merge_gives(
    articles: pl.DataFrame,
) -> None:
    # Every article twice under two ids: each report merges with its copy.
    twice = pl.concat([articles, articles.with_columns(pl.col("doc_id") + "#copy", published=None)])
    parts = [scale.extract_packed(twice.slice(offset, 40)) for offset in range(0, twice.height, 40)]
    read = scale.unpack(pl.concat(parts))
    merged = scale.merge_events(read)
    whole = incidents.merge(incidents.extract_arrow(twice))
    assert merged.events.height < merged.incidents.height
    assert merged.events.equals(whole.events)
    assert_same(merged, whole)


# ---------------------------------------------------------------- pickling and threads


def test_an_extractor_pickles_as_its_configuration(tables: incidents.Tables) -> None:
    places = (
        "id\tkind\tname\tparent\tlat\tlon\taliases\tmatch\tsource\n"
        "PK.KP.BANNU.GHORIWALA\ttown\tGhoriwala\tPK.KP.BANNU\t33.03\t70.55\t\tany\ttest\n"
    )
    extractor = incidents.Extractor(places_tsv=places, threads=2)
    data = pickle.dumps(extractor)
    assert len(data) < 2_000
    again = pickle.loads(data)
    assert again.threads == 2
    assert again.gazetteer().equals(extractor.gazetteer())
    # Two copies of one configuration in one process share one compiled extractor.
    assert pickle.loads(data)._native is again._native
    text = ["Two policemen were shot dead in Ghoriwala on Monday."]
    assert again.extract_texts(text) == extractor.extract_texts(text)


def test_a_malformed_row_fails_where_the_extractor_is_made() -> None:
    with pytest.raises(incidents.DataError):
        incidents.Extractor(places_tsv="id\tkind\nX\ttown\n")


def test_threads_size_the_pool() -> None:
    assert incidents.Extractor(threads=1).num_threads() == 1
    assert incidents.Extractor(threads=3).num_threads() == 3
    assert incidents.Extractor(threads=1).threads == 1
    for wrong in (0, -1, 1.5, "2", True):
        with pytest.raises(ValueError, match="threads"):
            incidents.Extractor(threads=wrong)  # type: ignore[arg-type]


def test_use_extractor_sets_the_threads_of_the_module_default() -> None:
    try:
        incidents.use_extractor(None, threads=1)
        assert incidents._extractor().num_threads() == 1
        with pytest.raises(TypeError, match="Extractor"):
            incidents.use_extractor(incidents.Extractor(), threads=1)
    finally:
        incidents.use_extractor(None)
    assert incidents._extractor().threads is None


def _threads_in_child(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("INCIDENTS_NUM_THREADS", "RAYON_NUM_THREADS", "OMP_NUM_THREADS")
    }
    code = "import incidents; print(incidents.Extractor().num_threads())"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "threads"),
    [
        ({"INCIDENTS_NUM_THREADS": "3"}, 3),
        ({"INCIDENTS_NUM_THREADS": "2", "OMP_NUM_THREADS": "1"}, 2),
        ({"RAYON_NUM_THREADS": "3", "OMP_NUM_THREADS": "1"}, 3),
        # What Ray and Spark set in their workers.
        ({"OMP_NUM_THREADS": "1"}, 1),
        ({"OMP_NUM_THREADS": "4,2"}, 4),
        ({}, os.cpu_count()),
    ],
)
def test_the_environment_sizes_the_pool_when_no_size_is_given(
    env: dict[str, str], threads: int
) -> None:
    done = _threads_in_child(env)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == threads


def test_a_threads_setting_that_is_not_a_number_is_named() -> None:
    done = _threads_in_child({"INCIDENTS_NUM_THREADS": "many"})
    assert done.returncode != 0
    assert "INCIDENTS_NUM_THREADS" in done.stderr


def _extract_in_child(extractor: incidents.Extractor, queue: Any) -> None:
    # The native layer only: polars' own thread pool is not fork-safe (polars
    # advises the spawn start method), and polars is not what is tested here.
    native = extractor._native
    tables = native.extract_texts([SENTENCE] * 40)
    queue.put((len(tables["incidents"]), native.num_threads()))


@pytest.mark.skipif(sys.platform != "linux", reason="fork is a Linux start method here")
def test_a_forked_child_reads_on_threads_of_its_own() -> None:
    extractor = incidents.Extractor(threads=2)
    # The parent's pool runs before the fork, so the child inherits it without threads.
    assert len(extractor._native.extract_texts([SENTENCE] * 40)["incidents"]) == 40
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_extract_in_child, args=(extractor, queue))
    child.start()
    child.join(timeout=120)
    if child.is_alive():
        child.kill()
        pytest.fail("the forked child hung on the parent's threads")
    assert child.exitcode == 0
    assert queue.get(timeout=5) == (40, 2)
    # And the parent's own pool still works.
    assert extractor.extract_texts([SENTENCE]).incidents.height == 1


# ---------------------------------------------------------------- partitioned Parquet


def test_partitioned_write_is_a_hive_dataset_scanned_lazily(
    tmp_path: Path, tables: incidents.Tables
) -> None:
    paths = tables.write(tmp_path, partition_by=["month", "admin1"])
    assert paths == {name: tmp_path / name for name in incidents.TABLE_NAMES}
    folders = {
        p.parent.relative_to(tmp_path / "incidents").as_posix()
        for p in (tmp_path / "incidents").rglob("*.parquet")
    }
    assert "month=2024-03-01/admin1=Khyber Pakhtunkhwa" in folders
    lazy = pl.scan_parquet(tmp_path / "incidents", hive_partitioning=True)
    schema = lazy.collect_schema()
    assert dict(schema) == {**incidents.SCHEMAS["incidents"], "month": pl.Date}
    march = lazy.filter(
        (pl.col("month") == date(2024, 3, 1)) & (pl.col("admin1") == "Balochistan")
    ).collect()
    want = tables.incidents.filter(
        (pl.col("date").dt.truncate("1mo") == date(2024, 3, 1))
        & (pl.col("admin1") == "Balochistan")
    )
    assert march.height > 0
    assert march.drop("month").sort("incident_id").equals(want.sort("incident_id"))


def test_each_table_is_partitioned_by_the_columns_it_has(
    tmp_path: Path, tables: incidents.Tables
) -> None:
    tables.write(tmp_path, partition_by=["month", "admin1"])

    def levels(name: str) -> set[tuple[str, ...]]:
        files = (tmp_path / name).rglob("*.parquet")
        return {
            tuple(part.split("=")[0] for part in p.relative_to(tmp_path / name).parts[:-1])
            for p in files
        }

    assert levels("incidents") == {("month", "admin1")}
    assert levels("casualties") == {("month", "admin1")}
    assert levels("documents") == {("month",)}
    assert levels("statistics") == {("month",)}
    # A claim lies in the folder of its incident.
    claims = pl.scan_parquet(tmp_path / "casualties", hive_partitioning=True).collect()
    placed = claims.join(
        tables.incidents.select(
            "incident_id",
            pl.col("date").dt.truncate("1mo").alias("want_month"),
            pl.col("admin1").alias("want_admin1"),
        ),
        on="incident_id",
    )
    assert placed.height == tables.casualties.height
    assert placed.filter(
        pl.col("month").eq_missing(pl.col("want_month")).not_()
        | pl.col("admin1").eq_missing(pl.col("want_admin1")).not_()
    ).is_empty()


def test_partitioned_tables_read_back_whole(tmp_path: Path, tables: incidents.Tables) -> None:
    tables.write(tmp_path, partition_by=["month", "admin1"])
    back = incidents.Tables.read(tmp_path)
    assert_same(back, tables)
    for name, frame in back.items():
        assert frame.schema == incidents.SCHEMAS[name]


def test_nulls_and_odd_characters_in_partition_values_come_back(
    tmp_path: Path, tables: incidents.Tables
) -> None:
    incidents_ = tables.incidents.head(3).with_columns(
        admin1=pl.Series(["A/B=C %d", None, "Gilgit-Baltistan"]),
        date=pl.Series([date(2024, 1, 9), None, date(2024, 2, 1)]),
    )
    odd = incidents.Tables(
        **{**dict(tables.items()), "incidents": incidents_, "casualties": tables.casualties.clear()}
    )
    odd.write(tmp_path, partition_by=["month", "admin1"])
    names = {p.parent.name for p in (tmp_path / "incidents").rglob("*.parquet")}
    assert "admin1=__HIVE_DEFAULT_PARTITION__" in names
    assert "admin1=A%2FB%3DC %25d" in names
    back = pl.scan_parquet(tmp_path / "incidents", hive_partitioning=True).collect()
    assert back.sort("incident_id").drop("month").equals(incidents_.sort("incident_id"))
    by_id = dict(zip(back.get_column("incident_id"), back.get_column("month"), strict=True))
    assert by_id[incidents_.item(1, "incident_id")] is None


def test_partitioned_write_replaces_its_own_files_only(
    tmp_path: Path, tables: incidents.Tables
) -> None:
    tables.write(tmp_path)
    assert (tmp_path / "incidents.parquet").exists()
    tables.write(tmp_path, partition_by="admin1")
    assert not (tmp_path / "incidents.parquet").exists()
    keep = tmp_path / "incidents" / "README.txt"
    keep.write_text("mine")
    one = incidents.Tables(**{**dict(tables.items()), "incidents": tables.incidents.head(1)})
    one.write(tmp_path, partition_by="admin1")
    files = list((tmp_path / "incidents").rglob("*.parquet"))
    assert len(files) == 1
    assert keep.read_text() == "mine"
    assert incidents.Tables.read(tmp_path).incidents.equals(one.incidents)


def test_partition_by_is_checked(tmp_path: Path, tables: incidents.Tables) -> None:
    with pytest.raises(ValueError, match="no table has"):
        tables.write(tmp_path, partition_by=["month", "district"])
    with pytest.raises(ValueError, match="parquet"):
        tables.write(tmp_path, format="csv", partition_by=["month"])
    with pytest.raises(ValueError, match="list columns"):
        tables.write(tmp_path, partition_by=["warnings"])
    with pytest.raises(ValueError, match="distinct"):
        tables.write(tmp_path, partition_by=["month", "month"])


def test_an_empty_table_is_one_empty_file(tmp_path: Path) -> None:
    empty = incidents.extract_texts([])
    empty.write(tmp_path, partition_by=["month", "admin1"])
    lazy = pl.scan_parquet(tmp_path / "incidents", hive_partitioning=True)
    assert lazy.collect().height == 0
    assert incidents.Tables.read(tmp_path) == empty


def test_tables_cross_processes_as_pickles(tables: incidents.Tables) -> None:
    assert pickle.loads(pickle.dumps(tables)) == tables
