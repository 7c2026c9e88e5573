#!/bin/sh
# Type-check the port, the library, alcovectl and each backend against the system
# headers of OpenBSD, FreeBSD, NetBSD and illumos with ../shared/tools/xcheck.
# The feature probes of mk/configure.sh are run against the same headers
# first, so each system is checked with the HAVE_ flags and compat/ sources
# a real build there would use; the flags found are kept in mk/probes/<os>
# for the manual's table of calls per system (mk/support.sh).
#	sh mk/xcheck.sh [os ...]
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
set -u
XCHECK=${XCHECK:-$(dirname "$0")/../../shared/tools/xcheck}
cd "$(dirname "$0")/.." || exit 2
if [ ! -x "$XCHECK" ]; then
	echo "xcheck.sh: no xcheck at $XCHECK; set XCHECK to its path" >&2
	exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/alcove-xcheck.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
sh mk/configure.sh snippets "$tmp"

COMMON="src/proto/*.c src/port/*.c src/calls/*.c src/lib/*.c src/cli/*.c"
INCS="-Iinclude -Isrc -Icompat"
status=0
# The systems to check: xcheck's names (illumos) or backends (solaris).
targets=
[ $# -gt 0 ] || set -- $(sh mk/os.sh xchecked)
for a in "$@"; do
	for t in $(sh mk/os.sh xchecked); do
		case $a in
		"$t"|"${t%%:*}"|"${t#*:}") targets="$targets $t" ;;
		esac
	done
done
[ -n "$targets" ] || { echo "xcheck.sh: no such system: $*" >&2; exit 2; }
for t in $targets; do
	os=${t%%:*} dir=${t#*:}
	osflags=$(sh mk/os.sh cflags "$dir")
	have= compat=
	for c in "$tmp"/*.c; do
		f=$(basename "$c" .c)
		if "$XCHECK" --os "$os" $osflags "$c" >/dev/null 2>&1; then
			have="$have -DHAVE_$(echo "$f" | tr a-z A-Z)"
		elif [ -f "compat/$f.c" ]; then
			compat="$compat compat/$f.c"
		fi
	done
	echo "== $os: probes:$have; compat:${compat:- none}"
	# What the probes found there, for mk/support.sh's table.
	printf '%s\n' $have | sed 's/^-D//' > "mk/probes/$dir"
	# The backend's files, with those it shares (src/os/bsd/).
	backend=
	for d in $(sh mk/os.sh dirs "$dir"); do
		backend="$backend $d/*.c"
	done
	"$XCHECK" --os "$os" $osflags $have $INCS -Werror -Wall -Wextra \
	    $COMMON $backend $compat || status=1
done
exit $status
