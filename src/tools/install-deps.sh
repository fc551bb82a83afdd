#!/bin/sh
# Install the Debian packages station needs to build, run and test.
# As root: installs what is missing with apt-get. Otherwise: prints the exact command and fails.
# Extra package names given as arguments are checked too (e.g. clang-format for `make format`).
#
# A bare Debian 12 (debootstrap --variant=minbase) has only bash, coreutils, grep, sed, dpkg, apt,
# libc-bin (iconv), util-linux (flock) and perl-base; everything else the build and the tests
# call must be listed here (tests/fresh-root.sh checks it on such a root).
#   build:  make, cc/gcc (binutils: ar), libc6-dev, pkg-config and the -dev libraries
#   tests:  sqlite3 (the sqlite3 shell), tmux (e2e), python3 (lints, column checks),
#           procps (pgrep, ps: the e2e crash test and wait_exit's report), iconv (libc-bin),
#           flock (util-linux), timeout/stat/md5sum/mktemp (coreutils)
#   data:   bzip2 (data/gen-pinyin.py reads Unihan .bz2), locales
#   print:  libcairo2-dev (the PDF surface), libpango1.0-dev (Chinese text laid out and wrapped
#           in cells), fonts-noto-cjk (the CJK font the PDFs embed, [print] font),
#           poppler-utils (pdftotext, pdfinfo, pdftoppm: the print tests read the PDFs back)
#   accounts: libcrypt-dev (crypt(3) with yescrypt: the passwords' salted, slow hashes)
#   package:  dpkg-dev (dpkg-shlibdeps: the .deb's Depends, make deb; tests/cli/test_install.sh)
set -eu
PKGS="make gcc binutils libc6-dev pkg-config libncurses-dev libsqlite3-dev libcsv-dev libiniparser-dev \
coreutils util-linux libc-bin procps sqlite3 tmux python3 bzip2 locales \
libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils libcrypt-dev dpkg-dev $*"
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
