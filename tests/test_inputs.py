"""Every input gets its one documents row, in order, whatever it is; errors name their cause."""

from __future__ import annotations

import _thread
import os
import signal
import threading
import time
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import incidents
from incidents import _native

CLUTTER = "Share on Facebook\nShare on Twitter\nSubscribe to our newsletter\nAdvertisement\n"


def doc_ids(tables: incidents.Tables) -> list[str]:
    return tables.documents.get_column("doc_id").to_list()


def row(tables: incidents.Tables, doc_id: str) -> dict:
    rows = tables.documents.filter(pl.col("doc_id") == doc_id).to_dicts()
    assert len(rows) == 1, doc_id
    return rows[0]


# --- extract_texts ---------------------------------------------------------------


def test_one_row_per_text_in_order():
    texts = ["", "   \n\t", CLUTTER, "Bannu police said the road was closed.", "\x00\x01junk"]
    tables = incidents.extract_texts(texts, doc_ids=["e", "w", "c", "t", "j"])
    assert doc_ids(tables) == ["e", "w", "c", "t", "j"]
    assert row(tables, "e")["status"] == "empty"
    assert row(tables, "w")["status"] == "empty"
    assert tables.documents.get_column("status").dtype == pl.Enum(["ok", "empty", "error"])


def test_default_ids_are_positions():
    tables = incidents.extract_texts(["a", "b", "c"])
    assert doc_ids(tables) == ["0", "1", "2"]


def test_none_text_reads_as_empty():
    tables = incidents.extract_texts([None, "Quetta."])
    assert row(tables, "0")["status"] == "empty"


def test_ids_are_kept_even_when_repeated():
    tables = incidents.extract_texts(["x", "y"], doc_ids=["same", "same"])
    assert doc_ids(tables) == ["same", "same"]


def test_one_string_is_not_a_list_of_texts():
    with pytest.raises(TypeError, match="one string"):
        incidents.extract_texts("a single text")


def test_length_mismatch_names_the_argument():
    with pytest.raises(ValueError, match="doc_ids has 1 items but texts has 2"):
        incidents.extract_texts(["a", "b"], doc_ids=["x"])
    with pytest.raises(ValueError, match="published has 3 items"):
        incidents.extract_texts(["a", "b"], published=[None, None, None])


def test_published_as_date_string_datetime_or_none():
    tables = incidents.extract_texts(
        ["a", "b", "c", "d"],
        published=[date(2024, 3, 6), "2023-12-31", datetime(2022, 1, 2, 10, 30), None],
    )
    published = tables.documents.get_column("published").to_list()
    assert published[:3] == [date(2024, 3, 6), date(2023, 12, 31), date(2022, 1, 2)]
    sources = tables.documents.get_column("published_from").to_list()
    assert sources[:3] == ["given", "given", "given"]
    assert sources[3] in ("text", "none")


def test_bad_iso_string_names_it_and_its_index():
    with pytest.raises(ValueError, match=r"published\[1\] = \"6 March 2024\""):
        incidents.extract_texts(["a", "b"], published=[None, "6 March 2024"])
    with pytest.raises(ValueError, match=r"published\[0\]"):
        incidents.extract_texts(["a"], published=["2024-02-30"])


def test_published_of_another_type_is_a_type_error():
    with pytest.raises(TypeError, match=r"published\[0\] must be"):
        incidents.extract_texts(["a"], published=[20240306])


def test_very_long_single_line_is_read_or_truncated_with_a_warning():
    # One line of 20 MB with no full stop: a dump, not an article.
    filler = "the convoy moved along the road near the check post without news "
    text = "Militants attacked a check post in Lakki Marwat, " + filler * 310_000
    assert len(text) > 20_000_000
    assert "\n" not in text
    tables = incidents.extract_texts([text, "next"], doc_ids=["big", "next"])
    assert doc_ids(tables) == ["big", "next"]
    big = row(tables, "big")
    assert big["chars"] > 0
    assert any("truncated" in w for w in big["warnings"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=300), max_size=12))
def test_any_texts_give_one_row_each(texts):
    ids = [f"doc{i}" for i in range(len(texts))]
    tables = incidents.extract_texts(texts, doc_ids=ids)
    assert doc_ids(tables) == ids
    chars = tables.documents.get_column("chars").to_list()
    assert chars == [len(t) for t in texts]


def test_progress_bar_counts_every_document():
    class Bar:
        def __init__(self):
            self.n = 0

        def update(self, k):
            self.n += k

    bar = Bar()
    _native.Extractor().extract_texts([str(i) for i in range(600)], progress=bar, chunk_size=256)
    assert bar.n == 600


def test_progress_true_works_with_or_without_tqdm():
    tables = incidents.extract_texts(["a", "b"], progress=True)
    assert tables.documents.height == 2


# --- extract_dir ----------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "b_plain.txt").write_text("Police in Dera Ismail Khan said two suspects were held.")
    (d / "a_empty.txt").write_text("")
    (d / "c_clutter.txt").write_text(CLUTTER)
    (d / "d_latin1.txt").write_bytes("Quetta caf\xe9 \xff closed".encode("latin-1"))
    (d / "e_binary.txt").write_bytes(bytes(range(256)) * 64)
    (d / "notes.md").write_text("not an article")
    (d / "sub").mkdir()
    (d / "sub" / "nested.txt").write_text("not read: subfolders are left alone")
    return d


