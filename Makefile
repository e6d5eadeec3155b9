# The two commands a newcomer needs: `make demo` and `make test`.
# Both build .venv/ from uv.lock when it is missing or stale.

PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
KHABAR := $(BIN)/khabar
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: assets demo worker test test-sqlite test-postgres lint messages serve bench bench-api bench-comments bench-demo-photos bench-desk bench-import bench-instructions bench-keywords bench-outage bench-passes bench-publish bench-search bench-storm bench-tools keyword-quality soak soak-comments browser clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet "uv>=0.5,<1"

$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

venv: $(VENV)/.synced

demo: $(VENV)/.synced
	$(KHABAR) migrate --no-input
	$(KHABAR) collectstatic --no-input --verbosity 0
	$(KHABAR) demo_seed --base-url http://$(HOST):$(PORT)/
	DEBUG=false HOST=$(HOST) PORT=$(PORT) $(BIN)/python -m config.serve --with-worker

serve: $(VENV)/.synced
	DEBUG=false HOST=$(HOST) PORT=$(PORT) $(BIN)/python -m config.serve

# The background worker (scheduled publishing, alert expiry); `make demo` runs one itself.
worker: $(VENV)/.synced
	$(KHABAR) worker

lint: $(VENV)/.synced
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(KHABAR) makemigrations --check --dry-run

# Every message of the code into the project catalog (khabar/locale), then compiled. The
# apps' locale folders are skipped so that makemessages does not split the messages among
# them: Django reads the project catalog first, so it must hold them all.
messages: $(VENV)/.synced
	$(KHABAR) makemessages -l fa -l ar --no-obsolete --ignore=locale --ignore=node_modules \
		--ignore=var --ignore=bench
	cd khabar/locale && for po in */LC_MESSAGES/django.po; do \
		msgfmt --check -o $${po%.po}.mo $$po || exit 1; done

browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

test: $(VENV)/.synced browser lint test-sqlite test-postgres

# The README's screenshots (docs/screenshots/), taken by the end-to-end browser test.
.PHONY: screenshots
screenshots: $(VENV)/.synced node_modules browser
	KHABAR_SCREENSHOTS=1 $(BIN)/pytest -q -p no:randomly \
		khabar/newsroom/tests/test_desk_journey_browser.py -k public_site

# From package-lock.json: axe-core for the browser tests' accessibility check; TipTap and
# esbuild for the editor's script (make assets, and the test that it is up to date).
node_modules: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The article editor's script (TipTap, bundled by esbuild from package-lock.json's packages)
# is committed, so `make demo` needs no Node; after changing khabar/newsroom/assets/ or the
# npm packages, rebuild it here. A test checks the committed file is this build's output.
assets: node_modules
	node khabar/newsroom/assets/build.mjs

test-sqlite: $(VENV)/.synced node_modules
	DATABASE_URL= $(BIN)/pytest

# Runs the suite again on PostgreSQL; skipped (with a message) when none answers.
PG_URL ?= postgres://postgres@127.0.0.1:5432/khabar
test-postgres: $(VENV)/.synced
	@if $(BIN)/python -m config.pgcheck "$(PG_URL)"; then \
		DATABASE_URL="$(PG_URL)" SECRET_KEY=test-suite-only $(BIN)/pytest -m "not browser"; \
	else \
		echo "SKIPPED: no PostgreSQL at $(PG_URL); the suite ran on SQLite only."; \
	fi

# The figures of DESIGN §10 against nginx in the same run (bench/run.py says how), then
# where an uncached article page's CPU goes (cProfile, bench/profiling.py):
# BENCH_ARTICLES=2000 make bench for a quick run; results in var/bench/results.md.
bench: $(VENV)/.synced bench-tools
	$(BIN)/python -m bench.run --profile
	$(BIN)/python -m bench.publish_latency
	$(BIN)/python -m bench.api
	$(BIN)/python -m bench.comments_bench

