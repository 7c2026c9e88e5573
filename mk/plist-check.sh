#!/bin/sh
# Do the files installed under ROOT (a DESTDIR's PREFIX) equal the entries
# of the pkgsrc PLIST?  Prints the difference and fails if not.
#	sh mk/plist-check.sh ROOT PLIST
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
set -eu
root=$1 plist=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && find . ! -type d | sed 's|^\./||' | LC_ALL=C sort) > "$tmp/installed"
grep -v '^@' "$plist" | LC_ALL=C sort > "$tmp/plist"
if ! cmp -s "$tmp/installed" "$tmp/plist"; then
	echo "plist-check: installed (<) and PLIST (>) differ:" >&2
	diff "$tmp/installed" "$tmp/plist" | grep '^[<>]' >&2
	exit 1
fi
echo "plist-check: the $(wc -l < "$tmp/plist" | tr -d ' ') installed files are the PLIST's"
