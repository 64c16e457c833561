"""The shared seed articles beside the repository go through extract_dir whole."""

from __future__ import annotations

from pathlib import Path

import incidents


def test_seeds_give_one_row_each_and_no_errors(seeds_dir: Path):
    files = sorted(seeds_dir.glob("*.txt"))
    tables = incidents.extract_dir(seeds_dir)
    assert tables.documents.get_column("doc_id").to_list() == [f.stem for f in files]
    assert tables.documents.filter(tables.documents["status"] == "error").height == 0
    for name, frame in tables.items():
        assert frame.schema == incidents.SCHEMAS[name], name
    n_incidents = tables.documents.get_column("n_incidents").sum()
    assert n_incidents == tables.incidents.height
