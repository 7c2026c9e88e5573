#!/bin/sh
# The backend directory under src/os/ for this system, from uname -s; or,
# with "dirs OS", the directories whose C files make up backend OS: its
# own, then any it shares with related systems.
#	sh mk/os.sh
#	sh mk/os.sh dirs OS
if [ "${1:-}" = dirs ]; then
	echo "src/os/$2"
	case $2 in
	freebsd|openbsd|netbsd)	echo src/os/bsd ;;
	esac
	exit 0
fi
case $(uname -s) in
Linux)		echo linux ;;
FreeBSD)	echo freebsd ;;
OpenBSD)	echo openbsd ;;
NetBSD)		echo netbsd ;;
SunOS)		echo solaris ;;
*)		echo generic ;;
esac
