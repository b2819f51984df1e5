# Kasip: `make run` serves the demo region with a background worker; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

export KASIP_DEMO ?= 1

.PHONY: install run serve test lint messages clean bench coder

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install
	KASIP_HTTPS=0 $(PY) -m kasip migrate --noinput
	KASIP_HTTPS=0 $(PY) -m kasip collectstatic --noinput -v0
	KASIP_HTTPS=0 $(PY) -m kasip demo
	KASIP_HTTPS=0 HOST=$(HOST) PORT=$(PORT) PY=$(PY) bash scripts/serve.sh

test: install
	$(PY) -m pytest -q -n 2 --dist loadfile

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

messages: install
	cd src && ../$(PY) -m kasip makemessages -l ru -l kk -l en --no-obsolete --no-location
	$(PY) scripts/compile_messages.py

bench: install
	$(PY) bench/demo_load.py
	$(PY) bench/matching.py

# The occupation coder's index (uses $$KASIP_REFERENCE_DIR, or ../shared/data/reference, when present)
coder: install
	mkdir -p var
	$(PY) -m kasip.labour.coder build --out var/coder.pkl

clean:
	rm -rf $(VENV) var
