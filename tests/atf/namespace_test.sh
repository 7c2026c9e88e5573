# The Linux namespace sandbox of examples/namespace.c runs and prints what
# its sandbox looks like from inside.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

atf_test_case sandbox
sandbox_head()
{
	atf_set "descr" "examples/namespace.c clones a child into new UTS," \
	    "PID, mount, network and IPC namespaces with a private tmpfs on" \
	    "/tmp, its own /proc and a host name; the command it execs there" \
	    "sees exactly that"
	atf_set "require.user" "root"
}
sandbox_body()
{
	host=$(uname -n)
	"$(alcove_path namespace)" "$(alcove_port)" >out 2>err
	rc=$?
	# Only the port's Linux backend has clone.
	if [ $rc -eq 111 ] && [ "$(cat err)" = \
	    "namespace: clone: call not supported on this system" ]; then
		atf_skip "the port has no clone: not the linux backend"
	fi
	atf_check -o inline:'exit 0\n' echo "exit $rc"
	atf_check -o empty cat err
	atf_check -o match:'^child [0-9]+: clone_newuts\|clone_newpid\|clone_newns\|clone_newnet\|clone_newipc, hostname alcove-sandbox, tmpfs on /tmp, proc on /proc$' \
	    sed -n 1p out
	atf_check -o inline:'hostname: alcove-sandbox\npid: 1\nnetwork: lo\n/tmp: rw,nosuid,nodev,relatime - tmpfs none rw,size=1024k\n/proc: rw,nosuid,nodev,noexec,relatime - proc proc rw\nexit status: 0\n' \
	    sed -n '2,$p' out
	# Nothing of the sandbox reached the test's namespaces.
	atf_check -o inline:"$host\n" uname -n
	atf_check -s exit:1 grep ' - tmpfs none rw,size=1024k$' \
	    /proc/self/mountinfo
}

atf_test_case port_missing
port_missing_head()
{
	atf_set "descr" "the sandbox reports a missing port in one line and" \
	    "exits 111"
}
port_missing_body()
{
	atf_check -s exit:111 -o empty \
	    -e inline:'namespace: start: cannot run the port program\n' \
	    "$(alcove_path namespace)" /nonexistent/alcove
}

atf_init_test_cases()
{
	atf_add_test_case sandbox
	atf_add_test_case port_missing
}
