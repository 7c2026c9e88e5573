#!/bin/sh
# The release tarball: what goes in it, how it is made, and the check that
# it builds, installs and passes its installed test suite on its own.
#	sh mk/dist.sh files		the files of a release, one a line
#	sh mk/dist.sh dist VERSION	write alcove-VERSION.tar.gz
#	sh mk/dist.sh distcheck VERSION	unpack it, build, install into a
#					temporary DESTDIR, run the installed suite
#	sh mk/dist.sh distinfo VERSION	write the pkgsrc distinfo for it
# MAKE is the make to build with (bmake by default).
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
set -eu
cd "$(dirname "$0")/.."
: "${MAKE:=bmake}"

# In git, the committed tree (git archive's view); elsewhere, for example
# in an unpacked tarball, every file but what a build makes.  The pkgsrc
# distinfo is left out: it holds this tarball's checksum.
files() {
	if [ -d .git ] || [ -f .git ]; then
		git ls-tree -r --name-only HEAD
	else
		find . -type f ! -path './build/*' ! -path './.kyua/*' \
		    ! -name '*.o' ! -name '*.tar.gz' | sed 's|^\./||' |
		    while read -r f; do
			case $f in
			tests/atf/*_test|tests/atf/.build|tests/atf/paths|\
			tests/atf/Kyuafile) ;;
			*)	echo "$f" ;;
			esac
		done
	fi | grep -v '^pkg/pkgsrc/.*/distinfo$' | LC_ALL=C sort
}

# The same files give the same bytes: fixed times, owners and order
# where tar can be told (GNU tar); git's copy of each file where in git.
dist() {	# version
	name=alcove-$1
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	mkdir "$tmp/$name"
	files | while read -r f; do
		mkdir -p "$tmp/$name/$(dirname "$f")"
		if [ -d .git ] || [ -f .git ]; then
			git show "HEAD:$f" > "$tmp/$name/$f"
			[ ! -x "$f" ] || chmod +x "$tmp/$name/$f"
		else
			cp -p "$f" "$tmp/$name/$f"
		fi
	done
	(cd "$tmp" && find "$name" -type f | LC_ALL=C sort > list)
	if tar --version 2>/dev/null | grep -q GNU; then
		(cd "$tmp" && tar --mtime=2026-01-01T00:00:00Z --owner=0 \
		    --group=0 --numeric-owner --mode=go-w -cf - -T list)
	else
		(cd "$tmp" && tar cf - $(cat list))
	fi | gzip -n -9 > "$name.tar.gz.tmp"
	mv "$name.tar.gz.tmp" "$name.tar.gz"
	echo "mk/dist.sh: wrote $name.tar.gz ($(files | wc -l | tr -d ' ') files)"
}

# Everything a user does with the tarball, with nothing of this tree.
distcheck() {	# version
	name=alcove-$1
	(dist "$1")
	top=$(pwd)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && gzip -dc "$top/$name.tar.gz" | tar xf -)
	src=$tmp/$name dest=$tmp/destdir prefix=/usr/local
	(cd "$src" && $MAKE >../build.log 2>&1) || {
		tail -20 "$tmp/build.log"; echo "distcheck: build failed" >&2
		exit 1; }
	# ERLC=: the PLIST is pkgsrc's, which leaves the Erlang suite out.
	(cd "$src" && $MAKE ERLC= DESTDIR="$dest" install >../install.log 2>&1) || {
		tail -20 "$tmp/install.log"; echo "distcheck: install failed" >&2
		exit 1; }
	# The installed files are the PLIST's.
	sh "$src/mk/plist-check.sh" "$dest$prefix" \
	    "$src/pkg/pkgsrc/sysutils/alcove/PLIST"
	# The installed suite, run from the DESTDIR against the installed
	# programs, with the source tree out of its reach.
	mv "$src" "$src.moved"
	rc=0
	(cd "$tmp" && kyua test -k "$dest$prefix/tests/alcove/Kyuafile" \
	    >suite.log 2>&1) || rc=$?
	(cd "$tmp" && kyua report -k "$dest$prefix/tests/alcove/Kyuafile" \
	    >report.log 2>&1) || true
	mv "$src.moved" "$src"
	grep -v -- '->  passed' "$tmp/suite.log" | grep -- '->' || true
	tail -1 "$tmp/suite.log"
	[ "$rc" -eq 0 ] || { echo "distcheck: the installed suite failed" >&2
		exit 1; }
	# Uninstall leaves no file behind.
	(cd "$src" && $MAKE ERLC= DESTDIR="$dest" uninstall >/dev/null 2>&1)
	left=$(cd "$dest" && find . ! -type d)
	[ -z "$left" ] || { echo "distcheck: uninstall left: $left" >&2
		exit 1; }
	echo "distcheck: $name.tar.gz builds, installs, passes its installed" \
	    "suite and uninstalls cleanly"
}

# pkgsrc's checksums of the tarball (openssl computes both digests).
distinfo() {	# version
	f=alcove-$1.tar.gz
	out=pkg/pkgsrc/sysutils/alcove/distinfo
	[ -f "$f" ] || dist "$1"
	b2=$(openssl dgst -blake2s256 -r "$f" | cut -d' ' -f1)
	sha=$(openssl dgst -sha512 -r "$f" | cut -d' ' -f1)
	size=$(wc -c < "$f" | tr -d ' ')
	printf '%s\n\n%s\n%s\n%s\n' '$NetBSD$' "BLAKE2s ($f) = $b2" \
	    "SHA512 ($f) = $sha" "Size ($f) = $size bytes" > "$out"
	echo "mk/dist.sh: wrote $out"
}

case ${1:-} in
files)		files ;;
distinfo)	distinfo "$2" ;;
dist)		dist "$2" ;;
distcheck)	distcheck "$2" ;;
*)	echo "usage: sh mk/dist.sh files | dist | distcheck | distinfo VERSION" >&2
	exit 2 ;;
esac
