# alcovectl: the sh subcommand's scripts (golden output), its errors, the
# call table, version and usage.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

# alcovectl and the port this suite was built with.
setup()
{
	ctl=$(alcove_path alcovectl)
	ALCOVE_PORT=$(alcove_port)
	export ALCOVE_PORT
}

# Pids differ from run to run: write them as P.
nopids()
{
	sed -E 's/[0-9]{2,}/P/g' "$@"
}

atf_test_case sh_script
sh_script_head()
{
	atf_set "descr" "a sh script forks, binds the pid, calls in the child," \
	    "execs and waits; every reply and message in Erlang syntax"
}
sh_script_body()
{
	setup
	cat > script <<'EOS'
# comments and blank lines are skipped

C = fork
[C] chdir "/"
[C] getcwd; [C] setrlimit rlimit_nofile {alcove_rlimit,64,64}
[C] getrlimit rlimit_nofile
[C] getenv "ALCOVECTL_TEST_NOT_SET"
[C] iolist_to_bin [<<"a">>, "bc", [100, <<"e">>]]
[C] iolist_to_bin [<<1,2>>, [3]]
[C] execvp "/bin/sh" ["/bin/sh", "-c", "echo out; echo err >&2; exit 3"]
[C] wait
tree
EOS
	atf_check -s exit:0 -o save:out -e empty "$ctl" sh script
	nopids out | sort > got
	sort > want <<'EOW'
{ok,P}
ok
{ok,<<"/">>}
ok
{ok,{alcove_rlimit,P,P}}
false
<<"abcde">>
<<1,2,3>>
ok
[P] stdout <<"out\n">>
[P] stderr <<"err\n">>
[P] event {exit_status,3}
[P] exited 3
EOW
	atf_check -o empty diff want got
}

atf_test_case sh_error_stops
sh_error_stops_head()
{
	atf_set "descr" "a call that fails prints its reply and stops the" \
	    "script with status 1; -k keeps going"
}
sh_error_stops_body()
{
	setup
	atf_check -s exit:1 -o inline:'{error,enoent}\n' -e empty \
	    "$ctl" sh -c 'chdir "/nonexistent/alcovectl"
getpid'
	atf_check -s exit:1 -o match:'^\{error,enoent\}$' -o match:'^[0-9]+$' \
	    -e empty "$ctl" sh -k -c 'chdir "/nonexistent/alcovectl"; getpid'
}

atf_test_case sh_bad_input
sh_bad_input_head()
{
	atf_set "descr" "a line that cannot be read gets one message naming" \
	    "the problem and its line, and exit status 2"
}
sh_bad_input_body()
{
	setup
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: -c:1: no such call: nosuchcall\n' \
	    "$ctl" sh -c 'nosuchcall 1'
	atf_check -s exit:2 -o match:'^[0-9]+$' \
	    -e inline:'alcovectl: -c:2: chdir takes 1 argument, not 2\n' \
	    "$ctl" sh -c 'getpid
chdir "/" "/"'
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: -c:1: missing closing "\n' \
	    "$ctl" sh -c 'chdir "/tmp'
	atf_check -s exit:2 -o empty \
	    -e inline:"alcovectl: -c:1: expected ',' or '}'\n" \
	    "$ctl" sh -c 'setrlimit rlimit_nofile {alcove_rlimit 1}'
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: -c:1: unbound variable X\n' \
	    "$ctl" sh -c 'kill X 9'
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: -c:1: unbound variable in the fork path\n' \
	    "$ctl" sh -c '[C] getpid'
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: -c:1: a byte is 0 to 255\n' \
	    "$ctl" sh -c 'iolist_to_bin <<256>>'
	atf_check -s exit:2 -o empty -e match:'^usage: ' "$ctl" sh -x
}

atf_test_case sh_badarg_and_unsupported
sh_badarg_and_unsupported_head()
{
	atf_set "descr" "the port's badarg and {error,unsupported} answers" \
	    "are printed and count as failures"
}
sh_badarg_and_unsupported_body()
{
	setup
	atf_check -s exit:1 -o inline:'badarg\n' -e empty "$ctl" sh -c 'chdir 1'
	os=$("$ctl" calls --json | sed -n 's/^{"os":"\([a-z]*\)".*/\1/p')
	[ "$os" = freebsd ] && atf_skip "FreeBSD has jail_attach"
	atf_check -s exit:1 -o inline:'{error,unsupported}\n' -e empty \
	    "$ctl" sh -c 'jail_attach 1'
}

