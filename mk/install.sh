#!/bin/sh
# What make install puts where, as one list that install, uninstall, the
# PLIST and the test suite's path file are all made from, so that they
# cannot disagree.
#	sh mk/install.sh install | uninstall	(DESTDIR honoured)
#	sh mk/install.sh plist		the installed files, relative to PREFIX
#	sh mk/install.sh paths FILE tree | installed
# The make variables come in the environment: PREFIX BINDIR LIBEXECDIR
# LIBDIR INCLUDEDIR MANDIR PKGCONFIGDIR TESTSDIR DESTDIR BUILD OS SHLIB
# SHLIB_SONAME INTEROP TESTS_INSTALLED TOP TESTED.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
set -eu
cd "$(dirname "$0")/.."
: "${DESTDIR:=}" "${SHLIB:=}" "${SHLIB_SONAME:=}" "${INTEROP:=}"
STAGE=$BUILD/installed

# The manifest: "file MODE SOURCE DEST", "symlink TARGET DEST" or "hard
# PAGE DEST" (a second name of an installed page), DEST absolute.
manifest() {
	echo "file 0755 $BUILD/alcove $LIBEXECDIR/alcove"
	echo "file 0755 $BUILD/alcovectl $BINDIR/alcovectl"
	echo "file 0644 $BUILD/libalcove.a $LIBDIR/libalcove.a"
	if [ -n "$SHLIB" ]; then
		so=${SHLIB##*/}
		echo "file 0755 $SHLIB $LIBDIR/$so"
		echo "symlink $so $LIBDIR/$SHLIB_SONAME"
		echo "symlink $SHLIB_SONAME $LIBDIR/libalcove.so"
	fi
	echo "file 0644 include/alcove.h $INCLUDEDIR/alcove.h"
	echo "file 0644 $BUILD/alcove.pc $PKGCONFIGDIR/alcove.pc"
	for m in man/*.[1-9]; do
		[ -f "$m" ] || continue
		p=${m#man/}
		echo "file 0644 $m $MANDIR/man${p##*.}/$p"
	done
	# One name per typed function, where its page is there.
	sh mk/gen-calls.sh mlinks | while read -r page link; do
		[ -f "man/$page" ] && [ ! -f "man/$link" ] || continue
		echo "hard $MANDIR/man3/$page $MANDIR/man3/$link"
	done
	echo "file 0644 $STAGE/Kyuafile $TESTSDIR/Kyuafile"
	echo "file 0644 $STAGE/paths $TESTSDIR/paths"
	for t in $TESTS_INSTALLED; do
		echo "file 0755 tests/atf/$t $TESTSDIR/$t"
	done
	echo "file 0755 $BUILD/demo $TESTSDIR/demo"
	echo "file 0755 $BUILD/sandbox $TESTSDIR/sandbox"
	echo "file 0755 $BUILD/namespace $TESTSDIR/namespace"
	echo "file 0755 $BUILD/poll_loop $TESTSDIR/poll_loop"
	if [ -n "$SHLIB" ]; then
		echo "file 0755 $STAGE/demo-shared $TESTSDIR/demo-shared"
	fi
	if [ -n "$INTEROP" ]; then
		echo "file 0644 $INTEROP $TESTSDIR/interop/${INTEROP##*/}"
	fi
}

# DIR as seen from the installed test directory: relative when both are
# under PREFIX, so that a suite installed into a DESTDIR finds the
# programs installed next to it.
from_tests() {
	case $1/ in
	"$PREFIX"/*)	;;
	*)	echo "$1"; return ;;
	esac
	case $TESTSDIR/ in
	"$PREFIX"/*)	;;
	*)	echo "$1"; return ;;
	esac
	up=$(printf '%s\n' "${TESTSDIR#"$PREFIX"}" |
	    awk -F/ '{ s = ""; for (i = 2; i <= NF; i++) if ($i != "") s = s "../"; print s }')
	echo "$up${1#"$PREFIX"/}"
}

# The test programs' path file: "NAME PATH" lines, a relative PATH being
# relative to the test directory (see tests/atf/paths.subr).
paths() {	# tree | installed
	if [ "$1" = tree ]; then
		b=$TOP/${TESTED:-$BUILD}
		printf '%s %s\n' alcove "$b/alcove" alcovectl "$b/alcovectl" \
		    demo "$b/demo" sandbox "$b/sandbox" \
		    namespace "$b/namespace" poll_loop "$b/poll_loop" \
		    demo-shared "$b/demo-shared" libdir "$b" \
		    alcovectl.1 "$TOP/man/alcovectl.1" interop "$b/interop"
	else
		l=$(from_tests "$LIBDIR")
		printf '%s %s\n' alcove "$(from_tests "$LIBEXECDIR")/alcove" \
		    alcovectl "$(from_tests "$BINDIR")/alcovectl" \
		    demo demo sandbox sandbox demo-shared demo-shared \
		    namespace namespace poll_loop poll_loop \
		    libdir "$l" \
		    alcovectl.1 "$(from_tests "$MANDIR")/man1/alcovectl.1" \
		    interop interop
	fi
	echo "backend $OS"
}

case $1 in
install)
	mkdir -p "$STAGE"
	paths installed > "$STAGE/paths"
	sh mk/kyuafile.sh -o "$STAGE/Kyuafile" $TESTS_INSTALLED
	manifest | while read -r kind a b c; do
		case $kind in
		file)	mkdir -p "$DESTDIR${c%/*}"
			install -m "$a" "$b" "$DESTDIR$c" ;;
		symlink) ln -sf "$a" "$DESTDIR$b" ;;
		hard)	ln -f "$DESTDIR$a" "$DESTDIR$b" ;;
		esac
	done ;;
uninstall)
	manifest | while read -r kind a b c; do
		case $kind in
		file)	rm -f "$DESTDIR$c" ;;
		*)	rm -f "$DESTDIR$b" ;;
		esac
	done
	# The test directory is alcove's own; the others are shared.
	rmdir "$DESTDIR$TESTSDIR/interop" 2>/dev/null || true
	rmdir "$DESTDIR$TESTSDIR" 2>/dev/null || true ;;
plist)
	manifest | while read -r kind a b c; do
		case $kind in
		file)	d=$c ;;
		*)	d=$b ;;
		esac
		echo "${d#"$PREFIX"/}"
	done | sort ;;
paths)
	paths "$3" > "$2" ;;
*)
	echo "usage: sh mk/install.sh install | uninstall | plist | paths FILE tree|installed" >&2
	exit 2 ;;
esac
