# The two commands: `make run` and `make test`. Both set up .venv first.
# `make bench` runs the benchmark suite (`make bench QUICK=1` for the reduced CI run).
# `make test VENV=.venv-qt6.8 QT=6.8.0.2` runs the suite on that PySide6 release instead of the newest
# (6.8.0.2 is the newest Raspberry Pi OS Bookworm can install; CI runs both).
PYTHON ?= python3
VENV ?= .venv
QT ?=
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint sysdeps render bench schema docs clean editor-shots hooks

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,video,bench,edit]' $(if $(QT),'PySide6-Essentials==$(QT)' 'PySide6-Addons==$(QT)' 'shiboken6==$(QT)')
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py $(ARGS)

sysdeps:
	@resources/install-system-deps.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check kiosk tests harness benchmarks tools main.py
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

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
	$(PY) main.py schema --urgent > resources/urgent.schema.json

# docs/format.md's field tables and the JSON Schema, both written from the models.
docs: schema
	$(PY) -m tools.format_reference docs/format.md

hooks:
	git config core.hooksPath .githooks

clean:
	rm -rf $(VENV) .venv-qt6.8 .pytest_cache .ruff_cache .mypy_cache

# The editor's screenshots in docs/editor/, taken by its browser tests (docs/editor.md shows them).
editor-shots: $(STAMP) sysdeps
	KIOSK_EDITOR_SHOTS=docs/editor QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/e2e/editor/ -q
