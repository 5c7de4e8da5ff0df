#!/usr/bin/env bash
# Build the Linux artifacts into dist/, or reuse the last build of exactly these sources:
#   dist/strategy-minutes-VERSION-linux-x86_64.tar.gz   the one-folder app, for any user
#   dist/strategy-minutes_VERSION_amd64.deb             the same folder in /opt, for apt
#
# The build runs in an environment of its own (PyInstaller and the app installed from a copy of
# the sources, not editable), kept in a cache outside the clone so that a fresh clone with
# unchanged sources takes the finished build instead of building again. The cache key is a hash
# of every file that goes into the build, the Python version and the machine. Nothing is
# downloaded but packages from PyPI.
#
#   PYTHON=python3.11 packaging/build.sh          STRATEGY_MINUTES_BUILD_CACHE=DIR to move the cache
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
cache="${STRATEGY_MINUTES_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/strategy-minutes-build}"
keep=3  # finished builds kept in the cache

cd "$root"
# Everything the build reads, in a stable order. New modules count without being committed.
# The README and docs/*.md count too: the app carries them as its guide (Help menu).
inputs() {
  printf '%s\n' pyproject.toml README.md
  find docs -maxdepth 1 -name '*.md' | LC_ALL=C sort
  find src desktop ui storage exporters -type f \( -name '*.py' -o -name 'py.typed' \) | LC_ALL=C sort
  printf '%s\n' packaging/strategy-minutes.spec packaging/launch.py packaging/build.sh \
    packaging/linux-artifacts.sh packaging/linux/strategy-minutes.desktop
}
mapfile -t files < <(inputs)
platform="$("$python" -c 'import platform, sys; print(sys.version.split()[0], platform.machine())')"
key="$({ echo "$platform"; for f in "${files[@]}"; do echo "== $f"; cat "$f"; done; } \
  | sha256sum | cut -c1-16)"
venv_key="$({ echo "$platform"; cat pyproject.toml; } | sha256sum | cut -c1-16)"
done_dir="$cache/build-$key"

if [ ! -f "$done_dir/complete" ]; then
  began=$SECONDS
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/work.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  # The build environment depends on pyproject.toml alone: kept across source changes.
  venv="$cache/venv-$venv_key"
  mkdir -p "$work/src"
  tar -cf - "${files[@]}" | tar -xf - -C "$work/src"
  if [ ! -f "$venv/complete" ]; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet "$work/src[package]"
    touch "$venv/complete"
  fi
  "$venv/bin/python" -m pip install --quiet --no-deps --force-reinstall "$work/src"
  version="$("$venv/bin/python" -c 'from importlib.metadata import version; print(version("strategy-minutes"))')"
  (cd "$work" && "$venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$work/dist" --workpath "$work/pyi" src/packaging/strategy-minutes.spec)
  "$work/src/packaging/linux-artifacts.sh" "$work/dist/strategy-minutes" "$version" "$work/out"
  rm -rf "$done_dir"
  mv "$work/out" "$done_dir"
  echo "$((SECONDS - began))" > "$done_dir/build-seconds"
  touch "$done_dir/complete"
  echo "Built in $((SECONDS - began)) s (cache: $done_dir)."
  # Old builds and environments go; the newest few stay.
  ls -1dt "$cache"/build-* | tail -n +$((keep + 1)) | xargs -r rm -rf
  ls -1dt "$cache"/venv-* | tail -n +$((keep + 1)) | xargs -r rm -rf
else
  echo "Sources unchanged since the build in $done_dir: reusing it."
fi

mkdir -p dist
rm -f dist/strategy-minutes-*-linux-*.tar.gz dist/strategy-minutes_*.deb
cp "$done_dir"/*.tar.gz "$done_dir"/*.deb dist/
ls -l dist/
