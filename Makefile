# Everything a fresh Linux machine with python3 and make needs: `make run`, `make test`.
# Every install comes from a hashed lock in requirements/ (`make lock` refreshes them from
# pyproject.toml's ranges); a changed lock reinstalls through the stamp files below.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test lint eval bench bundle deb fuzz lock clean

# The detector's modules compiled with mypyc beside their sources (claimdesk/compiled.py); a
# no-op when current. `run` falls back to the sources without a compiler; the targets that
# test, measure or ship require the build.
COMPILE_CORE := $(PY) scripts/compile-core

# runtime: make run/eval/bench; test: runtime + [test]; build: runtime + [build] (make bundle/deb)
RUNTIME_LOCK := requirements/runtime.lock
TEST_LOCK := requirements/test.lock
BUILD_LOCK := requirements/build.lock

# $(call install_locked,LOCK): exactly the lock's versions (hash-checked), then the app itself
define install_locked
	scripts/bootstrap-venv $(PYTHON) $(VENV)
	$(PIP) install --require-hashes -r $(1)
	$(PIP) install --no-deps -e .
	touch $@
endef

$(VENV)/.installed: $(RUNTIME_LOCK) pyproject.toml
	$(call install_locked,$(RUNTIME_LOCK))

$(VENV)/.installed-test: $(TEST_LOCK) pyproject.toml
	$(call install_locked,$(TEST_LOCK))

$(VENV)/.installed-build: $(BUILD_LOCK) pyproject.toml
	$(call install_locked,$(BUILD_LOCK))

run: $(VENV)/.installed
	$(COMPILE_CORE)
	scripts/ensure-qt-libs $(PY) xcb
	$(VENV)/bin/claimdesk

test: lint
	$(COMPILE_CORE) --require
	scripts/ensure-qt-libs $(PY) offscreen
	scripts/ensure-chromium
	QT_QPA_PLATFORM=offscreen CLAIMDESK_REQUIRE_COMPILED=1 $(PY) -m pytest $(PYTEST_ARGS)

# ruff (mistakes, not taste) and mypy (strict on core/ and store/); both configured in pyproject.toml
lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m mypy

# seeds claims, then dev2 claims, relations and subjects against ../shared/dev2 and the seeds story
eval: $(VENV)/.installed
	$(COMPILE_CORE) --require
	scripts/eval-seeds $(PY)
	$(PY) scripts/eval-dev2

bench: $(VENV)/.installed
	$(COMPILE_CORE) --require
	$(PY) benchmarks/run.py

# dist/claimdesk/: the frozen app (onedir), then its self-test and the size/start budget
bundle: $(VENV)/.installed-build
	$(COMPILE_CORE) --require
	scripts/ensure-qt-libs $(PY) offscreen
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
	$(PY) scripts/bundle-report dist/claimdesk

# dist/claimdesk_<version>_<arch>.deb from the bundle, then its self-test unpacked
deb: bundle
	$(PY) scripts/build-deb dist/claimdesk dist

# coverage-guided fuzzing of the readers and the number grammar (atheris; not part of make test),
# on the sources: atheris sees no coverage inside the compiled detector
FUZZ_SECONDS ?= 60
fuzz: $(VENV)/.installed-test
	$(PIP) install -q atheris
	for target in readers grammar; do \
		CLAIMDESK_PURE_PYTHON=1 $(PY) fuzz/fuzz_targets.py $$target -max_total_time=$(FUZZ_SECONDS) \
			-rss_limit_mb=3072 || exit 1; \
	done

# Re-resolves the locks after pyproject.toml changed, keeping every pin that still fits;
# `make lock UPGRADE=1` moves every package to the newest release inside the ranges.
# uv resolves against PyPI for Python 3.11+ on every platform (docs/decisions.md). test and
# build pin what they share with runtime (and build with test) alike, so the suite, the app
# and the bundle run the same versions and one .venv can hold all three locks.
UV_VERSION := 0.13.9
UV := $(VENV)/lock-tools/bin/uv
UV_COMPILE = $(UV) pip compile pyproject.toml --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command 'make lock' $(if $(UPGRADE),--upgrade)
$(UV):
	$(PYTHON) -m venv $(VENV)/lock-tools
	$(VENV)/lock-tools/bin/python -m pip --disable-pip-version-check -q install 'uv==$(UV_VERSION)'

lock: $(UV)
	$(UV_COMPILE) --extra compile -o $(RUNTIME_LOCK)
	$(UV_COMPILE) --extra compile --extra test -c $(RUNTIME_LOCK) -o $(TEST_LOCK)
	$(UV_COMPILE) --extra compile --extra build -c $(RUNTIME_LOCK) -c $(TEST_LOCK) -o $(BUILD_LOCK)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache desktop/claimdesk/compiled.json
	find desktop \( -name "*.so" -o -name "*.pyd" \) -delete
	rm -f desktop/claimdesk/compiled.lock
