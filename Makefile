# Everything runs from the virtual environment .venv/, made from the lock files.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck migrate demo vendor messages clean audit

$(STAMP): requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	touch $(STAMP)

migrate: $(STAMP)
	$(PY) -m wuji migrate --noinput

demo: migrate
	$(PY) -m wuji load_demo --if-empty

run: demo
	@echo "五基 demo: http://127.0.0.1:8000  (accounts in README.md, password Wuji-demo-2010)"
	WUJI_DEFAULT_AS_OF=$${WUJI_DEFAULT_AS_OF-2010-10-31} $(PY) -m wuji runserver 127.0.0.1:8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check wuji tests

typecheck: $(STAMP)
	WUJI_ENV=test $(VENV)/bin/mypy wuji

test: $(STAMP) lint typecheck
	WUJI_ENV=test $(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

vendor:
	bash scripts/vendor.sh

# Known vulnerabilities in the locked dependencies (asks the PyPI / OSV advisory service), then the
# deploy checks under production settings and the audit trail's hash chains.
audit: $(STAMP)
	$(VENV)/bin/pip-audit --strict --require-hashes --disable-pip -r requirements/base.txt -r requirements/dev.txt
	WUJI_ENV=test $(PY) -m wuji verify_audit

# The 繁體 catalogue: collect the marked strings, fill new ones by OpenCC, compile the .mo
# (needs GNU gettext: apt-get install gettext). Commit locale/ with the code that changed.
messages: $(STAMP)
	$(PY) -m wuji translate_hant

clean:
	rm -rf $(VENV) var/
