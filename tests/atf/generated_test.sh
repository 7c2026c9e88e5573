# What mk/gen-calls.sh writes from src/proto/calls.def is current, every
# call has a typed function, and the table's systems column says what the
# backends implement.

atf_test_case generated_current
generated_current_head()
{
	atf_set "descr" "the prototypes, the default-timeout wrappers and the" \
	    "manual's generated parts are what mk/gen-calls.sh makes now"
}
generated_current_body()
{
	top="$(atf_get_srcdir)/../.."
	atf_check -s exit:0 -o empty -e empty sh "$top/mk/gen-calls.sh" --check
}

atf_test_case every_call_typed
every_call_typed_head()
{
	atf_set "descr" "every call of calls.def has an alcove_<call>_t in" \
	    "src/lib/"
}
every_call_typed_body()
{
	top="$(atf_get_srcdir)/../.."
	atf_check -s exit:0 -o empty -e empty sh "$top/mk/gen-calls.sh" --missing
}

atf_test_case systems_column
systems_column_head()
{
	atf_set "descr" "calls.def's systems column is the support table" \
	    "mk/support.sh derives from the registry and the backends"
}
systems_column_body()
{
	top="$(atf_get_srcdir)/../.."
	sh "$top/mk/gen-calls.sh" table | awk '{ $2 = ""; $3 = ""; print }' |
	    tr -s ' ' > column || atf_fail "gen-calls.sh table failed"
	sh "$top/mk/support.sh" | awk '
	BEGIN { n = split("linux freebsd openbsd netbsd solaris generic", os, " ") }
	/^\.It Li / {
		split($0, f, / Ta /)
		name = f[1]; sub(/^\.It Li /, "", name)
		s = ""; all = 1
		for (i = 1; i <= n; i++) {
			if (f[i + 1] == "yes") s = s " " os[i]
			else if (f[i + 1] == "libc") { s = s " " os[i] ":libc"; all = 0 }
			else all = 0
		}
		print name (all ? " all" : s)
	}' > support || atf_fail "mk/support.sh failed"
	atf_check -s exit:0 -o empty diff support column
}

atf_init_test_cases()
{
	atf_add_test_case generated_current
	atf_add_test_case every_call_typed
	atf_add_test_case systems_column
}
