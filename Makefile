# Two commands set everything up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test install install-dev bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	HF_HUB_OFFLINE=1 $(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

test: install-dev
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q tests

bench: install-dev
	$(BIN)/python benchmarks/quotes_polnear.py
	$(BIN)/python benchmarks/stance_eval.py
	$(BIN)/python benchmarks/summary_rouge.py
	$(BIN)/python benchmarks/topics_eval.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/corpus.py

clean:
	rm -rf $(VENV) test-output .pytest_cache
