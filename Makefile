# First Loyalty: two commands do everything.
#   make book   build the student edition of the course book into _build/html
#   (make lecturer builds the lecturer edition into _build/lecturer/html)
#   make test   lint, type-check and run every test, browser tests included
# Both create their own environment (.venv, from uv.lock) on first use.

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV ?= .venv
BIN := $(VENV)/bin
ROOT ?= .
CHROMIUM ?= /usr/bin/chromium
DOT ?= /usr/bin/dot

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_LINK_MODE := copy

.PHONY: book lecturer test bench lint typecheck check chromium graphviz clean

book: $(VENV)/.book-ready graphviz
	$(BIN)/ethicskit check --root $(ROOT)
	GRAPHVIZ_DOT=$(DOT) $(BIN)/jupyter-book build $(ROOT) -W -n --keep-going -q
	@echo "Book built: open $(abspath $(ROOT))/_build/html/index.html"

# The same source with every teaching note; its own output folder, so neither build undoes the other.
lecturer: $(VENV)/.book-ready graphviz
	$(BIN)/ethicskit check --root $(ROOT)
	GRAPHVIZ_DOT=$(DOT) ETHICSKIT_EDITION=lecturer $(BIN)/jupyter-book build $(ROOT) --path-output $(ROOT)/_build/lecturer -W -n --keep-going -q
	@echo "Lecturer edition built: open $(abspath $(ROOT))/_build/lecturer/_build/html/index.html"

test: $(VENV)/.test-ready chromium graphviz node_modules/.ready
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	CHROMIUM=$(CHROMIUM) GRAPHVIZ_DOT=$(DOT) $(BIN)/pytest

# Speed and size against same-run baselines; prints a Markdown table (BENCH_RUNS=3 by default).
bench: $(VENV)/.test-ready chromium graphviz
	CHROMIUM=$(CHROMIUM) GRAPHVIZ_DOT=$(DOT) $(BIN)/python bench/run.py

check: $(VENV)/.book-ready
	$(BIN)/ethicskit check --root $(ROOT)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --inexact keeps the test tools if `make test` installed them, so the two targets never undo each other.
$(VENV)/.book-ready: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --inexact --python $(PYTHON)
	@touch $@

$(VENV)/.test-ready: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --extra test --python $(PYTHON)
	@touch $@ $(VENV)/.book-ready

# The Nu HTML Checker (npm vnu-jar, run with Java) validates every built page in the tests.
node_modules/.ready: package.json package-lock.json
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's Java runtime for the HTML checker..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else \
	    echo "The HTML checker needs Java: run 'sudo apt-get install default-jre-headless'."; exit 1; \
	  fi; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM): run 'sudo apt-get install chromium', or set CHROMIUM=/path/to/chromium."; \
	    exit 1; \
	  fi; \
	fi

# Graphviz's dot lays out each dilemma's diagram when the book and the handouts are built.
graphviz:
	@if [ ! -x "$(DOT)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's graphviz for the dilemma diagrams..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	  else \
	    echo "The dilemma diagrams need Graphviz's dot at $(DOT): run 'sudo apt-get install graphviz', or set DOT=/path/to/dot."; \
	    exit 1; \
	  fi; \
	fi

clean:
	rm -rf _build
