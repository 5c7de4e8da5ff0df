# make run: set up .venv and start the app.  make test: set up everything and run the suite.
VENV   := .venv
PY     := $(VENV)/bin/python
PYTHON ?= python3

# Debian/Ubuntu packages Qt needs to draw a window on an X11 or Wayland desktop.
RUN_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 \
    libglib2.0-0 libdbus-1-3 libx11-6 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
    libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 \
    libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core
# ...what building the installable app needs (PyInstaller reads binaries with objdump)...
PACKAGE_PACKAGES := binutils
# ...and what the tests add: a real Secret Service, LibreOffice to render the minutes, a
# virtual X display on which the built app opens its window, and PostgreSQL for the team register.
TEST_PACKAGES := $(RUN_PACKAGES) $(PACKAGE_PACKAGES) gnome-keyring dbus-daemon dbus-bin \
    libreoffice-writer-nogui fonts-crosextra-carlito poppler-utils xvfb x11-utils \
    postgresql

.PHONY: run test check package smoke run-packages test-packages package-packages lint bench \
    generate clean FORCE

# The package is installed in strict editable mode: a tree of links under build/ that mypy and
# import-linter can read (the folders are mapped under one name, strategy_minutes). Edits show
# at once; a new or removed module changes .venv/.modules, which installs the tree again.
MODULES := $(sort $(shell find src desktop ui storage exporters -name '*.py' -o -name '*.sql' 2>/dev/null))

$(VENV)/.modules: FORCE
	@mkdir -p $(VENV)
	@echo '$(MODULES)' > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

$(VENV)/.installed: pyproject.toml $(VENV)/.modules
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Strategy Minutes needs Python 3.11 or newer as $(PYTHON)."; exit 1; }
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]' --config-settings editable_mode=strict
	@touch $@

run: run-packages $(VENV)/.installed
	$(VENV)/bin/strategy-minutes

# The checks, the suite, then the built app's smoke test (the build is reused while its sources are
# unchanged; see packaging/README.md).
test: test-packages $(VENV)/.installed check
	tests/with-secret-service.sh $(PY) -m pytest
	$(MAKE) --no-print-directory smoke

# The Linux app, built into dist/ (a tarball and a .deb); Windows and macOS are built by
# .github/workflows/release.yml on their own runners.
package: package-packages
	PYTHON=$(PYTHON) packaging/build.sh

# The smoke test of the built tarball, run as a user would (ARTIFACT=... to test another).
smoke: package
	packaging/smoke-test.sh $(or $(ARTIFACT),$(firstword $(wildcard dist/strategy-minutes-*-linux-*.tar.gz)))

run-packages:
	@packaging/install-system-packages.sh $(RUN_PACKAGES)

test-packages:
	@packaging/install-system-packages.sh $(TEST_PACKAGES)

package-packages:
	@packaging/install-system-packages.sh $(PACKAGE_PACKAGES)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

# Style, format, types and layers: what CI checks before a test runs.
check: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The typed records (desktop/meeting/records.py) and docs/meeting.schema.json, from the spec.
generate: $(VENV)/.installed
	$(PY) -m strategy_minutes.desktop.meeting.codegen .

bench: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
