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
# Then it builds the .deb there (make deb) and installs it in a second bare root with
# tests/pkg/deb-root.sh. It prints the output, ends with make check's last line and the .deb
# test's status, and exits non-zero if either failed. The bare root comes from tests/pkg/bare-root.sh.
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

ME=fresh-root
. "$(dirname "$0")/pkg/bare-root.sh"
REPO=$(cd "$(dirname "$0")/.." && pwd)
COMMIT=$(git -C "$REPO" rev-parse --verify "${1:-HEAD}^{commit}") || die "no such commit: ${1:-HEAD}"

# --- the bare root ---
bare_root_make

# --- the repository: a clean clone of one commit, nothing from this working tree ---
echo "== git clone $REPO at $COMMIT"
git clone -q --no-hardlinks --no-checkout "$REPO" "$ROOT/root/station" || die "git clone failed"
git -C "$ROOT/root/station" -c advice.detachedHead=false checkout -q --detach "$COMMIT" ||
	die "checkout of $COMMIT failed"

# --- what a chroot needs: /proc, /dev, a pty for tmux, name resolution for apt ---
bare_root_mount

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

# --- the .deb made there, installed in a second bare root (tests/pkg/deb-root.sh) ---
echo "== in the bare root: make deb; then tests/pkg/deb-root.sh in another bare root"
deb_rc=1
if chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	/bin/sh -c 'cd /root/station && make deb'; then
	sh "$ROOT/root/station/tests/pkg/deb-root.sh" "$ROOT"/root/station/build/station_*.deb
	deb_rc=$?
fi
echo "fresh-root ($COMMIT, exit $rc): $last"
echo "fresh-root .deb in a bare root: exit $deb_rc"
[ "$rc" -eq 0 ] && [ "$deb_rc" -ne 0 ] && rc=$deb_rc
exit "$rc"
