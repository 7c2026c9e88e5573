# alcovectl serve: containers over TCP on a port the system picks on
# 127.0.0.1, checked from inside (echo, hostname, id, /etc/passwd, a
# read-only /usr, limits) and from the host (mounts, cgroups, processes)
# before and after the service stops.  The cgroup parent is
# alcove-test-<random>; nothing else is touched.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

setup()
{
	ctl=$(alcove_path alcovectl)
	ALCOVE_PORT=$(alcove_port)
	export ALCOVE_PORT
	os=$("$ctl" calls --json | sed -n 's/^{"os":"\([a-z]*\)".*/\1/p')
	[ "$os" = linux ] || atf_skip "Linux namespaces; the port is built for $os"
	command -v nc >/dev/null || atf_skip "no nc"
	parent="alcove-test-$$-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
	echo "$parent" > parent
}

# start_serve [option ...]: the service in the background, $port its port.
start_serve()
{
	"$ctl" serve -p 0 --cgroup-parent "$parent" "$@" 2>log &
	echo $! > serve.pid
	i=0
	while ! grep -q 'listening on' log && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	port=$(sed -n 's/.*listening on 127\.0\.0\.1 port \([0-9]*\),.*/\1/p' log)
	[ -n "$port" ] || atf_fail "the service did not start: $(cat log)"
}

# stop_serve: SIGTERM; exit status 0; no cgroup, mount or process left.
stop_serve()
{
	pid=$(cat serve.pid)
	kill -TERM "$pid"
	wait "$pid"
	atf_check_equal 0 $?
	rm -f serve.pid
	for d in /sys/fs/cgroup/*/"$parent" /sys/fs/cgroup/"$parent"; do
		[ -e "$d" ] && atf_fail "cgroup left: $d"
	done
	for p in $(sed -n 's/.* start: .*, pid \([0-9]*\),.*/\1/p' log); do
		kill -0 "$p" 2>/dev/null && atf_fail "container pid $p left"
	done
	grep -q 'signal 15: stopping' log || atf_fail "no stop line: $(cat log)"
}

cleanup_serve()
{
	[ -f serve.pid ] && kill -KILL "$(cat serve.pid)" 2>/dev/null
	[ -f parent ] || return 0
	parent=$(cat parent)
	for d in /sys/fs/cgroup/*/"$parent" /sys/fs/cgroup/"$parent"; do
		[ -d "$d" ] || continue
		for c in "$d"/*/; do
			[ -d "$c" ] && rmdir "$c" 2>/dev/null
		done
		rmdir "$d" 2>/dev/null
	done
	return 0
}

# The lines the container writes for one script on the connection; the
# script ends with exit, as the client's end of input would kill it.
run_in()
{
	printf '%s\nexit\n' "$1" | nc 127.0.0.1 "$port"
}

# check_in expected script: what the container writes, exactly.
check_in()
{
	run_in "$2" > in.out
	atf_check -o inline:"$1" cat in.out
}

# hold name script: a connection kept open from fifo name.in, its
# output in name.out, the client's pid in name.pid.
hold()
{
	rm -f "$1.in"
	mkfifo "$1.in"
	nc 127.0.0.1 "$port" < "$1.in" > "$1.out" &
	echo $! > "$1.pid"
	exec 9> "$1.in"
	printf '%s\n' "$2" >&9
	exec 9>&-
}

# wait_for file pattern: up to 10 s.
wait_for()
{
	i=0
	while ! grep -q "$2" "$1" && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	grep -q "$2" "$1" || atf_fail "no '$2' in $1: $(cat "$1")"
}

