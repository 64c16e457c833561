"""Shared fixtures of the pytest suite."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The ordinary military statement of issue 2, in its shape as the press prints it.
ISPR_SENTENCE = (
    "Two soldiers were martyred and three terrorists killed in an exchange of fire "
    "in North Waziristan's Mir Ali area on Monday, the ISPR said."
)
ISPR_PUBLISHED = date(2024, 3, 6)


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The shared seed articles beside the repository; the test is skipped without them."""
    path = ROOT.parent / "shared" / "seeds"
    if not path.is_dir():
        pytest.skip(f"{path} is absent")
    return path
