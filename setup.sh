#!/bin/sh
# Install what building and testing alcove needs, with this system's
# package manager.  Safe to run again: installed packages are left alone.
#	./setup.sh		what the README's Quick start needs: a C
#				compiler, bmake, kyua and atf, pkg-config,
#				mandoc, libbsd where there is one
#	./setup.sh --all	and what the rest of the suite and the other
#				make targets use: clang (make fuzz, CC=clang),
#				valgrind (make test-valgrind), Erlang (the
#				interop suite), musl-gcc (the musl build)
# Where a package cannot be installed, it says which ones are missing.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
set -eu

all=no
case ${1:-} in
"")	;;
--all)	all=yes ;;
-h|--help)
	sed -n '2,10s/^# \{0,1\}//p' "$0"
	exit 0 ;;
*)	echo "usage: ./setup.sh [--all]" >&2
	exit 2 ;;
esac

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	elif command -v doas >/dev/null 2>&1; then
		doas "$@"
	else
		echo "setup.sh: need root to run: $*" >&2
		return 1
	fi
}

# The commands each set needs, checked at the end whatever installed them.
need="cc bmake kyua atf-sh pkg-config mandoc"
need_all="clang valgrind erl erlc"

# base and extra: this system's package names for the two sets.
install_apt() {
	base="make bmake gcc libc6-dev kyua atf-sh libatf-dev libbsd-dev
	    libedit-dev pkgconf mandoc"
	extra="clang valgrind erlang-base musl-tools"
	[ "$all" = yes ] && base="$base $extra"
	missing=
	for p in $base; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q "install ok installed" || missing="$missing $p"
	done
	[ -n "$missing" ] || return 0
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
	    as_root env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $missing
}

install_freebsd() {	# cc, make (bmake) and mandoc are in the base system
	base="kyua atf pkgconf"
	extra="llvm valgrind erlang"
	[ "$all" = yes ] && base="$base $extra"
	as_root pkg install -y $base
}

install_openbsd() {	# cc, make and mandoc are in the base system
	base="kyua pkgconf"
	extra="valgrind erlang"
	[ "$all" = yes ] && base="$base $extra"
	as_root pkg_add -I $base
}

install_pkgin() {	# NetBSD, SmartOS, or pkgsrc bootstrapped elsewhere
	base="bmake kyua atf pkgconf mandoc"
	[ "$(uname -s)" = NetBSD ] || base="gcc13 $base"
	extra="clang valgrind erlang"
	[ "$all" = yes ] && base="$base $extra"
	as_root pkgin -y install $base
}

# OmniOS and OpenIndiana (IPS): the compiler comes from IPS; bmake, kyua
# and atf are not IPS packages and come from pkgsrc (pkgin) where it has
# been bootstrapped.
install_ips() {
	as_root pkg install -v --accept developer/build-essential ||
	    [ $? -eq 4 ]	# 4: nothing to do
	if command -v pkgin >/dev/null 2>&1; then
		install_pkgin
	fi
}

rc=0
if command -v apt-get >/dev/null 2>&1; then
	install_apt || rc=$?
elif [ "$(uname -s)" = FreeBSD ]; then
	install_freebsd || rc=$?
elif [ "$(uname -s)" = OpenBSD ]; then
	install_openbsd || rc=$?
elif [ "$(uname -s)" = SunOS ] && command -v pkg >/dev/null 2>&1 &&
    pkg publisher >/dev/null 2>&1; then
	install_ips || rc=$?
elif command -v pkgin >/dev/null 2>&1; then
	install_pkgin || rc=$?
else
	echo "setup.sh: no package manager known here (apt-get, pkg, pkg_add," \
	    "pkgin)" >&2
	rc=1
fi

# What is still missing, by command, whatever happened above.
want=$need
[ "$all" = yes ] && want="$want $need_all"
# The musl build (make CC=musl-gcc) is a Linux one.
[ "$all" = yes ] && [ "$(uname -s)" = Linux ] && want="$want musl-gcc"
missing=
for c in $want; do
	command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
done
if [ -n "$missing" ]; then
	echo "setup.sh: still missing:$missing" >&2
	echo "setup.sh: install them by hand (on illumos without pkgin, bmake," \
	    "kyua and atf come from pkgsrc: https://pkgsrc.smartos.org/install-on-illumos/)" >&2
	exit 1
fi
[ "$rc" -eq 0 ] || echo "setup.sh: the package manager failed, but" \
    "every command needed is there" >&2
if [ "$all" = yes ]; then
	echo "setup.sh: everything the full suite uses is installed"
else
	echo "setup.sh: what the Quick start needs is installed" \
	    "(./setup.sh --all adds clang, valgrind, Erlang and musl-gcc)"
fi
