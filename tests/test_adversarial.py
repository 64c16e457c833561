"""Hostile inputs from Python (issue 6, part 3): each finishes and yields its documents row.

The corpus is generated here: empty and blank texts, a 5 MB line, a million digits,
a casualty word 100,000 times, broken UTF-8 and NUL bytes (through files, as
scrapers leave them), HTML with scripts and entities, Urdu and Pashto, bidirectional
controls, emoji, 10,000 numbers on a line, "killed" and then 10,000 victim nouns,
and deeply nested brackets and quotes. Nothing is timed (the machines are shared);
sizes are fixed so that each case stays well within a second or two of work.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

import incidents

REPORT = (
    "Two soldiers were martyred and three terrorists killed in an exchange of fire "
    "in North Waziristan's Mir Ali area on Monday, the ISPR said."
)
# In our own words: "Three soldiers were martyred in a blast in Bannu on Monday."
URDU = "پیر کے روز بنوں میں ایک دھماکے میں تین فوجی شہید ہو گئے\u06d4 "
# In our own words: "Three soldiers were killed in an explosion in Bannu."
PASHTO = "په بنو کې په یوه چاودنه کې درې سرتیري ووژل شول. "
# Words with no full stop: one sentence of 5 MB.
FILLER = "the convoy moved along the road near the check post without news "
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"


@dataclass(frozen=True)
class Hostile:
    """One generated input and what it must produce."""

    name: str
    text: str
    # "empty", "ok", "incident" (ok, and the embedded report is found) or
    # "nothing" (ok, and nothing read: not an English report).
    expect: str
    warning: str | None = None


def _bidi_report() -> str:
    words = REPORT.split(" ")
    return " ".join(w + BIDI[i % len(BIDI)] for i, w in enumerate(words * 20))


def _html() -> str:
    body = REPORT.replace("'", "&#39;")
    return (
        "<!DOCTYPE html><html><head><title>Soldiers martyred &amp; terrorists killed</title>"
        "<script>var killed = 5000; if (a < b && c > d) { document.write('50 soldiers "
        "were killed in Bannu'); }</script><style>p { color: red; }</style></head><body>\n"
        f"<div class='story'><p>{body}</p>\n<p>&lt;b&gt;&quot;We will respond,&quot; an "
        "official said&#8212;&#x2014;&nbsp;&hellip;</p>\n<!-- <p>Nine policemen killed</p> -->"
        f"<script>{'window.x = [1,2,3];' * 2000}</script></div></body></html>"
    )


def corpus() -> list[Hostile]:
    victims = ["soldiers", "policemen", "civilians", "children", "militants"]
    return [
        Hostile("empty", "", "empty", "no text"),
        Hostile("whitespace_only", " \t\n\r\n\u00a0\u2003\u3000\u2028\x85" * 10_000, "empty"),
        Hostile("five_mb_line", REPORT + " " + FILLER * (5_000_000 // len(FILLER)), "incident"),
        Hostile("five_mb_line_of_casualty_words", "killed " * 750_000, "ok"),
        Hostile("million_digits", "7" * 1_000_000, "ok"),
        Hostile(
            "million_digits_as_a_count",
            f"A blast killed {'9' * 1_000_000} people in Quetta. {REPORT}",
            "incident",
        ),
        Hostile("casualty_word_100k", "killed " * 100_000, "ok"),
        Hostile("martyred_100k_after_a_report", f"{REPORT} " + "martyred " * 100_000, "incident"),
        Hostile("nul_bytes", REPORT.replace(" ", " \x00"), "ok", "NUL"),
        Hostile("nul_only", "\x00" * 100_000, "empty"),
        Hostile("html_with_script_and_entities", _html(), "incident"),
        Hostile("urdu", URDU * 200, "nothing"),
        Hostile("pashto", PASHTO * 200, "nothing"),
        Hostile("urdu_pashto_and_english", f"{URDU * 50}\n{REPORT}\n{PASHTO * 50}", "incident"),
        Hostile("right_to_left_marks", _bidi_report(), "ok"),
        Hostile(
            "emoji", f"🚨💥 🇵🇰 {REPORT} 😢🙏🏽 👨‍👩‍👧‍👦 {'🔥' * 10_000}\n{REPORT} 🕊️", "incident"
        ),
        Hostile("line_of_10k_numbers", " ".join(str(n) for n in range(1, 10_001)), "ok"),
        Hostile(
            "killed_then_10k_victim_nouns",
            "Terrorists killed " + " ".join(victims[i % 5] for i in range(10_000)) + " in Zhob.",
            "ok",
        ),
        Hostile(
            "10k_counts_after_killed",
            "Militants killed " + ", ".join(f"{n} soldiers" for n in range(1, 10_001)) + ".",
            "incident",
        ),
        Hostile("nested_parentheses", "(" * 10_000 + REPORT + ")" * 10_000, "ok"),
        Hostile("nested_quotes", "“\u2018\"'«" * 5_000 + REPORT + "»'\"\u2019”" * 5_000, "ok"),
        Hostile("unbalanced_brackets", f"{REPORT} " + '([{“"' * 20_000, "incident"),
        Hostile("one_word_of_a_megabyte", "Waziristan" * 100_000, "ok"),
        Hostile("surrogate_free_astral_plane", "\U0010ffff\U0001f600" * 5_000 + REPORT, "incident"),
        Hostile(
            "control_characters",
            "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]) * 1_000 + REPORT,
            "incident",
        ),
    ]


CORPUS = corpus()


def check(hostile: Hostile, tables: incidents.Tables, doc_id: str) -> list[str]:
    """What is wrong with the rows of one hostile input."""
    bad: list[str] = []
    docs = tables.documents.filter(pl.col("doc_id") == doc_id).to_dicts()
    if len(docs) != 1:
        return [f"{len(docs)} documents rows"]
    doc = docs[0]
    want = {"empty": "empty"}.get(hostile.expect, "ok")
    if doc["status"] != want:
        bad.append(f"status {doc['status']} ({doc['warnings']})")
    if doc["chars"] != len(hostile.text):
        bad.append(f"chars {doc['chars']} for {len(hostile.text)}")
    if doc["status"] != "ok" and not doc["warnings"]:
        bad.append("no warning")
    if hostile.warning and not any(hostile.warning in w for w in doc["warnings"]):
        bad.append(f"no warning about {hostile.warning}: {doc['warnings']}")
    found = tables.incidents.filter(pl.col("doc_id") == doc_id)
    stats = tables.statistics.filter(pl.col("doc_id") == doc_id)
    if hostile.expect == "incident" and found.height == 0:
        bad.append("the embedded report was not found")
    if hostile.expect == "nothing" and (found.height or stats.height):
        bad.append(f"{found.height} incidents, {stats.height} statistics from another language")
    if (doc["n_incidents"], doc["n_statistics"]) != (found.height, stats.height):
        bad.append("n_incidents or n_statistics differ from the rows")
    for row in found.iter_rows(named=True):
        if hostile.text[row["span_start"] : row["span_end"]] != row["evidence"]:
            bad.append(f"evidence is not text[{row['span_start']}:{row['span_end']}]")
    claims = tables.casualties.filter(pl.col("doc_id") == doc_id)
    for row in claims.iter_rows(named=True):
        low, count, high = row["low"], row["count"], row["high"]
        # "more than 71" states 71 and implies 72: its bound lies above the count.
        if row["qualifier"] != "more_than" and None not in (low, count) and low > count:
            bad.append(f"low {low} > count {count}")
        if None not in (count, high) and count > high:
            bad.append(f"count {count} > high {high}")
    return bad


@pytest.mark.parametrize("hostile", CORPUS, ids=[h.name for h in CORPUS])
def test_each_hostile_text_yields_a_sensible_row(hostile: Hostile):
    tables = incidents.extract_texts([hostile.text], doc_ids=[hostile.name])
    assert tables.documents.height == 1
    bad = check(hostile, tables, hostile.name)
    assert not bad, bad


def test_the_whole_corpus_in_one_batch_keeps_one_row_each_in_order():
    names = [h.name for h in CORPUS]
    tables = incidents.extract_texts([h.text for h in CORPUS], doc_ids=names)
    assert tables.documents.get_column("doc_id").to_list() == names
    for hostile in CORPUS:
        assert not check(hostile, tables, hostile.name), hostile.name


def test_none_among_hostile_texts_reads_as_empty():
    tables = incidents.extract_texts([None, "\x00", None, REPORT], doc_ids=["a", "b", "c", "d"])
    assert tables.documents.get_column("status").to_list() == ["empty", "empty", "empty", "ok"]


# --- the same through files: bytes no str can hold -----------------------------------

FILES: dict[str, tuple[bytes, str, str | None]] = {
    # name: (bytes, expected status, a warning the row must carry)
    "a_invalid_utf8": (
        (b"\xff\xfe\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80" + REPORT.encode() + "ā".encode()[:1])
        * 100,
        "ok",
        "UTF-8",
    ),
    "b_invalid_utf8_only": (b"\xff" * 100_000, "empty", "UTF-8"),
    "c_nul_bytes": (REPORT.encode().replace(b" ", b" \x00"), "ok", "NUL"),
    "d_latin1": ("Trois soldats tués à Bannu. ".encode("latin-1") + REPORT.encode(), "ok", "UTF-8"),
    "e_utf16": (REPORT.encode("utf-16"), "ok", None),
    "f_bom_crlf": (b"\xef\xbb\xbf" + (REPORT + "\r\n").encode() * 3, "ok", None),
    "g_empty": (b"", "empty", None),
    "h_five_mb_line": ((REPORT + " " + FILLER * 75_000).encode(), "ok", None),
    "i_binary_noise": (bytes(range(256)) * 4_000, "ok", "UTF-8"),
}


def test_hostile_files_each_yield_their_row(tmp_path: Path):
    for name, (data, _, _) in FILES.items():
        (tmp_path / f"{name}.txt").write_bytes(data)
    tables = incidents.extract_dir(tmp_path)
    assert tables.documents.get_column("doc_id").to_list() == sorted(FILES)
    for doc in tables.documents.iter_rows(named=True):
        data, status, warning = FILES[doc["doc_id"]]
        assert doc["status"] == status, (doc["doc_id"], doc["warnings"])
        assert doc["chars"] == len(data.decode("utf-8", errors="replace")), doc["doc_id"]
        if warning is not None:
            assert any(warning in w for w in doc["warnings"]), (doc["doc_id"], doc["warnings"])
    # Evidence indexes the text as decoded, replacement characters included.
    for row in tables.incidents.iter_rows(named=True):
        text = FILES[row["doc_id"]][0].decode("utf-8", errors="replace")
        assert text[row["span_start"] : row["span_end"]] == row["evidence"], row["doc_id"]
    found = set(tables.incidents.get_column("doc_id").to_list())
    assert {"a_invalid_utf8", "c_nul_bytes", "f_bom_crlf", "h_five_mb_line"} <= found


# Known bug (reported to the lead): reading is quadratic in the number of report
# sentences of a document, so a 5 MB line of them (some 36,000 sentences) takes about
# a minute in a release build where 8,000 take 2 s. Read in a child process so that a
# hang is cut off; a generous 30 s bound (a linear reader needs a few seconds), not a
# benchmark. When the bug is fixed this passes and strict xfail says to drop the mark.
_CHILD = """
import sys
import incidents
text = sys.stdin.read()
doc = incidents.extract_texts([text]).documents.row(0, named=True)
print(doc["status"], doc["chars"])
"""


# Was quadratic in report sentences (a document-wide look-up per ambiguous place name);
# a child process with a generous cutoff guards against the hang coming back.
def test_a_five_mb_line_of_report_sentences_finishes():
    text = (REPORT + " ") * (5_000_000 // (len(REPORT) + 1))
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD],
            input=text,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=30,
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("a 5 MB line of report sentences took over 30 s")
    assert done.stdout.split() == ["ok", str(len(text))]
