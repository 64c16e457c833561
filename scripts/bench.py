"""`make bench`: throughput of the extractor against one dictionary pass over the same bytes.

Builds a corpus under target/bench/ (the sample and development articles, the texts of
../shared/seeds and ../shared/dev when present, and generated reports up to --mb
megabytes), then measures, as the median of --runs runs:

- Python `incidents.extract_texts` and `incidents.extract_frame`, on one thread
  (RAYON_NUM_THREADS=1) and on every core, each in its own interpreter;
- the CLI `target/release/incidents extract` on the corpus folder, one thread and every
  core, with its peak resident memory;
- the reference: polars `str.extract_many` with every name and alias of places.tsv and
  actors.tsv and every term of cues.tsv, one Aho-Corasick pass returning every match;
- the corpus doubled, to see whether the cost is linear.

Prints a table and the ratios of issue 5 and writes everything to target/bench.json.
Standard library and polars only. docs/benchmarks.md says what each figure means.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = ROOT / "crates" / "incidents" / "data"
CLI = ROOT / "target" / "release" / "incidents"
MB = 1_000_000

# ---------------------------------------------------------------- corpus


def read_dir(folder: Path) -> list[tuple[str, str]]:
    if not folder.is_dir():
        return []
    return [
        (p.stem, p.read_text(encoding="utf-8", errors="replace"))
        for p in sorted(folder.glob("*.txt"))
    ]


def read_jsonl_texts(folder: Path) -> list[tuple[str, str]]:
    docs = []
    if not folder.is_dir():
        return docs
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for n, line in enumerate(lines):
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                text = row.get("text")
                if isinstance(text, str) and text.strip():
                    docs.append((str(row.get("doc_id") or f"{path.stem}-{n}"), text))
    return docs


def tsv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def dictionary_patterns() -> list[str]:
    """Every name and alias of the gazetteer and actor registry and every cue term,
    with the matching marks ("[cap]", "[ctx]") taken off: the project's dictionary."""
    patterns: set[str] = set()
    for name in ("places.tsv", "actors.tsv"):
        for row in tsv_rows(DATA / name):
            names = [row.get("name") or "", *(row.get("aliases") or "").split("|")]
            for raw in names:
                term = re.sub(r"\[[^\]]*\]", "", raw).strip()
                if term:
                    patterns.add(term)
    for row in tsv_rows(DATA / "cues.tsv"):
        term = (row.get("term") or "").strip()
        if term:
            patterns.add(term)
    return sorted(patterns)


class Generator:
    """Reports made of the project's own articles: the headline and paragraphs of one
    article, in order, some left out and one or two of another put in, with every
    Pakistani district named in them replaced by one district of Khyber Pakhtunkhwa or
    Balochistan (places.tsv) drawn for the report, and a new date on the dateline."""

    def __init__(self, articles: list[tuple[str, str]], seed: int) -> None:
        self.rng = random.Random(seed)
        places = tsv_rows(DATA / "places.tsv")
        self.districts = sorted(
            row["name"]
            for row in places
            if row.get("kind") == "district" and row["id"].startswith(("PK.KP.", "PK.BA."))
        )
        # The capital stands for the government as often as for a place: left as written.
        self.replaceable = {
            row["name"]
            for row in places
            if row.get("kind") == "district"
            and row["id"].startswith("PK.")
            and not row["id"].startswith("PK.IS")
        }
        # Every gazetteer name, longest first, so that a district inside a longer name
        # ("Khyber" in "Khyber Pakhtunkhwa") is matched as the longer name and kept.
        names = {re.sub(r"\[[^\]]*\]", "", n).strip() for row in places for n in [row["name"]]}
        names.discard("")
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        self.place_re = re.compile(rf"\b(?:{alternation})\b")
        # "QUETTA:", "PESHAWAR, Feb. 2, 2023 \u2014", "ISLAMABAD, Oct 12:".
        self.dateline_re = re.compile(
            r"^[A-Z][A-Z .'-]+(?:,[^\n:\u2013\u2014]{0,30}?)?(?::|\s[-\u2013\u2014])\s"
        )
        self.sources: list[tuple[str | None, list[str]]] = []
        for _, text in articles:
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            if not lines:
                continue
            # Wire copy may open on its dateline, with no headline.
            has_headline = not self.dateline_re.match(lines[0])
            headline = lines[0] if has_headline else None
            body = lines[1:] if has_headline else lines
            paragraphs = [line for line in body if len(line) > 60]
            if paragraphs:
                self.sources.append((headline, paragraphs))
        if not self.sources:
            raise SystemExit("bench: no sample articles to generate reports from")

    def report(self) -> str:
        rng = self.rng
        headline, paragraphs = rng.choice(self.sources)
        _, other = rng.choice(self.sources)
        chosen: dict[str, str] = {}
        district = rng.choice(self.districts)
        kept = [paragraphs[0]] + [p for p in paragraphs[1:] if rng.random() < 0.8]
        # Not the other article's opening paragraph: it carries its own dateline.
        for p in rng.sample(other[1:], k=min(len(other) - 1, rng.randint(0, 2))):
            kept.insert(rng.randint(1, len(kept)), p)
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        dateline = f"{district.upper()}, {day:%B} {day.day}, {day.year} \u2014 "
        kept[0] = self.dateline_re.sub(lambda _: dateline, kept[0], count=1)

        def swap(match: re.Match[str]) -> str:
            name = match.group(0)
            if name not in self.replaceable:
                return name
            # The first district named becomes the report's; others each get their own.
            if name not in chosen:
                chosen[name] = district if not chosen else rng.choice(self.districts)
            return chosen[name]

        parts = [headline, *kept] if headline else kept
        return self.place_re.sub(swap, "\n\n".join(parts))