def test_dir_reads_every_txt_sorted_with_stems_as_ids(folder: Path):
    tables = incidents.extract_dir(folder)
    assert doc_ids(tables) == ["a_empty", "b_plain", "c_clutter", "d_latin1", "e_binary"]
    assert row(tables, "a_empty")["status"] == "empty"
    latin = row(tables, "d_latin1")
    assert any("UTF-8" in w for w in latin["warnings"])
    assert latin["status"] in ("ok", "empty")


def test_dir_accepts_str_and_one_file(folder: Path):
    assert doc_ids(incidents.extract_dir(str(folder)))[0] == "a_empty"
    assert doc_ids(incidents.extract_dir(folder / "b_plain.txt")) == ["b_plain"]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="needs POSIX permissions")
def test_unreadable_file_is_an_error_row(folder: Path):
    locked = folder / "f_locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    try:
        try:
            locked.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("this user (root) can read a file with mode 000")
        tables = incidents.extract_dir(folder)
        locked_row = row(tables, "f_locked")
        assert locked_row["status"] == "error"
        assert any("f_locked.txt" in w for w in locked_row["warnings"])
        assert doc_ids(tables)[-1] == "f_locked"
    finally:
        locked.chmod(0o644)


def test_unreadable_entry_named_txt_that_is_a_broken_link(folder: Path):
    (folder / "g_broken.txt").symlink_to(folder / "does-not-exist")
    tables = incidents.extract_dir(folder)
    broken = row(tables, "g_broken")
    assert broken["status"] == "error"
    assert broken["warnings"]


def test_missing_path_raises_file_not_found_naming_it(tmp_path: Path):
    missing = tmp_path / "no-such-folder"
    with pytest.raises(FileNotFoundError) as info:
        incidents.extract_dir(missing)
    assert str(missing) in str(info.value)
    assert info.value.filename == str(missing)


def test_empty_folder_gives_zero_rows(tmp_path: Path):
    tables = incidents.extract_dir(tmp_path)
    assert tables.documents.height == 0
    assert list(tables.documents.schema) == list(incidents.SCHEMAS["documents"])


# --- extract_frame --------------------------------------------------------------


def test_frame_with_published_column():
    df = pl.DataFrame(
        {
            "doc_id": ["x", "y"],
            "text": ["Bajaur police said.", ""],
            "published": [date(2024, 3, 6), None],
        }
    )
    tables = incidents.extract_frame(df)
    assert doc_ids(tables) == ["x", "y"]
    assert tables.documents.get_column("published")[0] == date(2024, 3, 6)


def test_frame_without_published_or_id_columns():
    df = pl.DataFrame({"text": ["Bajaur police said.", "Quetta."]})
    tables = incidents.extract_frame(df)
    assert doc_ids(tables) == ["0", "1"]
    assert tables.documents.get_column("published_from").to_list()[1] in ("none", "text")


def test_frame_with_other_column_names_and_string_dates():
    df = pl.DataFrame({"body": ["Quetta."], "id": [17], "day": ["2024-01-05"]})
    tables = incidents.extract_frame(df, text="body", doc_id="id", published="day")
    assert doc_ids(tables) == ["17"]
    assert tables.documents.get_column("published")[0] == date(2024, 1, 5)


def test_frame_missing_named_column_is_an_error():
    df = pl.DataFrame({"text": ["Quetta."]})
    with pytest.raises(ValueError, match="'body'"):
        incidents.extract_frame(df, text="body")
    with pytest.raises(ValueError, match="'date'"):
        incidents.extract_frame(df, published="date")


# --- the GIL and the errors ------------------------------------------------------


def test_gil_is_released_while_extracting():
    extractor = _native.Extractor()
    texts = ["Militants attacked a police station in Bannu on Monday, officials said. " * 40] * 64
    # Grow the batch until one extraction takes long enough to measure.
    while True:
        start = time.perf_counter()
        extractor.extract_texts(texts, chunk_size=len(texts))
        elapsed = time.perf_counter() - start
        if elapsed > 0.3 or len(texts) > 50_000:
            break
        texts = texts * 4

    ticks: list[float] = []
    done = threading.Event()

    def worker():
        extractor.extract_texts(texts, chunk_size=len(texts))
        done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    thread.join()
    gaps = [b - a for a, b in pairwise(ticks)]
    # Had the extraction held the GIL, this thread would have stalled for all of it.
    assert len(ticks) > 10
    assert max(gaps) < elapsed / 2


def test_ctrl_c_stops_a_long_extraction_between_chunks():
    extractor = _native.Extractor()
    texts = [
        "Militants attacked a police station in Bannu on Monday, officials said. " * 20
    ] * 20_000
    chunks = []

    def progress(done):
        # Ctrl-C pressed while the third chunk is read: the same flag a SIGINT sets,
        # raised at a known moment instead of after a timer that a busy machine
        # may run late.
        chunks.append(done)
        if len(chunks) == 3:
            _thread.interrupt_main()

    # A process started in the background inherits SIGINT ignored, and then
    # interrupt_main() does nothing: Ctrl-C here means Python's own handler.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            extractor.extract_texts(texts, progress=progress, chunk_size=64)
    finally:
        signal.signal(signal.SIGINT, previous)
    # Stopped at the next chunk boundary, not after the whole batch of 313 chunks.
    assert len(chunks) <= 4


def test_error_classes_share_one_base():
    for cls in (
        incidents.DataError,
        incidents.InputError,
        incidents.ReadError,
        incidents.TableError,
        incidents.GoldError,
    ):
        assert issubclass(cls, incidents.IncidentsError)
    assert issubclass(incidents.IncidentsError, Exception)


def test_bad_user_data_raises_data_error():
    with pytest.raises(incidents.IncidentsError):
        _native.Extractor(places_tsv=["this is not a gazetteer\n\x00\t\t\n"])
