# Two entry points for a new user:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ankang.bench.report_fonts || apt-get install -y fonts-noto-cjk  # CJK font for report tests
	touch $@

.PHONY: install demo test lint
install: $(BIN)/.installed

demo: install          ## set up, then serve the demo on http://127.0.0.1:8000
	$(BIN)/ankang serve --demo

test: install          ## set up, then run lint, layer checks and the whole test suite
	$(BIN)/ruff check src tests
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy src/ankang/engines src/ankang/knowledge
