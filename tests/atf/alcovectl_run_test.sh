# alcovectl run: each option's effect checked from inside the command,
# the options this system refuses, bad input, and exit statuses.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

setup()
{
	ctl=$(alcove_path alcovectl)
	ALCOVE_PORT=$(alcove_port)
	export ALCOVE_PORT
	os=$("$ctl" calls --json | sed -n 's/^{"os":"\([a-z]*\)".*/\1/p')
}

linux_only()
{
	[ "$os" = linux ] || atf_skip "Linux namespaces; the port is built for $os"
}

atf_test_case exit_status
exit_status_head()
{
	atf_set "descr" "the command's exit status, 128+n when killed by" \
	    "signal n, 127 when it is not found, 126 when it cannot run"
}
exit_status_body()
{
	setup
	atf_check -s exit:0 -o inline:'hi\n' -e empty "$ctl" run -- echo hi
	atf_check -s exit:7 -o empty -e empty "$ctl" run -- sh -c 'exit 7'
	atf_check -s exit:143 -o empty -e empty "$ctl" run -- sh -c 'kill $$'
	atf_check -s exit:127 -o empty \
	    -e inline:'alcovectl: run: /nonexistent/cmd: No such file or directory\n' \
	    "$ctl" run -- /nonexistent/cmd
	touch notexec
	chmod 0644 notexec
	atf_check -s exit:126 -o empty -e match:'Permission denied$' \
	    "$ctl" run -- "$PWD/notexec"
}

atf_test_case stdin_relayed
stdin_relayed_head()
{
	atf_set "descr" "standard input reaches the command and its end is" \
	    "the command's end of input"
}
stdin_relayed_body()
{
	setup
	printf 'one\ntwo\n' > in
	atf_check -s exit:0 -o inline:'one\ntwo\nEOF\n' -e empty \
	    -x "'$ctl' run -- sh -c 'cat; echo EOF' < in"
}

atf_test_case stdin_streamed
stdin_streamed_head()
{
	atf_set "descr" "8 MiB of standard input reach a command that reads" \
	    "slowly, every byte once and in order, then its end of input"
}
stdin_streamed_body()
{
	setup
	dd if=/dev/urandom of=in bs=1048576 count=8 2>/dev/null
	atf_check -s exit:0 -o empty -e empty \
	    -x "'$ctl' run -- sh -c 'sleep 1; cat' < in > out"
	atf_check -s exit:0 -o empty -e empty cmp in out
}

atf_test_case terminal_size
terminal_size_head()
{
	atf_set "descr" "at a terminal, its size reaches the command as" \
	    "COLUMNS and LINES"
	atf_set "require.progs" "script stty"
}
terminal_size_body()
{
	setup
	script -qec "stty cols 91 rows 33; '$ctl' run -- sh -c 'echo \$COLUMNS \$LINES'" \
	    /dev/null > out || atf_fail "script failed"
	atf_check -o inline:'91 33\n' tr -d '\r' < out
}

atf_test_case chdir_env
chdir_env_head()
{
	atf_set "descr" "--chdir, --env and --clearenv as the command sees" \
	    "them"
}
chdir_env_body()
{
	setup
	atf_check -s exit:0 -o inline:'/tmp\n' -e empty \
	    "$ctl" run --chdir /tmp -- sh -c 'pwd'
	atf_check -s exit:0 -o inline:'A=1\nB=two words\n' -e empty \
	    "$ctl" run --clearenv --env A=1 --env 'B=two words' -- /usr/bin/env
	atf_check -s exit:0 -o inline:'yes\n' -e empty \
	    "$ctl" run --env ALCOVECTL_TEST=yes -- sh -c 'echo $ALCOVECTL_TEST'
}

