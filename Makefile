# alcove: the port, libalcove, the demo and the tests.
#
# A self-contained BSD Makefile: NetBSD bmake (Debian's bmake), FreeBSD make
# and OpenBSD make all read it (no system .mk files, no :tl, .error,
# .export or -C).  On Linux the GNUmakefile forwards plain "make" here.
#
#	make			build everything for this system
#	make OS=generic		build the POSIX-only backend (any system)
#	make test		run the test suite with kyua
#	make demo		build and run the example program
#
# Objects go to ${BUILD} (build/<os> by default), so builds for different
# backends never mix.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

# OS names a directory of src/os/.  Some make(1)s predefine OS with the
# system's own name (bmake: OS=Linux); that is not a backend, so it is
# replaced by what mk/os.sh detects.
.if !defined(OS) || !exists(${.CURDIR}/src/os/${OS}/os.c)
OS!=		sh mk/os.sh
.endif
BUILD?=		build/${OS}
CC?=		cc
PREFIX?=	/usr/local
BINDIR?=	${PREFIX}/bin
LIBDIR?=	${PREFIX}/lib
LIBEXECDIR?=	${PREFIX}/libexec
# INCDIR is the old name of INCLUDEDIR, still honoured.
.if defined(INCDIR)
INCLUDEDIR?=	${INCDIR}
.endif
INCLUDEDIR?=	${PREFIX}/include
MANDIR?=	${PREFIX}/man
PKGCONFIGDIR?=	${LIBDIR}/pkgconfig
# The installed test suite (the FreeBSD and NetBSD place for it).
TESTSDIR?=	${PREFIX}/tests/alcove
VERSION=	0.1.0

# Feature macros per system (mk/systems).  The tests always describe the
# machine they run on, so they get the host's macros even when OS=generic.
HOST_OS!=	sh mk/os.sh
OS_CFLAGS!=	sh mk/os.sh cflags ${OS}
HOST_OS_CFLAGS!= sh mk/os.sh cflags ${HOST_OS}

# Feature probes (mk/configure.sh), cached per build directory.
PROBE=		sh mk/configure.sh ${BUILD} "${CC}" "${OS_CFLAGS}"
PROBE_CFLAGS!=	${PROBE} cflags
PROBE_LIBS!=	${PROBE} libs
COMPAT_SRCS!=	${PROBE} compat
HARDEN_CFLAGS!=	${PROBE} harden_cflags
HARDEN_LDFLAGS!= ${PROBE} harden_ldflags
PIC_CFLAGS!=	${PROBE} pic_cflags
SHLIB_LDFLAGS!=	${PROBE} shlib_ldflags
SHLIB_EXPORT!=	${PROBE} shlib_export
EDIT_CFLAGS!=	${PROBE} edit_cflags
EDIT_LIBS!=	${PROBE} edit_libs

OPT?=		-O2 -g
WARN=		-Wall -Wextra -Werror -Wshadow -Wpointer-arith \
		-Wmissing-prototypes -Wstrict-prototypes
INCS=		-Iinclude -Isrc -Icompat
BASE_CFLAGS=	${OPT} ${WARN} ${HARDEN_CFLAGS} ${PROBE_CFLAGS} ${INCS} -pthread \
		-DALCOVE_PORT_PATH=\"${LIBEXECDIR}/alcove\" -DALCOVE_OS=\"${OS}\" \
		${CFLAGS}
ALL_CFLAGS=	${OS_CFLAGS} ${BASE_CFLAGS}
# Objects depend on this file, rewritten only when the flags change.
FLAGS_STAMP!=	sh mk/stamp.sh ${BUILD}/cflags "${CC} ${ALL_CFLAGS}"; \
		echo ${BUILD}/cflags
ALL_LDFLAGS=	${HARDEN_LDFLAGS} ${LDFLAGS}
# libalcove is thread-safe: it and everything linked with it use -pthread.
THREAD_FLAGS=	-pthread
LIBS=		${PROBE_LIBS} ${THREAD_FLAGS}

PROTO_SRCS=	src/proto/etf.c src/proto/frame.c src/proto/calls.c \
		src/proto/constant.c src/proto/errno_id.c
