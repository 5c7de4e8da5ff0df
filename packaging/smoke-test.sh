#!/usr/bin/env bash
# Run a built app as a chair would, outside the source tree and without any Python of ours:
#   packaging/smoke-test.sh dist/strategy-minutes-VERSION-linux-x86_64.tar.gz   (or the .deb)
#   packaging/smoke-test.sh "INSTALLED_FOLDER"   (Windows after msiexec, macOS's .app: CI)
#
# 1. --version says the version in the artifact's name (or $EXPECT_VERSION).
# 2. The chair's path (demo, check, export for every audience, sign, export, verify, calendar)
#    on a fresh data folder protected by a passphrase, the keyring switched off.
# 3. The same through the OS keyring (on Linux a real Secret Service: gnome-keyring on a
#    private D-Bus session); keys.json must say "keyring", which proves the frozen keyring
#    backend works.
# 4. Linux: the window opens under Xvfb, opens its store, and closes cleanly on SIGTERM.
# 5. No demo name appears in plain text anywhere but the files asked for, and the install
#    folder (made read-only) is byte-for-byte as it was.
# Linux needs Xvfb, x11-utils (xwininfo), gnome-keyring and dbus-daemon.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
PASSPHRASE="smoke test passphrase, fictional store"
NAMES=(Penrose Maisie Llywelyn "Larch Close")  # people and places of the fictional demo
STEP_TIMEOUT=120

say() { printf '%s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  if [ -s "${work:-}/app.log" ]; then tail -n 5 "$work/app.log" | sed 's/^/  app said: /' >&2; fi
  exit 1
}

# --- Everything that differs between platforms ---------------------------------------------
# KEEP: variables a program cannot run without there; PROGRAM: the command inside the install
# folder; GUI: whether the window is checked here.
case "$(uname -s)" in
  Linux) KEEP=(PATH=/usr/bin:/bin); PROGRAM=strategy-minutes; GUI=yes ;;
  Darwin) KEEP=(PATH=/usr/bin:/bin); PROGRAM=Contents/MacOS/strategy-minutes; GUI=no ;;
  MINGW* | MSYS* | CYGWIN*)
    KEEP=(PATH="$PATH" SYSTEMROOT="$SYSTEMROOT" WINDIR="$WINDIR" USERPROFILE="$USERPROFILE"
      LOCALAPPDATA="$LOCALAPPDATA" APPDATA="$APPDATA")
    PROGRAM=strategy-minutes.exe; GUI=no ;;
  *) fail "no smoke test for $(uname -s)" ;;
esac

limit=()
if command -v timeout >/dev/null; then limit=(timeout "$STEP_TIMEOUT"); fi

