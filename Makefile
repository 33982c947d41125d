# Everything a fresh Linux machine with python3 and make needs: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test eval bench bundle deb fuzz clean

$(VENV)/.installed: pyproject.toml
	scripts/bootstrap-venv $(PYTHON) $(VENV)
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install -e '.[test]'
	touch $@

run: $(VENV)/.installed
	scripts/ensure-qt-libs $(PY) xcb
	$(VENV)/bin/claimdesk

test: $(VENV)/.installed-test
	scripts/ensure-qt-libs $(PY) offscreen
	scripts/ensure-chromium
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

eval: $(VENV)/.installed
	scripts/eval-seeds $(PY)

bench: $(VENV)/.installed
	$(PY) benchmarks/run.py

$(VENV)/.installed-build: $(VENV)/.installed pyproject.toml
	$(PIP) install -e '.[build]'
	touch $@

# dist/claimdesk/: the frozen app (onedir), then its self-test and the size/start budget
bundle: $(VENV)/.installed-build
	scripts/ensure-qt-libs $(PY) offscreen
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
	$(PY) scripts/bundle-report dist/claimdesk

# dist/claimdesk_<version>_<arch>.deb from the bundle, then its self-test unpacked
deb: bundle
	$(PY) scripts/build-deb dist/claimdesk dist

# coverage-guided fuzzing of the readers and the number grammar (atheris; not part of make test)
FUZZ_SECONDS ?= 60
fuzz: $(VENV)/.installed-test
	$(PIP) install -q atheris
	for target in readers grammar; do \
		$(PY) fuzz/fuzz_targets.py $$target -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=3072 || exit 1; \
	done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
