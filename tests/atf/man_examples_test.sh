# The EXAMPLES of the library's manual pages compile without a warning
# and print what they should when run against the port under test.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

# Compile the example program of man/$1 into ./example, with alcove_start
# pointed at the port of this build.
build_example()
{
	command -v cc > /dev/null || atf_skip "no C compiler (cc)"
	top="$(atf_get_srcdir)/../.."
	build=$(cat "$(atf_get_srcdir)/.build")
	awk '/^\.Sh EXAMPLES/ { e = 1; next }
	    /^\.Sh / { e = 0 }
	    e && /^\.Bd -literal/ { b = 1; next }
	    e && /^\.Ed/ { b = 0 }
	    e && b' "$top/man/$1" |
	    sed -e 's/\\e/\\/g' -e 's/^\\&//' > example.c
	grep -q '^main(void)$' example.c ||
	    atf_fail "man/$1 has no example program"
	cat > start.h <<EOF
#include <alcove.h>
static inline int
example_start(struct alcove **hp)
{
	struct alcove_options o;

	alcove_options_init(&o);
	o.progname = "$top/$build/alcove";
	return alcove_start(hp, &o);
}
#define alcove_start(hp, opt)	example_start(hp)
EOF
	libs=$(sed -n 's/^Libs.private://p' "$top/$build/alcove.pc")
	atf_check -s exit:0 -o empty -e empty cc -D_GNU_SOURCE -Wall -Wextra \
	    -Werror -I"$top/include" -include start.h -o example example.c \
	    "$top/$build/libalcove.a" $libs
}

# Run it: it must exit 0 and print lines matching the patterns given.
run_example()
{
	atf_check -s exit:0 -o save:out -e empty ./example
	n=0
	for re in "$@"; do
		n=$((n + 1))
		sed -n "${n}p" out | grep -Eqx "$re" ||
		    atf_fail "line $n of the output is not /$re/: $(cat out)"
	done
	[ "$(wc -l < out)" -eq $# ] ||
	    atf_fail "expected $# lines, got: $(cat out)"
}

atf_test_case alcove
alcove_head()
{
	atf_set "descr" "alcove(3)'s example runs pwd and id -u from /"
}
alcove_body()
{
	build_example alcove.3
	run_example '/' "$(id -u)"
}

atf_test_case fork
fork_head()
{
	atf_set "descr" "alcove_fork(3)'s example kills a grandchild"
}
fork_body()
{
	build_example alcove_fork.3
	run_example 'grandchild [0-9]+' 'killed by signal 9'
}

atf_test_case setuid
setuid_head()
{
	atf_set "descr" "alcove_setuid(3)'s example drops to nobody for good"
	atf_set "require.user" "root"
}
setuid_body()
{
	build_example alcove_setuid.3
	run_example 'uids 65534 65534 65534, 0 groups' \
	    'setuid\(0\): Operation not permitted'
}

atf_test_case chdir
chdir_head()
{
	atf_set "descr" "alcove_chdir(3)'s example lists a chroot"
	atf_set "require.user" "root"
}
chdir_body()
{
	build_example alcove_chdir.3
	# In the file system's order.
	d='\.' dd='\.\.'
	run_example "in /: ($d $dd sub|$d sub $dd|$dd $d sub|$dd sub $d|"\
"sub $d $dd|sub $dd $d)"
}

atf_test_case open
open_head()
{
	atf_set "descr" "alcove_open(3)'s example writes and reads a file"
}
open_body()
{
	build_example alcove_open.3
	run_example 'read 6 bytes: hello'
}

atf_test_case environ
environ_head()
{
	atf_set "descr" "alcove_environ(3)'s example runs env with a clean" \
	    "environment"
}
environ_body()
{
	build_example alcove_environ.3
	run_example "GREETING is hi on $(hostname)" 'PATH=/bin:/usr/bin' \
	    'GREETING=hi'
}

atf_test_case setrlimit
setrlimit_head()
{
	atf_set "descr" "alcove_setrlimit(3)'s example runs a shell under" \
	    "limits"
}
setrlimit_body()
{
	build_example alcove_setrlimit.3
	run_example 'nofile 64/64, nice 10' '64' '0'
}

atf_test_case setopt
setopt_head()
{
	atf_set "descr" "alcove_setopt(3)'s example sets an option and" \
	    "filters fork"
}
setopt_body()
{
	build_example alcove_setopt.3
	run_example 'alcove 1\.0\.1, stdout_closed 1' \
	    'fork in the child: call blocked by filter'
}

atf_test_case constant
constant_head()
{
	atf_set "descr" "alcove_constant(3)'s example looks up constants" \
	    "and an errno name"
}
constant_body()
{
	build_example alcove_constant.3
	run_example 'O_CLOEXEC is 0x[0-9a-f]+' 'SIGTERM is [0-9]+' \
	    'errno 2 is [a-z0-9]+' 'no_such_name: unknown name'
}

atf_test_case every_page_compiles
every_page_compiles_head()
{
	atf_set "descr" "the example of every page of man/ that has a program" \
	    "compiles without a warning"
}
every_page_compiles_body()
{
	for f in "$(atf_get_srcdir)"/../../man/alcove*.3; do
		page=${f##*/}
		sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$f" |
		    grep -q '^main(void)$' || continue
		build_example "$page"
	done
}

atf_init_test_cases()
{
	atf_add_test_case every_page_compiles
	atf_add_test_case alcove
	atf_add_test_case fork
	atf_add_test_case setuid
	atf_add_test_case chdir
	atf_add_test_case open
	atf_add_test_case environ
	atf_add_test_case setrlimit
	atf_add_test_case setopt
	atf_add_test_case constant
}
