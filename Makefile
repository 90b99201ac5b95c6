# `make run` starts the app on the demo company; `make test` runs lint and the whole test suite.
# Both create .venv from the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run workshop test lint bench demo-data screenshot clean

$(VENV)/.run-installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.run-installed requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The database (with the demo company on a first start) is made before the server
# answers, so the first visitor does not wait for the demo company's import.
run: $(VENV)/.run-installed
	$(PY) -m analytics prepare
	$(VENV)/bin/streamlit run app.py

# A workshop: reachable from participants' devices on the office network, only with a
# passcode (KUNDFOKUS_WORKSHOP_PASSCODE or workshop_passcode in .streamlit/secrets.toml).
workshop: $(VENV)/.run-installed
	$(PY) -m analytics prepare
	$(PY) -m ui.serve

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The tests without a browser on every core; the real-browser tests one at a time, since
# each drives an app server and chromium and is timed by what it waits for.
test: lint
	$(PY) -m pytest -n auto --dist loadfile -m "not browser"
	$(PY) -m pytest -m browser

bench: $(VENV)/.dev-installed
	$(PY) -m bench

demo-data: $(VENV)/.run-installed
	$(PY) -m analytics demo --out data

screenshot: $(VENV)/.dev-installed
	$(PY) -m tests.browser_screenshot

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
