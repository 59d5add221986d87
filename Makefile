# make run  — set up, run both paths on the samples, cross-check them, write the report
#             (LLM answers replayed from cassettes/; live: make run LLM=local or LLM=openai:MODEL)
# make test — set up, lint (ruff, mypy), run the test suite (offline)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out
LLM    ?=
# the LLM strategy of make run and make record: anchored (it scores far better, see README)
STRATEGY ?= anchored
# which facts the reconciled output takes: auto (default: agreed-numbers with a hosted
# model, rules-first with the bundled one), rules-first, agreed, agreed-names or agreed-numbers
RECONCILE ?=
BASE_URL ?=
LOCAL  := $(VENV)/.installed-local
SAMPLE := 001_791fcfb07cf1515f

.PHONY: install install-local run test lint format schema benchmark record clean snapshot

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the package metadata changed.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[dev]'
	touch $(STAMP)

# The embedded model. llama-cpp-python builds from source (about 10 minutes on 2 cores),
# portable: no instructions of the build machine's own CPU (GGML_NATIVE=OFF, no AVX-512/AMX),
# so the build runs on any x86-64 with AVX2; no cached wheel of another build is reused
# (PIP_FIND_LINKS=DIR still offers a prebuilt one). Done only when the served model answers.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF

install-local: $(LOCAL)

$(LOCAL): $(STAMP)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip install --no-cache-dir \
		--force-reinstall 'llama-cpp-python[server]>=0.3'
	$(BIN)/python -m pip install -e '.[local]'
	$(BIN)/python -m extractor.llm.check_local
	touch $(LOCAL)

run: $(STAMP) $(if $(filter local%,$(LLM)),$(LOCAL))
	$(BIN)/extractor compare samples/ $(if $(LLM),--llm $(LLM),--recorded-only) $(if $(BASE_URL),--base-url $(BASE_URL)) $(if $(STRATEGY),--strategy $(STRATEGY)) $(if $(RECONCILE),--reconcile $(RECONCILE)) --out $(OUT)/
	@echo
	@echo "== $(OUT)/reconciled/$(SAMPLE).json, first facts (all: $(OUT)/{rules,llm,reconciled}/; report: $(OUT)/index.html) =="
	@$(BIN)/python -m extractor.output.excerpt $(OUT)/reconciled/$(SAMPLE).json 2

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q -n auto

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .

schema: $(STAMP)
	$(BIN)/extractor schema

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py

# Record the cassettes of any articles or folders (RECORD=..., default samples/) from the local
# model (llama.cpp on 127.0.0.1; needs the `local` extra or EXTRACTOR_LLAMA_PYTHON=<python with
# llama-cpp-python[server]>), one article at a time; complete cassettes are skipped, so an
# interrupted recording continues where it stopped. STRATEGY=anchored (default) or direct.
RECORD   ?= samples/
record: $(STAMP)
	$(BIN)/python scripts/record_cassettes.py $(RECORD) --strategy $(STRATEGY)

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache

# Review and accept the rule path's output on every article in the repo as the new snapshot.
snapshot: $(STAMP)
	$(BIN)/python scripts/rules_snapshot.py --accept
