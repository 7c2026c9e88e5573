# The demo program of the README runs and prints what the README says.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

atf_test_case prints_output_and_status
prints_output_and_status_head()
{
	atf_set "descr" "make demo's program forks, chdirs to /tmp, sets" \
	    "RLIMIT_NOFILE to 64, execs a shell and prints its output and" \
	    "exit status"
}
prints_output_and_status_body()
{
	atf_check -s exit:0 -o save:out -e empty \
	    "$(alcove_path demo)" "$(alcove_port)"
	atf_check -o match:'^child [0-9]+: chdir /tmp, RLIMIT_NOFILE 64, exec echo "cwd=\$\(pwd\) nofile=\$\(ulimit -n\)"$' \
	    sed -n 1p out
	atf_check -o inline:'cwd=/tmp nofile=64\nexit status: 0\n' \
	    sed -n '2,$p' out
}

atf_test_case port_missing
port_missing_head()
{
	atf_set "descr" "the demo reports a missing port in one line and" \
	    "exits 111"
}
port_missing_body()
{
	atf_check -s exit:111 -o empty \
	    -e inline:'demo: start: cannot run the port program\n' \
	    "$(alcove_path demo)" /nonexistent/alcove
}

atf_init_test_cases()
{
	atf_add_test_case prints_output_and_status
	atf_add_test_case port_missing
}
