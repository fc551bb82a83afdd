#!/bin/sh
# Turn a `make install DESTDIR=ROOT PREFIX=/usr` tree into station_<VERSION>_<arch>.deb in OUTDIR,
# with plain `dpkg-deb --root-owner-group --build` (no root, no fakeroot). `make deb` calls it.
#
#   sh packaging/deb.sh ROOT OUTDIR VERSION
#
# Adds to the tree: /etc/station/station.ini (a conffile: the shipped station.ini with the demo
# station's identity commented out, see etc_ini below), the man page gzipped, the copyright file,
# and DEBIAN/control with Depends from dpkg-shlibdeps (package dpkg-dev) plus the CJK font the
# PDFs embed. Environment: DEB_MAINTAINER overrides the Maintainer field.
set -eu

die() {
	echo "make deb: $*" >&2
	exit 1
}
[ $# -eq 3 ] || die "usage: sh packaging/deb.sh ROOT OUTDIR VERSION"
ROOT=$1
OUT=$2
VERSION=$3
TOP=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$ROOT/usr/bin/station" ] || die "no $ROOT/usr/bin/station (run make install DESTDIR=$ROOT PREFIX=/usr first)"
for c in dpkg-deb dpkg-shlibdeps; do
	command -v $c >/dev/null || die "$c not found (install with: sh src/tools/install-deps.sh)"
done
ARCH=$(dpkg --print-architecture)
DEB=$OUT/station_${VERSION}_$ARCH.deb
MAINTAINER=${DEB_MAINTAINER:-station maintainers <station-maintainers@example.invalid>}

# /etc/station/station.ini: the shipped example, but the [station] keys (the fictional demo
# station's name, code, county, township, address) commented out, so a machine that never edits
# it gets the defaults rather than someone else's station; the header says where the file is.
etc_ini() {
	awk '
	/^# 本文件是一个虚构的示范联络站/ {
		print "# 本文件是这台电脑上所有用户共用的设置（/etc/station/station.ini，以 root 身份修改）。"
		print "# 用户自己的 ~/.config/station/station.ini 或当前目录的 station.ini 存在时，只读那一个。"
		print "# [station] 一节是虚构示范联络站的信息，已用 # 注释掉：请去掉行首的 # 并改成本站的信息。"
		print "# The machine-wide settings (/etc/station/station.ini, edit as root); a per-user file wins."
		print "# The [station] keys below are a fictional example, commented out: fill in your own."
		next
	}
	/^\[/ { sec = $0 }
	sec == "[station]" && /^[A-Za-z_]+[ \t]*=/ { print "# " $0; next }
	{ print }
	' "$TOP/station.ini"
}
mkdir -p "$ROOT/etc/station"
etc_ini >"$ROOT/etc/station/station.ini"

# The program without its debugging sections (3 MB -> under 1 MB), as Debian ships programs.
if command -v strip >/dev/null; then
	strip --strip-unneeded --remove-section=.comment --remove-section=.note "$ROOT/usr/bin/station"
fi

# The man page compressed as Debian policy wants (gzip -9n: no name, no time stamp).
man=$ROOT/usr/share/man/man1/station.1
[ -f "$man" ] && gzip -9nf "$man"

cat >"$ROOT/usr/share/doc/station/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: station
Comment: station keeps the registers of a 人大代表联络站 (deputy liaison station).
 The sources carry no licence statement yet; until they do, ask the authors
 before redistributing.

Files: *
Copyright: the station authors
License: unspecified
 No licence has been declared by the authors yet.
EOF

# Depends: what the program links against, with versions (dpkg-shlibdeps wants a debian/control
# in its working folder), plus the CJK font ([print] font's default, Noto Sans CJK SC).
tmp=$(mktemp -d "${TMPDIR:-/tmp}/station-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/debian"
printf 'Source: station\n\nPackage: station\nArchitecture: any\n' >"$tmp/debian/control"
bin=$(cd "$ROOT/usr/bin" && pwd)/station
shlibs=$(cd "$tmp" && dpkg-shlibdeps -O "$bin" 2>"$tmp/shlibdeps.err") ||
	{ cat "$tmp/shlibdeps.err" >&2; die "dpkg-shlibdeps failed"; }
shlibs=${shlibs#shlibs:Depends=}
[ -n "$shlibs" ] || die "dpkg-shlibdeps found no libraries"

# Modes: directories and the program 0755, everything else 0644 (umask-proof); owner root.
chmod -R u=rwX,go=rX "$ROOT"
size=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)

mkdir -p "$ROOT/DEBIAN"
cat >"$ROOT/DEBIAN/control" <<EOF
Package: station
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $size
Depends: $shlibs, fonts-noto-cjk
Recommends: cups-client
Section: misc
Priority: optional
Description: registers of a deputy liaison station (人大代表联络站台账)
 A full-screen terminal program for the clerk of a Chinese People's Congress
 deputy liaison station: the roster of deputies, reception days and visits,
 residents' requests and their handling, the registers of 六簿一册, printed
 ledgers (PDF) and the quarterly summary for the county, in one SQLite file.
 .
 人大代表联络站联络员使用的全屏终端台账程序：代表名册、接待选民、意见建议办理、
 六簿一册、打印台账和季度汇总表。
EOF
echo /etc/station/station.ini >"$ROOT/DEBIAN/conffiles"
chmod 0644 "$ROOT/DEBIAN/control" "$ROOT/DEBIAN/conffiles"

mkdir -p "$OUT"
dpkg-deb --root-owner-group --build "$ROOT" "$DEB.tmp" >/dev/null || die "dpkg-deb failed"
mv "$DEB.tmp" "$DEB"
echo "make deb: $DEB"
