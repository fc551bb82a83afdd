#!/bin/sh
# make install / make uninstall with PREFIX and DESTDIR, and make deb: the files land where the
# man page and docs/INSTALL.md say, uninstall leaves no file behind, and the .deb holds the
# expected paths and control fields. Uses the build folder of $STATION_BIN, never rebuilds it
# (the bare-root install of the .deb itself is tests/pkg/deb-root.sh, as root: make deb-check).
. "$(dirname "$0")/lib.sh"
# The build folder of the program under test, relative to the repository when it is inside it.
BUILD=$(dirname "$BIN")
case $BUILD in "$REPO"/*) BUILD=${BUILD#"$REPO"/} ;; esac
# A make of the repository's Makefile that cannot rebuild anything: the outer make's settings
# (jobserver, -j) stay out.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$REPO" BUILD="$BUILD" "$@" \
		>"$T/out" 2>"$T/err"
	rc=$?
}
command -v make >/dev/null || { echo "FAIL setup: no make"; exit 1; }
# The program must be up to date, so that make install copies it and compiles nothing.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -q -C "$REPO" BUILD="$BUILD" "$BUILD/station" >/dev/null 2>&1 ||
	{ echo "FAIL setup: $BUILD/station is not up to date (build it first)"; exit 1; }

D=$T/dest
P=/opt/x
mk install DESTDIR="$D" PREFIX="$P"
ok install_runs rc_is 0
ok install_bin [ -x "$D$P/bin/station" ]
ok install_bin_is_program cmp -s "$D$P/bin/station" "$BIN"
ok install_bin_mode [ "$(stat -c %a "$D$P/bin/station")" = 755 ]
ok install_man [ -s "$D$P/share/man/man1/station.1" ]
ok install_man_mode [ "$(stat -c %a "$D$P/share/man/man1/station.1")" = 644 ]
ok install_ini_example cmp -s "$D$P/share/station/station.ini.example" "$REPO/station.ini"
ok install_readme [ -s "$D$P/share/doc/station/README.md" ]
ok install_doc_config [ -s "$D$P/share/doc/station/CONFIG.md" ]
ok install_doc_install [ -s "$D$P/share/doc/station/INSTALL.md" ]
ok install_demo_roster cmp -s "$D$P/share/station/demo-deputies.csv" "$REPO/data/demo-deputies.csv"
if [ -d "$REPO/data/templates" ]; then
	for f in "$REPO"/data/templates/*.csv; do
		ok "install_template_${f##*/}" cmp -s "$D$P/share/station/templates/${f##*/}" "$f"
	done
fi
if [ -d "$REPO/docs/manual" ]; then
	n_src=$(find "$REPO/docs/manual" -type f | wc -l)
	n_dst=$(find "$D$P/share/doc/station/manual" -type f 2>/dev/null | wc -l)
	ok install_manual [ "$n_src" -eq "$n_dst" ]
fi
# Nothing outside PREFIX (no /etc, nothing in the repository's top folder).
ok install_only_prefix sh -c "[ -z \"\$(find '$D' -mindepth 1 -maxdepth 1 ! -name opt)\" ]"
# The installed program runs.
ok installed_version_matches sh -c "'$D$P/bin/station' --version | grep -qF '$(cat "$REPO/VERSION")'"

mk uninstall DESTDIR="$D" PREFIX="$P"
ok uninstall_runs rc_is 0
left=$(find "$D" ! -type d)
ok uninstall_removes_all [ -z "$left" ]
[ -z "$left" ] || echo "$left" | sed 's/^/    left: /'

# make deb: the package, built without root into DEBDIR.
command -v dpkg-deb >/dev/null || { echo "FAIL setup: no dpkg-deb"; exit 1; }
mk deb DEBDIR="$T/deb"
ok deb_builds rc_is 0
deb=$(ls "$T"/deb/station_*.deb 2>/dev/null)
arch=$(dpkg --print-architecture)
ok deb_name [ "$deb" = "$T/deb/station_$(cat "$REPO/VERSION")_$arch.deb" ]
dpkg-deb -c "$deb" >contents.txt 2>&1
dpkg-deb -I "$deb" >info.txt 2>&1
dpkg-deb -f "$deb" Depends >depends.txt 2>&1
dpkg-deb -I "$deb" conffiles >conffiles.txt 2>&1
has_path() { grep -qE " \./$1\$" contents.txt; }
ok deb_bin has_path usr/bin/station
ok deb_bin_mode grep -qE '^-rwxr-xr-x root/root .* \./usr/bin/station$' contents.txt
ok deb_etc_ini has_path etc/station/station.ini
ok deb_man_gz has_path usr/share/man/man1/station.1.gz
ok deb_no_plain_man sh -c '! grep -q "man1/station.1$" contents.txt'
ok deb_copyright has_path usr/share/doc/station/copyright
ok deb_doc_install has_path usr/share/doc/station/INSTALL.md
ok deb_doc_config has_path usr/share/doc/station/CONFIG.md
ok deb_ini_example has_path usr/share/station/station.ini.example
ok deb_demo_roster has_path usr/share/station/demo-deputies.csv
ok deb_all_root sh -c '! grep -v " root/root " contents.txt | grep -q .'
ok deb_no_group_write sh -c '! grep -qE "^.....w|^........w" contents.txt'
ok deb_no_usr_local sh -c '! grep -q "usr/local" contents.txt'
ok deb_field_package grep -qE '^ Package: station$' info.txt
ok deb_field_version grep -qE "^ Version: $(cat "$REPO/VERSION")\$" info.txt
ok deb_field_arch grep -qE "^ Architecture: $arch\$" info.txt
ok deb_field_section grep -qE '^ Section: misc$' info.txt
ok deb_field_priority grep -qE '^ Priority: optional$' info.txt
ok deb_field_maintainer grep -qE '^ Maintainer: .+<.+@.+>$' info.txt
ok deb_field_size grep -qE '^ Installed-Size: [0-9]+$' info.txt
ok deb_field_description grep -qE '^ Description: .+' info.txt
ok deb_description_chinese grep -qF '人大代表联络站' info.txt
ok deb_conffile grep -qx /etc/station/station.ini conffiles.txt
ok deb_recommends_lp grep -qE '^ Recommends: .*cups-client' info.txt
# Depends: the runtime libraries of the program and the CJK font the PDFs embed.
for p in fonts-noto-cjk libncursesw6 libsqlite3-0 libcsv3 libiniparser1 libcairo2 libpango-1.0-0 \
	libpangocairo-1.0-0 libcrypt1 libc6; do
	ok "deb_depends_$p" grep -qE "(^|[ ,|])$p( |,|\$)" depends.txt
done
ok deb_depends_no_dev sh -c '! grep -q -- "-dev" depends.txt'
# The /etc template: the demo station's identity is not set (commented out), everything else
# is the shipped station.ini.
dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./etc/station/station.ini >etc.ini 2>/dev/null
ok etc_ini_extracted [ -s etc.ini ]
ok etc_ini_no_demo_name sh -c '! grep -qE "^[[:space:]]*name[[:space:]]*=[[:space:]]*城关镇" etc.ini'
ok etc_ini_no_demo_code sh -c '! grep -qE "^[[:space:]]*code[[:space:]]*=" etc.ini'
ok etc_ini_shows_example grep -qE '^#.*name = 城关镇人大代表联络站' etc.ini
ok etc_ini_says_where grep -qF '/etc/station/station.ini' etc.ini
# It loads without errors or warnings (a clerk who never touches it gets the defaults).
st --config "$T/work/etc.ini" demo --db "$T/work/d.db"
ok etc_ini_loads rc_is 0
ok etc_ini_no_warning err_lacks etc.ini
