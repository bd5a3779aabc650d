# yusuan: `make demo` builds the Korla 2024 example into out/; `make test` runs lint, types and every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.dev-installed

.PHONY: demo test fuzz setup dev system-deps lint typecheck serve bench clean

demo: setup
	$(BIN)/yusuan build examples/korla-2024 -o out/korla-2024
	@echo "打开 out/korla-2024/disclosure.html（或 .pdf / .docx / .xlsx）查看生成的公开文件。"

test: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

# ≥ 10,000 mutated inputs against every reader and build source (`make test` runs a short
# version in tests/fuzz/test_fuzz.py); prints the counts, exits 1 on any traceback/crash/hang.
FUZZ_COUNT ?= 10000
fuzz: dev
	$(BIN)/python tests/fuzz/run.py --count $(FUZZ_COUNT) --keep out/fuzz-failures

setup: system-deps $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[postgres]'
	@touch $@

dev: setup $(DEVSTAMP)
	@bash scripts/system-deps.sh --all

$(DEVSTAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install -q -e '.[postgres,dev]'
	@touch $@

lint: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

serve: setup
	$(BIN)/python -m yusuan.web.demo

bench: setup
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf out build dist .pytest_cache .mypy_cache .ruff_cache