# Runs the app with only what a user's session would give it: leading NAME=VALUE arguments
# are added to (or replace) that environment, the rest go to the app.
run_app() {
  local vars=()
  while [ $# -gt 0 ] && [[ "$1" == *=* ]]; do vars+=("$1"); shift; done
  env -i "${KEEP[@]}" HOME="$work/home" LANG=C.UTF-8 TMPDIR="$work/tmp" "${vars[@]}" \
    "${limit[@]}" "$app" "$@" 2>>"$work/app.log"
}

protection_of() { grep -o '"protection": "[a-z]*"' "$1/keys.json" | cut -d'"' -f4; }

# Nothing readable about the case outside the store and the files asked for.
no_plain_text() {
  local found
  for name in "${NAMES[@]}"; do
    found="$(grep -rlaF "$name" "$@" 2>/dev/null || true)"
    [ -z "$found" ] || fail "'$name' is readable in: $found"
  done
}

# The chair's path on one data folder; sm runs the app in the mode's environment.
chair_path() {
  local mode="$1" data="$2" out="$work/out-$1" id code
  mkdir -p "$out"
  id="$(sm demo)" || fail "$mode: demo"
  sm check "$id" >/dev/null || fail "$mode: check (exit $?)"
  # a parent copy waits for the chair's disclosure decisions: each free-text hit is decided
  for place in $(sm disclosure "$id" 2>/dev/null | grep -E ': (Names|Repeats) ' | cut -d' ' -f1); do
    sm disclosure "$id" --withhold "$place" --reason "Smoke test" >/dev/null \
      || fail "$mode: disclosure --withhold $place"
  done
  for audience in full attendee parent review; do
    sm export "$id" --audience "$audience" --out "$out/$audience.docx" --accept-defaults \
      >/dev/null || fail "$mode: export --audience $audience"
    [ "$(head -c 2 "$out/$audience.docx")" = PK ] || fail "$mode: $audience.docx is not a Word file"
  done
  sm sign "$id" >/dev/null || fail "$mode: sign"
  sm export "$id" --out "$out/signed.docx" >/dev/null || fail "$mode: export after signing"
  code=0
  sm verify "$out/signed.docx" >/dev/null || code=$?
  [ "$code" -eq 0 ] || fail "$mode: verify said $code for the copy it signed"
  sm calendar "$id" --out "$out/meeting.ics" >/dev/null || fail "$mode: calendar"
  grep -q BEGIN:VCALENDAR "$out/meeting.ics" || fail "$mode: meeting.ics is not a calendar"
  say "ok - $mode: demo, check, export (full, attendee, parent, review), sign, verify, calendar"
  [ "$(protection_of "$data")" = "$mode" ] \
    || fail "$mode: keys.json says the store is protected by $(protection_of "$data")"
  say "ok - $mode: keys.json says $mode"
}

# A virtual X display of our own, answering before anything is started on it. -noreset: by
# default Xvfb resets when its last client leaves, and an app connecting just then (after a
# xwininfo probe) is refused. The number is random, well above where other runs put theirs.
start_xvfb() {
  local n
  for _ in 1 2 3 4 5; do
    n=$((RANDOM % 800 + 100))
    [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -screen 0 1366x768x24 -nolisten tcp -noreset 2>"$work/xvfb.log" &
    xvfb_pid=$!
    for _ in $(seq 1 50); do
      kill -0 "$xvfb_pid" 2>/dev/null || break
      if xwininfo -display ":$n" -root >/dev/null 2>&1; then display=":$n"; return 0; fi
      sleep 0.1
    done
    kill "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=""
  done
  fail "Xvfb did not start: $(cat "$work/xvfb.log")"
}

keyring_phase() {
  # On Linux inside tests/with-secret-service.sh: its bus and throwaway home come through;
  # elsewhere the runner's own session and keyring. "$@": more folders to search for names.
  sm() {
    run_app ${DBUS_SESSION_BUS_ADDRESS:+DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS"} \
      ${XDG_RUNTIME_DIR:+XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR"} ${HOME:+HOME="$HOME"} \
      --data-dir "$work/keyring-data" "$@"
  }
  chair_path keyring "$work/keyring-data"
  no_plain_text "$@" "$work/keyring-data"
  say "ok - keyring: no demo name in plain text in the data folder${1:+ or the home}"
}

if [ "${1:-}" = --keyring-phase ]; then
  app="$2" work="$3"
  cd "$work"
  keyring_phase "$HOME"
  exit 0
fi

[ $# -eq 1 ] && [ -e "$1" ] || { echo "usage: $0 ARTIFACT.tar.gz|ARTIFACT.deb|FOLDER" >&2; exit 2; }
artifact="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
began=$SECONDS
work="$(mktemp -d -t strategy-minutes-smoke.XXXXXX)"
xvfb_pid=""
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/install" "$work/home" "$work/tmp"
cd "$work"  # outside the source tree

case "$artifact" in
  *.tar.gz)
    tar -xzf "$artifact" -C "$work/install"
    install="$(echo "$work"/install/strategy-minutes-*)"
    version="$(basename "$artifact" | sed -E 's/^strategy-minutes-(.*)-linux-.*$/\1/')" ;;
  *.deb)
    dpkg-deb -x "$artifact" "$work/install"
    install="$work/install/opt/strategy-minutes"
    [ "$(readlink "$work/install/usr/bin/strategy-minutes")" = /opt/strategy-minutes/strategy-minutes ] \
      || fail "the .deb puts no strategy-minutes command in /usr/bin"
    [ -f "$work/install/usr/share/applications/strategy-minutes.desktop" ] \
      || fail "the .deb has no menu entry"
    version="$(dpkg-deb -f "$artifact" Version)" ;;
  *)
    [ -d "$artifact" ] || fail "not a .tar.gz, a .deb or a folder: $artifact"
    install="$artifact"
    version="${EXPECT_VERSION:?set EXPECT_VERSION to test an installed folder}" ;;
