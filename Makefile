# Kasip: `make run` serves the demo region with a background worker; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# the occupation coder's file (the site reads KASIP_CODER_PATH, default var/coder.pkl)
CODER_FILE := $(or $(KASIP_CODER_PATH),var/coder.pkl)

export KASIP_DEMO ?= 1

.PHONY: install run serve test lint messages clean bench coder coder-if-missing

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install coder-if-missing
	KASIP_HTTPS=0 $(PY) -m kasip migrate --noinput
	KASIP_HTTPS=0 $(PY) -m kasip collectstatic --noinput -v0
	KASIP_HTTPS=0 $(PY) -m kasip demo
	KASIP_HTTPS=0 HOST=$(HOST) PORT=$(PORT) PY=$(PY) bash scripts/serve.sh

test: install coder-if-missing
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
	mkdir -p $(dir $(CODER_FILE))
	$(PY) -m kasip.labour.coder build --out $(CODER_FILE)

# Built (a minute or two) before `make run` and `make test` when it is missing, corrupt or from an older
# version of the coder; `make coder` always rebuilds it.
coder-if-missing: install
	@$(PY) -c "import sys; from kasip.labour.coder import OccupationCoder; OccupationCoder.load(sys.argv[1])" $(CODER_FILE) 2>/dev/null \
	  || { mkdir -p $(dir $(CODER_FILE)) && echo "building the occupation coder $(CODER_FILE) (a minute or two)" \
	       && $(PY) -m kasip.labour.coder build --out $(CODER_FILE); }

clean:
	rm -rf $(VENV) var
