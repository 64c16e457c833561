"""Properties of the tables for any input (issue 6, part 2), from Python.

Texts come from a small grammar of report fragments (numbers in words and digits
with qualifiers, casualty words, victims, places from the bundled gazetteer, actors,
dates, clutter lines, quotes) mixed with arbitrary Unicode. Whatever the text, the
tables keep SCHEMA.md's promises: one documents row per text in order, evidence
equal to ``text[span_start:span_end]``, bounds around their value, counts equal to
the rows, closed vocabularies, and the same rows on every run and thread count.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import incidents

ACTOR_ID = re.compile(r"[A-Z][A-Z0-9_]*")
DATA = Path(__file__).resolve().parent.parent / "crates" / "incidents" / "data"

# The vocabularies as SCHEMA.md spells them: the package may add values, never drop these.
SCHEMA_VOCABULARIES: dict[tuple[str, str], list[str]] = {
    ("documents", "published_precision"): ["day", "month", "year", "unknown"],
    ("documents", "published_from"): ["given", "text", "none"],
    ("documents", "status"): ["ok", "empty", "error"],
    ("incidents", "event_type"): [
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
    ],
    ("incidents", "date_precision"): ["day", "week", "month", "year", "unknown"],
    ("incidents", "geo_precision"): ["place", "district", "province", "country", "unknown"],
    ("casualties", "victim"): ["militants", "security_forces", "police", "civilians", "people"],
    ("casualties", "outcome"): ["killed", "wounded", "abducted", "arrested"],
    ("casualties", "qualifier"): [
        "exact",
        "about",
        "nearly",
        "at_least",
        "more_than",
        "up_to",
        "range",
        "vague",
    ],
    ("statistics", "measure"): [
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
    ],
    ("statistics", "unit"): ["count", "percent_change", "percent_share"],
}
SCHEMA_VOCABULARIES[("statistics", "qualifier")] = SCHEMA_VOCABULARIES[("casualties", "qualifier")]


def _names(tsv: str) -> list[str]:
    lines = (DATA / tsv).read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return sorted({row[2] for row in rows if len(row) > 2 and row[2]})


PLACES = _names("places.tsv")
ACTORS = [
    *_names("actors.tsv"),
    "the ISPR",
    "police",
    "security sources",
    "a police official",
    "the Taliban",
    "officials",
]
QUALIFIERS = ["", "", "at least ", "more than ", "over ", "nearly ", "about ", "up to "]
NUMBER_WORDS = ["one", "two", "seven", "twelve", "twenty-one", "a dozen", "forty", "a hundred"]
VAGUE = ["dozens of", "scores of", "several", "many", "hundreds of"]
VICTIMS = [
    "soldiers",
    "militants",
    "terrorists",
    "policemen",
    "civilians",
    "people",
    "FC personnel",
    "Levies men",
    "children",
    "khawarij",
    "a soldier",
    "a policeman",
]
CASUALTY_WORDS = [
    "killed",
    "martyred",
    "shot dead",
    "wounded",
    "injured",
    "abducted",
    "arrested",
    "sent to hell",
    "neutralised",
]
WEAPONS = ["a roadside bomb", "a suicide bomber", "a drone strike", "gunmen", "mortar shells"]
DATES = [
    "on Monday",
    "late on Tuesday",
    "yesterday",
    "last week",
    "on March 5",
    "on 12 June 2024",
    "in March",
    "last year",
    "in 2023",
    "",
]
CLUTTER = ["Advertisement", "- Advertisement -", "Share this:", "5 Min Read", "Photo: AFP", "***"]
SEPARATORS = [" ", "\n", "\n\n", "\r\n", "\t"]

numbers = st.one_of(
    st.builds(lambda q, n: f"{q}{n}", st.sampled_from(QUALIFIERS), st.integers(0, 5000)),
    st.builds(lambda q, n: f"{q}{n}", st.sampled_from(QUALIFIERS), st.sampled_from(NUMBER_WORDS)),
    st.builds(lambda a, b: f"{a} to {a + b}", st.integers(1, 60), st.integers(1, 60)),
    st.sampled_from(VAGUE),
    st.integers(0, 2**70).map(str),
)
places = st.sampled_from(PLACES)
actors = st.sampled_from(ACTORS)

sentences = st.one_of(
    st.builds(
        lambda n, v, k, d, p, a: f"{n} {v} were {k} {d} in {p}, {a} said.",
        numbers,
        st.sampled_from(VICTIMS),
        st.sampled_from(CASUALTY_WORDS),
        st.sampled_from(DATES),
        places,
        actors,
    ),
    st.builds(
        lambda w, n, v, p, d: f"{w} killed {n} {v} and injured others in {p} {d}.",
        st.sampled_from(WEAPONS),
        numbers,
        st.sampled_from(VICTIMS),
        places,
        st.sampled_from(DATES),
    ),
    st.builds(
        lambda a, n, v, b, m: f"{a} said {n} {v} died, while {b} claimed {m} were killed.",
        actors,
        numbers,
        st.sampled_from(VICTIMS),
        actors,
        numbers,
    ),
    st.builds(
        lambda d, n, p, pct, a: (
            f"{d}, {n} attacks were recorded in {p}, a {pct}% increase, according to {a}."
        ),
        st.sampled_from(DATES),
        numbers,
        places,
        st.integers(0, 400),
        actors,
    ),
    st.builds(lambda a, p: f"{a} claimed responsibility for the attack in {p}.", actors, places),
    st.builds(
        lambda n, v, k, p: f"{n} {v} {k} in {p} attack",
        numbers,
        st.sampled_from(VICTIMS),
        st.sampled_from(CASUALTY_WORDS),
        places,
    ),
)
fragments = st.one_of(
    sentences,
    sentences,
    sentences,
    st.sampled_from(CLUTTER),
    sentences.map(lambda s: f"“{s}” an official told reporters."),
    sentences.map(lambda s: f"({s})"),
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0x600, max_codepoint=0x6FF), max_size=20),
    st.text(
        alphabet="\u200e\u200f\u202b\u202c\u2067\u2069 🇵🇰👨‍👩‍👧💥\u0301\ufe0f\x00", max_size=20
    ),
)
documents = st.lists(st.tuples(fragments, st.sampled_from(SEPARATORS)), max_size=7).map(
    lambda parts: "".join(f + s for f, s in parts)
)
published_dates = st.one_of(
    st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))
)
batches = st.lists(
    st.tuples(st.one_of(documents, st.none()), published_dates), min_size=1, max_size=5
)


def _bounds_hold(qualifier: str, low, value, high, tolerate_summed_more_than: bool) -> bool:
    """``low <= value <= high`` wherever set, except as SCHEMA.md itself defines:
    "more than 71" states 71 and implies a lower bound of 72."""
    if low is not None and value is not None:
        if qualifier == "more_than":
            if not low > value and not tolerate_summed_more_than:
                return False
        elif low > value:
            return False
    if value is not None and high is not None and value > high:
        return False
    return low is None or high is None or low <= high


def contract_violations(
    texts: list[str | None],
    ids: list[str],
    given: list[date | None],
    tables: incidents.Tables,
    tolerate_summed_more_than: bool = False,
) -> list[str]:
    """Every broken promise of the tables for these inputs."""
    bad: list[str] = []
    by_id = {i: ("" if t is None else t) for i, t in zip(ids, texts, strict=True)}
    docs = tables.documents
    if docs.get_column("doc_id").to_list() != ids:
        bad.append(f"doc_ids {docs.get_column('doc_id').to_list()} for {ids}")
        return bad

    for name, frame in tables.items():
        if dict(frame.schema) != dict(incidents.SCHEMAS[name]):
            bad.append(f"{name} schema {frame.schema}")
    for (table, column), values in SCHEMA_VOCABULARIES.items():
        dtype = getattr(tables, table).schema[column]
        if not isinstance(dtype, pl.Enum) or not set(values) <= set(dtype.categories.to_list()):
            bad.append(f"{table}.{column} is {dtype}")
        if getattr(tables, table).get_column(column).null_count():
            bad.append(f"{table}.{column} has nulls")

    incident_counts = dict(tables.incidents.group_by("doc_id").len().iter_rows())
    statistic_counts = dict(tables.statistics.group_by("doc_id").len().iter_rows())
    for doc, text, day in zip(docs.iter_rows(named=True), texts, given, strict=True):
        i, t = doc["doc_id"], by_id[doc["doc_id"]]
        if doc["chars"] != len(t):
            bad.append(f"{i}: chars {doc['chars']} for {len(t)}")
        if doc["status"] == "error":
            bad.append(f"{i}: error row for readable text: {doc['warnings']}")
        # A character this Python's Unicode tables do not know yet (U+13441, of
        # Unicode 15, under Python 3.11) may be a letter in Rust's newer tables:
        # whether such a text has words is not this Python's to say.
        known = all(unicodedata.category(c) != "Cn" for c in t)
        no_words = text is None or not any(c.isalnum() for c in t)
        if no_words and known and doc["status"] != "empty":
            bad.append(f"{i}: status {doc['status']} for text without words")
        if doc["status"] != "ok" and (doc["n_incidents"] or doc["n_statistics"]):
            bad.append(f"{i}: status {doc['status']} with rows")
        if doc["status"] != "ok" and not doc["warnings"]:
            bad.append(f"{i}: status {doc['status']} without a warning")
        if day is not None and (doc["published"], doc["published_from"]) != (day, "given"):
            bad.append(f"{i}: given date {day} came back as {doc['published']}")
        if day is None and doc["published_from"] == "given":
            bad.append(f"{i}: published_from given without a date")
        if doc["n_incidents"] != incident_counts.get(i, 0):
            bad.append(f"{i}: n_incidents {doc['n_incidents']}")
        if doc["n_statistics"] != statistic_counts.get(i, 0):
            bad.append(f"{i}: n_statistics {doc['n_statistics']}")

    claims = dict(tables.casualties.group_by("incident_id").len().iter_rows())
    if tables.incidents.get_column("incident_id").n_unique() != tables.incidents.height:
        bad.append("incident ids repeat")
    for row in tables.incidents.iter_rows(named=True):
        t, s, e = by_id.get(row["doc_id"], ""), row["span_start"], row["span_end"]
        if t[s:e] != row["evidence"] or not row["evidence"].strip():
            bad.append(f"{row['incident_id']}: text[{s}:{e}] != {row['evidence']!r}")
        if row["n_claims"] != claims.get(row["incident_id"], 0):
            bad.append(f"{row['incident_id']}: n_claims {row['n_claims']}")
        k, m = row["killed"], row["killed_max"]
        if (k is None) != (m is None) or (k is not None and k > m):
            bad.append(f"{row['incident_id']}: killed {k} killed_max {m}")
        if not 0.0 <= row["confidence"] <= 1.0:
            bad.append(f"{row['incident_id']}: confidence {row['confidence']}")
        for actor in (row["perpetrator"], row["target"]):
            if actor is not None and not ACTOR_ID.fullmatch(actor):
                bad.append(f"{row['incident_id']}: actor id {actor!r}")

    incident_docs = dict(tables.incidents.select("incident_id", "doc_id").iter_rows())
    for row in tables.casualties.iter_rows(named=True):
        if incident_docs.get(row["incident_id"]) != row["doc_id"]:
            bad.append(f"casualty of {row['incident_id']} has no incident")
        if row["claimant"] is not None and not ACTOR_ID.fullmatch(row["claimant"]):
            bad.append(f"claimant id {row['claimant']!r}")
        if row["evidence"] not in by_id.get(row["doc_id"], ""):
            bad.append(f"casualty evidence {row['evidence']!r} not in its text")
        if not _bounds_hold(
            row["qualifier"], row["low"], row["count"], row["high"], tolerate_summed_more_than
        ):
            bad.append(f"{row['incident_id']}: {row['low']} {row['count']} {row['high']}")

    if tables.statistics.get_column("stat_id").n_unique() != tables.statistics.height:
        bad.append("stat ids repeat")
    for row in tables.statistics.iter_rows(named=True):
        if row["source"] is not None and not ACTOR_ID.fullmatch(row["source"]):
            bad.append(f"source id {row['source']!r}")
        if row["evidence"] not in by_id.get(row["doc_id"], ""):
            bad.append(f"statistic evidence {row['evidence']!r} not in its text")
        if not _bounds_hold(
            row["qualifier"], row["low"], row["value"], row["high"], tolerate_summed_more_than
        ):
            bad.append(f"{row['stat_id']}: {row['low']} {row['value']} {row['high']}")
    return bad


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches)
def test_every_batch_keeps_the_contract(batch):
    texts = [t for t, _ in batch]
    given_dates = [d for _, d in batch]
    ids = [f"doc-{i}" for i in range(len(batch))]
    tables = incidents.extract_texts(texts, doc_ids=ids, published=given_dates)
    bad = contract_violations(texts, ids, given_dates, tables)
    assert not bad, bad
    again = incidents.extract_texts(texts, doc_ids=ids, published=given_dates)
    assert tables == again


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=200), min_size=1, max_size=6))
# A letter of Unicode 15 that Python 3.11 does not know (found by CI).
@example(["\U00013441"])
def test_any_unicode_keeps_the_contract(texts):
    ids = [str(i) for i in range(len(texts))]
    tables = incidents.extract_texts(texts, doc_ids=ids)
    bad = contract_violations(texts, ids, [None] * len(texts), tables)
    assert not bad, bad


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=" \t\r\n\u00a0\u2003\u3000.,;:!?()'\"*|-", max_size=200))
def test_text_without_words_is_empty(text):
    doc = incidents.extract_texts([text]).documents.row(0, named=True)
    assert doc["status"] == "empty"
    assert doc["warnings"]
    assert doc["n_incidents"] == doc["n_statistics"] == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches)
def test_a_batch_is_its_documents_read_one_by_one(batch):
    texts = [t for t, _ in batch]
    dates = [d for _, d in batch]
    ids = [f"d{i}" for i in range(len(batch))]
    together = incidents.extract_texts(texts, doc_ids=ids, published=dates)
    alone = [
        incidents.extract_texts([t], doc_ids=[i], published=[d])
        for t, i, d in zip(texts, ids, dates, strict=True)
    ]
    for name, frame in together.items():
        if name == "events":
            # Events join documents: the batch's are those of the parts merged.
            assert frame.equals(incidents.merge(*alone).events)
            continue
        parts = pl.concat([getattr(a, name) for a in alone], how="vertical")
        assert frame.equals(parts), name


def _plain_sentence(rng: random.Random) -> str:
    """A sentence of the grammar drawn with a seeded generator, outside hypothesis."""
    number = f"{rng.choice(QUALIFIERS)}{rng.choice([*NUMBER_WORDS, str(rng.randint(2, 90))])}"
    place, actor, day = rng.choice(PLACES), rng.choice(ACTORS), rng.choice(DATES)
    if rng.random() < 0.25:
        return f"{day}, {number} attacks were recorded in {place}, according to {actor}."
    victims, word = rng.choice(VICTIMS), rng.choice(CASUALTY_WORDS)
    return f"{number} {victims} were {word} {day} in {place}, {actor} said."


def test_the_grammar_finds_incidents_and_statistics():
    # Guards the grammar: properties over texts in which nothing is ever found
    # would hold vacuously.
    rng = random.Random(6)
    texts = [_plain_sentence(rng) for _ in range(60)]
    ids = [str(i) for i in range(60)]
    tables = incidents.extract_texts(texts, doc_ids=ids)
    assert tables.incidents.height >= 15
    assert tables.casualties.height >= 15
    assert tables.statistics.height >= 1
    assert not contract_violations(texts, ids, [None] * 60, tables)


# A fixed corpus for the thread-count check, written to a file and read by a child
# interpreter whose rayon pool has 1 or 2 threads (RAYON_NUM_THREADS is read once,
# when the pool starts, so it takes a fresh process).
THREAD_CORPUS = [
    "Two soldiers were martyred and three terrorists killed in an exchange of fire "
    "in North Waziristan's Mir Ali area on Monday, the ISPR said.",
    "A roadside bomb killed at least seven policemen in Bajaur on Sunday.\n\n"
    "The TTP claimed responsibility.",
    "",
    "Advertisement\nShare this:",
    "In 2023, more than 650 attacks were recorded in Khyber Pakhtunkhwa, a 56% increase, "
    "according to PIPS.",
    "پیر کے روز بنوں میں دھماکہ ہوا 💥 \u200f Gunmen shot dead two labourers in Turbat.",
    "Police said 5 to 7 militants were killed in Lakki Marwat; "
    "the Taliban claimed 12 soldiers died.",
] * 6

_CHILD = """
import json, sys
import polars as pl
import incidents
texts = json.load(open(sys.argv[1], encoding="utf-8"))
t = incidents.extract_texts(texts, doc_ids=[f"t{i}" for i in range(len(texts))])
out = {
    name: frame.cast({c: pl.String for c, d in frame.schema.items() if isinstance(d, pl.Enum)})
    .to_dicts()
    for name, frame in t.items()
}
json.dump(out, sys.stdout, default=str, sort_keys=True)
"""


def _read_in_child(corpus: Path, threads: int) -> str:
    env = {**os.environ, "RAYON_NUM_THREADS": str(threads)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(corpus)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return done.stdout


def test_rows_and_ids_are_the_same_on_one_and_two_threads(tmp_path: Path):
    corpus = tmp_path / "corpus.json"
    corpus.write_text(json.dumps(THREAD_CORPUS), encoding="utf-8")
    one = _read_in_child(corpus, 1)
    two = _read_in_child(corpus, 2)
    assert one == two
    tables = json.loads(one)
    assert len(tables["documents"]) == len(THREAD_CORPUS)
    assert tables["incidents"], "the corpus should yield incidents to compare"


def test_evidence_spans_count_code_points_not_utf16_or_bytes():
    # Astral characters (emoji, flags) are 1 code point, 2 UTF-16 units and 4 bytes.
    text = "🇵🇰💥 " * 50 + "A roadside bomb killed three policemen in Bajaur on Sunday."
    tables = incidents.extract_texts([text])
    assert tables.incidents.height == 1
    row = tables.incidents.row(0, named=True)
    assert text[row["span_start"] : row["span_end"]] == row["evidence"]
    assert row["evidence"].endswith("A roadside bomb killed three policemen in Bajaur on Sunday.")


# Known bug (reported to the lead): counts of the same victims in one statement are
# added up into one row that keeps `more_than`, but its `low` becomes the larger of
# the bounds rather than their sum, so it lies at or below the summed count. By
# SCHEMA.md's rule ("more than 71" -> 72), 1 + "more than 1" must give low >= 3.
SUMMED_MORE_THAN = [
    "A suicide bomber killed more than one militant in Bannu.",
    "Two soldiers and more than three soldiers were killed in Bannu.",
]


@pytest.mark.parametrize("text", SUMMED_MORE_THAN)
def test_summed_more_than_claims_keep_their_bound_above_the_count(text):
    tables = incidents.extract_texts([text], doc_ids=["r"])
    bad = contract_violations([text], ["r"], [None], tables, tolerate_summed_more_than=False)
    assert not bad, bad
