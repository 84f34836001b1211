# The two commands a new user runs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEMO_DB ?= newsevents.duckdb

.PHONY: demo test test-fast lint install clean-venv model
MODEL_DIR := newsevents/events/data/model

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsevents ingest newsevents/samples --db $(DEMO_DB)
	$(BIN)/newsevents events --db $(DEMO_DB)

# The whole suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q

# The inner loop: the suite less the tests marked slow (pyproject.toml says which: they
# start processes that load the coder, servers, a browser or a Dask cluster, kill
# processes, or score the gold sets). Under a minute on an idle two-core machine; `make test`
# runs them all.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# Retrain the learned event model from training/data and export it (int8 ONNX) into the
# package; docs/model.md gives the data, the seed, the time and the figures.
model: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	mkdir -p build
	$(BIN)/python training/train_model.py --out build/event_model.pt
	$(BIN)/python training/export.py build/event_model.pt $(MODEL_DIR)

lint: $(STAMP)
	$(BIN)/ruff check newsevents tests tools benchmarks training

clean-venv:
	rm -rf $(VENV)
