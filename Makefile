# The two commands a newcomer runs (each sets everything up on a fresh machine):
#   make demo   clean the bundled example corpus and show every removal with its reason
#   make test   run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test bench eval-clean acceptance clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/samestory clean examples/ --explain

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_clean.py

eval-clean: $(VENV)/.installed
	$(BIN)/samestory eval clean

acceptance: $(VENV)/.installed
	../shared/acceptance/run

clean-venv:
	rm -rf $(VENV)
