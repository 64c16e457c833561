"""Instructions per pass of each stage of the extraction, counted by callgrind.

Seconds on a shared 2-core VM wander by up to 30% from run to run; instruction
counts do not. This builds `crates/incidents/examples/extract_work.rs` without
LTO (the stages stay separate functions, so each can be counted; the release
profile's fat LTO merges them), runs it under callgrind over a folder once with
`--passes 1` and once with `--passes 3`, and prints, for each stage, (3 passes - 1
pass) / 2: the work of one pass with the building of the extractor left out. The
hash of every row is printed too, to check that a speed change kept every answer.

    python3 scripts/stage_instructions.py target/bench/x1 --limit 1500

Needs valgrind. docs/benchmarks.md gives the figures measured with it.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "target" / "stages"

# (label, function): inclusive counts of these functions; a stage inlined into
# its caller in some build is reported as 0.
STAGES = [
    ("clean", "incidents::clean::clean"),
    ("split_sentences", "incidents::segment::split_sentences"),
    ("find_reference_date", "incidents::dates::find_reference_date"),
    ("Lexicon::scan", "incidents::lexicon::Lexicon::scan"),
    ("find_numbers", "incidents::numbers::find_numbers"),
    ("find_dates", "incidents::dates::find_dates"),
    ("Reader::claims", "incidents::assemble::Reader::claims"),
    ("Reader::group", "incidents::assemble::Reader::group"),
    ("whole pass (Extractor::extract)", "incidents::extractor::Extractor::extract"),
]


def build() -> Path:
    env = dict(os.environ)
    env.update(
        CARGO_PROFILE_RELEASE_LTO="false",
        CARGO_PROFILE_RELEASE_CODEGEN_UNITS="16",
        CARGO_PROFILE_RELEASE_INCREMENTAL="true",
        CARGO_TARGET_DIR=str(TARGET),
    )
    cmd = ["cargo", "build", "--release", "-p", "incidents", "--example", "extract_work"]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    return TARGET / "release" / "examples" / "extract_work"


def inclusive(out: Path) -> dict[str, int]:
    """Inclusive instructions by function name, from callgrind_annotate."""
    text = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", "--show-percs=no", str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counts: dict[str, int] = {}
    for line in text.splitlines():
        found = re.match(r"^\s*([0-9,]+)\s+(\S.*)$", line)
        if not found or found.group(2).startswith("=>"):
            continue
        name = found.group(2).split(" [")[0].split(":", 1)[-1]
        counts[name] = max(counts.get(name, 0), int(found.group(1).replace(",", "")))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", help="folders of *.txt files")
    parser.add_argument("--limit", type=int, help="read at most this many files")
    args = parser.parse_args()
    binary = build()
    extra = ["--limit", str(args.limit)] if args.limit else []
    runs: dict[int, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as work:
        for passes in (1, 3):
            out = Path(work) / f"callgrind.{passes}.out"
            command = [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                str(binary),
                *["--passes", str(passes), *extra, *args.folders],
            ]
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                check=True,
            )
            if passes == 1:
                print(done.stdout.strip())
            runs[passes] = inclusive(out)
    print(f"{'stage':<34} {'M instructions a pass':>22}")
    for label, function in STAGES:
        per_pass = (runs[3].get(function, 0) - runs[1].get(function, 0)) / 2 / 1e6
        print(f"{label:<34} {per_pass:>22.1f}")


if __name__ == "__main__":
    sys.exit(main())
