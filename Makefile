# The two commands a newcomer runs (each sets everything up on a fresh machine):
#   make demo   add the bundled examples to a fresh corpus, list its copies and translations,
#               its stories and a German query's hits, then compare a same-story pair across
#               languages and a hard negative
#   make test   run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test check bench bench-serve eval-clean acceptance clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# torch (CPU, 2.13.0) first, from the local wheel this machine carries: left to the resolver,
# sentence-transformers would pull a multi-GB CUDA build. It serves the optional [st] backend only.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test,st,parquet,serve,ray]'
	touch $@

# The main job on the bundled examples: a fresh corpus from examples/ and demo/ (a copy and a
# translation among them), its duplicates, then two comparisons (a same-story pair across
# languages and a hard negative: same observatory, another event).
demo: $(VENV)/.installed
	rm -rf .demo.db
	$(BIN)/samestory add examples/ demo/ --db .demo.db
	$(BIN)/samestory duplicates --db .demo.db
	$(BIN)/samestory stories --db .demo.db
	$(BIN)/samestory search "Kometen in Sibirien entdeckt" --db .demo.db --limit 3
	$(BIN)/samestory compare examples/kedrovaya-comet.en.txt examples/kedrovaya-comet.ru.txt
	$(BIN)/samestory compare examples/kedrovaya-comet.en.txt examples/kedrovaya-visitor-centre.ru.txt

test: check
	$(BIN)/python -m pytest -q

# Architecture and hygiene, before the tests: layer contracts, lint, format, types.
check: $(VENV)/.installed
	$(BIN)/lint-imports
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_clean.py

bench-serve: $(VENV)/.installed
	$(BIN)/python bench/bench_serve.py

eval-clean: $(VENV)/.installed
	$(BIN)/samestory eval clean

acceptance: $(VENV)/.installed
	../shared/acceptance/run

clean-venv:
	rm -rf $(VENV)
