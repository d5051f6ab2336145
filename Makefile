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
bench: $(VENV)/.test-ready chromium graphviz node_modules/.ready
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
	@tools/debian-packages.sh openjdk-17-jre-headless
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

# Debian's chromium, at the version pinned in debian-packages.txt, unless CHROMIUM names another browser.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then tools/debian-packages.sh chromium; fi

# Debian's graphviz, at the version pinned in debian-packages.txt, unless DOT names another dot: it lays
# out each dilemma's diagram when the book and the handouts are built.
graphviz:
	@if [ ! -x "$(DOT)" ]; then tools/debian-packages.sh graphviz; fi

clean:
	rm -rf _build
