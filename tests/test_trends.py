"""incidents.trends: monthly counts, claims by side, factions rolled up, tallies recounted.

Each helper runs on small hand-built frames with the contract's columns and dtypes
and is compared with the whole frame it must return; a last test runs them on the
bundled sample and checks what must hold whatever the extractor reads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import incidents
from incidents import trends

STR, DATE, U32, F64 = pl.String(), pl.Date(), pl.UInt32(), pl.Float64()
LIST = pl.List(pl.String())
INCIDENTS = incidents.SCHEMAS["incidents"]
CASUALTIES = incidents.SCHEMAS["casualties"]
STATISTICS = incidents.SCHEMAS["statistics"]
# The events table of SCHEMA.md, written out: its enums are those of incidents.
EVENTS = pl.Schema(
    {
        "event_id": STR,
        "incident_ids": LIST,
        "doc_ids": LIST,
        "n_reports": U32,
        "event_type": INCIDENTS["event_type"],
        "date": DATE,
        "date_precision": INCIDENTS["date_precision"],
        "country": STR,
        "admin1": STR,
        "admin2": STR,
        "place": STR,
        "lat": F64,
        "lon": F64,
        "geo_precision": INCIDENTS["geo_precision"],
        "perpetrator": STR,
        "target": STR,
        "killed": U32,
        "killed_max": U32,
        "wounded": U32,
        "merge_reason": STR,
    }
)
KP, BAL = "Khyber Pakhtunkhwa", "Balochistan"
SIDE = pl.Enum(list(trends.SIDES))
REGION = pl.Enum([KP, BAL, trends.REST, trends.OUTSIDE, trends.UNKNOWN])


def table(schema: pl.Schema, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """A frame of the schema from rows naming only the columns a test is about.

    Columns left out are null, or what an unremarkable row holds where the
    contract allows no null (one report, an unknown place, an empty list).
    """
    defaults: dict[str, Any] = {
        "n_reports": 1,
        "date_precision": "day",
        "geo_precision": "unknown",
        "event_type": "attack",
        "account": 0,
        "victim": "people",
        "outcome": "killed",
        "qualifier": "exact",
        "unit": "count",
        "evidence": "",
        "doc_id": "d",
        "n_claims": 0,
        "confidence": 0.5,
        "span_start": 0,
        "span_end": 0,
        "region": [],
    }
    full = [{c: row.get(c, defaults.get(c)) for c in schema} for row in rows]
    if "event_id" in schema:
        for row in full:
            row["incident_ids"] = row["incident_ids"] or [row["event_id"]]
            row["doc_ids"] = row["doc_ids"] or ["d"]
    return pl.DataFrame(full, schema=schema)


def events(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return table(EVENTS, rows)


# A small registry of the shape of incidents.actors(): a faction two levels deep.
ACTORS = pl.DataFrame(
    {
        "id": ["TTP", "JUA", "JUA_CELL", "BALOCH", "BLA", "AFGHAN_TALIBAN", "HAQQANI",
               "MILITANTS", "PAK_MILITARY", "PAK_POLICE", "PAK_GOVERNMENT", "PIPS",
               "INDIA_GOVERNMENT"],
        "kind": ["militant_group", "faction", "faction", "militant_group", "faction",
                 "foreign_government", "faction", "generic", "state_force", "police",
                 "government", "research_org", "foreign_government"],
        "root": ["TTP", "TTP", "TTP", "BALOCH", "BALOCH", "AFGHAN_TALIBAN",
                 "AFGHAN_TALIBAN", "MILITANTS", "PAK_MILITARY", "PAK_POLICE",
                 "PAK_GOVERNMENT", "PIPS", "INDIA_GOVERNMENT"],
    }
)  # fmt: skip


# ---------------------------------------------------------------------------
# roll_up and claimant_sides


def test_roll_up_takes_every_faction_to_its_top_group():
    frame = pl.DataFrame(
        {"perpetrator": ["JUA_CELL", "JUA", "TTP", "BLA", "NOT_REGISTERED", None], "n": range(6)}
    )
    expected = pl.DataFrame(
        {"perpetrator": ["TTP", "TTP", "TTP", "BALOCH", "NOT_REGISTERED", None], "n": range(6)}
    )
    assert_frame_equal(trends.roll_up(frame, actors=ACTORS), expected)


def test_roll_up_any_column():
    frame = pl.DataFrame({"claimant": ["HAQQANI", "PIPS"]})
    expected = pl.DataFrame({"claimant": ["AFGHAN_TALIBAN", "PIPS"]})
    assert_frame_equal(trends.roll_up(frame, "claimant", actors=ACTORS), expected)


def test_roll_up_with_the_bundled_registry():
    frame = pl.DataFrame(
        {"perpetrator": ["BLA", "BLF", "JAMAAT_UL_AHRAR", "ISPP", "HAQQANI_NETWORK", "TTP", None]}
    )
    expected = pl.DataFrame(
        {
            "perpetrator": [
                "BALOCH_INSURGENTS",
                "BALOCH_INSURGENTS",
                "TTP",
                "ISKP",
                "AFGHAN_TALIBAN",
                "TTP",
                None,
            ]
        }
    )
    assert_frame_equal(trends.roll_up(frame), expected)


def test_claimant_sides():
    expected = pl.DataFrame(
        {
            "id": ["AFGHAN_TALIBAN", "BALOCH", "BLA", "HAQQANI", "INDIA_GOVERNMENT", "JUA",
                   "JUA_CELL", "MILITANTS", "PAK_GOVERNMENT", "PAK_MILITARY", "PAK_POLICE",
                   "PIPS", "TTP"],
            "side": ["Afghan Taliban", "militant groups", "militant groups", "Afghan Taliban",
                     "others", "militant groups", "militant groups", "militant groups",
                     "Pakistani state", "Pakistani state", "Pakistani state", "others",
                     "militant groups"],
        },
        schema={"id": STR, "side": SIDE},
    )  # fmt: skip
    assert_frame_equal(trends.claimant_sides(ACTORS), expected)


def test_claimant_sides_of_the_bundled_registry():
    sides = dict(trends.claimant_sides().iter_rows())
    assert sides["PAK_MILITARY"] == sides["PAK_POLICE"] == "Pakistani state"
    assert sides["PAK_GOVERNMENT"] == "Pakistani state"
    assert sides["AFGHAN_TALIBAN"] == sides["HAQQANI_NETWORK"] == "Afghan Taliban"
    assert sides["TTP"] == sides["BLA"] == sides["MILITANTS"] == "militant groups"
    assert sides["PIPS"] == sides["US_MILITARY"] == sides["INDIA_GOVERNMENT"] == "others"


# ---------------------------------------------------------------------------
# region and by_district


def test_region_sorts_provinces_and_the_rest():
    frame = pl.DataFrame(
        {
            "country": ["Pakistan", "Pakistan", "Pakistan", "Pakistan", "Afghanistan", None],
            "admin1": [BAL, KP, "Punjab", None, "Paktika", None],
        }
    )
    expected = pl.Series(
        "region",
        [BAL, KP, trends.REST, trends.REST, trends.OUTSIDE, trends.UNKNOWN],
        dtype=REGION,
    )
    assert_frame_equal(frame.select(trends.region()), expected.to_frame(), check_dtypes=True)


def test_region_with_other_provinces_and_name():
    frame = pl.DataFrame({"country": ["Pakistan", "Pakistan"], "admin1": ["Sindh", KP]})
    expected = pl.DataFrame(
        {"area": ["Sindh", trends.REST]},
        schema={"area": pl.Enum(["Sindh", trends.REST, trends.OUTSIDE, trends.UNKNOWN])},
    )
    assert_frame_equal(frame.select(trends.region(["Sindh"], name="area")), expected)


def test_by_district_counts_and_places_districts():
    gazetteer = pl.DataFrame(
        {
            "kind": ["district", "district", "town"],
            "name": ["North Waziristan", "Kech", "Mir Ali"],
            "country": ["Pakistan", "Pakistan", "Pakistan"],
            "admin1": [KP, BAL, KP],
            "admin2": ["North Waziristan", "Kech", "North Waziristan"],
            "lat": [32.9, 26.0, 33.0],
            "lon": [70.0, 62.9, 70.1],
        }
    )
    frame = events(
        [
            {"event_id": "a", "country": "Pakistan", "admin1": KP,
             "admin2": "North Waziristan", "lat": 33.0, "lon": 70.1, "killed": 2, "killed_max": 5},
            {"event_id": "b", "country": "Pakistan", "admin1": KP,
             "admin2": "North Waziristan", "killed": 1, "killed_max": 1},
            {"event_id": "c", "country": "Pakistan", "admin1": BAL, "admin2": "Kech"},
            {"event_id": "d", "country": "Afghanistan", "admin1": "Paktika", "admin2": "Barmal",
             "lat": 32.8, "lon": 69.0, "killed": 8, "killed_max": 46},
            {"event_id": "e", "country": "Pakistan", "admin1": BAL},
        ]
    )  # fmt: skip
    expected = pl.DataFrame(
        {
            "country": ["Afghanistan", "Pakistan", "Pakistan"],
            "admin1": ["Paktika", KP, BAL],
            "admin2": ["Barmal", "North Waziristan", "Kech"],
            "events": [1, 2, 1],
            "killed": [8, 3, 0],
            "killed_max": [46, 6, 0],
            "lat": [32.8, 32.9, 26.0],
            "lon": [69.0, 70.0, 62.9],
        },
        schema_overrides={"events": U32, "killed": U32, "killed_max": U32},
    )
    assert_frame_equal(trends.by_district(frame, gazetteer=gazetteer), expected)


# ---------------------------------------------------------------------------
# monthly


MONTHLY = events(
    [
        {"event_id": "e1", "date": date(2024, 1, 5), "admin1": KP, "country": "Pakistan",
         "perpetrator": "TTP", "killed": 3, "killed_max": 5, "wounded": 2},
        {"event_id": "e2", "date": date(2024, 1, 31), "admin1": BAL, "country": "Pakistan",
         "perpetrator": "BLA", "wounded": 4},
        {"event_id": "e3", "date": date(2024, 3, 1), "date_precision": "month", "admin1": KP,
         "country": "Pakistan", "killed": 1, "killed_max": 1},
        {"event_id": "e4", "date": date(2024, 4, 8), "date_precision": "week", "admin1": KP,
         "country": "Pakistan", "perpetrator": "TTP", "killed": 10, "killed_max": 12,
         "wounded": 1},
        # Dated only to a year: not a January event.
        {"event_id": "e5", "date": date(2024, 1, 1), "date_precision": "year",
         "killed": 7, "killed_max": 7},
        {"event_id": "e6", "date_precision": "unknown", "killed": 9, "killed_max": 9},
    ]
)  # fmt: skip


def monthly_frame(
    data: dict[str, list[Any]], keys: dict[str, pl.DataType], count: str = "events"
) -> pl.DataFrame:
    counts = [count, "killed", "killed_max", "wounded", "killed_unknown"]
    return pl.DataFrame(data, schema={**keys, "date": DATE, **{c: U32 for c in counts}})


def test_monthly_totals_fill_empty_months_with_zeros():
    expected = monthly_frame(
        {
            "date": [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1), date(2024, 4, 1)],
            "events": [2, 0, 1, 1],
            "killed": [3, 0, 1, 10],
            "killed_max": [5, 0, 1, 12],
            "wounded": [6, 0, 0, 1],
            "killed_unknown": [1, 0, 0, 0],
        },
        {},
    )
    assert_frame_equal(trends.monthly(MONTHLY), expected)


def test_monthly_by_a_column_keeps_the_unnamed_as_a_group():
    months = [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1), date(2024, 4, 1)]
    expected = monthly_frame(
        {
            "perpetrator": [None] * 4 + ["BLA"] * 4 + ["TTP"] * 4,
            "date": months * 3,
            "events": [0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 1],
            "killed": [0, 0, 1, 0, 0, 0, 0, 0, 3, 0, 0, 10],
            "killed_max": [0, 0, 1, 0, 0, 0, 0, 0, 5, 0, 0, 12],
            "wounded": [0, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 1],
            "killed_unknown": [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
        },
        {"perpetrator": STR},
    )
    got = trends.monthly(MONTHLY, by="perpetrator")
    # Nulls last is how polars sorts when asked; the expected frame lists them first
    # for reading, so compare in the function's order.
    assert_frame_equal(got, expected.sort(["perpetrator", "date"], nulls_last=True))


def test_monthly_by_region_and_enum_order():
    frame = MONTHLY.with_columns(trends.region())
    expected = monthly_frame(
        {
            "region": [KP, KP, KP, KP, BAL, BAL, BAL, BAL],
            "date": [date(2024, m, 1) for m in (1, 2, 3, 4)] * 2,
            "events": [1, 0, 1, 1, 1, 0, 0, 0],
            "killed": [3, 0, 1, 10, 0, 0, 0, 0],
            "killed_max": [5, 0, 1, 12, 0, 0, 0, 0],
            "wounded": [2, 0, 0, 1, 4, 0, 0, 0],
            "killed_unknown": [0, 0, 0, 0, 1, 0, 0, 0],
        },
        {"region": REGION},
    )
    assert_frame_equal(trends.monthly(frame, by="region"), expected)


def test_monthly_keeps_coarse_dates_when_asked():
    got = trends.monthly(MONTHLY, precisions=None, count="n")
    expected = monthly_frame(
        {
            "date": [date(2024, m, 1) for m in (1, 2, 3, 4)],
            "n": [3, 0, 1, 1],
            "killed": [10, 0, 1, 10],
            "killed_max": [12, 0, 1, 12],
            "wounded": [6, 0, 0, 1],
            "killed_unknown": [1, 0, 0, 0],
        },
        {},
        count="n",
    )
    assert_frame_equal(got, expected)


def test_monthly_window_and_quarters():
    got = trends.monthly(MONTHLY, every="1q", start=date(2023, 11, 15), end=date(2024, 3, 31))
    expected = monthly_frame(
        {
            "date": [date(2023, 10, 1), date(2024, 1, 1)],
            "events": [0, 3],
            "killed": [0, 4],
            "killed_max": [0, 6],
            "wounded": [0, 6],
            "killed_unknown": [0, 1],
        },
        {},
    )
    assert_frame_equal(got, expected)


def test_monthly_of_nothing_has_the_schema():
    got = trends.monthly(MONTHLY.head(0), by=["perpetrator", "event_type"])
    expected = monthly_frame(
        {c: [] for c in ["perpetrator", "event_type", "date", "events", "killed",
                         "killed_max", "wounded", "killed_unknown"]},
        {"perpetrator": STR, "event_type": EVENTS["event_type"]},
    )  # fmt: skip
    assert_frame_equal(got, expected)


def test_monthly_of_incidents():
    frame = table(
        INCIDENTS,
        [
            {"incident_id": "i1", "date": date(2025, 3, 11), "killed": 26, "killed_max": 64},
            {"incident_id": "i2", "date": date(2025, 3, 16), "killed": 5, "killed_max": 90},
        ],
    )
    expected = monthly_frame(
        {
            "date": [date(2025, 3, 1)],
            "incidents": [2],
            "killed": [31],
            "killed_max": [154],
            "wounded": [0],
            "killed_unknown": [0],
        },
        {},
        count="incidents",
    )
    assert_frame_equal(trends.monthly(frame, count="incidents"), expected)


# ---------------------------------------------------------------------------
# claim_spread and claims_by_side


def test_claim_spread_sorts_the_widest_first():
    frame = events(
        [
            {"event_id": "a", "date": date(2024, 12, 24), "admin1": "Paktika",
             "event_type": "airstrike", "perpetrator": "PAK_MILITARY", "n_reports": 3,
             "killed": 20, "killed_max": 71},
            {"event_id": "b", "admin1": KP, "killed": 0, "killed_max": 4},
            {"event_id": "c", "admin1": BAL, "killed": 5, "killed_max": 5},
            {"event_id": "d", "admin1": BAL},
        ]
    )  # fmt: skip
    expected = pl.DataFrame(
        {
            "event_id": ["a", "b", "c"],
            "date": [date(2024, 12, 24), None, None],
            "admin1": ["Paktika", KP, BAL],
            "event_type": ["airstrike", "attack", "attack"],
            "perpetrator": ["PAK_MILITARY", None, None],
            "n_reports": [3, 1, 1],
            "killed": [20, 0, 5],
            "killed_max": [71, 4, 5],
            "spread": [51, 4, 0],
            "ratio": [71 / 20, None, 1.0],
        },
        schema_overrides={
            "event_type": EVENTS["event_type"],
            "perpetrator": STR,
            "n_reports": U32,
            "killed": U32,
            "killed_max": U32,
            "spread": U32,
        },
    )
    assert_frame_equal(trends.claim_spread(frame), expected)


def test_claim_spread_of_incidents_counts_one_report_each():
    frame = table(INCIDENTS, [{"incident_id": "i", "killed": 2, "killed_max": 3}])
    got = trends.claim_spread(frame)
    assert got.columns[0] == "incident_id"
    assert got.select("n_reports", "spread").rows() == [(1, 1)]


# One airstrike reported by two outlets (two incidents, one event) and an attack.
CASUALTIES_ROWS = table(
    CASUALTIES,
    [
        # Outlet 1: the security sources' account, then the Taliban's.
        {"incident_id": "i1", "claimant": "PAK_MILITARY", "account": 0,
         "victim": "militants", "count": 71},
        {"incident_id": "i1", "claimant": "AFGHAN_TALIBAN", "account": 1,
         "victim": "civilians", "count": 46},
        {"incident_id": "i1", "claimant": "AFGHAN_TALIBAN", "account": 1,
         "victim": "civilians", "outcome": "wounded", "count": 6},
        # Outlet 2: a Pakistani official's "at least 20", and a "dozens" nobody owns.
        {"incident_id": "i2", "claimant": "PAK_GOVERNMENT", "account": 0,
         "victim": "militants", "count": 20, "qualifier": "at_least", "low": 20},
        {"incident_id": "i2", "account": 1, "victim": "people", "qualifier": "vague",
         "low": 24},
        # The attack: one account of soldiers and attackers together, by the ISPR;
        # one by the group itself; one by an id nobody registered.
        {"incident_id": "i3", "claimant": "PAK_MILITARY", "account": 0,
         "victim": "security_forces", "count": 2},
        {"incident_id": "i3", "claimant": "PAK_MILITARY", "account": 0,
         "victim": "militants", "count": 3},
        {"incident_id": "i3", "claimant": "TTP", "account": 1,
         "victim": "security_forces", "count": 12},
        {"incident_id": "i3", "claimant": "LOCAL_ELDERS", "account": 2,
         "victim": "civilians", "count": 1},
        # A vague wounded figure with no number at all.
        {"incident_id": "i3", "claimant": "PAK_POLICE", "account": 3,
         "victim": "police", "outcome": "wounded", "qualifier": "vague"},
    ],
)  # fmt: skip
CLAIM_EVENTS = events(
    [
        {"event_id": "strike", "incident_ids": ["i1", "i2"], "doc_ids": ["d1", "d2"],
         "n_reports": 2, "event_type": "airstrike", "date": date(2024, 12, 24),
         "country": "Afghanistan", "admin1": "Paktika", "killed": 20, "killed_max": 71,
         "wounded": 6},
        {"event_id": "post", "incident_ids": ["i3"], "date": date(2024, 12, 21),
         "country": "Pakistan", "admin1": KP, "killed": 1, "killed_max": 12},
    ]
)  # fmt: skip


def claims_frame(unit: str, rows: list[tuple[str, str, int, int, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={unit: STR, "side": SIDE, "accounts": U32, "min_claim": U32, "max_claim": U32},
        orient="row",
    )


def test_claims_by_side_per_event():
    expected = claims_frame(
        "event_id",
        [
            ("post", "Pakistani state", 1, 5, 5),
            ("post", "militant groups", 1, 12, 12),
            ("post", "others", 1, 1, 1),
            ("strike", "Pakistani state", 2, 20, 71),
            ("strike", "Afghan Taliban", 1, 46, 46),
            ("strike", "unattributed", 1, 24, 24),
        ],
    )
    got = trends.claims_by_side(CASUALTIES_ROWS, CLAIM_EVENTS, actors=ACTORS)
    assert_frame_equal(got, expected)


def test_claims_by_side_per_incident_and_wounded():
    expected = claims_frame("incident_id", [("i1", "Afghan Taliban", 1, 6, 6)])
    got = trends.claims_by_side(CASUALTIES_ROWS, outcome="wounded", actors=ACTORS)
    assert_frame_equal(got, expected)


# ---------------------------------------------------------------------------
# stated_vs_counted


def test_stated_vs_counted():
    stats = table(
        STATISTICS,
        [
            # Deaths in Pakistan in December 2024: the post only (the strike is abroad).
            {"stat_id": "s1", "measure": "deaths", "value": 300.0, "source": "PICSS",
             "period_start": date(2024, 12, 1), "period_end": date(2024, 12, 31),
             "region": ["Pakistan"]},
            # A percentage is not recounted: left out.
            {"stat_id": "s2", "measure": "deaths", "unit": "percent_change", "value": 65.0,
             "period_start": date(2024, 1, 1), "period_end": date(2024, 12, 31)},
            # Militants killed anywhere in 2024, smallest and largest account per event.
            {"stat_id": "s3", "measure": "militants_killed", "value": 900.0,
             "period_start": date(2024, 1, 1), "period_end": date(2024, 12, 31)},
            # Attacks in KP or Balochistan: the post is an attack, the strike is not.
            {"stat_id": "s4", "measure": "attacks", "value": 50.0,
             "period_start": date(2024, 12, 1), "period_end": date(2024, 12, 31),
             "region": [KP, BAL]},
            # No period: nothing to recount.
            {"stat_id": "s5", "measure": "deaths", "value": 80000.0},
            # Nothing to add up for a strength.
            {"stat_id": "s6", "measure": "militant_strength", "value": 6000.0,
             "period_start": date(2024, 1, 1), "period_end": date(2024, 12, 31)},
            # A period with no event in it: zeros, not nulls.
            {"stat_id": "s7", "measure": "incidents", "value": 12.0,
             "period_start": date(2023, 1, 1), "period_end": date(2023, 12, 31)},
            # Casualties: killed and wounded together, everywhere, the day of the strike on.
            {"stat_id": "s8", "measure": "casualties", "value": 100.0,
             "period_start": date(2024, 12, 24), "period_end": date(2024, 12, 24)},
        ],
    )  # fmt: skip
    counted = trends.stated_vs_counted(stats, CLAIM_EVENTS, CASUALTIES_ROWS)
    expected = (
        stats.filter(pl.col("stat_id") != "s2")
        .select(
            "stat_id", "doc_id", "measure", "value", "qualifier", "period_start",
            "period_end", "region", "source",
        )
        .with_columns(
            pl.Series("n_events", [1, 2, 1, None, None, 0, 1], dtype=U32),
            pl.Series("counted", [1, 23, 1, None, None, 0, 26], dtype=U32),
            pl.Series("counted_max", [12, 74, 1, None, None, 0, 77], dtype=U32),
        )
    )  # fmt: skip
    assert_frame_equal(counted, expected)

    # Without casualties the victim measures cannot be recounted.
    alone = trends.stated_vs_counted(stats, CLAIM_EVENTS)
    assert alone.filter(pl.col("stat_id") == "s3").select(
        "n_events", "counted", "counted_max"
    ).rows() == [(None, None, None)]
    assert_frame_equal(
        alone.filter(pl.col("stat_id") != "s3"), counted.filter(pl.col("stat_id") != "s3")
    )


def test_stated_vs_counted_leaves_coarse_dates_out():
    stats = table(
        STATISTICS,
        [{"stat_id": "s", "measure": "deaths", "value": 10.0,
          "period_start": date(2024, 1, 1), "period_end": date(2024, 1, 31)}],
    )  # fmt: skip
    frame = events(
        [
            {"event_id": "a", "date": date(2024, 1, 1), "date_precision": "year",
             "killed": 4, "killed_max": 4},
            {"event_id": "b", "date": date(2024, 1, 9), "killed": 1, "killed_max": 2},
        ]
    )  # fmt: skip
    got = trends.stated_vs_counted(stats, frame).select("n_events", "counted", "counted_max")
    assert got.rows() == [(1, 1, 2)]
    loose = trends.stated_vs_counted(stats, frame, precisions=None)
    assert loose.select("n_events", "counted", "counted_max").rows() == [(2, 5, 6)]


# ---------------------------------------------------------------------------
# On the bundled sample


@pytest.fixture(scope="module")
def sample(root) -> incidents.Tables:
    return incidents.extract_dir(root / "examples" / "articles")


@pytest.mark.pipeline
def test_helpers_on_the_sample_add_up(sample):
    if not hasattr(sample, "events"):
        pytest.skip("this build has no events table yet")
    ev = sample.events.with_columns(trends.region())
    fine = ev.filter(
        pl.col("date").is_not_null()
        & pl.col("date_precision").cast(pl.String).is_in(trends.MONTHLY_PRECISIONS)
    )
    by_region = trends.monthly(ev, by="region")
    assert by_region["events"].sum() == fine.height
    assert by_region["killed"].sum() == (fine["killed"].sum() or 0)
    assert by_region["killed_max"].sum() == (fine["killed_max"].sum() or 0)

    rolled = trends.roll_up(ev)
    by_group = trends.monthly(rolled, by="perpetrator")
    assert by_group["events"].sum() == fine.height
    assert not set(by_group["perpetrator"].drop_nulls()) & {"BLA", "BLF", "JAMAAT_UL_AHRAR"}

    spread = trends.claim_spread(ev)
    assert (spread["killed_max"] >= spread["killed"]).all()

    sides = trends.claims_by_side(sample.casualties, sample.events)
    assert set(sides["event_id"]) <= set(sample.events["event_id"])

    recount = trends.stated_vs_counted(sample.statistics, sample.events, sample.casualties)
    assert recount.height == sample.statistics.filter(pl.col("unit") == "count").height