PORT_SRCS=	src/port/main.c src/port/loop.c src/port/buf.c \
		src/port/emit.c src/port/child.c src/port/ctl.c \
		src/port/exec.c src/port/signal.c src/port/dispatch.c \
		src/calls/arg.c src/calls/registry.c src/calls/proc.c \
		src/calls/id.c src/calls/fs.c src/calls/fd.c src/calls/env.c \
		src/calls/limit.c src/calls/sig.c src/calls/const.c \
		src/calls/option.c src/calls/misc.c src/calls/cstruct.c \
		src/calls/socket.c src/calls/mount.c src/calls/ns.c \
		src/calls/prctl.c src/calls/jail.c src/calls/capsicum.c \
		src/calls/pledge.c src/calls/argmem.c ${OS_SRCS}
CLI_SRCS=	src/cli/main.c src/cli/run.c src/cli/sh.c src/cli/calls.c src/cli/vars.c \
		src/cli/tree.c src/cli/lineedit.c src/cli/run_cgroup.c \
		src/cli/serve.c src/cli/serve_container.c \
		src/cli/term_parse.c src/cli/term_print.c
LIB_SRCS=	src/lib/start.c src/lib/pump.c src/lib/call.c src/lib/reply.c \
		src/lib/constarg.c src/lib/typed_default.c \
		src/lib/typed_constant.c \
		src/lib/term.c src/lib/cstruct.c \
		src/lib/typed_cstruct.c src/lib/typed_prctl.c \
		src/lib/typed_jail.c src/lib/bpf.c \
		src/lib/typed_unshare.c src/lib/typed_mount.c \
		src/lib/typed_fork.c src/lib/typed_setuid.c \
		src/lib/typed_chdir.c src/lib/typed_open.c \
		src/lib/typed_environ.c src/lib/typed_setrlimit.c \
		src/lib/typed_setopt.c \
		src/lib/cgroup.c src/lib/cgroup_find.c src/lib/cgroup_file.c
LIB_SRCS+=	src/lib/outq.c src/lib/owner.c src/lib/dispatch.c \
		src/lib/pathq.c
