#!/bin/sh
# The fresh-machine test: does a clean clone pass `make check` on a bare Debian 12?
#
#   sh tests/fresh-root.sh [COMMIT]        (as root; default COMMIT: HEAD of this repository)
#
# Builds a `debootstrap --variant=minbase bookworm` root in a temporary folder, puts a clean
# `git clone` of COMMIT in /root/station inside it (committed files only: commit first), mounts
# /proc, /dev and /dev/pts (tmux needs a pty), copies /etc/resolv.conf, and runs there, as root
# in a chroot, what README.md tells a clerk to do on a new machine:
#     sh src/tools/install-deps.sh     (a bare root has no `make`)
#     make check
# It prints the output, ends with make check's last line and exits with its status.
# Not part of `make check`: it needs root, debootstrap (installed with apt-get if missing) and
# the Debian mirror; it takes several minutes.
#
# Environment:
#   FRESH_MIRROR  Debian mirror (default: the bookworm mirror this machine's apt uses)
#   FRESH_CACHE   folder for a tarball of the bare root, made on the first run and unpacked
#                 (bare again) on later runs to skip debootstrap; default: no cache
#   FRESH_KEEP=1  keep the root afterwards (its path is printed)
#   TMPDIR        where the root is made (default /var/tmp; needs ~1.5 GB)
set -u

die() {
	echo "fresh-root: $*" >&2
	exit 2
}

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mount)"
REPO=$(cd "$(dirname "$0")/.." && pwd)
COMMIT=$(git -C "$REPO" rev-parse --verify "${1:-HEAD}^{commit}") || die "no such commit: ${1:-HEAD}"

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
MIRROR=${FRESH_MIRROR:-$(host_mirror | head -1)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}

if ! command -v debootstrap >/dev/null; then
	echo "== installing debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null ||
		{ apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null; } ||
		die "could not install debootstrap"
fi

ROOT=$(mktemp -d "${TMPDIR:-/var/tmp}/station-fresh.XXXXXX") || die "mktemp failed"
MOUNTED=""
cleanup() {
	# Unmount in reverse order, on every exit path; never delete a root that is still mounted.
	for m in $MOUNTED; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	if grep -qF " $ROOT/" /proc/mounts; then
		echo "fresh-root: still mounted under $ROOT; not removing it" >&2
	elif [ -n "${FRESH_KEEP:-}" ]; then
		echo "fresh-root: root kept in $ROOT" >&2
	else
		rm -rf "$ROOT"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
chmod 755 "$ROOT"

# --- the bare root ---
TARBALL=${FRESH_CACHE:+$FRESH_CACHE/bookworm-minbase-$(dpkg --print-architecture).tar}
if [ -n "$TARBALL" ] && [ -f "$TARBALL" ]; then
	echo "== bare root from $TARBALL"
	tar -C "$ROOT" -xpf "$TARBALL" || die "could not unpack $TARBALL"
else
	echo "== debootstrap --variant=minbase bookworm $ROOT $MIRROR"
	debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 ||
		{ tail -n 30 "$ROOT.debootstrap.log"; rm -f "$ROOT.debootstrap.log"; die "debootstrap failed"; }
	rm -f "$ROOT.debootstrap.log"
	if [ -n "$TARBALL" ]; then
		mkdir -p "$FRESH_CACHE" && tar -C "$ROOT" -cpf "$TARBALL.tmp" . && mv "$TARBALL.tmp" "$TARBALL" &&
			echo "== cached the bare root in $TARBALL"
	fi
fi
[ -x "$ROOT/bin/sh" ] || die "no /bin/sh in the new root"

# --- the repository: a clean clone of one commit, nothing from this working tree ---
echo "== git clone $REPO at $COMMIT"
git clone -q --no-hardlinks --no-checkout "$REPO" "$ROOT/root/station" || die "git clone failed"
git -C "$ROOT/root/station" -c advice.detachedHead=false checkout -q --detach "$COMMIT" ||
	die "checkout of $COMMIT failed"

# --- what a chroot needs: /proc, /dev, a pty for tmux, name resolution for apt ---
for m in proc dev dev/pts; do
	mkdir -p "$ROOT/$m"
	case $m in
	proc) mount -t proc proc "$ROOT/proc" ;;
	*) mount --bind "/$m" "$ROOT/$m" ;;
	esac || die "could not mount $ROOT/$m"
	MOUNTED="$ROOT/$m $MOUNTED"
done
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true

# --- README.md on a new machine, as root, in the repository ---
echo "== in the bare root: sh src/tools/install-deps.sh && make check"
log=$ROOT/root/make-check.log
{
	chroot "$ROOT" /usr/bin/env -i HOME=/root TERM="${TERM:-xterm}" \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/sh -c 'cd /root/station && sh src/tools/install-deps.sh && make check' 2>&1
	echo $? >"$log.rc"
} | tee "$log"
rc=$(cat "$log.rc" 2>/dev/null) || rc=1
# make check's last line is "N passed, N failed" (tests/run.sh); make's own error line may follow.
last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
[ -n "$last" ] || last=$(tail -n 1 "$log")
echo "fresh-root ($COMMIT, exit $rc): $last"
exit "$rc"
