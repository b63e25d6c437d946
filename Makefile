# tidings: `make demo` to see it work, `make test` to check it.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test eval install clean lint lock

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install -q --no-deps -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	$(BIN)/pip check
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f tidings.duckdb
	$(BIN)/tidings ingest examples --db tidings.duckdb --summary

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -p no:cacheprovider
	$(BIN)/tidings eval --gate

eval: $(STAMP)
	$(BIN)/tidings eval

# Re-pin every dependency with its hash after changing one in .venv.
lock: $(STAMP)
	$(BIN)/python scripts/lock_requirements.py

lint: $(STAMP)
	$(BIN)/ruff check tidings tests eval bench scripts
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) tidings.duckdb *.egg-info
