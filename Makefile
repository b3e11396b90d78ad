# briefing: two commands do all set-up on a machine with only python3 and make.
#   make run    set up, then ingest and summarise seeds/ with embedded defaults
#   make test   set up, then run the whole test suite
# Everything installs from uv.lock into .venv; uv itself goes into .tools.

PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
STAMP := $(VENV)/.synced

export UV_PYTHON_DOWNLOADS := never
export UV_COMPILE_BYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(VENV)
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export GX_ANALYTICS_ENABLED := false

.PHONY: run test setup bench eval lint serve server browser clean replay

run: setup
	$(VENV)/bin/briefing run

test: setup browser
	$(VENV)/bin/python -m pytest -q $(PYTEST_ARGS)

setup: $(STAMP)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet "uv==0.13.9"

$(STAMP): $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	touch $(STAMP)

# Headless Chromium for the report and UI screenshot tests (Debian package; best effort, tests
# that need it skip with a message when it cannot be installed).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium for the screenshot tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: screenshot tests will skip"; \
	  else echo "chromium not installed and not root: screenshot tests will skip"; fi; }

eval: setup
	$(VENV)/bin/briefing eval

# A month of briefings: PolNeAR train+dev from ../shared, ingested at once, one summary per publication day
# (data/replay/reports; no Slack).
replay: setup
	$(VENV)/bin/briefing replay

bench: setup
	$(VENV)/bin/briefing bench $(BENCH_ARGS)

# A local Prefect server (SQLite under .prefect/, telemetry off); UI at http://127.0.0.1:4200.
PREFECT_PORT ?= 4200
PREFECT_HOME ?= $(CURDIR)/.prefect
server: setup
	PREFECT_HOME=$(PREFECT_HOME) PREFECT_UI_API_URL=http://127.0.0.1:$(PREFECT_PORT)/api \
	  PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS=10 \
	  $(VENV)/bin/prefect server start --host 127.0.0.1 --port $(PREFECT_PORT)

# The deployments and the seeds/ watcher, served against that server (run `make server` first).
serve: setup
	PREFECT_HOME=$(PREFECT_HOME) PREFECT_API_URL=http://127.0.0.1:$(PREFECT_PORT)/api $(VENV)/bin/briefing serve

lint: setup
	$(VENV)/bin/ruff check flows tests

clean:
	rm -rf $(VENV) $(TOOLS) data .prefect