# Every C file of the backend's directory and of the directories it shares
# with related systems (src/os/bsd/ for the BSDs: mk/os.sh).
OS_DIRS!=	sh mk/os.sh dirs ${OS}
OS_SRCS!=	for d in ${OS_DIRS}; do ls $$d/*.c; done
# Unit tests may include any backend's portable logic (a .c file).
ALL_OS_SRCS!=	ls src/os/*/*.c
OS_HDRS!=	for d in ${OS_DIRS}; do ls $$d/*.h 2>/dev/null; done; true
HDRS=		include/alcove.h src/calls/cstruct.h ${OS_HDRS} src/lib/lib.h src/lib/typed.h src/lib/cstruct.h src/lib/cgroup.h src/proto/etf.h src/proto/frame.h src/proto/calls.h \
		src/proto/calls.def src/proto/constant.h \
		src/proto/constant_tables.inc src/proto/errno_id.h \
		src/port/port.h src/port/ctl.h src/calls/call.h src/cli/cli.h src/cli/run.h src/cli/serve.h \
		src/calls/handlers.h src/os/os.h compat/compat.h

# The typed descriptor, socket, exec and BSD-only calls.
LIB_SRCS+=	src/lib/typed_fd.c src/lib/typed_exec.c src/lib/typed_iolist.c \
		src/lib/typed_capsicum.c src/lib/typed_pledge.c \
		src/lib/typed_jail_id.c

PROTO_OBJS=
PORT_OBJS=
COMPAT_OBJS=
LIB_OBJS=
.for s in ${LIB_SRCS}
LIB_OBJS+=	${BUILD}/${s:R}.o
.endfor
.for s in ${PROTO_SRCS}
PROTO_OBJS+=	${BUILD}/${s:R}.o
.endfor
.for s in ${PORT_SRCS}
PORT_OBJS+=	${BUILD}/${s:R}.o
.endfor
.for s in ${COMPAT_SRCS}
COMPAT_OBJS+=	${BUILD}/${s:R}.o
.endfor
CLI_OBJS=
.for s in ${CLI_SRCS}
CLI_OBJS+=	${BUILD}/${s:R}.o
.endfor
# The shared library's objects are compiled again, position-independent.
PIC_OBJS=
.for s in ${LIB_SRCS} ${PROTO_SRCS} ${COMPAT_SRCS}
PIC_OBJS+=	${BUILD}/pic/${s:R}.o
.endfor

PORT=		${BUILD}/alcove
CLI=		${BUILD}/alcovectl
LIB=		${BUILD}/libalcove.a
# The shared library, where the system can build one: libalcove.so.M.m
# with the soname libalcove.so.M (M changes when the ABI breaks).
SHLIB_MAJOR=	0
SHLIB_MINOR=	1
.if !empty(SHLIB_LDFLAGS)
SHLIB_SONAME=	libalcove.so.${SHLIB_MAJOR}
SHLIB=		${BUILD}/${SHLIB_SONAME}.${SHLIB_MINOR}
DEMO_SHARED=	${BUILD}/demo-shared
.else
SHLIB=
DEMO_SHARED=
.endif
DEMO=		${BUILD}/demo
SANDBOX=	${BUILD}/sandbox
NAMESPACE=	${BUILD}/namespace
POLL_LOOP=	${BUILD}/poll_loop

# The ATF test programs are linked into tests/atf/, where the Kyuafile
# finds them; a stamp relinks them when another build directory is used.
# Every tests/atf/*_test.c is a test program (and listed in its Kyuafile).
TEST_PROGS!=	cd tests/atf && ls *_test.c | sed 's/\.c$$//'
ATF_CFLAGS!=	pkg-config --cflags atf-c 2>/dev/null || true
ATF_LIBS!=	pkg-config --libs atf-c 2>/dev/null || echo -latf-c
TEST_STAMP!=	sh mk/stamp.sh tests/atf/.build "${BUILD}"; echo tests/atf/.build
TEST_CFLAGS=	${HOST_OS_CFLAGS} ${BASE_CFLAGS} ${ATF_CFLAGS} -Itests/atf \
		-DALCOVE_TEST_PORT=\"${.CURDIR}/${PORT}\" \
		-DALCOVE_TEST_OS=\"${OS}\"
# ... and every tests/atf/*_test.sh an atf-sh program.
TEST_SCRIPTS!=	cd tests/atf && ls *_test.sh | sed 's/\.sh$$//'
KYUAFILE!=	sh mk/kyuafile.sh ${TEST_PROGS} ${TEST_SCRIPTS}; echo tests/atf/Kyuafile
TESTS=
.for t in ${TEST_PROGS} ${TEST_SCRIPTS}
TESTS+=		tests/atf/${t}
.endfor

PC=		${BUILD}/alcove.pc
# The manual: every page of man/.  Each function is found under its own
# name through a hard link, BSD style (mk/gen-calls.sh mlinks, and the .Nm
# names of every page).
MANS!=		ls man/*.[1-8]

# The Erlang/OTP interop suite (tests/interop), where Erlang is installed.
ERLC!=		command -v erlc 2>/dev/null || true
.if !empty(ERLC)
INTEROP=	${BUILD}/interop/alcove_interop.beam
.else
INTEROP=
.endif

all: ${PORT} ${CLI} ${LIB} ${SHLIB} ${DEMO} ${DEMO_SHARED} ${SANDBOX} ${NAMESPACE} ${POLL_LOOP} ${PC} ${TESTS} ${INTEROP} \
    tests/atf/paths

# Everything but the test programs.
programs: ${PORT} ${CLI} ${LIB} ${SHLIB} ${DEMO} ${DEMO_SHARED} ${SANDBOX} ${NAMESPACE} ${POLL_LOOP} \
    ${PC} ${INTEROP}

.for s in ${PROTO_SRCS} ${PORT_SRCS} ${COMPAT_SRCS} ${LIB_SRCS}
${BUILD}/${s:R}.o: ${s} ${HDRS} ${FLAGS_STAMP}
	@mkdir -p ${.TARGET:H}
	${CC} ${ALL_CFLAGS} -c ${s} -o ${.TARGET}
.endfor
.for s in ${CLI_SRCS}
${BUILD}/${s:R}.o: ${s} ${HDRS} ${FLAGS_STAMP}
	@mkdir -p ${.TARGET:H}
	${CC} ${ALL_CFLAGS} ${EDIT_CFLAGS} -c ${s} -o ${.TARGET}
.endfor

.for s in ${LIB_SRCS} ${PROTO_SRCS} ${COMPAT_SRCS}
${BUILD}/pic/${s:R}.o: ${s} ${HDRS} ${FLAGS_STAMP}
	@mkdir -p ${.TARGET:H}
	${CC} ${ALL_CFLAGS} ${PIC_CFLAGS} -c ${s} -o ${.TARGET}
.endfor

# alcovectl links the static library: it uses the codec too.
${CLI}: ${CLI_OBJS} ${LIB}
	${CC} ${ALL_LDFLAGS} -o ${.TARGET} ${CLI_OBJS} ${LIB} ${LIBS} \
	    ${EDIT_LIBS}

${PORT}: ${PORT_OBJS} ${PROTO_OBJS} ${COMPAT_OBJS}
	${CC} ${ALL_LDFLAGS} -o ${.TARGET} ${PORT_OBJS} ${PROTO_OBJS} \
	    ${COMPAT_OBJS} ${LIBS}

${LIB}: ${LIB_OBJS} ${PROTO_OBJS} ${COMPAT_OBJS}
	rm -f ${.TARGET}
	ar rcs ${.TARGET} ${LIB_OBJS} ${PROTO_OBJS} ${COMPAT_OBJS}

.if !empty(SHLIB)
${SHLIB}: ${PIC_OBJS} mk/libalcove.map
	${CC} ${SHLIB_LDFLAGS} -Wl,-h,${SHLIB_SONAME} ${SHLIB_EXPORT} \
	    ${HARDEN_LDFLAGS:N-pie} ${LDFLAGS} -o ${.TARGET} ${PIC_OBJS} ${LIBS}
	ln -sf ${SHLIB:T} ${BUILD}/${SHLIB_SONAME}
	ln -sf ${SHLIB_SONAME} ${BUILD}/libalcove.so

# The demo again, linked with the shared library (tests/atf/shlib_test).
${DEMO_SHARED}: examples/demo.c ${SHLIB} include/alcove.h
	${CC} ${ALL_CFLAGS} ${ALL_LDFLAGS} -o ${.TARGET} examples/demo.c \
	    -L${BUILD} -lalcove -Wl,-rpath,${.CURDIR}/${BUILD} ${LIBS}
.endif

${SANDBOX}: examples/sandbox.c ${LIB} include/alcove.h
	${CC} ${ALL_CFLAGS} ${ALL_LDFLAGS} -o ${.TARGET} examples/sandbox.c \
	    ${LIB} ${LIBS}

${POLL_LOOP}: examples/poll_loop.c ${LIB} include/alcove.h
	${CC} ${ALL_CFLAGS} ${ALL_LDFLAGS} -o ${.TARGET} examples/poll_loop.c \
	    ${LIB} ${LIBS}

${DEMO}: examples/demo.c ${LIB} include/alcove.h
	${CC} ${ALL_CFLAGS} ${ALL_LDFLAGS} -o ${.TARGET} examples/demo.c ${LIB} \
	    ${LIBS}

# The Linux namespace sandbox of examples/ (run as root).
${NAMESPACE}: examples/namespace.c ${LIB} include/alcove.h
	${CC} ${ALL_CFLAGS} ${ALL_LDFLAGS} -o ${.TARGET} examples/namespace.c \
	    ${LIB} ${LIBS}

${BUILD}/tests/testlib.o: tests/atf/testlib.c tests/atf/testlib.h ${HDRS}
	@mkdir -p ${.TARGET:H}
	${CC} ${TEST_CFLAGS} -c tests/atf/testlib.c -o ${.TARGET}

.for t in ${TEST_PROGS}
tests/atf/${t}: tests/atf/${t}.c ${BUILD}/tests/testlib.o ${LIB} ${HDRS} \
    tests/atf/testlib.h ${TEST_STAMP} ${PORT} ${ALL_OS_SRCS}
	${CC} ${TEST_CFLAGS} ${ALL_LDFLAGS} -o ${.TARGET} tests/atf/${t}.c \
	    ${BUILD}/tests/testlib.o ${LIB} ${ATF_LIBS} ${LIBS}
.endfor

.for t in ${TEST_SCRIPTS}
tests/atf/${t}: tests/atf/${t}.sh tests/atf/paths.subr ${TEST_STAMP}
	(echo '#! /usr/bin/env atf-sh'; cat tests/atf/paths.subr \
	    tests/atf/${t}.sh) > ${.TARGET}
	chmod +x ${.TARGET}
.endfor

# alcove.pc embeds the installation paths: it is remade when they change
# (the objects, which embed ALCOVE_PORT_PATH, follow ${FLAGS_STAMP}).  A
# static libalcove built with sanitizers (make sanitize) needs them at link
# time too: Libs.private says so.
PC_STAMP!=	sh mk/stamp.sh ${BUILD}/pc-paths "${PREFIX} ${LIBDIR} \
		${INCLUDEDIR} ${LIBEXECDIR} ${VERSION} ${LIBS}"; \
		echo ${BUILD}/pc-paths
${PC}: alcove.pc.in ${PC_STAMP} ${FLAGS_STAMP}
	sed -e 's|@PREFIX@|${PREFIX}|' -e 's|@LIBDIR@|${LIBDIR}|' \
	    -e 's|@INCLUDEDIR@|${INCLUDEDIR}|' -e 's|@LIBEXECDIR@|${LIBEXECDIR}|' \
	    -e 's|@VERSION@|${VERSION}|' \
	    -e 's|@LIBS@|${LIBS} ${LDFLAGS:M-fsanitize=*}|' \
	    alcove.pc.in > ${.TARGET}

# make install and uninstall: mk/install.sh holds the one list of what goes
# where.  The installed suite is every test program but those that read the
# source tree (SRC_TESTS); its path file (tests/atf/paths.subr) points them
# at the installed programs.
SRC_TESTS=	generated_test manual_test unsupported_test install_test \
		license_test man_examples_test
TESTS_INSTALLED=
.for t in ${TEST_PROGS} ${TEST_SCRIPTS}
.if empty(SRC_TESTS:M${t})
TESTS_INSTALLED+=	${t}
.endif
.endfor
INSTALL_ENV=	PREFIX="${PREFIX}" BINDIR="${BINDIR}" \
		LIBEXECDIR="${LIBEXECDIR}" LIBDIR="${LIBDIR}" \
		INCLUDEDIR="${INCLUDEDIR}" MANDIR="${MANDIR}" \
		PKGCONFIGDIR="${PKGCONFIGDIR}" TESTSDIR="${TESTSDIR}" \
		DESTDIR="${DESTDIR}" BUILD="${BUILD}" OS="${OS}" \
		SHLIB="${SHLIB}" SHLIB_SONAME="${SHLIB_SONAME}" \
		INTEROP="${INTEROP}" TESTS_INSTALLED="${TESTS_INSTALLED}" \
		TOP="${.CURDIR}" TESTED="${TESTED}"
INSTALL_SH=	env ${INSTALL_ENV} sh mk/install.sh

# The demo as the installed suite runs it: linked for ${LIBDIR}.
.if !empty(SHLIB)
INST_DEMO_SHARED=	${BUILD}/installed/demo-shared
${INST_DEMO_SHARED}: examples/demo.c ${SHLIB} include/alcove.h ${PC_STAMP}
	@mkdir -p ${.TARGET:H}
	${CC} ${ALL_CFLAGS} ${ALL_LDFLAGS} -o ${.TARGET} examples/demo.c \
	    -L${BUILD} -lalcove -Wl,-rpath,${LIBDIR} ${LIBS}
.else
INST_DEMO_SHARED=
.endif

# Where the test programs of the tree find the programs they test: those
# of ${BUILD}, or of another build directory, TESTED, whose programs were
# built with a compiler the test programs cannot use (musl-gcc has no
# libatf-c): "make CC=musl-gcc BUILD=build/musl programs", then
# "make TESTED=build/musl test".
TESTED?=	${BUILD}
TEST_PATHS_STAMP!= sh mk/stamp.sh ${BUILD}/test-paths \
		"${.CURDIR} ${OS} ${TESTED}"; echo ${BUILD}/test-paths
tests/atf/paths: ${TEST_STAMP} ${TEST_PATHS_STAMP} mk/install.sh
	@${INSTALL_SH} paths ${.TARGET} tree

install: all ${INST_DEMO_SHARED}
	${INSTALL_SH} install

uninstall:
	${INSTALL_SH} uninstall

# The PLIST of pkg/pkgsrc/sysutils/alcove, made from the same list.
plist:
	@${INSTALL_SH} plist

# The release tarball alcove-${VERSION}.tar.gz (mk/dist.sh), and the check
# that it builds, installs into a DESTDIR, matches the pkgsrc PLIST and
# passes its installed suite.
dist:
	sh mk/dist.sh dist ${VERSION}

distcheck:
	MAKE="${MAKE}" sh mk/dist.sh distcheck ${VERSION}

# pkg/pkgsrc/sysutils/alcove/distinfo for the tarball (after make dist).
distinfo:
	sh mk/dist.sh distinfo ${VERSION}

# mandoc must find nothing to warn about in the manual (its style notes,
# such as cross-references to pages not installed yet, are left out).
lint-man:
	mandoc -Tlint -Wwarning ${MANS}

# Type-check every backend against the other systems' headers.
xcheck:
	sh mk/xcheck.sh

.if !empty(ERLC)
${INTEROP}: tests/interop/alcove_interop.erl
	@mkdir -p ${.TARGET:H}
	${ERLC} -Wall +warnings_as_errors -o ${.TARGET:H} \
	    tests/interop/alcove_interop.erl
.endif

# The test command of the README and of CI: run the suite, then report.
test: all
	kyua test; rc=$$?; kyua report; exit $$rc

# The suite with every port it starts run under valgrind: a memory error or
# a leak in any alcove process makes that process exit 99, which the tests
# see as a failure.  The options live in a wrapper script: test programs
# get its path (atf-sh would mangle an '=' in a configuration value).
VALGRIND?=	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect
VG_WRAPPER=	${BUILD}/port-valgrind
test-valgrind: all
	printf '#!/bin/sh\nexec %s "$$@"\n' "${VALGRIND}" > ${VG_WRAPPER}
	chmod +x ${VG_WRAPPER}
	kyua -v "test_suites.alcove.port_wrapper=${.CURDIR}/${VG_WRAPPER}" test; \
	    rc=$$?; kyua report; exit $$rc

# The library's thread, owner and loop tests built with ThreadSanitizer
# into their own directory and run there by kyua: a data race or a lock
# misuse makes the test program exit 66 after its result, which kyua
# reports as broken.  TSAN_CC: clang or gcc.
TSAN_CC?=	${CC}
TSAN_DIR=	build/tsan
TSAN_TESTS=	lib_thread_test lib_owner_test lib_loop_test
TSAN_FLAGS=	-fsanitize=thread -O1 -g -pthread ${HOST_OS_CFLAGS} \
		${PROBE_CFLAGS} ${INCS} ${ATF_CFLAGS} -Itests/atf \
		-DALCOVE_TEST_PORT=\"${.CURDIR}/${PORT}\" \
		-DALCOVE_TEST_OS=\"${OS}\"
tsan: ${PORT}
	@mkdir -p ${TSAN_DIR}
	for t in ${TSAN_TESTS}; do \
		${TSAN_CC} ${TSAN_FLAGS} -o ${TSAN_DIR}/$$t tests/atf/$$t.c \
		    tests/atf/testlib.c ${LIB_SRCS} ${PROTO_SRCS} \
		    ${COMPAT_SRCS} ${ATF_LIBS} ${LIBS} || exit 1; \
	done
	(echo 'syntax(2)'; echo 'test_suite("alcove")'; \
	    for t in ${TSAN_TESTS}; do \
		echo "atf_test_program{name=\"$$t\"}"; done) \
	    > ${TSAN_DIR}/Kyuafile
	cd ${TSAN_DIR} && TSAN_OPTIONS="exitcode=66 halt_on_error=0" \
	    kyua test; rc=$$?; kyua report; exit $$rc

# The library's own test programs under valgrind, one test case per run
# (atf's -r result file): a memory error or a leak in the client makes
# valgrind exit 99 and the case fail.
LIB_TESTS=	lib_thread_test lib_owner_test lib_loop_test lib_start_test \
		lib_wait_test
LIB_VALGRIND?=	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect
test-valgrind-lib: all
	@rc=0; for t in ${LIB_TESTS}; do \
		for c in $$(tests/atf/$$t -l | sed -n 's/^ident: //p'); do \
			d=$$(mktemp -d $${TMPDIR:-/tmp}/alcove-vg.XXXXXX); \
			if (cd $$d && ${LIB_VALGRIND} ${.CURDIR}/tests/atf/$$t \
			    -r $$d/result $$c >$$d/out 2>&1) && \
			    grep -q '^passed' $$d/result; then \
				echo "$$t:$$c: passed"; \
			else \
				echo "$$t:$$c: FAILED"; cat $$d/result $$d/out; \
				rc=1; \
			fi; \
			rm -rf $$d; \
		done; \
	done; exit $$rc

# The whole suite with everything built with AddressSanitizer and
# UndefinedBehaviorSanitizer into ${SAN_BUILD} (the tests in tests/atf/ are
# relinked against it, and a later "make" relinks them back).  A finding in
# any process, the port's children included, exits 99 (a test sees a port
# that failed; kyua a test program that broke); the port runs its leak check
# before its _exit (src/port/loop.c).  Every report is also logged in
# ${SAN_BUILD}/logs, and any report there fails the target after the run,
# but for LeakSanitizer's "fatal error" alone: a process it cannot stop to
# scan (one traced with ptrace, as typed_cstruct_test:ptrace makes) is
# named, not failed.
# mk/lsan.supp silences leaks inside libatf-c only.  SAN_TESTS: the kyua
# filters to run (default: all; "make sanitize-short" is what CI runs).
SAN_BUILD=	build/asan
SAN_CC?=	${CC}
SAN_FLAGS=	-fsanitize=address,undefined -fno-sanitize-recover=undefined \
		-fno-omit-frame-pointer
SAN_TESTS?=
# The sanitizers catch no signal of their own: the port's signal dispositions
# are part of the protocol (boot_test looks at them).
SAN_SIGS=	handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0
SAN_LOG=	${.CURDIR}/${SAN_BUILD}/logs
SAN_ENV=	ASAN_OPTIONS=exitcode=99:detect_leaks=1:${SAN_SIGS}:log_path=${SAN_LOG}/asan \
		UBSAN_OPTIONS=exitcode=99:print_stacktrace=1:halt_on_error=1:${SAN_SIGS}:log_path=${SAN_LOG}/ubsan \
		LSAN_OPTIONS=suppressions=${.CURDIR}/mk/lsan.supp:print_suppressions=0
sanitize:
	${MAKE} BUILD=${SAN_BUILD} CC="${SAN_CC}" OPT="-O1 -g" \
	    CFLAGS="${SAN_FLAGS} -DALCOVE_HAVE_LSAN" LDFLAGS="${SAN_FLAGS}" all
	rm -rf ${SAN_BUILD}/logs && mkdir -p ${SAN_BUILD}/logs
	${SAN_ENV} kyua -v test_suites.alcove.sanitized=1 test ${SAN_TESTS}; \
	    rc=$$?; kyua report; \
	    for f in ${SAN_BUILD}/logs/*; do \
		[ -f "$$f" ] || continue; echo "sanitize: $$f"; cat "$$f"; \
		if grep -q 'LeakSanitizer has encountered a fatal error' "$$f" \
		    && ! grep -q 'ERROR:\|runtime error' "$$f"; then \
			echo "sanitize: (a process LeakSanitizer cannot check)"; \
		else \
			rc=1; \
		fi; \
	    done; exit $$rc

# The stress tests in their long form (ten times the counts of the suite's
# short form): tests/atf/stress_test.c.
stress: all
	ALCOVE_STRESS_LONG=1 kyua test tests/atf/stress_test; rc=$$?; \
	    kyua report; exit $$rc

# Fuzz with libFuzzer (clang, ASan and UBSan) for FUZZ_SECONDS each:
# decode (the port's frame parser, term skipper and argument decoders),
# term (the library's reply decoder and readers, against what a broken
# port could send) and sh (alcovectl sh's term reader).  Corpora grow in
# ${BUILD}/fuzz/<target>, seeded by mk/fuzz-seeds.sh; a crash leaves its
# input in ${BUILD}/fuzz/ and fails the target.
FUZZ_SECONDS?=	60
FUZZ_CFLAGS=	-g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined ${OS_CFLAGS} ${PROBE_CFLAGS} ${INCS}
FUZZ_decode=	tests/fuzz/decode_fuzz.c src/calls/arg.c src/calls/argmem.c \
		${PROTO_SRCS} ${COMPAT_SRCS}
FUZZ_term=	tests/fuzz/term_fuzz.c ${LIB_SRCS} ${PROTO_SRCS} ${COMPAT_SRCS}
FUZZ_sh=	tests/fuzz/sh_fuzz.c src/cli/term_parse.c src/cli/vars.c \
		${LIB_SRCS} ${PROTO_SRCS} ${COMPAT_SRCS}
FUZZ_TARGETS=	decode term sh
fuzz:
	@mkdir -p ${BUILD}/fuzz
	sh mk/fuzz-seeds.sh ${BUILD}/fuzz/seeds
.for t in ${FUZZ_TARGETS}
	clang ${FUZZ_CFLAGS} ${FUZZ_${t}} -o ${BUILD}/fuzz/${t}_fuzz ${LIBS}
	@mkdir -p ${BUILD}/fuzz/${t}
	cd ${BUILD}/fuzz && ./${t}_fuzz -max_total_time=${FUZZ_SECONDS} \
	    -max_len=4096 -print_final_stats=1 ${t} seeds/${t}
.endfor

# Measure (not assert) the port against plain-syscall baselines, the rows of
# issue 8: see bench/README.md.  Sizes: BENCH_ROUNDS, ... in the environment;
# BENCH_UPSTREAM=path adds a column for upstream's port.
BENCH=		${BUILD}/bench
BENCH_OUT?=	bench/results.jsonl
${BENCH}: bench/bench.c ${LIB} include/alcove.h
	${CC} ${ALL_CFLAGS} ${ALL_LDFLAGS} -o ${.TARGET} bench/bench.c ${LIB} \
	    ${LIBS}

bench: ${PORT} ${BENCH}
	${BENCH} -o ${BENCH_OUT} ${BENCH_UPSTREAM:D-u ${BENCH_UPSTREAM}} ${PORT}

# The README's main job: a command in a sandbox made by alcovectl run.  On
# Linux, new namespaces, a private /tmp, nobody, a limit on open files;
# elsewhere nobody and the limit.
.if ${OS} == "linux"
SANDBOX_OPTS=	--unshare pid,uts,mount,net,ipc --hostname sandbox \
		--private-mounts --tmpfs /tmp:size=16m
.else
SANDBOX_OPTS=
.endif
sandbox: ${PORT} ${CLI}
	ALCOVE_PORT=${.CURDIR}/${PORT} ${CLI} run ${SANDBOX_OPTS} --user nobody \
	    --rlimit nofile=64 -- sh -c \
	    'id; hostname; echo "pid $$$$, nofile $$(ulimit -n)"; grep " /tmp " /proc/self/mounts || true'

# The example program of the README: start the port, fork, chdir, setrlimit,
# exec, print the output and the exit status.
demo: ${PORT} ${DEMO}
	${DEMO} ${PORT}

# Nothing built stays behind to run stale: the test programs, their
# Kyuafile and path file go with the objects.
clean:
	rm -rf build
	rm -f ${TESTS} tests/atf/.build tests/atf/paths tests/atf/Kyuafile

.PHONY: tsan test-valgrind-lib sanitize stress
.PHONY: all bench clean demo sandbox test test-valgrind fuzz install lint-man xcheck \
	uninstall plist dist distcheck distinfo \
	programs
