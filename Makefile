# Senda — every command a developer or CI needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BIN ?= $(shell command -v python3.10 >/dev/null 2>&1 && python3.10 -c 'import sys' 2>/dev/null && echo python3.10 || (ls $$HOME/.pyenv/versions/3.10.*/bin/python3.10 2>/dev/null | tail -1))
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed
MODEL_STAMP := models/.trained
TRAINING_INPUTS := config.yml $(shell find nlu responses -name '*.yml' ! -name 'resources.yml' ! -name 'topics.yml' ! -name 'places.yml' 2>/dev/null)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false

.PHONY: help install run chat serve model train test test-fast lint format types validate content-check publish eval lang-eval bench pot clean dashboard browser

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(STAMP) ## create .venv with Python 3.10 and the pinned packages
$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON_BIN)" || { echo "Python 3.10 is required (python3.10 not found)"; exit 1; }
	@[ -x $(PY) ] || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==24.3.1
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

model: $(MODEL_STAMP) ## train the Rasa model when training data or config changed
train: $(MODEL_STAMP) ## same as model
$(MODEL_STAMP): $(STAMP) $(TRAINING_INPUTS)
	@mkdir -p models
	@start=$$(date +%s); \
	$(RASA) train --config config.yml --domain responses --data nlu --out models --fixed-model-name senda \
	  && echo "Training took $$(( $$(date +%s) - start )) s"
	@touch $@

run: $(MODEL_STAMP) publish ## start Senda (the Telegram bot if TELEGRAM_BOT_TOKEN is set, else a terminal chat) and the staff dashboard
	$(VENV)/bin/senda run

chat: $(MODEL_STAMP) publish ## chat with Senda in the terminal
	$(VENV)/bin/senda chat

serve: $(MODEL_STAMP) publish ## run the Rasa server and the action server until Ctrl-C
	$(VENV)/bin/senda serve

test: lint types $(MODEL_STAMP) publish browser ## lint and type-check, then run every test (trains the model first if needed)
	$(PY) -m pytest

test-fast: $(STAMP) browser ## unit tests only (no trained model, no servers)
	$(PY) -m pytest -m 'not stack'

lint: $(STAMP) ## ruff: pyflakes, pycodestyle errors, sorted imports, and the code as ruff format writes it (pyproject.toml [tool.ruff])
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP) ## format the code (ruff format), sort imports and fix what ruff can fix by itself
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

types: $(STAMP) ## mypy over actions/ and bot/ (pyproject.toml [tool.mypy])
	$(VENV)/bin/mypy

browser: ## install Debian's chromium and chromedriver for the dashboard's browser tests, if missing
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  (apt-get update && apt-get install -y chromium chromium-driver)

dashboard: $(STAMP) ## run the staff dashboard on 127.0.0.1 (add an account: senda analytics add-user NAME)
	$(VENV)/bin/senda analytics dashboard

validate: $(STAMP) ## check the training data and domain with Rasa
	$(RASA) data validate --config config.yml --domain responses --data nlu --fail-on-warnings

content-check: $(STAMP) ## check answers and translations: senda content check
	$(VENV)/bin/senda content check

publish: $(STAMP) ## check the content, compile the catalogs (.mo) and make it live: senda content publish
	$(VENV)/bin/senda content publish

REAL_QUESTIONS := ../shared/data/real_questions/dev.csv
eval: $(MODEL_STAMP) publish ## score every dev set (tests/eval/dev.csv, tests/eval/real_questions.csv, ../shared real questions) and the harm set (emergency first)
	$(VENV)/bin/senda eval tests/eval/dev.csv --json results/eval.json
	$(VENV)/bin/senda eval tests/eval/real_questions.csv --json results/eval-own-real-questions.json
	$(VENV)/bin/senda eval --harm tests/eval/harm_measure.csv --json results/eval-harm.json
	@if [ -f $(REAL_QUESTIONS) ]; then \
	  $(VENV)/bin/senda eval $(REAL_QUESTIONS) --json results/eval-real-questions.json; \
	else echo "$(REAL_QUESTIONS) is absent: real questions not measured"; fi

lang-eval: $(STAMP) ## measure K'iche' identification on ../shared/data/kiche
	$(PY) -m tests.bench.lang_measure

bench: $(MODEL_STAMP) ## print training, load and per-message times and memory, report and dashboard page times on 1M events
	$(PY) -m tests.bench.stack
	$(PY) -m tests.bench.analytics
	$(PY) -m tests.bench.unanswered
	$(PY) -m tests.bench.dashboard

pot: $(STAMP) ## extract responses/ (and the dashboard's templates) into locales/*.pot and update the catalogs
	$(VENV)/bin/senda content catalogs
	$(VENV)/bin/pybabel extract -F babel-dashboard.cfg --no-wrap --sort-by-file -o locales/dashboard.pot \
	  --project=Senda --copyright-holder="Senda" --msgid-bugs-address="" .
	@for lang in es en; do \
	  $(VENV)/bin/pybabel update --no-wrap -D dashboard -l $$lang -i locales/dashboard.pot \
	    -o locales/$$lang/LC_MESSAGES/dashboard.po --ignore-obsolete; done

clean: ## remove the trained model and caches (keeps .venv)
	rm -rf models .rasa results .pytest_cache
