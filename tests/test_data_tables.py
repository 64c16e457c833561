"""The gazetteer and the actor registry as frames, and extractors with rows of one's own."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import incidents

PLACES_HEADER = "id\tkind\tname\tparent\tlat\tlon\taliases\tmatch\tsource\n"
ACTORS_HEADER = "id\tkind\tname\tparent\taliases\tmatch\tsource\n"

# A village the bundled gazetteer lacks, under a district it has.
TAJORI = (
    PLACES_HEADER
    + "PK.KP.LAKKI_MARWAT.TAJORI\ttown\tTajori\tPK.KP.LAKKI_MARWAT\t32.7200\t70.7800"
    + "\tTajuri\tany\thand: test row, approximate\n"
)
TAJORI_SENTENCE = "Gunmen shot dead two policemen in Tajori on Monday, police said."

# A group the bundled registry lacks.
IMP = (
    ACTORS_HEADER
    + "ITTEHAD_UL_MUJAHIDEEN\tmilitant_group\tIttehad-ul-Mujahideen Pakistan\t"
    + "\tIttehadul Mujahideen|IMP[cap]\tany\thand: test row\n"
)
IMP_SENTENCE = (
    "Militants of Ittehadul Mujahideen attacked a police post in Bannu on Monday, "
    "killing two policemen, police said."
)

KP_DISTRICTS = {
    "Abbottabad", "Bajaur", "Bannu", "Battagram", "Buner", "Central Dir", "Charsadda",
    "Chitral", "Lower Chitral", "Upper Chitral", "Dera Ismail Khan", "Hangu", "Haripur",
    "Karak", "Khyber", "Kohat", "Kohistan", "Upper Kohistan", "Lower Kohistan", "Kolai-Palas",
    "Kurram", "Lakki Marwat", "Lower Dir", "Malakand", "Mansehra", "Mardan", "Mohmand",
    "North Waziristan", "Nowshera", "Orakzai", "Peshawar", "Shangla", "South Waziristan",
    "Lower South Waziristan", "Upper South Waziristan", "Swabi", "Swat", "Tank", "Torghar",
    "Upper Dir",
}  # fmt: skip
BALOCHISTAN_DISTRICTS = {
    "Awaran", "Barkhan", "Chagai", "Chaman", "Dera Bugti", "Duki", "Gwadar", "Harnai",
    "Hub", "Jaffarabad", "Jhal Magsi", "Kachhi", "Kalat", "Kech", "Kharan", "Khuzdar",
    "Killa Abdullah", "Killa Saifullah", "Kohlu", "Lasbela", "Lehri", "Loralai", "Mastung",
    "Musakhel", "Nasirabad", "Noshki", "Panjgur", "Pishin", "Quetta", "Sherani", "Sibi",
    "Sohbatpur", "Surab", "Usta Muhammad", "Washuk", "Zhob", "Ziarat",
}  # fmt: skip
BOUNDS = {
    "Khyber Pakhtunkhwa": ((31.2, 36.9), (69.2, 74.2)),
    "Balochistan": ((24.8, 32.2), (60.8, 70.3)),
}


@pytest.fixture(scope="module")
def gazetteer() -> pl.DataFrame:
    return incidents.gazetteer()


@pytest.fixture(scope="module")
def actors() -> pl.DataFrame:
    return incidents.actors()


@pytest.fixture(scope="module")
def own() -> incidents.Extractor:
    """An extractor with the test village and the test group added."""
    return incidents.Extractor(places_tsv=TAJORI, actors_tsv=IMP)


def only_incident(tables: incidents.Tables) -> dict:
    rows = tables.incidents.to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


# --- the frames ----------------------------------------------------------------------


def test_gazetteer_columns_and_dtypes(gazetteer: pl.DataFrame):
    assert dict(gazetteer.schema) == {
        "id": pl.String,
        "kind": pl.String,
        "name": pl.String,
        "parent": pl.String,
        "country": pl.String,
        "admin1": pl.String,
        "admin2": pl.String,
        "lat": pl.Float64,
        "lon": pl.Float64,
        "aliases": pl.List(pl.String),
        "match": pl.String,
        "source": pl.String,
    }
    assert gazetteer.get_column("id").is_unique().all()
    assert gazetteer.get_column("source").str.len_chars().min() > 0
    assert set(gazetteer.get_column("match").unique()) <= {"any", "cap", "ctx"}
    assert set(gazetteer.get_column("kind").unique()) <= {
        "country", "province", "district", "tehsil", "town", "area",
    }  # fmt: skip


def test_actors_columns_and_dtypes(actors: pl.DataFrame):
    assert dict(actors.schema) == {
        "id": pl.String,
        "kind": pl.String,
        "name": pl.String,
        "parent": pl.String,
        "root": pl.String,
        "aliases": pl.List(pl.String),
        "match": pl.String,
        "source": pl.String,
    }
    assert actors.get_column("id").is_unique().all()
    assert set(actors.get_column("match").unique()) <= {"any", "cap", "ctx"}


def test_a_gazetteer_row_carries_its_parents_and_spellings(gazetteer: pl.DataFrame):
    mir_ali = gazetteer.filter(pl.col("id") == "PK.KP.NORTH_WAZIRISTAN.MIR_ALI").to_dicts()
    assert len(mir_ali) == 1
    row = mir_ali[0]
    assert row["parent"] == "PK.KP.NORTH_WAZIRISTAN"
    assert (row["country"], row["admin1"], row["admin2"]) == (
        "Pakistan",
        "Khyber Pakhtunkhwa",
        "North Waziristan",
    )
    assert "Mirali" in row["aliases"]
    # Aliases are spellings: the data file's "[mode]" suffixes are not part of them.
    khyber = gazetteer.filter(pl.col("id") == "PK.KP.KHYBER").row(0, named=True)
    assert "Khyber Agency" in khyber["aliases"]
    assert not any("[" in alias for alias in khyber["aliases"])


def test_factions_roll_up_to_their_group(actors: pl.DataFrame):
    roots = dict(zip(actors.get_column("id"), actors.get_column("root"), strict=True))
    parents = dict(zip(actors.get_column("id"), actors.get_column("parent"), strict=True))
    assert roots["JAMAAT_UL_AHRAR"] == "TTP"
    assert parents["JAMAAT_UL_AHRAR"] == "TTP"
    assert roots["BLA"] == "BALOCH_INSURGENTS"
    # Hafiz Gul Bahadur's group stands alone (data/README.md says why).
    assert parents["HAFIZ_GUL_BAHADUR"] is None
    assert roots["HAFIZ_GUL_BAHADUR"] == "HAFIZ_GUL_BAHADUR"
    assert roots["TTP"] == "TTP"


@pytest.mark.parametrize(
    ("province", "expected"),
    [("Khyber Pakhtunkhwa", KP_DISTRICTS), ("Balochistan", BALOCHISTAN_DISTRICTS)],
)
def test_every_district_of_kp_and_balochistan_is_present(
    gazetteer: pl.DataFrame, province: str, expected: set[str]
):
    districts = gazetteer.filter(pl.col("kind") == "district", pl.col("admin1") == province)
    names = set(districts.get_column("name"))
    assert expected - names == set(), f"missing from {province}"
    (lat_lo, lat_hi), (lon_lo, lon_hi) = BOUNDS[province]
    outside = districts.filter(
        ~pl.col("lat").is_between(lat_lo, lat_hi) | ~pl.col("lon").is_between(lon_lo, lon_hi)
    )
    assert outside.height == 0, outside.select("id", "lat", "lon").to_dicts()


# --- rows of one's own ---------------------------------------------------------------


def test_a_users_village_is_found_and_resolves_to_its_district(own: incidents.Extractor):
    incident = only_incident(own.extract_texts([TAJORI_SENTENCE], published=["2024-03-06"]))
    assert (incident["admin1"], incident["admin2"], incident["place"]) == (
        "Khyber Pakhtunkhwa",
        "Lakki Marwat",
        "Tajori",
    )
    assert (incident["lat"], incident["lon"]) == pytest.approx((32.72, 70.78))
    # Its alias too.
    alias = only_incident(own.extract_texts([TAJORI_SENTENCE.replace("Tajori", "Tajuri")]))
    assert alias["place"] == "Tajori"


def test_a_users_village_is_in_its_extractors_gazetteer_only(own: incidents.Extractor):
    row = own.gazetteer().filter(pl.col("name") == "Tajori").to_dicts()
    assert len(row) == 1
    assert (row[0]["parent"], row[0]["admin2"]) == ("PK.KP.LAKKI_MARWAT", "Lakki Marwat")
    assert row[0]["aliases"] == ["Tajuri"]
    assert incidents.gazetteer().filter(pl.col("name") == "Tajori").height == 0
    # The module functions keep the bundled data.
    bundled = incidents.extract_texts([TAJORI_SENTENCE]).incidents
    assert "Tajori" not in bundled.get_column("place").to_list()


def test_a_users_group_sets_the_perpetrator(own: incidents.Extractor):
    incident = only_incident(own.extract_texts([IMP_SENTENCE], published=["2024-03-06"]))
    assert incident["perpetrator"] == "ITTEHAD_UL_MUJAHIDEEN"
    assert incident["admin2"] == "Bannu"
    row = own.actors().filter(pl.col("id") == "ITTEHAD_UL_MUJAHIDEEN").row(0, named=True)
    assert row["root"] == "ITTEHAD_UL_MUJAHIDEEN"
    assert row["aliases"] == ["Ittehadul Mujahideen", "IMP"]
    bundled = only_incident(incidents.extract_texts([IMP_SENTENCE]))
    assert bundled["perpetrator"] != "ITTEHAD_UL_MUJAHIDEEN"


def test_a_users_faction_rolls_up_to_a_bundled_group():
    faction = (
        ACTORS_HEADER
        + "TTP_TEST_WING\tfaction\tTest Wing\tTTP\tTest Wing of the TTP\tany\thand: test row\n"
    )
    registry = incidents.Extractor(actors_tsv=faction).actors()
    row = registry.filter(pl.col("id") == "TTP_TEST_WING").row(0, named=True)
    assert (row["parent"], row["root"]) == ("TTP", "TTP")


def test_rows_may_come_from_files_and_lists(tmp_path: Path):
    places = tmp_path / "places.tsv"
    places.write_text(TAJORI, encoding="utf-8")
    from_path = incidents.Extractor(places_tsv=places)
    from_list = incidents.Extractor(places_tsv=[places, TAJORI], actors_tsv=[IMP])
    for extractor in (from_path, from_list):
        assert extractor.gazetteer().filter(pl.col("name") == "Tajori").height == 1
        incident = only_incident(extractor.extract_texts([TAJORI_SENTENCE]))
        assert incident["admin2"] == "Lakki Marwat"


def test_extract_frame_and_dir_use_the_extractors_rows(own: incidents.Extractor, tmp_path: Path):
    frame = pl.DataFrame({"doc_id": ["t"], "text": [TAJORI_SENTENCE]})
    assert only_incident(own.extract_frame(frame))["place"] == "Tajori"
    (tmp_path / "t.txt").write_text(TAJORI_SENTENCE, encoding="utf-8")
    assert only_incident(own.extract_dir(tmp_path))["place"] == "Tajori"


def test_use_extractor_switches_the_module_functions_and_back(own: incidents.Extractor):
    try:
        incidents.use_extractor(own)
        assert only_incident(incidents.extract_texts([TAJORI_SENTENCE]))["place"] == "Tajori"
        assert incidents.gazetteer().filter(pl.col("name") == "Tajori").height == 1
        assert incidents.actors().filter(pl.col("id") == "ITTEHAD_UL_MUJAHIDEEN").height == 1
    finally:
        incidents.use_extractor(None)
    assert incidents.gazetteer().filter(pl.col("name") == "Tajori").height == 0


# --- malformed rows ------------------------------------------------------------------


def test_a_malformed_places_row_raises_data_error_naming_the_line():
    bad = TAJORI + "PK.KP.BANNU.X\tvillage\tX\tPK.KP.BANNU\t33.0\t70.6\t\tany\thand\n"
    with pytest.raises(incidents.DataError, match=r"user places #1, line 3") as info:
        incidents.Extractor(places_tsv=bad)
    assert "village" in str(info.value)


def test_a_places_row_with_an_unknown_parent_raises_data_error():
    bad = PLACES_HEADER + "PK.KP.NOWHERE.X\ttown\tX\tPK.KP.NOWHERE\t33.0\t70.6\t\tany\thand\n"
    with pytest.raises(incidents.DataError, match=r"line 2: parent \"PK\.KP\.NOWHERE\""):
        incidents.Extractor(places_tsv=bad)


def test_a_malformed_actors_row_raises_data_error_naming_the_line():
    bad = IMP + "SHORT\tmilitant_group\tShort\n"
    with pytest.raises(incidents.DataError, match=r"user actors #1, line 3: expected 7"):
        incidents.Extractor(actors_tsv=bad)


def test_a_wrong_header_raises_data_error():
    with pytest.raises(incidents.DataError, match="header"):
        incidents.Extractor(places_tsv="id,kind,name\nX,town,X\n")
