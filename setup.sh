#!/bin/sh
# Install what building and testing alcove needs, with this system's
# package manager.  Safe to run again: installed packages are left alone.
set -eu

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	elif command -v doas >/dev/null 2>&1; then
		doas "$@"
	else
		echo "setup.sh: need root to run: $*" >&2
		exit 1
	fi
}

if command -v apt-get >/dev/null 2>&1; then
	pkgs="make bmake kyua atf-sh libatf-dev libbsd-dev pkgconf gcc clang
	    mandoc valgrind erlang-base"
	missing=
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q "install ok installed" || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		as_root env DEBIAN_FRONTEND=noninteractive \
		    apt-get install -y -qq $missing
	fi
elif command -v pkg >/dev/null 2>&1 && [ "$(uname -s)" = FreeBSD ]; then
	as_root pkg install -y kyua atf pkgconf mandoc erlang
elif command -v pkg_add >/dev/null 2>&1 && [ "$(uname -s)" = OpenBSD ]; then
	as_root pkg_add -I kyua pkgconf erlang
elif command -v pkgin >/dev/null 2>&1; then
	as_root pkgin -y install bmake kyua atf pkgconf mandoc erlang
else
	echo "setup.sh: no known package manager; install bmake, kyua," \
	    "atf, pkgconf and a C compiler by hand" >&2
	exit 1
fi
echo "setup.sh: build and test dependencies are installed"