# The content API beside the article page, cached and uncached (bench/api.py says how):
# 6,000 articles by default; results in var/bench/api-results.md.
bench-api: $(VENV)/.synced bench-tools
	$(BIN)/python -m bench.api

# Publish latency alone: scheduled instant → the cached home page lists it (worker running).
bench-publish: $(VENV)/.synced
	$(BIN)/python -m bench.publish_latency

# Search latency, SQLite and PostgreSQL (skipped when none answers), 10,000 and 100,000
# articles: BENCH_SEARCH_SIZES=100000,1000000 for the issue's figure; bench/search.py says how.
bench-search: $(VENV)/.synced
	$(BIN)/python -m bench.search

# Slow clients against the production server: SLOW=64 SECONDS=20 by default; then the
# comments' durability through a kill -9 (soak-comments, below).
soak: $(VENV)/.synced
	$(BIN)/python -m bench.slow_clients
	$(BIN)/python -m bench.comments_soak

# 1,000 comments posted while the server is killed with kill -9 and restarted halfway: every
# acknowledged one stored exactly once, on SQLite and on PostgreSQL (COMMENTS_BENCH_DATABASE_URL,
# skipped with a message when none answers). SOAK_POSTS=1000 SOAK_CLIENTS=32 by default.
soak-comments: $(VENV)/.synced
	$(BIN)/python -m bench.comments_soak

# Instructions per uncached article page (callgrind: the same on every run of the same code,
# however loaded the machine), beside the CPU reference's; bench/instructions.py says how.
bench-instructions: $(VENV)/.synced bench-tools
	$(BIN)/python -m bench.instructions

# Comments accepted per second at 16 clients, SQLite then PostgreSQL; also run by `make bench`.
bench-comments: $(VENV)/.synced
	$(BIN)/python -m bench.comments_bench

# What the demo's photos add to `make demo` (the seed, and the worker's renditions).
bench-demo-photos: $(VENV)/.synced
	$(BIN)/python -m bench.demo_photos

# Reading while the newest article is edited once a second, with Redis and on the embedded
# setup (bench/edit_storm.py says how): BENCH_ARTICLES=2000 STORM_SECONDS=10 for a quick run.
bench-storm: $(VENV)/.synced bench-tools
	$(BIN)/python -m bench.edit_storm

# The site while its Redis is down, refused and silent, against Redis up in the same run
# (bench/redis_outage.py says how): BENCH_ARTICLES=2000 OUTAGE_SECONDS=5 for a quick run.
bench-outage: $(VENV)/.synced bench-tools
	$(BIN)/python -m bench.redis_outage

# URLs whose answers the page cache cannot store (a 404, a redirect, /healthz) at 1 and 16
# connections: side by side, not one render at a time (bench/passes.py says how).
bench-passes: $(VENV)/.synced bench-tools
	$(BIN)/python -m bench.passes

# The newsroom's article list on 100,000 articles, p50/p95 against the sign-in page in the
# same run (bench/desk.py says how); BENCH_ARTICLES=2000 make bench-desk for a quick run.
bench-desk: $(VENV)/.synced
	$(BIN)/python -m bench.desk

# The archive importer's pages a second against the bulk path bench.seed uses, in the same
# run (bench/import_bench.py says how); IMPORT_PAGES=200 make bench-import for a quick run.
bench-import: $(VENV)/.synced
	$(BIN)/python -m bench.import_bench

bench-tools:
	@command -v wrk >/dev/null && command -v nginx >/dev/null && command -v valgrind >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq wrk nginx-light valgrind)

clean:
	rm -rf $(VENV) $(TOOLS) var/ staticfiles/

# Precision of the top five keyword suggestions on 30 labelled articles, per language.
keyword-quality: $(VENV)/.synced
	DATABASE_URL= $(BIN)/pytest -q -s -p no:randomly khabar/articles/tests/test_suggestion_quality.py

# p50/p95 of the keyword autocomplete on 50,000 keywords (bench/desk_keywords.py says how).
bench-keywords: $(VENV)/.synced
	$(BIN)/python -m bench.desk_keywords
