#!/usr/bin/env bash
# Installs the Debian packages Qt, QtMultimedia and the headless test suite need,
# but only those that are missing. Called by the Makefile; safe to run again.
#
# Another apt or dpkg run (unattended-upgrades on a fresh machine, a second terminal)
# holds the dpkg lock: apt is asked to wait for it, and a run that still finds it taken
# is retried, so the set-up waits its turn instead of failing.
set -euo pipefail
pkgs=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-xinerama0 libxcb-xfixes0
  libpulse0 libasound2 fonts-dejavu-core
  xvfb xauth dbus gnome-keyring at-spi2-core libglib2.0-bin
  # make dist: PyInstaller reads libraries with binutils' objdump; the test checks the
  # AppStream file with appstreamcli.
  binutils appstream
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

lock_wait=${DOORSTEP_APT_LOCK_WAIT:-600}   # seconds apt itself waits for the lock
retries=${DOORSTEP_APT_RETRIES:-20}        # further tries when it is still held
retry_pause=${DOORSTEP_APT_RETRY_PAUSE:-15}

# apt-get with the lock wait; retried while the failure is a held lock, any other
# failure stops the set-up with apt's own message.
apt() {
  local try err
  err=$(mktemp)
  for ((try = 0; ; try++)); do
    if $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$lock_wait" "$@" 2>"$err"; then
      cat "$err" >&2
      rm -f "$err"
      return 0
    fi
    cat "$err" >&2
    if ! grep -qiE 'could not get lock|unable to lock|is another process using it' "$err" \
      || ((try >= retries)); then
      rm -f "$err"
      return 1
    fi
    echo "Another package manager holds the dpkg lock; waiting ${retry_pause}s (try $((try + 1)) of $retries)." >&2
    sleep "$retry_pause"
  done
}

apt update -qq
apt install -y -qq --no-install-recommends "${missing[@]}"