atf_test_case user_groups
user_groups_head()
{
	atf_set "descr" "--user by number and by name, --groups: the ids the" \
	    "command runs with"
	atf_set "require.user" "root"
}
user_groups_body()
{
	setup
	atf_check -s exit:0 -o inline:'65534 65534 65534\n' -e empty \
	    "$ctl" run --user 65534:65534 -- sh -c 'echo $(id -u) $(id -g) $(id -G)'
	atf_check -s exit:0 -o inline:'65534 65534 1 2 65534\n' -e empty \
	    "$ctl" run --user 65534:65534 --groups 1,2 -- sh -c 'echo $(id -u) $(id -g) $(id -G | tr " " "\n" | sort -n | tr "\n" " ")'
	uid=$(id -u nobody)
	atf_check -s exit:0 -o inline:"$uid\n" -e empty \
	    "$ctl" run --user nobody -- id -u
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: --user no-such-user-alcove: no such user\n' \
	    "$ctl" run --user no-such-user-alcove -- true
}

atf_test_case rlimits
rlimits_head()
{
	atf_set "descr" "--rlimit name=cur and name=cur:max"
}
rlimits_body()
{
	setup
	atf_check -s exit:0 -o inline:'64 64\n' -e empty \
	    "$ctl" run --rlimit nofile=64 -- sh -c 'echo $(ulimit -Sn) $(ulimit -Hn)'
	atf_check -s exit:0 -o inline:'32 48\n' -e empty \
	    "$ctl" run --rlimit RLIMIT_NOFILE=32:48 -- sh -c 'echo $(ulimit -Sn) $(ulimit -Hn)'
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: --rlimit nofile=9:1: the soft limit is above the hard one\n' \
	    "$ctl" run --rlimit nofile=9:1 -- true
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: --rlimit nofile=: a limit is a number or unlimited\n' \
	    "$ctl" run --rlimit nofile= -- true
}

atf_test_case namespaces
namespaces_head()
{
	atf_set "descr" "--unshare pid,uts,net,ipc,cgroup,user and --hostname:" \
	    "pid 1, the new hostname, only lo, new ipc and cgroup namespaces," \
	    "a uid map"
	atf_set "require.user" "root"
}
namespaces_body()
{
	setup
	linux_only
	host=$(hostname)
	atf_check -s exit:0 -o inline:'1 alcove-test-host\n' -e empty \
	    "$ctl" run --unshare pid,uts --hostname alcove-test-host -- \
	    sh -c 'echo $$ $(hostname)'
	atf_check -o inline:"$host\n" hostname
	atf_check -s exit:0 -o inline:'lo\n' -e empty \
	    "$ctl" run --unshare net -- sh -c \
	    "sed -n 's/^ *\([a-z0-9]*\):.*/\1/p' /proc/net/dev"
	for ns in ipc cgroup; do
		mine=$(readlink /proc/self/ns/$ns)
		atf_check -s exit:0 -o not-inline:"$mine\n" -e empty \
		    "$ctl" run --unshare $ns -- readlink /proc/self/ns/$ns
	done
	atf_check -s exit:0 -o match:'^ *0 *0 *1$' -e empty \
	    "$ctl" run --unshare user -- cat /proc/self/uid_map
}

atf_test_case mounts
mounts_head()
{
	atf_set "descr" "--private-mounts, --tmpfs, --bind (read-only too)" \
	    "and --proc in a mount namespace: seen inside, absent outside"
	atf_set "require.user" "root"
}
mounts_body()
{
	setup
	linux_only
	dir=$(mktemp -d "${TMPDIR:-/tmp}/alcove-test-run.XXXXXX")
	mkdir "$dir/t" "$dir/src" "$dir/ro"
	echo data > "$dir/src/file"
	atf_check -s exit:0 -o inline:"tmpfs $dir/t tmpfs\n" -e empty \
	    "$ctl" run --unshare mount --private-mounts --tmpfs "$dir/t:size=1m" \
	    -- sh -c "awk '\$2 == \"$dir/t\" { print \$1, \$2, \$3 }' /proc/self/mounts"
	atf_check -s exit:1 -o empty -e empty grep -q " $dir/t " /proc/self/mounts
	atf_check -s exit:0 -o inline:'data\nread-only\n' -e empty \
	    "$ctl" run --unshare mount --private-mounts \
	    --bind "$dir/src:$dir/ro:ro" -- sh -c \
	    "cat $dir/ro/file; touch $dir/ro/new 2>/dev/null || echo read-only"
	atf_check -s exit:1 -o empty -e empty test -e "$dir/src/new"
	atf_check -s exit:0 -o inline:'sh\n' -e empty \
	    "$ctl" run --unshare mount,pid --private-mounts --proc -- \
	    sh -c 'cat /proc/1/comm'
	rm -rf "$dir"
}

