#!/bin/sh
# The .deb on a new machine: installed with dpkg -i plus apt-get -f install in a bare Debian 12
# root (debootstrap --variant=minbase bookworm, from tests/pkg/bare-root.sh), then run there by
# an ordinary user (a clerk is not root), upgraded over itself, removed and purged.
#
#   sh tests/pkg/deb-root.sh [station_VERSION_ARCH.deb]   (as root; default: make deb, then that)
#
# What it proves: Depends names every library the program needs (apt-get -f install brings them
# and the program runs, prints a PDF with the CJK font, checks a database); the files are where
# the man page and docs/INSTALL.md say; /etc/station/station.ini is read (an error in it is
# reported with its path) and is a conffile (an edit survives an upgrade and dpkg -r, dpkg --purge
# removes it); removing the package never touches the clerk's database.
# Prints PASS/FAIL per step; exits 1 on any FAIL, 2 when it could not run. `make deb-check`
# runs it; tests/fresh-root.sh runs it after make check. Not part of make check (root, mirror).
# Environment: as tests/pkg/bare-root.sh (FRESH_CACHE, FRESH_MIRROR, FRESH_KEEP, TMPDIR).
set -u
ME=deb-root
. "$(dirname "$0")/bare-root.sh"
REPO=$(cd "$(dirname "$0")/../.." && pwd)

if [ $# -ge 1 ]; then
	DEB=$1
else
	make -s -C "$REPO" deb || die "make deb failed"
	DEB=$(ls "$REPO"/build/station_*_"$(dpkg --print-architecture)".deb | tail -n 1)
fi
[ -f "$DEB" ] || die "no such package: $DEB"
VERSION=$(dpkg-deb -f "$DEB" Version) || die "not a package: $DEB"
echo "== testing $DEB"

bare_root_make
bare_root_mount
cp "$DEB" "$ROOT/tmp/station.deb" || die "could not copy the package"

fails=0
pass() { echo "PASS $1"; }
fail() {
	echo "FAIL $1"
	fails=$((fails + 1))
	[ -s "$ROOT/tmp/out" ] && sed 's/^/    /' "$ROOT/tmp/out" | tail -n 20
}
# check NAME COMMAND...: PASS if the command succeeds.
check() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}
PATHS=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# as_root CMD: a shell command in the root, as root; output in $ROOT/tmp/out.
as_root() {
	chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=$PATHS DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 \
		/bin/sh -c "$1" >"$ROOT/tmp/out" 2>&1
}
# as_clerk CMD: a shell command in the root, as the ordinary user clerk, in its home folder,
# with a fixed today; output in $ROOT/tmp/out.
as_clerk() {
	chroot --userspec="$CLERK" "$ROOT" /usr/bin/env -i HOME=/home/clerk USER=clerk PATH=/usr/bin:/bin \
		LANG=C.UTF-8 STATION_TODAY=2026-03-15 /bin/sh -c "cd && $1" >"$ROOT/tmp/out" 2>&1
}
out_has() { grep -qF -- "$1" "$ROOT/tmp/out"; }
exists() { [ -e "$ROOT$1" ]; }
absent() { [ ! -e "$ROOT$1" ]; }

# --- install: dpkg -i stops on the missing libraries, apt-get -f install brings them ---
as_root 'dpkg -i /tmp/station.deb'
check dpkg_i_needs_dependencies [ $? -ne 0 ]
check dpkg_i_names_dependencies out_has 'dependency problems'
as_root 'apt-get update -q && apt-get -f install -y -q'
check apt_get_f_install [ $? -eq 0 ]
as_root "dpkg-query -W -f='\${Status} \${Version}' station"
check package_installed out_has "install ok installed $VERSION"
as_root 'dpkg -L station'
check dpkg_lists_bin out_has /usr/bin/station
check dpkg_lists_etc_ini out_has /etc/station/station.ini
check dpkg_lists_man out_has /usr/share/man/man1/station.1.gz
check dpkg_lists_docs out_has /usr/share/doc/station/INSTALL.md
check man_page_gzip chroot "$ROOT" gzip -t /usr/share/man/man1/station.1.gz
check etc_ini_root_only_writable [ "$(stat -c '%U %a' "$ROOT/etc/station/station.ini")" = "root 644" ]

# --- run by an ordinary user ---
as_root 'useradd -m -s /bin/sh clerk && id -u clerk && id -g clerk'
CLERK=$(chroot "$ROOT" id -u clerk):$(chroot "$ROOT" id -g clerk) || die "useradd failed"
as_clerk 'station --version'
check station_version out_has "$VERSION"
as_clerk 'station --help'
check station_help [ $? -eq 0 ]
check station_help_text out_has '检查数据库'
as_clerk 'station demo --db ~/d.db'
check station_demo [ $? -eq 0 ]
check station_demo_db exists /home/clerk/d.db
as_clerk 'station check --db ~/d.db'
check station_check [ $? -eq 0 ]
check station_check_passes out_has '检查通过'
# /etc/station/station.ini is found: no "no station.ini" warning.
check etc_ini_found sh -c "! grep -qF '未找到 station.ini' '$ROOT/tmp/out'"
as_clerk 'station --db ~/d.db print visits --year 2026 -o ~/v.pdf'
check station_print_pdf [ $? -eq 0 ]
check station_print_pdf_file [ -s "$ROOT/home/clerk/v.pdf" ]

# A bad value in /etc/station/station.ini is reported with that path (it is really read).
cp "$ROOT/etc/station/station.ini" "$ROOT/tmp/station.ini.orig"
sed -i 's/^deadline_days = 15$/deadline_days = abc/' "$ROOT/etc/station/station.ini"
as_clerk 'station check --db ~/d.db'
check etc_ini_error_refused [ $? -ne 0 ]
check etc_ini_error_names_file out_has /etc/station/station.ini
cp "$ROOT/tmp/station.ini.orig" "$ROOT/etc/station/station.ini"
# A per-user ~/.config/station/station.ini wins over /etc (the bad /etc file is not read).
sed -i 's/^deadline_days = 15$/deadline_days = abc/' "$ROOT/etc/station/station.ini"
as_clerk 'mkdir -p ~/.config/station && printf "[cases]\ndeadline_days = 20\n" >~/.config/station/station.ini &&
	station check --db ~/d.db'
check user_ini_wins [ $? -eq 0 ]
as_clerk 'rm -r ~/.config/station'
cp "$ROOT/tmp/station.ini.orig" "$ROOT/etc/station/station.ini"

# --- upgrade (the same package again): the clerk's edit of the conffile stays, no question ---
echo '# 本站修改 / edited here' >>"$ROOT/etc/station/station.ini"
as_root 'dpkg -i /tmp/station.deb </dev/null'
check upgrade_installs [ $? -eq 0 ]
check upgrade_keeps_edit grep -qF '本站修改' "$ROOT/etc/station/station.ini"
as_clerk 'station check --db ~/d.db'
check upgrade_runs [ $? -eq 0 ]

# --- remove, then purge: the program goes, the clerk's data stays ---
as_root 'dpkg -r station'
check dpkg_r [ $? -eq 0 ]
check removed_bin absent /usr/bin/station
check removed_man absent /usr/share/man/man1/station.1.gz
check removed_keeps_etc_edit grep -qF '本站修改' "$ROOT/etc/station/station.ini"
check removed_keeps_db exists /home/clerk/d.db
as_root 'dpkg --purge station'
check dpkg_purge [ $? -eq 0 ]
check purged_etc absent /etc/station
check purged_keeps_db exists /home/clerk/d.db

echo "deb-root ($DEB): $fails failed"
[ "$fails" -eq 0 ]
