#!/bin/sh
# Feature probes for the Makefile: which libc functions link, which
# hardening flags work, which libraries a system needs.  Results are cached
# in $BUILD/config.cache and printed one field at a time:
#	sh mk/configure.sh BUILD CC OSCFLAGS FIELD
# FIELD is cflags (-DHAVE_... and libbsd's flags), libs, compat (compat/*.c
# sources to build), harden_cflags or harden_ldflags (hardening flags for
# the compiler and the linker), pic_cflags and shlib_ldflags (how to build
# a shared library with a soname; empty where it cannot be done), or
# shlib_export (the linker flag that exports only alcove_* from it), or
# edit_cflags and edit_libs (libedit for alcovectl sh, where it is found).
#	sh mk/configure.sh snippets DIR
# writes the function probes as DIR/<name>.c (mk/xcheck.sh runs them
# against other systems' headers).
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
set -u

# The libc functions probed; compat/<name>.c replaces each one missing.
FUNCS="strlcpy strtonum reallocarray closefrom pipe2 clearenv getresuid
    setresuid fexecve sethostname"

snippet() {
	case $1 in
	strlcpy) echo '#include <string.h>
int main(void) { char b[4]; return (int)strlcpy(b, "x", sizeof(b)); }';;
	strtonum) echo '#include <stdlib.h>
int main(void) { const char *e; return (int)strtonum("1", 0, 2, &e); }';;
	reallocarray) echo '#include <stdlib.h>
int main(void) { return reallocarray(0, 2, 2) == 0; }';;
	closefrom) echo '#include <stdlib.h>
#include <unistd.h>
int main(void) { closefrom(100); return 0; }';;
	pipe2) echo '#include <fcntl.h>
#include <unistd.h>
int main(void) { int p[2]; return pipe2(p, O_CLOEXEC); }';;
	clearenv) echo '#include <stdlib.h>
int main(void) { return clearenv(); }';;
	getresuid) echo '#include <sys/types.h>
#include <unistd.h>
int main(void) { uid_t r, e, s; return getresuid(&r, &e, &s); }';;
	setresuid) echo '#include <sys/types.h>
#include <unistd.h>
int main(void) { return setresuid(0, 0, 0); }';;
	fexecve) echo '#include <unistd.h>
int main(void) { char *v[] = { 0 }; return fexecve(-1, v, v); }';;
	sethostname) echo '#include <unistd.h>
int main(void) { char n[] = "x"; return sethostname(n, 1); }';;
	esac
}

if [ "${1:-}" = snippets ]; then
	mkdir -p "$2"
	for f in $FUNCS; do
		snippet "$f" > "$2/$f.c"
	done
	exit 0
fi

build=$1 cc=$2 oscflags=$3 field=$4
cache=$build/config.cache
# A new compiler, new flags or new probes invalidate the cache.
key="cc=$cc oscflags=$oscflags probes=$(cksum < "$0" | cut -d' ' -f1)"

probe() {	# probe NAME EXTRA_CFLAGS EXTRA_LIBS < program
	cat > "$tmp/$1.c"
	$cc $oscflags -Werror=implicit-function-declaration $2 \
	    -o "$tmp/$1" "$tmp/$1.c" $3 >/dev/null 2>&1
}

configure() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/alcove-probe.XXXXXX") || exit 1
	trap 'rm -rf "$tmp"' EXIT
	cflags= libs= compat= hardc= hardl= bsdc= bsdl= pic= shlib= export=
	editc= editl=

	if pkg-config --exists libbsd-overlay 2>/dev/null; then
		bsdc=$(pkg-config --cflags libbsd-overlay)
		bsdl=$(pkg-config --libs libbsd-overlay)
	fi

	# Sockets live in libsocket on some systems.
	for l in "" "-lsocket -lnsl" "-lsocket"; do
		if probe socketpair "" "$l" <<'P'
#include <sys/types.h>
#include <sys/socket.h>
int main(void) { int s[2]; return socketpair(AF_UNIX, SOCK_STREAM, 0, s); }
P
		then libs=$l; break; fi
	done

	# <sys/queue.h> with the macros alcove uses; where the C library has
	# none (musl), compat/queue supplies one.
	if ! probe queue "" "" <<'P'
