# The interop suite of tests/interop: the port driven from Erlang/OTP as
# the upstream Erlang library drives it (open_port, term_to_binary,
# binary_to_term).  One test case per case of the Erlang module; where
# Erlang is not installed, one case that skips and says so.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

beam_dir()
{
	alcove_path interop
}

interop()
{
	erl -noshell -pa "$(beam_dir)" -run alcove_interop main "$@"
}

run_case()
{
	backend=$(alcove_value backend)
	[ "$2" = any ] || [ "$2" = "$backend" ] || atf_skip "this case" \
	    "expects a port built with the $2 backend; this one has $backend"
	port=$(alcove_port)
	wrapper="$(atf_config_get port_wrapper "")"
	[ -z "$wrapper" ] || command -v "${wrapper%% *}" >/dev/null ||
	    atf_fail "the port wrapper $wrapper does not exist" \
	    "(make test-valgrind writes it)"
	# erl would re-split a wrapper given as an argument.
	ALCOVE_PORT_WRAPPER="$wrapper" \
	    atf_check -s exit:0 -o ignore -e empty \
	    erl -noshell -pa "$(beam_dir)" -run alcove_interop main \
	    "$port" "$1"
}

atf_test_case erlang_missing
erlang_missing_head()
{
	atf_set "descr" "the Erlang/OTP interop suite needs Erlang"
}
erlang_missing_body()
{
	atf_skip "Erlang/OTP is not installed (erl, erlc): install erlang-base" \
	    "(Debian) or lang/erlang (pkgsrc) and run make again"
}

atf_init_test_cases()
{
	if ! command -v erl >/dev/null 2>&1 ||
	    [ ! -f "$(beam_dir)/alcove_interop.beam" ]; then
		atf_add_test_case erlang_missing
		return
	fi
	interop list > cases || atf_fail "cannot list the interop cases"
	while read -r name who os; do
		eval "atf_test_case $name
${name}_head() {
	atf_set descr 'Erlang/OTP interop: $name'
	[ $who = root ] && atf_set require.user root
}
${name}_body() { run_case $name $os; }"
		atf_add_test_case "$name"
	done < cases
	rm -f cases
}
