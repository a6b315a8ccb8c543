# Two-command quickstart: `make demo` and `make test` (README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SAKIP  := $(BIN)/sakip
HOST   ?= 127.0.0.1:8000

.PHONY: setup migrate demo-data demo test lint clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.terpasang: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.terpasang

migrate: setup
	$(SAKIP) migrate --noinput

demo-data: migrate
	$(SAKIP) load-demo

demo: demo-data
	@$(SAKIP) demo-logins
	$(SAKIP) runserver $(HOST)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check sakip tests
	$(BIN)/mypy --strict sakip/engine

clean:
	rm -rf $(VENV) var build *.egg-info
