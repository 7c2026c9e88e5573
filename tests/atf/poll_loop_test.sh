# examples/poll_loop.c drives three sandboxes from one poll(2) loop.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

atf_test_case three_sandboxes
three_sandboxes_head()
{
	atf_set "descr" "poll_loop sets up three children with asynchronous" \
	    "calls (chdir, RLIMIT_NOFILE, exec) and prints what each printed" \
	    "and its exit status"
}
three_sandboxes_body()
{
	atf_check -s exit:0 -e empty -o inline:'sandbox a: cwd=/ nofile=32
sandbox a: exit status 1
sandbox b: cwd=/tmp nofile=48
sandbox b: exit status 2
sandbox c: cwd=/usr nofile=64
sandbox c: exit status 3
' "$(alcove_path poll_loop)" "$(alcove_port)"
}

atf_test_case port_missing
port_missing_head()
{
	atf_set "descr" "poll_loop reports a missing port in one line"
}
port_missing_body()
{
	atf_check -s exit:111 -o empty \
	    -e inline:'poll_loop: start: cannot run the port program\n' \
	    "$(alcove_path poll_loop)" /nonexistent/alcove
}

atf_init_test_cases()
{
	atf_add_test_case three_sandboxes
	atf_add_test_case port_missing
}
