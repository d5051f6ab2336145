# First Loyalty: two commands do everything.
#   make book   build the student edition of the course book, in English and in Welsh, into
#               _build/html (en/ and cy/, with an index.html linking both)
#   (make lecturer builds the lecturer edition the same way into _build/lecturer/html)
#   make test   lint, type-check and run every test, browser tests included
#   make release  both editions, seminar packs and SCORM packages as one bundle in dist/VERSION/
#   make accessibility-evidence  the test run behind the accessibility conformance report
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

# Every build of the book, strict (warnings are errors), once per language of the site, each into its
# own folder of the output (en/, cy/) beside an index.html linking both. Sphinx's language is set through
# a configuration generated for each language, as the Jupyter Book command line cannot pass it (see
# src/ethicskit/languages.py); each language keeps its own build cache under --work.
# ETHICSKIT_LANGUAGE=qps make book builds that one language alone (the pseudo-locale, into qps/).
SITE_BUILD = GRAPHVIZ_DOT=$(DOT) $(BIN)/python -m ethicskit.languages --root $(ROOT) \
	$(if $(ETHICSKIT_LANGUAGE),--language $(ETHICSKIT_LANGUAGE))

# The suite runs in one process per core (pytest-xdist), each test wherever a process is free; the real
# books are built once per run and shared (see tests/conftest.py). PYTEST_PROCESSES= runs it in one.
PYTEST_PROCESSES ?= -n auto --dist worksteal

.PHONY: book lecturer release accessibility-evidence test bench bench-profile lint typecheck check messages translations chromium graphviz clean

book: $(VENV)/.book-ready graphviz
	$(BIN)/ethicskit check --root $(ROOT)
	$(SITE_BUILD) --work $(ROOT)/_build/student --output $(ROOT)/_build/html
	@echo "Book built: open $(abspath $(ROOT))/_build/html/index.html (English: en/index.html, Welsh: cy/index.html)"

# The same source with every teaching note; its own output folder, so neither build undoes the other.
lecturer: $(VENV)/.book-ready graphviz
	$(BIN)/ethicskit check --root $(ROOT)
	ETHICSKIT_EDITION=lecturer $(SITE_BUILD) --work $(ROOT)/_build/lecturer --output $(ROOT)/_build/lecturer/html
	@echo "Lecturer edition built: open $(abspath $(ROOT))/_build/lecturer/html/index.html (en/ and cy/)"

# The release bundle: both editions (each in English and Welsh) as zips, seminar packs (printed by Chromium), one SCORM package per
# dilemma, LECTURERS.md and SHA256SUMS, in dist/VERSION/ (the kit's version unless VERSION= is given).
# Both editions are built afresh in _build/release, so no page left over from an earlier build can slip
# in, and everything is dated by the last commit: the same commit gives the same bytes.
# The accessibility evidence is gathered first, so both editions show the conformance report of the
# tests run on this commit, and the bundle carries the same report.
RELEASE_BUILD := $(ROOT)/_build/release
COMMIT_EPOCH = $${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)}
release: $(VENV)/.book-ready graphviz chromium accessibility-evidence
	$(BIN)/ethicskit check --root $(ROOT)
	rm -rf $(RELEASE_BUILD)
	$(SITE_BUILD) --work $(RELEASE_BUILD)/student --output $(RELEASE_BUILD)/student/html
	ETHICSKIT_EDITION=lecturer $(SITE_BUILD) --work $(RELEASE_BUILD)/lecturer --output $(RELEASE_BUILD)/lecturer/html
	SOURCE_DATE_EPOCH="$(COMMIT_EPOCH)" CHROMIUM=$(CHROMIUM) \
		$(BIN)/ethicskit release --root $(ROOT) --output $(ROOT)/dist $(if $(VERSION),--version $(VERSION)) \
		--student-site $(RELEASE_BUILD)/student/html --lecturer-site $(RELEASE_BUILD)/lecturer/html

