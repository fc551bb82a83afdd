#!/bin/sh
# Install the Debian packages station needs to build, run and test.
# As root: installs what is missing with apt-get. Otherwise: prints the exact command and fails.
# Extra package names given as arguments are checked too (e.g. clang-format for `make format`).
set -eu
PKGS="make gcc libc6-dev pkg-config libncurses-dev libsqlite3-dev libcsv-dev libiniparser-dev \
sqlite3 tmux python3 bzip2 locales $*"
missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
echo "station: 缺少系统软件包 (missing packages):$missing"
if [ "$(id -u)" -ne 0 ]; then
  echo "请以 root 身份运行 (run as root):"
  echo "  apt-get update && apt-get install -y$missing"
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