def write_docs(folder: Path, docs: list[tuple[str, str]], start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, (doc_id, text) in enumerate(docs, start):
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", doc_id)[:80]
        (folder / f"{n:07d}_{safe}.txt").write_text(text, encoding="utf-8")


def link_or_copy(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for path in src.iterdir():
        target = dst / path.name
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)


def build_corpus(work: Path, mb: float, seed: int) -> dict:
    """Writes corpus x1 (about `mb` MB) and x2 (x1 and as many bytes again, generated)."""
    articles = read_dir(ROOT / "examples" / "articles") + read_dir(
        ROOT / "examples" / "devset" / "articles"
    )
    seeds = read_dir(SHARED / "seeds")
    dev = read_jsonl_texts(SHARED / "dev")
    real = articles + seeds + dev
    generator = Generator(articles, seed)
    target = int(mb * MB)

    def generate(budget: int) -> list[tuple[str, str]]:
        docs, size = [], 0
        while size < budget:
            text = generator.report()
            docs.append((f"gen-{len(docs)}", text))
            size += len(text.encode("utf-8"))
        return docs

    real_bytes = sum(len(t.encode("utf-8")) for _, t in real)
    extra = generate(max(0, target - real_bytes))
    x1 = real + extra
    x1_bytes = real_bytes + sum(len(t.encode("utf-8")) for _, t in extra)
    more = generate(x1_bytes)
    if work.exists():
        shutil.rmtree(work)
    write_docs(work / "x1", x1)
    link_or_copy(work / "x1", work / "x2")
    write_docs(work / "x2", more, start=len(x1))
    return {
        "x1": {"docs": len(x1), "bytes": x1_bytes},
        "x2": {"docs": len(x1) + len(more), "bytes": x1_bytes + folder_bytes(more)},
        "sources": {
            "sample_articles": len(articles),
            "shared_seeds": len(seeds),
            "shared_dev": len(dev),
            "generated_x1": len(extra),
            "generated_added_for_x2": len(more),
        },
        "mb_target": mb,
        "seed": seed,
    }


def folder_bytes(docs: list[tuple[str, str]]) -> int:
    return sum(len(t.encode("utf-8")) for _, t in docs)


def load(folder: Path) -> tuple[list[str], list[str]]:
    paths = sorted(folder.glob("*.txt"))
    return [p.stem for p in paths], [p.read_text(encoding="utf-8") for p in paths]


# ---------------------------------------------------------------- workers


def worker(kind: str, folder: Path, runs: int) -> None:
    """Runs in its own interpreter so that thread settings and peak memory are its own.
    Prints one JSON line: the seconds of each run (reading the files is not timed)."""
    import polars as pl

    ids, texts = load(folder)
    frame = pl.DataFrame({"doc_id": ids, "text": texts})
    if kind == "reference":
        patterns = dictionary_patterns()
        method = reference_method()
        expr = getattr(pl.col("text").str, method)

        def once() -> None:
            kwargs = {"ascii_case_insensitive": True}
            frame.select(expr(patterns, **kwargs).alias("m"))

    else:
        import incidents

        # Compile the dictionaries and the lazily built patterns before the clock runs.
        incidents.extract_texts(texts[:20], ids[:20])
        if kind == "texts":

            def once() -> None:
                incidents.extract_texts(texts, ids)

        elif kind == "frame":

            def once() -> None:
                incidents.extract_frame(frame)

        else:
            raise SystemExit(f"bench: unknown worker {kind!r}")
        method = kind
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        once()
        seconds.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peak_rss_bytes": peak, "method": method}))


def reference_method() -> str:
    """The Aho-Corasick expression of the installed polars: extract_many returns every
    match, like the extractor's pass; find_many and contains_any are older stand-ins."""
    import polars as pl

    namespace = pl.col("text").str
    for name in ("extract_many", "find_many", "contains_any"):
        if hasattr(namespace, name):
            return name
    raise SystemExit("bench: this polars has no Aho-Corasick string expression")


def run_worker(kind: str, folder: Path, runs: int, threads: int | None) -> dict:
    env = dict(os.environ)
    for var in ("RAYON_NUM_THREADS", "POLARS_MAX_THREADS"):
        env.pop(var, None)
    if threads is not None:
        env["RAYON_NUM_THREADS"] = str(threads)
        env["POLARS_MAX_THREADS"] = str(threads)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--corpus", str(folder)]
    cmd += ["--runs", str(runs)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: worker {kind} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_cli(folder: Path, out: Path, runs: int, threads: int | None) -> dict:
    """Times the CLI on a folder; peak memory from wait4, which reports on that child alone."""
    seconds, peaks = [], []
    for _ in range(runs):
        if out.exists():
            shutil.rmtree(out)
        cmd = [str(CLI), "extract", str(folder), "--out", str(out), "--quiet"]
        if threads is not None:
            cmd += ["--threads", str(threads)]
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        seconds.append(time.perf_counter() - start)
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
        if child.returncode != 0:
            raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{stderr}")
        # ru_maxrss is in kilobytes on Linux.
        peaks.append(usage.ru_maxrss * 1024)
    return {"seconds": seconds, "peak_rss_bytes": max(peaks)}


# ---------------------------------------------------------------- report


def ensure_cli() -> None:
    if CLI.exists():
        return
    print("bench: building the CLI (cargo build --release -p incidents-cli)", flush=True)
    subprocess.run(["cargo", "build", "--release", "-p", "incidents-cli"], cwd=ROOT, check=True)


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": model or platform.processor(),
        "system": platform.platform(),
        "python": platform.python_version(),
        # Other work on the machine skews every figure; this, taken before the runs,
        # says how much there was.
        "load_average_1_5_15": list(os.getloadavg()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median counts")
    parser.add_argument("--seed", type=int, default=5, help="seed of the report generator")
    parser.add_argument("--work", type=Path, default=ROOT / "target" / "bench")
    parser.add_argument("--json", type=Path, default=ROOT / "target" / "bench.json")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs < 1 or args.mb <= 0:
        parser.error("--runs must be at least 1 and --mb positive")
    if args.worker:
        worker(args.worker, args.corpus, args.runs)
        return

    import polars as pl

    import incidents

    ensure_cli()
    host = machine()
    cores = os.cpu_count() or 1
    print(f"bench: writing a {args.mb:g} MB corpus to {args.work}", flush=True)
    corpus = build_corpus(args.work, args.mb, args.seed)
    x1, x2 = args.work / "x1", args.work / "x2"
    size, docs = corpus["x1"]["bytes"], corpus["x1"]["docs"]
    print(
        f"bench: {docs} documents, {size / MB:.1f} MB; x2: {corpus['x2']['docs']} documents, "
        f"{corpus['x2']['bytes'] / MB:.1f} MB; {args.runs} runs each",
        flush=True,
    )

    rows: dict[str, dict] = {}

    def record(name: str, what: str, result: dict, nbytes: int = size, ndocs: int = docs) -> None:
        median = statistics.median(result["seconds"])
        rows[name] = {
            "what": what,
            **result,
            "median_seconds": median,
            "best_seconds": min(result["seconds"]),
            "mb_per_s": nbytes / MB / median,
            "docs_per_s": ndocs / median,
            "bytes": nbytes,
            "docs": ndocs,
        }
        print(f"  {name:<22} {median:8.2f} s  {nbytes / MB / median:8.2f} MB/s", flush=True)

    plan = [
        ("reference_1t", "polars Aho-Corasick pass, 1 thread", "reference", 1),
        ("reference_all", f"polars Aho-Corasick pass, {cores} threads", "reference", None),
        ("python_texts_1t", "incidents.extract_texts, 1 thread", "texts", 1),
        ("python_frame_1t", "incidents.extract_frame, 1 thread", "frame", 1),
        ("python_texts_all", f"incidents.extract_texts, {cores} threads", "texts", None),
        ("python_frame_all", f"incidents.extract_frame, {cores} threads", "frame", None),
    ]
    for name, what, kind, threads in plan:
        record(name, what, run_worker(kind, x1, args.runs, threads))
    out = args.work / "out"
    record("cli_1t", "incidents extract (CLI, parquet), 1 thread", run_cli(x1, out, args.runs, 1))
    record(
        "cli_all",
        f"incidents extract (CLI, parquet), {cores} threads",
        run_cli(x1, out, args.runs, None),
    )
    x2_bytes, x2_docs = corpus["x2"]["bytes"], corpus["x2"]["docs"]
    record(
        "python_texts_all_x2",
        f"incidents.extract_texts, {cores} threads, corpus x2",
        run_worker("texts", x2, args.runs, None),
        x2_bytes,
        x2_docs,
    )
    record(
        "cli_all_x2",
        f"incidents extract (CLI, parquet), {cores} threads, corpus x2",
        run_cli(x2, out, args.runs, None),
        x2_bytes,
        x2_docs,
    )
    shutil.rmtree(out, ignore_errors=True)

    # Each ratio twice: of the medians (the figure the targets are judged on) and of
    # the fastest runs. Another tenant of a shared machine only ever adds time, so
    # the fastest run is the steadier reading of what the code costs.
    def ratio_of(a: str, b: str, key: str) -> float:
        return rows[a][key] / rows[b][key]

    def time_ratio(a: str, b: str) -> tuple[float, float]:
        return ratio_of(a, b, "median_seconds"), ratio_of(a, b, "best_seconds")

    def speed_ratio(a: str, b: str) -> tuple[float, float]:
        # Both on x1: the ratio of speeds is the inverse ratio of times.
        return time_ratio(b, a)

    ratios = {
        "python_1t_over_dictionary_pass_1t": (
            speed_ratio("python_texts_1t", "reference_1t"),
            ">= 0.35",
        ),
        "all_threads_over_1_thread_python": (
            speed_ratio("python_texts_all", "python_texts_1t"),
            ">= 1.8" if cores >= 2 else "n/a on 1 core",
        ),
        "all_threads_over_1_thread_cli": (speed_ratio("cli_all", "cli_1t"), ""),
        "python_time_over_cli_time_1t": (time_ratio("python_texts_1t", "cli_1t"), "<= 1.10"),
        "python_time_over_cli_time_all": (time_ratio("python_texts_all", "cli_all"), "<= 1.10"),
        "x2_time_over_x1_time_python": (
            time_ratio("python_texts_all_x2", "python_texts_all"),
            "<= 2.1",
        ),
        "x2_time_over_x1_time_cli": (time_ratio("cli_all_x2", "cli_all"), "<= 2.1"),
    }

    print()
    print(f"{'figure':<60} {'MB/s':>8} {'docs/s':>9} {'peak RSS':>9}")
    for row in rows.values():
        rss = row.get("peak_rss_bytes")
        rss_text = f"{rss / 2**20:.0f} MiB" if rss else ""
        print(f"{row['what']:<60} {row['mb_per_s']:8.2f} {row['docs_per_s']:9.0f} {rss_text:>9}")
    print()
    print(f"{'ratio':<40} {'value':>7} {'best':>7}  target")
    for name, ((value, best), target) in ratios.items():
        print(f"{name:<40} {value:7.2f} {best:7.2f}  {target}")

    result = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": host,
        "versions": {"incidents": incidents.__version__, "polars": pl.__version__},
        "reference_method": rows["reference_1t"].get("method"),
        "dictionary_patterns": len(dictionary_patterns()),
        "runs": args.runs,
        "corpus": corpus,
        "figures": rows,
        "ratios": {
            name: {"value": v, "best": b, "target": t} for name, ((v, b), t) in ratios.items()
        },
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nbench: results in {args.json}")


if __name__ == "__main__":
    main()