atf_test_case inside cleanup
inside_head()
{
	atf_set "descr" "echo, an unprivileged id, the generated passwd, a" \
	    "read-only /usr, a hostname without the host pid, default env"
	atf_set "require.user" "root"
	atf_set "timeout" "60"
}
inside_body()
{
	setup
	start_serve -- /bin/sh
	check_in 'hi\n' 'echo hi'
	check_in 'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n' 'id'
	check_in 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/tmp:/bin/sh\n' 'cat /etc/passwd'
	check_in "touch: cannot touch '/usr/alcove-test': Read-only file system\n1\n" 'touch /usr/alcove-test 2>&1; echo $?'
	check_in "touch: cannot touch '/etc/passwd': Read-only file system\n1\n" \
	    'touch /etc/passwd 2>&1; echo $?'
	check_in "ok\n" 'echo ok > /tmp/f && cat /tmp/f'
	check_in '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin /tmp dumb\n' 'echo $PATH $HOME $TERM'
	# pid 1 of its own PID namespace, alone there with what it runs
	check_in '1\n' 'echo $$'
	check_in 'lo\n' 'ls /sys/class/net 2>/dev/null || cat /proc/net/dev | sed -n "3,\$s/^ *\([a-z0-9]*\):.*/\1/p"'
	run_in hostname > hostname
	grep -Eq '^alcove-[0-9a-f]{8}$' hostname ||
	    atf_fail "hostname: $(cat hostname)"
	pid=$(sed -n 's/.* start: .*, pid \([0-9]*\),.*/\1/p' log | tail -1)
	grep -q "$pid" hostname && atf_fail "the host pid $pid in $(cat hostname)"
	grep -q "hostname $(cat hostname)" log || atf_fail "log: $(cat log)"
	atf_check_equal "$(hostname)" "$(uname -n)"
	grep -Eq 'container [0-9]+ exit: status 0$' log || atf_fail "$(cat log)"
	stop_serve
}
inside_cleanup()
{
	cleanup_serve
}

atf_test_case mounts_private cleanup
mounts_private_head()
{
	atf_set "descr" "the container's mounts are not in the host's table"
	atf_set "require.user" "root"
	atf_set "timeout" "60"
}
mounts_private_body()
{
	setup
	grep -c . /proc/self/mountinfo > before
	start_serve -- /bin/sh
	hold a 'grep -c " /tmp " /proc/self/mountinfo; echo ready; sleep 100'
	wait_for a.out ready
	atf_check -o inline:'1\nready\n' cat a.out
	grep -c . /proc/self/mountinfo > during
	atf_check -o file:before cat during
	kill "$(cat a.pid)"
	stop_serve
	grep -c . /proc/self/mountinfo > after
	atf_check -o file:before cat after
}
mounts_private_cleanup()
{
	cleanup_serve
}

atf_test_case close_kills cleanup
close_kills_head()
{
	atf_set "descr" "closing the connection kills the container and" \
	    "removes its cgroup"
	atf_set "require.user" "root"
	atf_set "timeout" "60"
}
close_kills_body()
{
	setup
	start_serve -- /bin/sh
	hold a 'echo ready; sleep 100'
	wait_for a.out ready
	pid=$(sed -n 's/.* start: .*, pid \([0-9]*\),.*/\1/p' log)
	kill -0 "$pid" || atf_fail "container $pid not running"
	ls -d /sys/fs/cgroup/pids/"$parent"/c1 >/dev/null ||
	    atf_fail "no cgroup c1"
	kill "$(cat a.pid)"
	wait_for log 'container 1 exit: connection closed'
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -0 "$pid" 2>/dev/null && atf_fail "container $pid still there"
	i=0
	while [ -d /sys/fs/cgroup/pids/"$parent"/c1 ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -d /sys/fs/cgroup/pids/"$parent"/c1 ] && atf_fail "cgroup c1 left"
	stop_serve
}
close_kills_cleanup()
{
	cleanup_serve
}

atf_test_case ten_at_once cleanup
ten_at_once_head()
{
	atf_set "descr" "ten containers at once, each its own hostname and" \
	    "its own /tmp"
	atf_set "require.user" "root"
	atf_set "timeout" "90"
}
ten_at_once_body()
{
	setup
	start_serve --max 10 -- /bin/sh
	for n in 0 1 2 3 4 5 6 7 8 9; do
		hold c$n "echo $n > /tmp/n; ls /tmp; cat /tmp/n; hostname; echo ready; sleep 100"
	done
	for n in 0 1 2 3 4 5 6 7 8 9; do
		wait_for c$n.out ready
		atf_check -o inline:"n\n$n\n" sed -n 1,2p c$n.out
		sed -n 3p c$n.out >> hostnames
	done
	atf_check_equal 10 "$(sort -u hostnames | wc -l)"
	atf_check_equal 10 "$(grep -c ' start: ' log)"
	# the eleventh is refused with one line
	nc 127.0.0.1 "$port" < /dev/null > refused
	atf_check -o inline:'alcovectl: serve: too many containers, try again later\n' \
	    cat refused
	for n in 0 1 2 3 4 5 6 7 8 9; do
		kill "$(cat c$n.pid)"
	done
	stop_serve
	atf_check_equal 10 "$(grep -c ' exit: ' log)"
}
ten_at_once_cleanup()
{
	cleanup_serve
}

