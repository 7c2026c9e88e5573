#!/bin/sh
# Questions about the systems of mk/systems.
#	sh mk/os.sh		the backend for this system, from uname -s
#				(generic where mk/systems has none)
#	sh mk/os.sh dirs OS	the directories whose C files make up backend
#				OS: its own, then one it shares
#	sh mk/os.sh cflags OS	the feature macros OS is compiled with (for
#				generic, this system's)
#	sh mk/os.sh xcheck OS	the xcheck name of OS's headers (empty: none)
#	sh mk/os.sh list	every backend, in mk/systems' order
#	sh mk/os.sh xchecked	the backends xcheck can check, as "xcheck-name:os"
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
set -u
systems=$(dirname "$0")/systems

# The lines of mk/systems, without comments.
lines() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$systems"
}

field() {	# os field-number
	lines | awk -v os="$1" -v f="$2" '$1 == os {
		if (f < 5) { print $f; exit }
		s = ""; for (i = 5; i <= NF; i++) s = s (i > 5 ? " " : "") $i
		print s; exit }'
}

case ${1:-} in
"")	u=$(uname -s)
	os=$(lines | awk -v u="$u" '$2 == u { print $1; exit }')
	echo "${os:-generic}" ;;
dirs)	echo "src/os/$2"
	s=$(field "$2" 3)
	[ -z "$s" ] || [ "$s" = - ] || echo "src/os/$s" ;;
cflags)	# generic is compiled with the feature macros of the system it is
	# built on: what it has is what that C library offers (the manual's
	# "libc"), and glibc hides setresuid and pipe2 without _GNU_SOURCE.
	os=$2
	[ "$os" != generic ] || os=$(sh "$0")
	field "$os" 5 ;;
xcheck)	x=$(field "$2" 4)
	[ "$x" = - ] || echo "$x" ;;
list)	lines | awk '{ s = s (NR > 1 ? " " : "") $1 } END { print s }' ;;
xchecked)
	lines | awk '$4 != "-" { s = s (s != "" ? " " : "") $4 ":" $1 }
	    END { print s }' ;;
*)	echo "usage: sh mk/os.sh [dirs|cflags|xcheck OS | list | xchecked]" >&2
	exit 2 ;;
esac