esac
app="$install/$PROGRAM"
[ -x "$app" ] || fail "no $PROGRAM in $artifact"
chmod -R a-w "$install"
manifest() { (cd "$install" && find . | LC_ALL=C sort && find . -type f -exec cksum {} + | LC_ALL=C sort); }
manifest > "$work/install.before"

said="$(run_app --version | tr -d '\r')"
[ "$said" = "strategy-minutes $version" ] || fail "--version said '$said', not 'strategy-minutes $version'"
say "ok - --version: $said"

passphrase_env=(PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring
  STRATEGY_MINUTES_PASSPHRASE="$PASSPHRASE")
data="$work/home/StrategyMinutes"
sm() { run_app "${passphrase_env[@]}" --data-dir "$data" "$@"; }
chair_path passphrase "$data"

if [ "$(uname -s)" = Linux ]; then
  "$here/../tests/with-secret-service.sh" bash "$here/smoke-test.sh" --keyring-phase "$app" "$work"
else
  keyring_phase
fi

if [ "$GUI" = yes ]; then
  # The window, on a virtual X display, over the passphrase store made above.
  start_xvfb
  env -i "${KEEP[@]}" HOME="$work/home" LANG=C.UTF-8 TMPDIR="$work/tmp" DISPLAY="$display" \
    QT_QPA_PLATFORM=xcb "${passphrase_env[@]}" "$app" --data-dir "$data" >"$work/gui.log" 2>&1 &
  gui=$!
  for _ in $(seq 1 300); do
    if xwininfo -display "$display" -name "Strategy Minutes" 2>/dev/null | grep -q IsViewable \
      && [ -e "$data/session-open" ]; then
      break
    fi
    kill -0 "$gui" 2>/dev/null || fail "the app ended before its window opened: $(cat "$work/gui.log")"
    sleep 0.1
  done
  [ -e "$data/session-open" ] || fail "no window with its store open after 30 s: $(cat "$work/gui.log")"
  say "ok - gui: the main window is shown on the X display and its store is open"
  kill -TERM "$gui"
  for _ in $(seq 1 100); do kill -0 "$gui" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$gui" 2>/dev/null && fail "the app did not end within 10 s of SIGTERM"
  code=0
  wait "$gui" || code=$?
  [ "$code" -eq 0 ] || fail "the app ended with exit $code on SIGTERM: $(cat "$work/gui.log")"
  [ -e "$data/session-open" ] && fail "the store was not let go cleanly on SIGTERM"
  say "ok - gui: SIGTERM closed it cleanly (exit 0, store let go)"
fi

no_plain_text "$work/home" "$work/tmp"
say "ok - no demo name in plain text in the home (data folder, settings) or the temp folder"

manifest > "$work/install.after"
cmp -s "$work/install.before" "$work/install.after" \
  || fail "the install folder changed: $(diff "$work/install.before" "$work/install.after" | head)"
say "ok - the install folder is unchanged (and read-only throughout)"
say "smoke test passed in $((SECONDS - began)) s: $(basename "$artifact")"
