#!/usr/bin/env bash
# Wrap a PyInstaller one-folder build as the Linux artifacts: a tarball and a .deb.
#   packaging/linux-artifacts.sh FOLDER VERSION OUT_DIR
# The .deb puts the folder in /opt/strategy-minutes, the command in /usr/bin and a menu entry
# in /usr/share/applications, and depends on the X11 libraries Qt loads but does not bundle.
set -euo pipefail
folder="$(cd "$1" && pwd)" version="$2" out="$3"
here="$(cd "$(dirname "$0")" && pwd)"
arch="$(uname -m)"
deb_arch="$(dpkg --print-architecture)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

# Tarball: unpack anywhere and run strategy-minutes-VERSION/strategy-minutes.
top="strategy-minutes-$version"
mkdir -p "$stage/tar"
cp -a "$folder" "$stage/tar/$top"
cp "$here/linux/strategy-minutes.desktop" "$stage/tar/$top/"
tar -C "$stage/tar" --sort=name --owner=0 --group=0 -czf "$out/$top-linux-$arch.tar.gz" "$top"

# .deb
deb="$stage/deb"
mkdir -p "$deb/DEBIAN" "$deb/opt" "$deb/usr/bin" "$deb/usr/share/applications"
cp -a "$folder" "$deb/opt/strategy-minutes"
ln -s /opt/strategy-minutes/strategy-minutes "$deb/usr/bin/strategy-minutes"
cp "$here/linux/strategy-minutes.desktop" "$deb/usr/share/applications/"
size_kb="$(du -sk "$deb/opt" | cut -f1)"
cat > "$deb/DEBIAN/control" <<CONTROL
Package: strategy-minutes
Version: $version
Architecture: $deb_arch
Maintainer: Strategy Minutes maintainers <noreply@invalid>
Installed-Size: $size_kb
Depends: libc6 (>= 2.28), libegl1, libgl1, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1, libfreetype6, libglib2.0-0, libdbus-1-3, libx11-6, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xfixes0, libxcb-xinerama0, libxcb-xkb1
Recommends: gnome-keyring | kwalletmanager
Section: misc
Priority: optional
Description: minutes of child-protection strategy meetings
 Strategy Minutes helps the chair of a strategy meeting leave the room with every
 decision explicit, keeps everything in an encrypted store on this computer, and writes
 the minutes in Word for each audience.
CONTROL
dpkg-deb --root-owner-group -Zgzip --build "$deb" "$out/strategy-minutes_${version}_$deb_arch.deb" >/dev/null
