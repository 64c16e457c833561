# make demo: build, install into .venv and read the sample articles.
# make test: the same set-up, then every Rust and Python check and the notebook
# (what .ci/run runs).
# Everything installs from PyPI and crates.io by name.

PYTHON        ?= python3
CARGO         ?= cargo
VENV          ?= .venv
VENV_OLDEST   ?= .venv-oldest
# The oldest polars the package claims (pyproject.toml: polars>=1.10); tested below.
OLDEST_POLARS ?= 1.10.0
WHEELS        ?= target/wheels

VPY    := $(VENV)/bin/python
OPY    := $(VENV_OLDEST)/bin/python
PIP    := $(VPY) -m pip --disable-pip-version-check --quiet
OPIP   := $(OPY) -m pip --disable-pip-version-check --quiet
# The boundary tests: schemas, dtypes, zero rows, round trips, errors.
BOUNDARY_TESTS := tests/test_tables.py tests/test_inputs.py

.PHONY: demo test install wheel rust-test python-test oldest fmt lint clean

demo: install
	$(VPY) -m incidents examples/articles

test: install lint rust-test python-test oldest notebook

# A virtual environment with the build and test tools, remade when pyproject.toml changes.
$(VENV)/.deps: pyproject.toml
	test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install "maturin>=1.8,<2" "polars>=1.10" "pytest>=8" "hypothesis>=6.100" "ruff>=0.6" "tqdm>=4.60"
	touch $@

# One release wheel (abi3: every CPython >= 3.10), installed into both environments.
# maturin's own cache makes a rebuild with nothing changed a relink at most.
wheel: $(VENV)/.deps
	rm -f $(WHEELS)/incidents-*.whl
	$(VENV)/bin/maturin build --release --quiet --interpreter $(VPY) --out $(WHEELS)

install: wheel
	$(PIP) install --force-reinstall --no-deps $(WHEELS)/incidents-*.whl

lint: $(VENV)/.deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --lib
	$(VENV)/bin/ruff check python tests scripts

rust-test:
	$(CARGO) test --workspace
	$(CARGO) test -p incidents --features polars --test frames

python-test: install
	$(VPY) -m pytest -q tests

# Throughput against one dictionary pass (issue 5); not part of `make test`.
# Figures and what they mean: docs/benchmarks.md. make bench BENCH_ARGS="--mb 20 --runs 3"
BENCH_ARGS ?=
.PHONY: bench
bench: install
	$(VPY) scripts/bench.py $(BENCH_ARGS)

# Fuzzing (issue 6): the seed corpus from the sample articles, then each cargo-fuzz
# target for FUZZ_SECONDS. Not part of `make test`: it needs the nightly toolchain and
# `cargo install cargo-fuzz`. Targets, invariants and past runs: fuzz/README.md.
FUZZ_SECONDS ?= 600
.PHONY: fuzz
fuzz:
	fuzz/seed-corpus.sh
	cd fuzz && for t in extractor numbers dates; do \
		nice -n 10 $(CARGO) +nightly fuzz run --sanitizer none $$t -- \
			-max_total_time=$(FUZZ_SECONDS) -timeout=10 || exit 1; \
	done

# The same wheel against the oldest polars we claim to support.
$(VENV_OLDEST)/.deps: pyproject.toml
	test -x $(OPY) || $(PYTHON) -m venv $(VENV_OLDEST)
	$(OPIP) install "polars==$(OLDEST_POLARS)" "pytest>=8" "hypothesis>=6.100"
	touch $@

oldest: wheel $(VENV_OLDEST)/.deps
	$(OPIP) install --force-reinstall --no-deps $(WHEELS)/incidents-*.whl
	$(OPY) -m pytest -q $(BOUNDARY_TESTS)

fmt: $(VENV)/.deps
	$(CARGO) fmt --all
	$(VENV)/bin/ruff format python tests scripts
	$(VENV)/bin/ruff check --fix python tests scripts

clean:
	$(CARGO) clean
	rm -rf $(VENV) $(VENV_OLDEST) .pytest_cache .ruff_cache out
	find python tests -name __pycache__ -type d -prune -exec rm -rf {} +

# The trends notebook (issue 8), executed headless with nbmake: any cell that raises
# fails the target. Part of `make test` (so CI runs it). Its tools go into .venv through a
# stamp of their own, so that the package's core dependencies stay as light as they are. Every
# figure is also saved as PNG in NOTEBOOK_FIGURES, to look at without Jupyter.
NOTEBOOK         ?= notebooks/kp_balochistan_trends.ipynb
NOTEBOOK_TIMEOUT ?= 600
NOTEBOOK_FIGURES ?= $(CURDIR)/out/notebook
.PHONY: notebook

$(VENV)/.nbdeps: $(VENV)/.deps
	$(PIP) install "matplotlib>=3.7" "ipykernel>=6.25" "ipywidgets>=8" "nbmake>=1.5" "tqdm>=4.60"
	touch $@

notebook: install $(VENV)/.nbdeps
	INCIDENTS_FIGURES=$(NOTEBOOK_FIGURES) $(VPY) -m pytest -q -p no:cacheprovider \
		--nbmake --nbmake-timeout=$(NOTEBOOK_TIMEOUT) $(NOTEBOOK)

# The scale-out recipes of docs/scale-out.md (issue 9): Ray Data, Spark in local[2]
# (Java 17) and Dask, each run on the sample corpus and checked against one process.
# Not part of `make test`: the engines are large. make bench-distributed times one
# process, Ray and Spark on 1 and 2 workers (BENCH_ARGS="--mb 20 --runs 3").
VENV_DIST ?= .venv-dist
DPY       := $(VENV_DIST)/bin/python
DPIP      := $(DPY) -m pip --disable-pip-version-check --quiet
.PHONY: test-distributed bench-distributed

$(VENV_DIST)/.deps: pyproject.toml
	test -x $(DPY) || $(PYTHON) -m venv $(VENV_DIST)
	$(DPIP) install "polars>=1.10" "pyarrow>=16" "ray[data]>=2.40" "pyspark>=4.0" "dask[dataframe]>=2024.12"
	touch $@

test-distributed: wheel $(VENV_DIST)/.deps
	$(DPIP) install --force-reinstall --no-deps $(WHEELS)/incidents-*.whl
	$(DPY) scripts/distributed.py check

bench-distributed: wheel $(VENV_DIST)/.deps
	$(DPIP) install --force-reinstall --no-deps $(WHEELS)/incidents-*.whl
	$(DPY) scripts/distributed.py bench $(BENCH_ARGS)
