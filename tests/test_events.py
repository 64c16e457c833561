"""Reports of one attack merge into one event; batches merge as if read at once."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import incidents

ROOT = Path(__file__).resolve().parent.parent
EVENTS_DIR = ROOT / "examples" / "events" / "articles"

POLICE = (
    "BANNU, May 6, 2024 - Two policemen were martyred when militants attacked a check post "
    "in Bannu's Domel area on Monday, the district police officer said."
)
WIRE = (
    "Peshawar, May 7, 2024 (Reuters) - Gunmen stormed a police post in the Domel area of "
    "Bannu district late on Monday, killing three officers, officials said."
)
ELSEWHERE = (
    "QUETTA, May 9, 2024 - A bomb planted on a motorcycle killed four people in Quetta's "
    "Kuchlak area on Thursday, police said."
)


def test_two_outlets_reporting_one_attack_give_one_event_with_both_figures() -> None:
    tables = incidents.extract_texts([POLICE, WIRE, ELSEWHERE], ["police", "wire", "quetta"])
    assert tables.incidents.height == 3
    assert tables.events.height == 2
    bannu = tables.events.filter(pl.col("n_reports") == 2).row(0, named=True)
    assert bannu["doc_ids"] == ["police", "wire"]
    assert (bannu["killed"], bannu["killed_max"]) == (2, 3)
    assert bannu["admin2"] == "Bannu"
    assert "Bannu" in bannu["merge_reason"]
    single = tables.events.filter(pl.col("n_reports") == 1).row(0, named=True)
    assert single["merge_reason"] is None


def test_every_incident_is_in_exactly_one_event() -> None:
    tables = incidents.extract_dir(EVENTS_DIR)
    members = tables.events.select(pl.col("incident_ids").explode()).to_series()
    assert members.is_duplicated().sum() == 0
    assert sorted(members.to_list()) == sorted(tables.incidents["incident_id"].to_list())
    assert tables.events.schema == incidents.SCHEMAS["events"]


def test_merging_two_batches_equals_reading_them_at_once() -> None:
    texts = [POLICE, WIRE, ELSEWHERE]
    ids = ["police", "wire", "quetta"]
    at_once = incidents.extract_texts(texts, ids)
    monday = incidents.extract_texts(texts[:1], ids[:1])
    tuesday = incidents.extract_texts(texts[1:], ids[1:])
    merged = incidents.merge(monday, tuesday)
    assert_frame_equal(merged.events, at_once.events)
    for name in ("documents", "incidents", "casualties", "statistics"):
        assert_frame_equal(merged[name], at_once[name])


def test_merging_overlapping_runs_counts_nothing_twice() -> None:
    tables = incidents.extract_texts([POLICE, WIRE], ["police", "wire"])
    again = incidents.merge(tables, tables, incidents.extract_texts([WIRE], ["wire"]))
    assert again == tables


def test_merge_after_a_round_trip_through_parquet(tmp_path: Path) -> None:
    a = incidents.extract_texts([POLICE], ["police"])
    b = incidents.extract_texts([WIRE], ["wire"])
    a.write(tmp_path / "a")
    b.write(tmp_path / "b")
    merged = incidents.merge(
        incidents.Tables.read(tmp_path / "a"), incidents.Tables.read(tmp_path / "b")
    )
    assert merged.events.height == 1
    assert merged.events["n_reports"].to_list() == [2]


def test_merge_wants_tables() -> None:
    with pytest.raises(TypeError, match="at least one"):
        incidents.merge()
    with pytest.raises(TypeError, match="argument 1"):
        incidents.merge(incidents.extract_texts([POLICE]), "not tables")  # type: ignore[arg-type]


def test_an_extractor_merges_with_its_own_actors() -> None:
    extractor = incidents.Extractor()
    merged = extractor.merge(
        extractor.extract_texts([POLICE], ["police"]), extractor.extract_texts([WIRE], ["wire"])
    )
    assert merged.events.height == 1


def test_tables_built_by_hand_without_events_have_an_empty_events_table() -> None:
    t = incidents.extract_texts([POLICE])
    bare = incidents.Tables(t.documents, t.incidents, t.casualties, t.statistics)
    assert bare.events.height == 0
    assert bare.events.schema == incidents.SCHEMAS["events"]
    assert incidents.merge(bare).events.height == 1
