# The two commands: `make run` and `make test`. Both set up .venv first.
# `make bench` runs the benchmark suite (`make bench QUICK=1` for the reduced CI run).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint sysdeps render bench schema docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py $(ARGS)

sysdeps:
	@resources/install-system-deps.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check kiosk tests benchmarks main.py
	$(VENV)/bin/lint-imports

test: $(STAMP) sysdeps lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP) sysdeps
	$(PY) -m benchmarks.run $(if $(QUICK),--quick) $(BENCH_ARGS)

render: $(STAMP)
	rm -f docs/*.png docs/portrait/*.png docs/es/*.png
	$(PY) main.py render content.yaml --out docs --size 1920x1080
	$(PY) main.py render content.yaml --out docs/portrait --size 1080x1920
	$(PY) main.py render examples/bilingual.yaml --out docs/es --size 1920x1080
	rm -f docs/es/*-en*.png

schema: $(STAMP)
	$(PY) main.py schema > resources/content.schema.json

# The README's content-format tables and the JSON Schema, both written from the models.
docs: schema
	$(PY) -m kiosk.core.content.reference README.md

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
