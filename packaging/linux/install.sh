#!/bin/sh
# Installs Doorstep for the current user, from the folder this script is in (the
# unpacked tarball), or removes it with --uninstall. Nothing outside the home folder is
# touched and no root is needed. PREFIX (default ~/.local) moves everything:
#   $PREFIX/opt/doorstep/                              the bundle (and this script)
#   $PREFIX/bin/doorstep                               a link to its executable
#   $PREFIX/share/applications/org.doorstep.Doorstep.desktop
#   $PREFIX/share/icons/hicolor/scalable/apps/org.doorstep.Doorstep.svg
#   $PREFIX/share/metainfo/org.doorstep.Doorstep.metainfo.xml
# Your data, settings and keyring entries are never removed.
set -eu

APP_ID=org.doorstep.Doorstep
PREFIX=${PREFIX:-"$HOME/.local"}
OPT="$PREFIX/opt/doorstep"
BIN="$PREFIX/bin/doorstep"
DESKTOP="$PREFIX/share/applications/$APP_ID.desktop"
ICON="$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg"
METAINFO="$PREFIX/share/metainfo/$APP_ID.metainfo.xml"

refresh() {
    # The desktop's menus and icon caches, where the tools exist.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" 2>/dev/null || true
    fi
}

uninstall() {
    rm -f "$DESKTOP" "$ICON" "$METAINFO"
    # Only our own link, never a doorstep someone else put there.
    if [ -L "$BIN" ] && [ "$(readlink "$BIN")" = "$OPT/doorstep/doorstep" ]; then
        rm -f "$BIN"
    fi
    rm -rf "$OPT"
    refresh
    echo "Doorstep removed. Your data and settings stay where they were."
}

case "${1:-}" in
    --uninstall) uninstall; exit 0 ;;
    "") ;;
    *) echo "usage: $0 [--uninstall]" >&2; exit 2 ;;
esac

HERE=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "$HERE/doorstep/doorstep" ]; then
    echo "install.sh: $HERE/doorstep/doorstep is missing: run this script from the unpacked tarball" >&2
    exit 1
fi
if [ -e "$BIN" ] && [ ! -L "$BIN" ]; then
    echo "install.sh: $BIN exists and is not Doorstep's link; move it away first" >&2
    exit 1
fi

mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$(dirname "$DESKTOP")" "$(dirname "$ICON")" \
    "$(dirname "$METAINFO")"
# The new copy goes beside the old one and replaces it in one rename, so a failed copy
# leaves the installed version working.
NEW="$OPT.new.$$"
rm -rf "$NEW"
mkdir -p "$NEW"
trap 'rm -rf "$NEW"' EXIT
cp -a "$HERE/doorstep" "$NEW/doorstep"
cp "$HERE/install.sh" "$NEW/install.sh"
if [ -e "$OPT" ]; then
    rm -rf "$OPT.old.$$"
    mv "$OPT" "$OPT.old.$$"
    mv "$NEW" "$OPT"
    rm -rf "$OPT.old.$$"
else
    mv "$NEW" "$OPT"
fi
trap - EXIT

ln -sfn "$OPT/doorstep/doorstep" "$BIN"
# The menu entry names the installed executable by its full path: a desktop session does
# not always have ~/.local/bin on its PATH.
sed -e "s|^Exec=doorstep|Exec=\"$OPT/doorstep/doorstep\"|" \
    -e "s|^TryExec=doorstep|TryExec=$OPT/doorstep/doorstep|" \
    "$HERE/$APP_ID.desktop" > "$DESKTOP.tmp"
mv "$DESKTOP.tmp" "$DESKTOP"
cp "$HERE/$APP_ID.svg" "$ICON.tmp" && mv "$ICON.tmp" "$ICON"
cp "$HERE/$APP_ID.metainfo.xml" "$METAINFO.tmp" && mv "$METAINFO.tmp" "$METAINFO"
refresh

echo "Doorstep installed in $OPT."
echo "Start it from your applications menu, or run: $BIN"
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "($PREFIX/bin is not on your PATH: add it to run 'doorstep' by name.)" ;;
esac
echo "To remove it: $OPT/install.sh --uninstall"
