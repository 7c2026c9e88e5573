#!/bin/sh
# The manual's table of calls per system, made from the code: which calls
# src/calls/registry.c registers unconditionally, which need a library
# function (a HAVE_ probe, whose result per system is in mk/probes/<os>),
# and which need a backend operation (set in src/os/<os>/*.c's os_ops).
#	sh mk/support.sh		print the table (mdoc)
#	sh mk/support.sh OS		print the calls OS answers unsupported
#	sh mk/support.sh --update	rewrite the table in man/alcove.8
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
set -eu
cd "$(dirname "$0")/.."
SYSTEMS=$(sh mk/os.sh list)

# call name -> condition: "always", "probe HAVE_X" or "op name"
conditions() {
	awk '
	/^#ifdef HAVE_/ { cond = "probe " $2; next }
	/^#endif/ { cond = ""; next }
	/^\tif \(os_ops\.[a-z_0-9]+ != NULL\)/ {
		op = $0; sub(/.*os_ops\./, "", op); sub(/ .*/, "", op)
		pending = "op " op; next
	}
	/h\[CALL_[a-z_0-9]+\] = call_/ {
		name = $0; sub(/.*h\[CALL_/, "", name); sub(/\].*/, "", name)
		c = pending != "" ? pending : (cond != "" ? cond : "always")
		print name, c
		pending = ""
	}' src/calls/registry.c
}

# Does this system have the call?  yes, no, or libc (generic: depends on
# the C library it is built with).
supported() {	# os condition...
	os=$1; shift
	case $1 in
	always)	echo yes ;;
	probe)	if [ "$os" = generic ]; then
			echo libc
		elif grep -qx "$2" "mk/probes/$os" 2>/dev/null; then
			echo yes
		else
			echo no
		fi ;;
	op)	if [ "$os" != generic ] && cat src/os/"$os"/*.c |
		    grep -Eq "^[[:space:]]*\.$2[[:space:]]*=[[:space:]]*[a-z_]"; then
			echo yes
		else
			echo no
		fi ;;
	*)	echo no ;;
	esac
}

table() {
	conds=$(conditions)
	printf '.Bl -column "cap_fcntls_limit"'
	for os in $SYSTEMS; do printf ' "%s"' "$os"; done
	echo
	printf '.It Sy call'
	for os in $SYSTEMS; do printf ' Ta Sy %s' "$os"; done
	echo
	awk -F'[(,) ]+' '/^ALCOVE_CALL/ { print $3 }' src/proto/calls.def |
	while read -r call; do
		c=$(printf '%s\n' "$conds" | awk -v n="$call" '$1 == n { $1 = ""; print; exit }')
		printf '.It Li %s' "$call"
		for os in $SYSTEMS; do
			if [ -z "$c" ]; then
				s=no
			else
				s=$(supported "$os" $c)
			fi
			case $s in
			yes)	printf ' Ta yes' ;;
			libc)	printf ' Ta libc' ;;
			*)	printf ' Ta \\(em' ;;
			esac
		done
		echo
	done
	echo '.El'
}

unsupported() {	# os
	table | awk -v os="$1" -v systems="$SYSTEMS" '
	BEGIN { n = split(systems, s, " "); for (i = 1; i <= n; i++) if (s[i] == os) col = i }
	/^\.It Li / {
		split($0, f, / Ta /); name = f[1]; sub(/^\.It Li /, "", name)
		if (f[col + 1] == "\\(em") print name
	}'
}

case ${1:-} in
"")	table ;;
--update)
	tmp=$(mktemp)
	table > "$tmp.table"
	awk -v t="$tmp.table" '
	/^\.\\" BEGIN SUPPORT TABLE/ { print; while ((getline l < t) > 0) print l; skip = 1; next }
	/^\.\\" END SUPPORT TABLE/ { skip = 0 }
	!skip { print }' man/alcove.8 > "$tmp"
	mv "$tmp" man/alcove.8
	rm -f "$tmp.table" ;;
*)	unsupported "$1" ;;
esac
