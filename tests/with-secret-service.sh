#!/usr/bin/env bash
# Run a command with a real, unlocked Secret Service (gnome-keyring) on a private D-Bus
# session, under a throwaway HOME so no real keyring is read or written.
set -euo pipefail
export HOME="$(mktemp -d -t strategy-minutes-home.XXXXXX)"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$HOME/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
trap 'rm -rf "$HOME"' EXIT
dbus-run-session -- bash -c '
  printf "throwaway-test-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  "$@"' _ "$@"