atf_test_case chroot_dir
chroot_dir_head()
{
	atf_set "descr" "--chroot: the command runs in the directory as its" \
	    "root (a static program)"
	atf_set "require.user" "root"
	atf_set "require.progs" "cc"
}
chroot_dir_body()
{
	setup
	root=$(mktemp -d "${TMPDIR:-/tmp}/alcove-test-root.XXXXXX")
	chmod 0755 "$root"
	printf '#include <stdio.h>\n#include <unistd.h>\nint main(void) { char b[64]; printf("%%s\\n", getcwd(b, sizeof(b))); return access("/etc/passwd", F_OK) == 0; }\n' > p.c
	cc -static -o "$root/probe" p.c 2>/dev/null ||
	    { rm -rf "$root"; atf_skip "cc cannot link a static program"; }
	atf_check -s exit:0 -o inline:'/\n' -e empty \
	    "$ctl" run --chroot "$root" -- /probe
	rm -rf "$root"
}

atf_test_case seccomp_deny
seccomp_deny_head()
{
	atf_set "descr" "--seccomp-deny: the named system calls fail with" \
	    "EPERM in the command, the others work; an unknown name stops" \
	    "the sandbox before the command runs"
	atf_set "require.user" "root"
}
seccomp_deny_body()
{
	setup
	linux_only
	atf_check -s exit:0 -o inline:'denied\nmade\n' -e empty \
	    "$ctl" run --seccomp-deny mkdir,mkdirat -- sh -c \
	    "mkdir $PWD/a 2>/dev/null || echo denied; touch $PWD/b && echo made"
	atf_check -s exit:1 -o empty -e empty test -d a
	atf_check -s exit:1 -o empty \
	    -e inline:'alcovectl: run: sys_no_such_call: Operation not supported\n' \
	    "$ctl" run --seccomp-deny no_such_call -- touch ran
	atf_check -s exit:1 -o empty -e empty test -e ran
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: --seccomp-deny Mkdir: expected system call names, commas between\n' \
	    "$ctl" run --seccomp-deny Mkdir -- true
}

atf_test_case cgroup_limits
cgroup_limits_head()
{
	atf_set "descr" "--cgroup and --limit: the command runs in the named" \
	    "cgroup with the limit written, cannot fork past pids.max, and" \
	    "the cgroup is removed when it has gone"
	atf_set "require.user" "root"
}
cgroup_limits_body()
{
	setup
	linux_only
	pids=$(awk '$3 == "cgroup" && $4 ~ /(^|,)pids(,|$)/ { print $2; exit }' \
	    /proc/self/mounts)
	[ -n "$pids" ] || atf_skip "no cgroup v1 pids hierarchy here"
	name=alcove-test-$$-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
	atf_check -s exit:0 -o inline:"/$name\n5\nfork refused\n" -e ignore \
	    "$ctl" run --cgroup "$name" --limit pids.max=5 -- sh -c \
	    "grep ':pids:' /proc/self/cgroup | cut -d: -f3
	    cat $pids/$name/pids.max
	    ( i=0; while [ \$i -lt 10 ]; do sleep 2 & i=\$((i + 1)); done ) \
	        2>/dev/null || echo fork refused"
	atf_check -s exit:1 -o empty -e empty test -d "$pids/$name"
	atf_check -s exit:1 -o empty \
	    -e inline:'alcovectl: run: --limit nosuch.max=1: no nosuch controller in the port'"'"'s cgroups: refused\n' \
	    "$ctl" run --cgroup "$name" --limit nosuch.max=1 -- touch ran
	atf_check -s exit:1 -o empty -e empty test -e ran
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: --limit pids: expected controller.key=value\n' \
	    "$ctl" run --limit pids -- true
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: --cgroup a/../b: expected names separated by /, not . or ..\n' \
	    "$ctl" run --cgroup a/../b -- true
}

