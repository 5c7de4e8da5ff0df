# make run: set up .venv and start the app.  make test: set up everything and run the suite.
VENV   := .venv
PY     := $(VENV)/bin/python
PYTHON ?= python3

# Debian/Ubuntu packages the tests need: Qt offscreen, fonts, a real Secret Service, and
# LibreOffice to render the Word minutes.
SYSTEM_PACKAGES := libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 \
    libdbus-1-3 libx11-6 fonts-dejavu-core gnome-keyring dbus-daemon dbus-bin \
    libreoffice-writer-nogui fonts-crosextra-carlito poppler-utils

.PHONY: run test system-packages lint bench clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Strategy Minutes needs Python 3.11 or newer as $(PYTHON)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

run: $(VENV)/.installed
	$(VENV)/bin/strategy-minutes

test: system-packages $(VENV)/.installed
	tests/with-secret-service.sh $(PY) -m pytest

system-packages:
	@packaging/install-system-packages.sh $(SYSTEM_PACKAGES)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

bench: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
