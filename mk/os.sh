#!/bin/sh
# The backend directory under src/os/ for this system, from uname -s.
case $(uname -s) in
Linux)		echo linux ;;
FreeBSD)	echo freebsd ;;
OpenBSD)	echo openbsd ;;
NetBSD)		echo netbsd ;;
SunOS)		echo solaris ;;
*)		echo generic ;;
esac
