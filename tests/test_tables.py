"""The tables are exactly SCHEMA.md: names, order, dtypes and enums, at any row count."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

import incidents
from incidents import _native

STR, DATE, U32, F32, F64 = pl.String, pl.Date, pl.UInt32, pl.Float32, pl.Float64
LIST = pl.List(pl.String)

# SCHEMA.md, written out by hand; enum columns carry their vocabularies.
CONTRACT: dict[str, dict[str, pl.DataType | type[pl.DataType]]] = {
    "documents": {
        "doc_id": STR,
        "title": STR,
        "published": DATE,
        "published_precision": pl.Enum(["day", "month", "year", "unknown"]),
        "published_from": pl.Enum(["given", "text", "none"]),
        "chars": U32,
        "n_incidents": U32,
        "n_statistics": U32,
        "status": pl.Enum(["ok", "empty", "error"]),
        "warnings": LIST,
    },
    "incidents": {
        "incident_id": STR,
        "doc_id": STR,
        "event_type": pl.Enum(
            [
                "attack",
                "suicide_bombing",
                "bombing",
                "targeted_killing",
                "abduction",
                "armed_clash",
                "security_operation",
                "airstrike",
                "drone_strike",
                "shelling",
                "other",
            ]
        ),
        "date": DATE,
        "date_precision": pl.Enum(["day", "week", "month", "year", "unknown"]),
        "date_text": STR,
        "country": STR,
        "admin1": STR,
        "admin2": STR,
        "place": STR,
        "lat": F64,
        "lon": F64,
        "geo_precision": pl.Enum(["place", "district", "province", "country", "unknown"]),
        "perpetrator": STR,
        "perpetrator_text": STR,
        "target": STR,
        "target_text": STR,
        "killed": U32,
        "killed_max": U32,
        "wounded": U32,
        "n_claims": U32,
        "confidence": F32,
        "evidence": STR,
        "span_start": U32,
        "span_end": U32,
    },
    "casualties": {
        "incident_id": STR,
        "doc_id": STR,
        "claimant": STR,
        "claimant_text": STR,
        "account": U32,
        "victim": pl.Enum(["militants", "security_forces", "police", "civilians", "people"]),
        "outcome": pl.Enum(["killed", "wounded", "abducted", "arrested"]),
        "count": U32,
        "qualifier": pl.Enum(
            ["exact", "about", "nearly", "at_least", "more_than", "up_to", "range", "vague"]
        ),
        "low": U32,
        "high": U32,
        "evidence": STR,
    },
    "statistics": {
        "stat_id": STR,
        "doc_id": STR,
        "measure": pl.Enum(
            [
                "deaths",
                "casualties",
                "wounded",
                "attacks",
                "incidents",
                "militants_killed",
                "security_forces_killed",
                "security_forces_wounded",
                "police_killed",
                "civilians_killed",
                "militant_strength",
                "other",
            ]
        ),
        "unit": pl.Enum(["count", "percent_change", "percent_share"]),
        "value": F64,
        "qualifier": pl.Enum(
            ["exact", "about", "nearly", "at_least", "more_than", "up_to", "range", "vague"]
        ),
        "low": F64,
        "high": F64,
        "period_start": DATE,
        "period_end": DATE,
        "period_text": STR,
        "region": LIST,
        "source": STR,
        "source_text": STR,
        "evidence": STR,
    },
    "events": {
        "event_id": STR,
        "incident_ids": LIST,
        "doc_ids": LIST,
        "n_reports": U32,
        "event_type": pl.Enum(
            [
                "attack",
                "suicide_bombing",
                "bombing",
                "targeted_killing",
                "abduction",
                "armed_clash",
                "security_operation",
                "airstrike",
                "drone_strike",
                "shelling",
                "other",
            ]
        ),
        "date": DATE,
        "date_precision": pl.Enum(["day", "week", "month", "year", "unknown"]),
        "country": STR,
        "admin1": STR,
        "admin2": STR,
        "place": STR,
        "lat": F64,
        "lon": F64,
        "geo_precision": pl.Enum(["place", "district", "province", "country", "unknown"]),
        "perpetrator": STR,
        "target": STR,
        "killed": U32,
        "killed_max": U32,
        "wounded": U32,
        "merge_reason": STR,
    },
}

TEXTS = [
    "Two soldiers were martyred and three terrorists killed in an exchange of fire "
    "in North Waziristan's Mir Ali area on Monday, the ISPR said.",
    "A roadside bomb killed three policemen in Bajaur on Sunday, officials said.",
    "",
    "Militant attacks rose by 65 percent in 2023, the Pak Institute for Peace Studies said.",
]


def assert_contract(tables: incidents.Tables) -> None:
    for name, frame in tables.items():
        assert list(frame.schema.items()) == list(CONTRACT[name].items()), name


@pytest.fixture(scope="module")
def tables() -> incidents.Tables:
    return incidents.extract_texts(
        TEXTS, doc_ids=["a", "b", "c", "d"], published=[date(2024, 3, 6), None, None, None]
    )


def test_table_names_in_order():
    assert incidents.TABLE_NAMES == ("documents", "incidents", "casualties", "statistics", "events")


def test_schemas_constant_is_the_contract():
    assert list(incidents.SCHEMAS) == list(CONTRACT)
    for name, schema in incidents.SCHEMAS.items():
        assert list(schema.items()) == list(CONTRACT[name].items()), name


def test_extracted_tables_have_the_contract_schema(tables):
    assert_contract(tables)
    assert tables.documents.height == 4


@pytest.mark.parametrize("texts", [[], [""], ["   "]])
def test_zero_rows_keep_the_full_schema(texts):
    tables = incidents.extract_texts(texts)
    assert_contract(tables)
    assert tables.documents.height == len(texts)
    assert tables.incidents.height == 0
    assert tables.casualties.height == 0
    assert tables.statistics.height == 0


def test_enum_columns_come_from_the_core():
    enums = incidents.enum_columns()
    for name, columns in CONTRACT.items():
        want = {c: t for c, t in columns.items() if isinstance(t, pl.Enum)}
        assert enums[name] == want, name


def test_native_tables_are_arrow_streams_any_number_of_times():
    native = _native.Extractor().extract_texts(["Bannu police said."], ["x"])
    documents = native["documents"]
    assert documents.name == "documents"
    assert len(documents) == 1
    first = pl.DataFrame(documents)
    second = pl.DataFrame(documents)
    assert first.equals(second)
    assert first.schema["doc_id"] == pl.String
    assert "1 rows" in repr(documents)


def test_native_empty_tables_have_every_table():
    empty = _native.empty_tables()
    assert sorted(empty) == sorted(CONTRACT)
    for name, table in empty.items():
        assert len(table) == 0
        assert pl.DataFrame(table).columns == list(CONTRACT[name])


def test_repr_counts_rows(tables):
    text = repr(tables)
    assert text.startswith("Tables(documents=4, incidents=")
    assert "statistics=" in text


def test_getitem_and_equality(tables):
    assert tables["documents"] is tables.documents
    assert tables["events"] is tables.events
    with pytest.raises(KeyError, match="events"):
        tables["accounts"]
    assert tables == tables
    assert tables != incidents.extract_texts([])


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_write_and_read_round_trip(tables, tmp_path: Path, fmt: str):
    paths = tables.write(tmp_path / "out", format=fmt)
    assert sorted(p.name for p in paths.values()) == sorted(
        f"{name}.{fmt}" for name in incidents.TABLE_NAMES
    )
    back = incidents.Tables.read(tmp_path / "out", format=fmt)
    assert_contract(back)
    for name, frame in tables.items():
        got = back[name]
        if fmt != "parquet":
            # Text formats print floats in decimal; compare them to 6 places.
            floats = [c for c, t in frame.schema.items() if t in (pl.Float32, pl.Float64)]
            frame = frame.with_columns(pl.col(floats).round(6))
            got = got.with_columns(pl.col(floats).round(6))
        assert got.equals(frame), name


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_write_zero_rows_round_trip(tmp_path: Path, fmt: str):
    empty = incidents.extract_texts([])
    empty.write(tmp_path, format=fmt)
    back = incidents.Tables.read(tmp_path, format=fmt)
    assert_contract(back)
    assert all(frame.height == 0 for _, frame in back.items())


def test_csv_joins_lists(tmp_path: Path):
    bad = b"Quetta \xff\xfe levies said."
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "junk.txt").write_bytes(bad)
    tables = incidents.extract_dir(tmp_path / "in")
    tables.write(tmp_path / "csv", format="csv")
    raw = pl.read_csv(tmp_path / "csv" / "documents.csv", infer_schema_length=0)
    warnings = tables.documents.get_column("warnings")[0].to_list()
    assert warnings
    assert raw.get_column("warnings")[0] == "; ".join(warnings)


def test_write_rejects_unknown_format(tables, tmp_path: Path):
    with pytest.raises(ValueError, match="parquet"):
        tables.write(tmp_path, format="xlsx")  # type: ignore[arg-type]


def test_extract_with_out_writes_files(tmp_path: Path):
    incidents.extract_texts(["Peshawar police said."], out=tmp_path / "o", format="jsonl")
    assert (tmp_path / "o" / "documents.jsonl").exists()
    assert (tmp_path / "o" / "statistics.jsonl").exists()
