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
	$(PY) -m pip install --quiet -e '.[test,video]'
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
	rm -rf docs/*.png docs/portrait/*.png docs/es/*.png docs/booth
	$(PY) main.py render content.yaml --out docs --size 1920x1080
	$(PY) main.py render content.yaml --out docs/portrait --size 1080x1920
	$(PY) main.py render examples/bilingual.yaml --out docs/es --size 1920x1080
	rm -f docs/es/*-en*.png
	$(PY) main.py render examples/booth.yaml --out docs/booth --size 1920x1080
	$(PY) main.py render examples/booth.yaml --out docs/booth/portrait --size 1080x1920
	find docs/booth -name '*.png' ! -path docs/booth/01-poster-en.png ! -path docs/booth/02-deck-en-p2.png \
		! -path docs/booth/03-loop-en.png ! -path docs/booth/04-poster-framed-en.png ! -path docs/booth/portrait/02-deck-en-p1.png \
		! -path docs/booth/portrait/09-poster-framed-es.png -delete

schema: $(STAMP)
	$(PY) main.py schema > resources/content.schema.json

# The README's content-format tables and the JSON Schema, both written from the models.
docs: schema
	$(PY) -m kiosk.core.content.reference README.md

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