atf_test_case timeout_kills
timeout_kills_head()
{
	atf_set "descr" "--timeout kills the command when it expires: 137"
}
timeout_kills_body()
{
	setup
	atf_check -s exit:137 -o empty \
	    -e inline:'alcovectl: run: timed out after 1 s\n' \
	    "$ctl" run --timeout 1 -- sleep 30
}

atf_test_case signal_passed_on
signal_passed_on_head()
{
	atf_set "descr" "SIGTERM to alcovectl is passed on to the command"
}
signal_passed_on_body()
{
	setup
	"$ctl" run -- sleep 30 &
	pid=$!
	sleep 1
	kill -TERM $pid
	wait $pid
	atf_check_equal 143 $?
}

atf_test_case port_exec
port_exec_head()
{
	atf_set "descr" "--port-exec runs the port through a prefix command"
}
port_exec_body()
{
	setup
	atf_check -s exit:0 -o inline:'via env\n' -e empty \
	    "$ctl" run --port-exec "env ALCOVECTL_PREFIX=1" -- echo via env
	atf_check -s exit:1 -o empty -e match:'starting the port' \
	    "$ctl" run --port-exec /nonexistent/prefix -- true
}

atf_test_case refused
refused_head()
{
	atf_set "descr" "options this system cannot honour are refused with" \
	    "status 1 before anything runs, naming the option and the system"
}
refused_body()
{
	setup
	[ "$os" = linux ] || atf_skip "the refusals below are Linux's"
	for o in "--jail j" "--pledge stdio" "--unveil /:r"; do
		atf_check -s exit:1 -o empty \
		    -e match:"^alcovectl: run: ${o%% *}: .* on linux\$" \
		    "$ctl" run $o -- touch refused-ran
	done
	for o in "--privs basic"; do
		atf_check -s exit:1 -o empty -e match:"^alcovectl: run: ${o%% *}: " \
		    "$ctl" run $o -- touch refused-ran
	done
	atf_check -s exit:1 -o empty \
	    -e inline:"alcovectl: run: --hostname: a hostname needs --unshare uts, or it would be the host's: refused on linux\n" \
	    "$ctl" run --hostname x -- touch refused-ran
	atf_check -s exit:1 -o empty -e match:'^alcovectl: run: --tmpfs: mounts need --unshare mount' \
	    "$ctl" run --tmpfs /mnt -- touch refused-ran
	atf_check -s exit:1 -o empty -e empty test -e refused-ran
}

atf_test_case bad_input
bad_input_head()
{
	atf_set "descr" "unknown options, bad numbers and a missing -- get" \
	    "one line and status 2"
}
bad_input_body()
{
	setup
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: unknown option: --frob\n' \
	    "$ctl" run --frob -- true
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: the command must follow --\n' \
	    "$ctl" run true
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: no command after --\n' "$ctl" run --
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: --timeout abc: invalid\n' \
	    "$ctl" run --timeout abc -- true
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: --unshare net2: not one of user, pid, net, mount, uts, ipc, cgroup\n' \
	    "$ctl" run --unshare net2 -- true
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: --chdir needs an argument\n' \
	    "$ctl" run --chdir
	atf_check -s exit:2 -o empty \
	    -e inline:'alcovectl: run: --bind /a: expected src:dst[:ro]\n' \
	    "$ctl" run --bind /a -- true
}

atf_init_test_cases()
{
	atf_add_test_case exit_status
	atf_add_test_case stdin_relayed
	atf_add_test_case stdin_streamed
	atf_add_test_case terminal_size
	atf_add_test_case chdir_env
	atf_add_test_case user_groups
	atf_add_test_case rlimits
	atf_add_test_case namespaces
	atf_add_test_case mounts
	atf_add_test_case chroot_dir
	atf_add_test_case seccomp_deny
	atf_add_test_case cgroup_limits
	atf_add_test_case timeout_kills
	atf_add_test_case signal_passed_on
	atf_add_test_case port_exec
	atf_add_test_case refused
	atf_add_test_case bad_input
}
