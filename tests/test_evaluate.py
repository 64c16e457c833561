"""incidents.evaluate scores a folder of articles against gold labels, as `incidents eval` does."""

from __future__ import annotations

from pathlib import Path

import pytest

import incidents


def test_the_sample_scores_with_every_figure(root: Path):
    report = incidents.evaluate(root / "examples" / "gold.jsonl", root / "examples" / "articles")
    assert report["documents"] == len(list((root / "examples" / "articles").glob("*.txt")))
    assert set(report) >= {"incidents", "casualties", "statistics", "negatives", "reference_dates"}
    assert 0.0 <= report["incidents"]["f1"] <= 1.0
    assert "incidents" in str(report)


def test_the_seeds_meet_the_bar_of_the_issue(seeds_dir: Path):
    gold = seeds_dir.parent / "gold" / "seeds.jsonl"
    report = incidents.evaluate(gold, seeds_dir)
    assert report["incidents"]["f1"] >= 0.6
    assert report["negatives"]["violated"] == 0


def test_a_missing_gold_file_names_itself(tmp_path: Path, root: Path):
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(FileNotFoundError, match=r"nope\.jsonl"):
        incidents.evaluate(missing, root / "examples" / "articles")


def test_a_malformed_gold_line_is_a_gold_error(tmp_path: Path, root: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "x", "kind": "incident"\n')
    with pytest.raises(incidents.GoldError):
        incidents.evaluate(bad, root / "examples" / "articles")
