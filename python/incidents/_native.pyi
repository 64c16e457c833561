"""Type stub of the Rust extension module ``incidents._native``."""

from collections.abc import Callable, Sequence
from datetime import date
from os import PathLike
from typing import Any

__version__: str

class IncidentsError(Exception): ...
class DataError(IncidentsError): ...
class InputError(IncidentsError): ...
class ReadError(IncidentsError): ...
class TableError(IncidentsError): ...
class GoldError(IncidentsError): ...

class ArrowTable:
    """One table, exported through the Arrow PyCapsule interface."""

    @property
    def name(self) -> str: ...
    def __len__(self) -> int: ...
    def __arrow_c_schema__(self) -> object: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...

# An object with ``update(n)`` (a tqdm bar) or a callable taking the documents done.
_Progress = Any | Callable[[int], object] | None

class Extractor:
    """A compiled extractor: build it once, use it from any thread."""

    def __init__(
        self,
        *,
        places_tsv: Sequence[str] = ...,
        actors_tsv: Sequence[str] = ...,
        threads: int | None = None,
    ) -> None: ...
    @property
    def threads(self) -> int | None:
        """The pool size given; None when the environment decides."""
    def num_threads(self) -> int:
        """The threads this process reads on (started if need be)."""
    def extract_texts(
        self,
        texts: Sequence[str | None],
        doc_ids: Sequence[str] | None = None,
        published: Sequence[date | str | None] | None = None,
        *,
        progress: _Progress = None,
        chunk_size: int = 1024,
    ) -> dict[str, ArrowTable]: ...
    def extract_dir(
        self,
        path: str | PathLike[str],
        *,
        progress: _Progress = None,
        chunk_size: int = 1024,
    ) -> dict[str, ArrowTable]: ...
    def merge_events(self, incidents: Any) -> ArrowTable:
        """Events over the rows of an incidents table (an object with __arrow_c_stream__)."""
    def evaluate(
        self, gold: str | PathLike[str], articles: str | PathLike[str]
    ) -> tuple[str, str]: ...
    def gazetteer_rows(self) -> dict[str, list[Any]]:
        """The gazetteer in use as columns (see ``incidents.GAZETTEER_SCHEMA``)."""
    def actor_rows(self) -> dict[str, list[Any]]:
        """The actor registry in use as columns (see ``incidents.ACTORS_SCHEMA``)."""

def empty_tables() -> dict[str, ArrowTable]: ...
def enum_columns() -> list[tuple[str, str, list[str]]]: ...
def table_names() -> list[str]: ...