atf_test_case fork_bomb cleanup
fork_bomb_head()
{
	atf_set "descr" "a fork bomb is held by its pids limit; another" \
	    "container still answers; the bomb's cgroup goes with it"
	atf_set "require.user" "root"
	atf_set "timeout" "90"
}
fork_bomb_body()
{
	setup
	[ -d /sys/fs/cgroup/pids ] || atf_skip "no cgroup v1 pids hierarchy"
	start_serve --pids 16 -- /bin/sh
	hold bomb 'echo ready; b() { b | b & }; b; sleep 100'
	wait_for bomb.out ready
	i=0
	while [ "$(cat /sys/fs/cgroup/pids/"$parent"/c1/pids.events | \
	    sed -n 's/^max //p')" = 0 ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	max=$(sed -n 's/^max //p' /sys/fs/cgroup/pids/"$parent"/c1/pids.events)
	[ "$max" -gt 0 ] || atf_fail "the pids limit was never reached"
	atf_check -o inline:'16\n' cat /sys/fs/cgroup/pids/"$parent"/c1/pids.max
	cur=$(cat /sys/fs/cgroup/pids/"$parent"/c1/pids.current)
	[ "$cur" -le 16 ] || atf_fail "pids.current $cur"
	check_in 'alive\n' 'echo alive'
	kill "$(cat bomb.pid)"
	wait_for log 'container 1 exit: connection closed'
	i=0
	while [ -d /sys/fs/cgroup/pids/"$parent"/c1 ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -d /sys/fs/cgroup/pids/"$parent"/c1 ] && atf_fail "the bomb's cgroup left"
	stop_serve
}
fork_bomb_cleanup()
{
	cleanup_serve
}

atf_test_case memory_hog cleanup
memory_hog_head()
{
	atf_set "descr" "a memory hog is killed by its memory limit; the" \
	    "service goes on serving"
	atf_set "require.user" "root"
	atf_set "timeout" "90"
}
memory_hog_body()
{
	setup
	[ -d /sys/fs/cgroup/memory ] || atf_skip "no cgroup v1 memory hierarchy"
	start_serve --memory 33554432 -- /bin/sh
	# tail holds a line without end in memory: 200 MB of it
	# one stream: stdout and stderr are two pipes, their order is lost
	check_in 'Killed\n137\n' \
	    'sh -c "head -c 200000000 /dev/zero | tail > /dev/null; echo \$?" 2>&1'
	check_in 'alive\n' 'echo alive'
	stop_serve
}
memory_hog_cleanup()
{
	cleanup_serve
}

atf_test_case nproc_fallback cleanup
nproc_fallback_head()
{
	atf_set "descr" "without cgroups a fork bomb is held by RLIMIT_NPROC"
	atf_set "require.user" "root"
	atf_set "require.progs" "ps"
	atf_set "timeout" "90"
}
nproc_fallback_body()
{
	setup
	# Seen in make sanitize: a port built with AddressSanitizer dies at
	# the container's uid change under these rlimits; make test runs it.
	[ "$(atf_config_get sanitized 0)" = 1 ] &&
	    atf_skip "a port built with AddressSanitizer dies at the uid" \
	    "change under the rlimit fallback"
	# a uid of its own: RLIMIT_NPROC counts all of the uid's processes
	uid=$((40000 + $$ % 20000))
	ps -u "$uid" -o pid= > other
	[ -s other ] && atf_skip "uid $uid is in use"
	start_serve --no-cgroups --nproc 12 --user "$uid:$uid" -- /bin/sh
	grep -q 'no-cgroups: limits are rlimits only (RLIMIT_NPROC 12' log ||
	    atf_fail "no start-up line: $(cat log)"
	hold bomb 'echo ready; b() { b | b & }; b; sleep 100'
	wait_for bomb.out ready
	# the shell gives up at its first failed fork: the limit was hit
	wait_for bomb.out 'Cannot fork'
	i=0
	while [ $i -lt 20 ]; do
		n=$(ps -u "$uid" -o pid= | wc -l)
		[ "$n" -le 12 ] || atf_fail "$n processes of uid $uid"
		sleep 0.1
		i=$((i + 1))
	done
	[ -e /sys/fs/cgroup/pids/"$parent" ] && atf_fail "a cgroup was made"
	kill "$(cat bomb.pid)"
	wait_for log 'container 1 exit: '
	i=0
	while [ -n "$(ps -u "$uid" -o pid=)" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	atf_check -s exit:1 -o empty ps -u "$uid" -o pid=
	stop_serve
}
nproc_fallback_cleanup()
{
	cleanup_serve
}

atf_test_case shutdown_kills cleanup
shutdown_kills_head()
{
	atf_set "descr" "SIGTERM kills the running containers, removes their" \
	    "cgroups and closes their connections"
	atf_set "require.user" "root"
	atf_set "timeout" "60"
}
shutdown_kills_body()
{
	setup
	start_serve
	hold a 'echo ready; sleep 100'
	hold b 'echo ready; sleep 100'
	wait_for a.out ready
	wait_for b.out ready
	stop_serve
	atf_check_equal 2 "$(grep -c 'exit: service stopping' log)"
	# the connections were closed: the clients see the end
	wait "$(cat a.pid)" "$(cat b.pid)"
}
shutdown_kills_cleanup()
{
	cleanup_serve
}

atf_test_case etc_files cleanup
etc_files_head()
{
	atf_set "descr" "--passwd and --group: the operator's files in /etc"
	atf_set "require.user" "root"
	atf_set "timeout" "60"
}
etc_files_body()
{
	setup
	printf 'root:x:0:0::/:/bin/sh\nguest:x:65534:65534::/tmp:/bin/sh\n' > pw
	printf 'guests:x:65534:\n' > gr
	start_serve --passwd pw --group gr -- /bin/sh
	check_in 'uid=65534(guest) gid=65534(guests) groups=65534(guests)\n' id
	check_in 'guests:x:65534:\n' 'cat /etc/group'
	stop_serve
	atf_check -s exit:1 -e inline:"alcovectl: serve: --passwd /nonexistent: No such file or directory\n" \
	    "$ctl" serve -p 0 --passwd /nonexistent
}
etc_files_cleanup()
{
	cleanup_serve
}

atf_test_case parent_kept cleanup
parent_kept_head()
{
	atf_set "descr" "a cgroup parent that was there before is left," \
	    "the containers' cgroups in it removed"
	atf_set "require.user" "root"
	atf_set "timeout" "60"
}
parent_kept_body()
{
	setup
	[ -d /sys/fs/cgroup/pids ] || atf_skip "no cgroup v1 pids hierarchy"
	mkdir /sys/fs/cgroup/pids/"$parent"
	start_serve -- /bin/sh
	check_in 'hi\n' 'echo hi'
	kill -TERM "$(cat serve.pid)"
	wait "$(cat serve.pid)"
	atf_check_equal 0 $?
	rm -f serve.pid
	[ -d /sys/fs/cgroup/pids/"$parent" ] || atf_fail "the parent was removed"
	[ -e /sys/fs/cgroup/pids/"$parent"/c1 ] && atf_fail "c1 left"
	[ -e /sys/fs/cgroup/memory/"$parent" ] && atf_fail "memory: the parent made by the service was left"
	return 0
}
parent_kept_cleanup()
{
	cleanup_serve
}

atf_test_case usage
usage_head()
{
	atf_set "descr" "bad options are refused with exit status 2"
}
usage_body()
{
	setup
	atf_check -s exit:2 -e inline:'alcovectl: serve: --max 0: too small\n' \
	    "$ctl" serve --max 0
	atf_check -s exit:2 -e inline:'alcovectl: serve: -p 70000: too large\n' \
	    "$ctl" serve -p 70000
	atf_check -s exit:2 \
	    -e inline:'alcovectl: serve: --cgroup-parent a/b: one directory name\n' \
	    "$ctl" serve --cgroup-parent a/b
	atf_check -s exit:2 -e match:'^usage: alcovectl serve ' \
	    "$ctl" serve --no-such-option
}

atf_init_test_cases()
{
	atf_add_test_case inside
	atf_add_test_case mounts_private
	atf_add_test_case close_kills
	atf_add_test_case ten_at_once
	atf_add_test_case fork_bomb
	atf_add_test_case memory_hog
	atf_add_test_case nproc_fallback
	atf_add_test_case shutdown_kills
	atf_add_test_case etc_files
	atf_add_test_case parent_kept
	atf_add_test_case usage
}
