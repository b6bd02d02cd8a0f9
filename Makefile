# Two commands on a fresh machine: `make demo` and `make test`. Everything else is for developers.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench export readme venv clean

$(STAMP): settings.ini setup.py constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dev]"
	@touch $@

venv: $(STAMP)

# The main job on the embedded store: the tutorial notebook through papermill, then what it recorded.
demo: $(STAMP)
	@mkdir -p .mlops/demo
	$(BIN)/papermill nbs/tutorial.ipynb .mlops/demo/tutorial.out.ipynb -p n_estimators 150 --cwd nbs --log-level WARNING
	@echo; echo "== Recorded runs (mlops-nb runs -e tutorial) =="
	@$(BIN)/mlops-nb runs -e tutorial -n 4
	@echo; echo "== Settings and store (mlops-nb config) =="
	@$(BIN)/mlops-nb config
	@echo; echo "== Look at them =="
	@echo "  executed notebook:  .mlops/demo/tutorial.out.ipynb"
	@echo "  MLflow UI:          $(BIN)/mlflow ui --backend-store-uri sqlite:///$(CURDIR)/.mlops/mlflow.db   (then open http://127.0.0.1:5000)"
	@echo "  JupyterLab:         $(BIN)/jupyter lab nbs/tutorial.ipynb"

# Airflow lives in its own test-only environment (the export test loads DAGs with it), never in mlops_nb's install.
AIRFLOW_VENV := .venv-airflow
$(AIRFLOW_VENV)/.installed: tests/airflow-requirements.txt $(STAMP)
	$(BIN)/python -m uv venv -q --allow-existing -p $(BIN)/python $(AIRFLOW_VENV)
	$(BIN)/python -m uv pip install -q -p $(AIRFLOW_VENV)/bin/python -r tests/airflow-requirements.txt
	@touch $@

test: $(STAMP) $(AIRFLOW_VENV)/.installed
	$(BIN)/python tools/check_sync.py
	root=$$(mktemp -d) && MLOPS_NB_ROOT=$$root $(BIN)/nbdev_test; status=$$?; rm -rf $$root; exit $$status
	$(BIN)/python -m pytest tests

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Developer loop: after editing notebooks, export the library, clean the notebooks, regenerate the README.
export: $(STAMP)
	$(BIN)/nbdev_export
	$(BIN)/nbdev_clean
	$(BIN)/python tools/readme.py

readme: $(STAMP)
	$(BIN)/python tools/readme.py

clean:
	rm -rf $(VENV) .mlops/demo build dist *.egg-info