#include <stddef.h>
#include <sys/queue.h>
struct e { TAILQ_ENTRY(e) t; STAILQ_ENTRY(e) s; };
TAILQ_HEAD(th, e);
STAILQ_HEAD(sh, e);
int main(void) {
	struct th h; struct sh q = STAILQ_HEAD_INITIALIZER(q); struct e *p;
	TAILQ_INIT(&h);
	TAILQ_FOREACH(p, &h, t) return 1;
	STAILQ_FOREACH(p, &q, s) return 1;
	return 0;
}
P
	then
		cflags="$cflags -Icompat/queue"
	fi

	# Kernel headers (<linux/...>, <asm/...>) for a C library that has
	# none of its own (musl-gcc): musl expects them in a directory of
	# their own, so one is made of links to the system's copies, where
	# the compiler does not find them and the system has them.
	kinc=$build/kernel-include
	if ! echo '#include <linux/version.h>
int main(void) { return 0; }' | probe kernel "" ""; then
		asm=
		for d in /usr/include/asm /usr/include/*/asm; do
			[ -f "$d/unistd.h" ] && { asm=$d; break; }
		done
		if [ -d /usr/include/linux ] && [ -d /usr/include/asm-generic ] &&
		    [ -n "$asm" ]; then
			mkdir -p "$kinc"
			ln -sfn /usr/include/linux "$kinc/linux"
			ln -sfn /usr/include/asm-generic "$kinc/asm-generic"
			ln -sfn "$asm" "$kinc/asm"
			cflags="$cflags -isystem $kinc"
		fi
	fi

	usebsd=
	for f in $FUNCS; do
		src=$(snippet "$f")
		name=$(echo "$f" | tr a-z A-Z)
		if echo "$src" | probe "$f" "" "$libs"; then
			cflags="$cflags -DHAVE_$name"
		elif [ -n "$bsdc" ] && echo "$src" | probe "$f" "$bsdc" "$bsdl $libs"; then
			cflags="$cflags -DHAVE_$name"
			usebsd=1
		elif [ -f "compat/$f.c" ]; then
			compat="$compat compat/$f.c"
		fi
	done
	if [ -n "$usebsd" ]; then
		cflags="$cflags $bsdc"
		libs="$libs $bsdl"
	fi

	for flag in -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE; do
		if echo 'int main(void) { return 0; }' |
		    probe harden "-O2 -Werror $hardc $flag" ""; then
			hardc="$hardc $flag"
		fi
	done
	for flag in -Wl,-z,relro -Wl,-z,now -pie; do
		if echo 'int main(void) { return 0; }' |
		    probe harden "-O2 -Werror $hardc $hardl $flag" ""; then
			hardl="$hardl $flag"
		fi
	done

	# A shared library: position-independent objects, linked with a
	# soname (-h is the name GNU ld, lld and the Solaris linker share).
	echo 'int alcove_probe(void) { return 0; }' > "$tmp/so.c"
	if $cc $oscflags -fPIC -shared -Wl,-h,libprobe.so.0 \
	    -o "$tmp/libprobe.so.0" "$tmp/so.c" >/dev/null 2>&1; then
		pic=-fPIC
		shlib=-shared
		# Only the API's names are exported: a version script (GNU ld,
		# lld) or a mapfile (Solaris ld) of the same syntax.
		for flag in -Wl,--version-script=mk/libalcove.map \
		    -Wl,-M,mk/libalcove.map; do
			if $cc $oscflags -fPIC -shared $flag \
			    -o "$tmp/libprobe.so.0" "$tmp/so.c" >/dev/null 2>&1
			then
				export=$flag
				break
			fi
		done
	fi

	# libedit: from pkg-config, or in the base system (the BSDs).
	ec= el=-ledit
	if pkg-config --exists libedit 2>/dev/null; then
		ec=$(pkg-config --cflags libedit)
		el=$(pkg-config --libs libedit)
	fi
	if printf '#include <stdio.h>\n#include <histedit.h>\nint main(void) { return el_init("x", stdin, stdout, stderr) == 0; }\n' |
	    probe libedit "$ec" "$el"; then
		editc="-DHAVE_LIBEDIT $ec"
		editl=$el
	fi

	mkdir -p "$build"
	{
		echo "key=$key"
		echo "cflags=$cflags"
		echo "libs=$libs"
		echo "compat=$compat"
		echo "harden_cflags=$hardc"
		echo "harden_ldflags=$hardl"
		echo "pic_cflags=$pic"
		echo "shlib_ldflags=$shlib"
		echo "shlib_export=$export"
		echo "edit_cflags=$editc"
		echo "edit_libs=$editl"
	} > "$cache.tmp" && mv "$cache.tmp" "$cache"
}

if [ ! -f "$cache" ] || [ "$(sed -n 's/^key=//p' "$cache")" != "$key" ]; then
	configure
fi
sed -n "s/^$field=//p" "$cache"
