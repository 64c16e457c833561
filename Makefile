# make demo: build, install into .venv and read the sample articles.
# make test: the same set-up, then every Rust and Python check (what .ci/run runs).
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

test: install lint rust-test python-test oldest

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
	$(VENV)/bin/ruff check python tests

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
	$(VENV)/bin/ruff format python tests
	$(VENV)/bin/ruff check --fix python tests

clean:
	$(CARGO) clean
	rm -rf $(VENV) $(VENV_OLDEST) .pytest_cache .ruff_cache out
	find python tests -name __pycache__ -type d -prune -exec rm -rf {} +