# The browser tests that audit every page of both editions with axe-core and play every dilemma path by
# keyboard, run so that they leave their evidence and the conformance report in _build/accessibility,
# where `make book`, `make lecturer` and `make release` find them. Dated by the last commit, so the same
# commit gives the same report. (The tests' own builds show a fixed fixture's report, so the pages they
# audit do not depend on any earlier run.)
EVIDENCE_DIR := $(ROOT)/_build/accessibility
accessibility-evidence: $(VENV)/.test-ready chromium graphviz node_modules/.ready
	rm -rf $(EVIDENCE_DIR)
	SOURCE_DATE_EPOCH="$(COMMIT_EPOCH)" ETHICSKIT_EVIDENCE=$(abspath $(EVIDENCE_DIR)) CHROMIUM=$(CHROMIUM) \
		GRAPHVIZ_DOT=$(DOT) $(BIN)/pytest -q $(PYTEST_PROCESSES) tests/test_browser.py \
		-k "no_wcag_a_or_aa_violations or plays_by_keyboard"
	@test -s $(EVIDENCE_DIR)/accessibility-evidence.json

test: $(VENV)/.test-ready chromium graphviz node_modules/.ready
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	CHROMIUM=$(CHROMIUM) GRAPHVIZ_DOT=$(DOT) $(BIN)/pytest $(PYTEST_PROCESSES)

# Speed and size against same-run baselines; prints a Markdown table (BENCH_RUNS=3 by default).
bench: $(VENV)/.test-ready chromium graphviz node_modules/.ready
	CHROMIUM=$(CHROMIUM) GRAPHVIZ_DOT=$(DOT) PYTEST_PROCESSES="$(PYTEST_PROCESSES)" $(BIN)/python bench/run.py

# Where each generated case's build time goes at 100 and 1,000 cases, under the profiler (BENCH_SCALES).
bench-profile: $(VENV)/.test-ready graphviz
	GRAPHVIZ_DOT=$(DOT) $(BIN)/python bench/profile_growth.py

check: $(VENV)/.book-ready
	$(BIN)/ethicskit check --root $(ROOT)

# The word catalogue's template: every interface message of the Python package and the browser
# scripts. Run it after adding or changing a message; a test fails while the template is out of date.
# No header: it would carry the time of each run, and the messages are what the template is for.
# Then each language's catalogue follows the template: new messages appear untranslated, gone ones go.
messages: $(VENV)/.book-ready
	$(BIN)/pybabel extract --mapping-file babel.cfg --keywords n_:1,2 --no-wrap --sort-by-file --omit-header --add-location file \
		--project "First Loyalty" --copyright-holder "First Loyalty contributors" \
		--output-file src/ethicskit/locale/ethicskit.pot src
	$(BIN)/python -m ethicskit.catalogue_upkeep

# The chapters' translation catalogues, translations/LANGUAGE/LC_MESSAGES/<chapter>.po, brought up to date
# with the chapters: their messages are extracted by Sphinx's gettext builder (through Jupyter Book, so
# the book's own configuration applies) into _build/translations, then merged into each catalogue by
# sphinx-intl, which rewrites a catalogue only when its messages changed (no dates or line numbers churn).
# Only chapters that already have a catalogue are updated; start translating another with, for example,
# `make translations START=book/privacy`. Compiled catalogues (.mo) are never written here: the build
# compiles them into its own output folder (ethicskit.sphinx.translations).
TRANSLATION_LANGUAGES := cy
TRANSLATIONS_BUILD := $(ROOT)/_build/translations
POT_DIR := $(TRANSLATIONS_BUILD)/_build/gettext
translations: $(VENV)/.book-ready graphviz
	rm -rf $(TRANSLATIONS_BUILD)
	GRAPHVIZ_DOT=$(DOT) $(BIN)/jupyter-book build $(ROOT) --builder custom --custom-builder gettext \
		--path-output $(TRANSLATIONS_BUILD) -W -n --keep-going -q
	@set -e; for lang in $(TRANSLATION_LANGUAGES); do \
		catalogues=$(ROOT)/translations/$$lang/LC_MESSAGES; staged=$(TRANSLATIONS_BUILD)/pot/$$lang; \
		chapters="$(START) $$(cd $$catalogues 2>/dev/null && find . -name '*.po' | sed 's|^\./||; s|\.po$$||' || true)"; \
		for chapter in $$chapters; do \
			test -f $(POT_DIR)/$$chapter.pot || { echo "No chapter $$chapter in the book (translations/$$lang)"; exit 1; }; \
			mkdir -p $$staged/$$(dirname $$chapter); cp $(POT_DIR)/$$chapter.pot $$staged/$$chapter.pot; \
		done; \
		$(BIN)/sphinx-intl update --pot-dir $$staged --locale-dir $(ROOT)/translations --language $$lang --line-width 110; \
	done

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
	rm -rf _build dist
