# Two commands for a fresh machine with only Python:
#   make run    install everything, then build output/ from corpus/
#   make test   install everything, then run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test evaluate gold-check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[model,test,bench]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/extract run corpus --out output

test: install
	$(BIN)/python -m pytest

evaluate: install
	$(BIN)/extract evaluate --gold gold --pred output

gold-check: install
	$(BIN)/extract gold check gold --corpus corpus

bench: install
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
