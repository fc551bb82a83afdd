# A bare Debian 12 root to run things in (sourced, not run), shared by tests/fresh-root.sh
# (make check on a new machine) and tests/pkg/deb-root.sh (the .deb on a new machine).
#
#   ME=name; . tests/pkg/bare-root.sh; bare_root_make; bare_root_mount; ... chroot "$ROOT" ...
#
# bare_root_make sets ROOT to a new `debootstrap --variant=minbase bookworm` root in a temporary
# folder (needs root; debootstrap is installed with apt-get if missing) and arranges for it to be
# unmounted and removed on exit; bare_root_mount mounts /proc, /dev and /dev/pts (tmux needs a pty)
# and copies /etc/resolv.conf (apt needs names).
#
# Environment:
#   FRESH_MIRROR  Debian mirror (default: the bookworm mirror this machine's apt uses)
#   FRESH_CACHE   folder for a tarball of the bare root, made on the first run and unpacked
#                 (bare again) on later runs to skip debootstrap; default: no cache
#   FRESH_KEEP=1  keep the root afterwards (its path is printed)
#   TMPDIR        where the root is made (default /var/tmp)

die() {
	echo "$ME: $*" >&2
	exit 2
}

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mount)"

# The mirror apt on this machine uses for bookworm (one-line or deb822 sources).
host_mirror() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) while (i < NF && $i !~ /\]$/) i++; if ($2 ~ /^\[/) i++;
			if ($(i + 1) == "bookworm") { print $i; exit } }' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'BEGIN { RS = ""; FS = "\n" }
			{ uri = ""; ok = 0
			  for (i = 1; i <= NF; i++) {
				if ($i ~ /^URIs:/) { split($i, a, /[ \t]+/); uri = a[2] }
				if ($i ~ /^Suites:/) { n = split($i, s, /[ \t]+/); for (j = 2; j <= n; j++) if (s[j] == "bookworm") ok = 1 }
			  }
			  if (ok && uri != "") { print uri; exit } }' "$f"
	done
}

ROOT=""
MOUNTED=""
bare_root_cleanup() {
	# Unmount in reverse order, on every exit path; never delete a root that is still mounted.
	[ -n "$ROOT" ] || return 0
	for m in $MOUNTED; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	if grep -qF " $ROOT/" /proc/mounts; then
		echo "$ME: still mounted under $ROOT; not removing it" >&2
	elif [ -n "${FRESH_KEEP:-}" ]; then
		echo "$ME: root kept in $ROOT" >&2
	else
		rm -rf "$ROOT"
	fi
}

bare_root_make() {
	MIRROR=${FRESH_MIRROR:-$(host_mirror | head -1)}
	MIRROR=${MIRROR:-http://deb.debian.org/debian}
	if ! command -v debootstrap >/dev/null; then
		echo "== installing debootstrap"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null ||
			{ apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null; } ||
			die "could not install debootstrap"
	fi
	ROOT=$(mktemp -d "${TMPDIR:-/var/tmp}/station-$ME.XXXXXX") || die "mktemp failed"
	trap bare_root_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM HUP
	chmod 755 "$ROOT"
	tarball=${FRESH_CACHE:+$FRESH_CACHE/bookworm-minbase-$(dpkg --print-architecture).tar}
	if [ -n "$tarball" ] && [ -f "$tarball" ]; then
		echo "== bare root from $tarball"
		tar -C "$ROOT" -xpf "$tarball" || die "could not unpack $tarball"
	else
		echo "== debootstrap --variant=minbase bookworm $ROOT $MIRROR"
		debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 ||
			{ tail -n 30 "$ROOT.debootstrap.log"; rm -f "$ROOT.debootstrap.log"; die "debootstrap failed"; }
		rm -f "$ROOT.debootstrap.log"
		if [ -n "$tarball" ]; then
			mkdir -p "$FRESH_CACHE" && tar -C "$ROOT" -cpf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball" &&
				echo "== cached the bare root in $tarball"
		fi
	fi
	[ -x "$ROOT/bin/sh" ] || die "no /bin/sh in the new root"
}

bare_root_mount() {
	for m in proc dev dev/pts; do
		mkdir -p "$ROOT/$m"
		case $m in
		proc) mount -t proc proc "$ROOT/proc" ;;
		*) mount --bind "/$m" "$ROOT/$m" ;;
		esac || die "could not mount $ROOT/$m"
		MOUNTED="$ROOT/$m $MOUNTED"
	done
	cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
}
