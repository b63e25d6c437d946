# tidings: `make demo` to see it work, `make test` to check it.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test eval install clean lint lock browser serve-demo

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

# The dashboard's browser test drives Debian's chromium through playwright's
# executable_path (never `playwright install`). Installed here when missing; where it
# cannot be (no root, no package archive) the test skips and says why.
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium for the browser test (apt-get)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
			>/dev/null 2>&1 || echo "chromium could not be installed: the browser test will skip"; \
	else echo "no chromium and no root to install it: the browser test will skip"; fi

test: $(STAMP) browser
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -p no:cacheprovider
	$(BIN)/tidings eval --gate

eval: $(STAMP)
	$(BIN)/tidings eval

# Re-pin every dependency with its hash after changing one in .venv.
lock: $(STAMP)
	$(BIN)/python scripts/lock_requirements.py

# The dashboard over the demo store: http://127.0.0.1:8000/ (docs/web.md).
serve-demo: demo
	$(BIN)/tidings serve --db tidings.duckdb

lint: $(STAMP)
	$(BIN)/ruff check tidings tests eval bench scripts
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) tidings.duckdb *.egg-info