atf_test_case calls_table
calls_table_head()
{
	atf_set "descr" "alcovectl calls lists the 100 calls with their" \
	    "support on this system, as text and as JSON"
}
calls_table_body()
{
	setup
	atf_check -s exit:0 -o save:out -e empty "$ctl" calls
	atf_check -o inline:'101\n' sh -c 'wc -l < out | tr -d " "'
	atf_check -o match:'^8   chdir              1     yes     Path$' cat out
	atf_check -s exit:0 -o save:json -e empty "$ctl" calls --json
	atf_check -o match:'^\{"number":8,"name":"chdir","arity":1,"reply":true,"supported":"yes","systems":"all","arguments":"Path","result":"ok \| \{error,P\}"\},$' \
	    cat json
	atf_check -o match:'"name":"execvp","arity":2,"reply":false' cat json
	atf_check -s exit:2 -o empty -e match:'^usage: ' "$ctl" calls --xml
}

atf_test_case version_usage
version_usage_head()
{
	atf_set "descr" "version prints the version; no command, an unknown" \
	    "one or -h print the usage"
}
version_usage_body()
{
	setup
	atf_check -s exit:0 -o match:'^alcovectl [0-9]+\.[0-9]+\.[0-9]+$' \
	    "$ctl" version
	atf_check -s exit:0 -o match:'^usage: alcovectl run ' "$ctl" -h
	atf_check -s exit:2 -o empty -e match:'^usage: alcovectl run ' "$ctl"
	atf_check -s exit:2 -o empty \
	    -e match:'^alcovectl: unknown command: frobnicate$' "$ctl" frobnicate
}

atf_test_case tree_of_session
tree_of_session_head()
{
	atf_set "descr" "alcovectl tree shows a running sh session's processes" \
	    "and nothing once it has ended"
}
tree_of_session_body()
{
	setup
	TMPDIR=$PWD
	export TMPDIR
	atf_check -s exit:1 -o empty \
	    -e inline:'alcovectl: tree: no running sh session\n' "$ctl" tree
	mkfifo in
	"$ctl" sh < in > out &
	sh=$!
	exec 3> in
	echo 'C = fork' >&3
	echo '[C] execvp "/bin/sleep" ["/bin/sleep","30"]' >&3
	echo 'D = fork' >&3
	n=0
	while [ "$(wc -l < out)" -lt 3 ] && [ $n -lt 100 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	"$ctl" tree $sh > tree
	exec 3>&-
	wait $sh
	atf_check -o match:"^session $sh\$" head -1 tree
	nopids tree > tree.p
	atf_check -o inline:"session P\n  [P] exec \"/bin/sleep\" [\"/bin/sleep\",\"P\"]\n  [P] alcove\n" cat tree.p
	atf_check -s exit:1 -o empty -e match:'no running sh session' \
	    "$ctl" tree $sh
}

atf_test_case manual
manual_head()
{
	atf_set "descr" "alcovectl(1) lints clean and -h prints its SYNOPSIS"
	atf_set "require.progs" "mandoc col"
}
manual_body()
{
	setup
	atf_check -s exit:0 -o empty -e empty \
	    mandoc -Tlint -Wwarning "$(alcove_path alcovectl.1)"
	mandoc -Tascii "$(alcove_path alcovectl.1)" | col -b |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
	    sed 's/^ *//' | grep -v '^$' > synopsis
	"$ctl" -h | sed 's/^usage: *//; s/^ *//' > usage
	atf_check -s exit:0 -o empty diff synopsis usage
}

atf_init_test_cases()
{
	atf_add_test_case tree_of_session
	atf_add_test_case manual
	atf_add_test_case sh_script
	atf_add_test_case sh_error_stops
	atf_add_test_case sh_bad_input
	atf_add_test_case sh_badarg_and_unsupported
	atf_add_test_case calls_table
	atf_add_test_case version_usage
}
