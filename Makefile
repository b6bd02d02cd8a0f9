# Two commands on a fresh machine: `make demo` and `make test`. Everything else is for developers.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONSTRAINTS ?= constraints.txt

.PHONY: demo test check lint bench export readme venv clean screenshots labext

$(STAMP): settings.ini setup.py $(CONSTRAINTS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c $(CONSTRAINTS) -e ".[dev]"
	@touch $@

# `pip install -e .` never installs data_files: the sidebar's bundle is linked and its server extension turned on in the venv.
LAB := $(VENV)/.lab
$(LAB): $(STAMP) jupyter-config/jupyter_server_config.d/mlops_nb.json
	mkdir -p $(VENV)/share/jupyter/labextensions $(VENV)/etc/jupyter/jupyter_server_config.d
	ln -sfn $(CURDIR)/mlops_nb/labextension $(VENV)/share/jupyter/labextensions/mlops-nb-lab
	cp jupyter-config/jupyter_server_config.d/mlops_nb.json $(VENV)/etc/jupyter/jupyter_server_config.d/
	@touch $@

venv: $(STAMP) $(LAB)

# The sidebar's bundle, built with the machine's Node (jlpm install --immutable && jlpm build:prod); commit mlops_nb/labextension/.
labext: $(STAMP)
	$(BIN)/python tools/labext.py build

# The main job on the embedded store: the tutorial notebook promoted to a job and run with papermill, then what it recorded.
demo: $(STAMP) $(LAB)
	$(BIN)/mlops-nb promote nbs/tutorial.ipynb tutorial -p n_estimators=150 --no-smoke
	@echo; echo "== Continuous training: three nights of the job; each registers, validates and promotes only what passes =="
	$(BIN)/mlops-nb jobs run tutorial
	$(BIN)/mlops-nb jobs run tutorial -p n_estimators=300 -p learning_rate=0.05
	@echo "   (the third night's model is worse: its gate fails and the champion stays)"
	$(BIN)/mlops-nb jobs run tutorial -p n_estimators=20 -p learning_rate=0.05
	@echo; echo "== The champion moved back one step in one call =="
	$(BIN)/mlops-nb models rollback breast-cancer-gb --reason "demo: back to the previous champion"
	@$(BIN)/mlops-nb models show breast-cancer-gb
	@echo; echo "== Every move of the alias, kept in the registry (mlops-nb models history breast-cancer-gb) =="
	@$(BIN)/mlops-nb models history breast-cancer-gb
	@echo; echo "== Watching the champion: new rows with four columns scaled by 1.3 on purpose, against its stored reference =="
	@$(BIN)/python tools/demo_window.py .mlops/demo-window.csv
	$(BIN)/mlops-nb monitor breast-cancer-gb@champion .mlops/demo-window.csv --target target --alert "drift_share > 0.1 or accuracy < 0.9"
	@echo; echo "== The job (mlops-nb jobs show tutorial) =="
	@$(BIN)/mlops-nb jobs show tutorial
	@echo; echo "== Recorded runs: the job run and its children (mlops-nb runs -e jobs/tutorial) =="
	@$(BIN)/mlops-nb runs -e jobs/tutorial -n 4
	@echo; echo "== Settings and store (mlops-nb config) =="
	@$(BIN)/mlops-nb config
	@echo; echo "== Look at them =="
	@echo "  Prometheus:         $(BIN)/mlops-nb metrics   (the last window's drift and performance, job runs, at 127.0.0.1:9464/metrics)"
	@echo "  output notebooks:   .mlops/jobs/tutorial/runs/   (history: $(BIN)/mlops-nb jobs history tutorial)"
	@echo "  MLflow UI:          $(BIN)/mlops-nb ui   (prints its link; $(BIN)/mlops-nb ui --stop stops it)"
	@echo "  JupyterLab:         $(BIN)/jupyter lab nbs/tutorial.ipynb"
	@echo "                      then the mlops_nb icon in the left bar (or the command palette: 'mlops_nb: Open panel')"
	@echo "                      shows these runs and jobs; Run now starts the job from there"

# Airflow lives in its own test-only environment (the export test loads DAGs with it), never in mlops_nb's install.
AIRFLOW_VENV := .venv-airflow
$(AIRFLOW_VENV)/.installed: tests/airflow-requirements.txt $(STAMP)
	$(BIN)/python -m uv venv -q --allow-existing -p $(BIN)/python $(AIRFLOW_VENV)
	$(BIN)/python -m uv pip install -q -p $(AIRFLOW_VENV)/bin/python -r tests/airflow-requirements.txt
	@touch $@

# Notebooks and library agree, the layers import only downward, the house rules hold, and pyflakes finds nothing.
lint: $(STAMP)
	$(BIN)/python tools/check_sync.py
	$(BIN)/python tools/labext.py check
	$(BIN)/lint-imports --no-cache
	$(BIN)/python tools/check_code.py
	$(BIN)/nbqa ruff nbs
	$(BIN)/ruff check mlops_nb tools tests benchmarks

# The fast tier (about a minute): lint, then the notebooks' tests without the cells flagged `#| slow`.
check: lint $(LAB)
	$(BIN)/python tools/test_notebooks.py --fast

# Everything: lint, every notebook cell (each notebook in its own process and project), then the integration tests
# (two at a time, a file's tests in one worker: most of their time is spent waiting on servers, kernels and browsers).
test: lint $(LAB) $(AIRFLOW_VENV)/.installed
	$(BIN)/python tools/test_notebooks.py
	$(BIN)/python -m pytest tests -n 2 --dist loadfile

# The README's screenshots, made by the real-browser tests (JupyterLab in Chromium).
screenshots: $(STAMP) $(LAB)
	mkdir -p docs/screenshots
	MLOPS_NB_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest -q tests/test_jupyterlab.py tests/test_lab_panel.py

# Evidently, the monitor benchmark's peer, lives in its own benchmark-only environment, never in mlops_nb's install.
EVIDENTLY_VENV := .venv-evidently
$(EVIDENTLY_VENV)/.installed: benchmarks/evidently-requirements.txt $(STAMP)
	$(BIN)/python -m uv venv -q --allow-existing -p $(BIN)/python $(EVIDENTLY_VENV)
	$(BIN)/python -m uv pip install -q -p $(EVIDENTLY_VENV)/bin/python -r benchmarks/evidently-requirements.txt
	@touch $@

bench: $(STAMP) $(LAB) $(EVIDENTLY_VENV)/.installed
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
