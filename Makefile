# Quick start: `make demo` and `make test` each set themselves up from nothing.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1

.PHONY: demo test lint typecheck bench sysdeps-audio sysdeps-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# System libraries: PortAudio for sounddevice, Chromium for the HTML report tests.
# Installed with apt-get only when missing and running as root; otherwise say what is needed.
sysdeps-audio:
	@sh scripts/sysdeps.sh audio

sysdeps-test:
	@sh scripts/sysdeps.sh test

demo: $(STAMP) sysdeps-audio
	$(BIN)/mock-interviewer demo

test: $(STAMP) sysdeps-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP) sysdeps-audio
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist src/*.egg-info
