"""Real text through the whole pipeline, not only the contract.

These assert what the extraction reads from ordinary reports, so they need the
extraction pipeline (assemble, lexicon, places) as well as the tables.
"""

from __future__ import annotations

import pytest

import incidents
from conftest import ISPR_PUBLISHED, ISPR_SENTENCE

pytestmark = pytest.mark.pipeline


@pytest.fixture(scope="module")
def ispr() -> incidents.Tables:
    return incidents.extract_texts([ISPR_SENTENCE], ["ispr"], [ISPR_PUBLISHED])


def test_ispr_sentence_is_one_armed_clash_in_north_waziristan(ispr):
    assert ispr.incidents.height == 1
    incident = ispr.incidents.row(0, named=True)
    assert incident["event_type"] == "armed_clash"
    assert incident["admin1"] == "Khyber Pakhtunkhwa"
    assert incident["admin2"] == "North Waziristan"
    assert incident["killed"] == 5
    assert ispr.documents.row(0, named=True)["n_incidents"] == 1


def test_ispr_evidence_span_indexes_the_text(ispr):
    incident = ispr.incidents.row(0, named=True)
    start, end = incident["span_start"], incident["span_end"]
    assert ISPR_SENTENCE[start:end] == incident["evidence"]


def test_ispr_claims_add_up_to_the_killed(ispr):
    claims = ispr.casualties.filter(ispr.casualties["outcome"] == "killed")
    assert claims.get_column("count").sum() == 5
    assert set(claims.get_column("victim").to_list()) == {"security_forces", "militants"}
