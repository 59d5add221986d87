# make run  — set up, extract the samples with the rule path, show the result
# make test — set up, lint, run the test suite (offline)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out
SAMPLE := 001_791fcfb07cf1515f

.PHONY: install run test lint format schema benchmark record clean

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the package metadata changed.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/extractor extract samples/ --path rules --out $(OUT)/
	@echo
	@echo "== head of $(OUT)/$(SAMPLE).json =="
	@head -n 40 $(OUT)/$(SAMPLE).json

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .

schema: $(STAMP)
	$(BIN)/extractor schema

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py

# Re-record cassettes/ from the local model (llama.cpp on 127.0.0.1; needs the `local` extra
# or EXTRACTOR_LLAMA_PYTHON=<python with llama-cpp-python[server]>). RECORD=more articles.
record: $(STAMP)
	$(BIN)/python scripts/record_cassettes.py samples/ $(RECORD)

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
