# The manual: its table of calls per system is the one the code implies,
# and mandoc finds nothing to warn about.

atf_test_case support_table_current
support_table_current_head()
{
	atf_set "descr" "the table of calls per system in alcove(8) is what" \
	    "mk/support.sh makes from the code"
}
support_table_current_body()
{
	top="$(atf_get_srcdir)/../.."
	sh "$top/mk/support.sh" > made || atf_fail "mk/support.sh failed"
	sed -n '/^\.\\" BEGIN SUPPORT TABLE/,/^\.\\" END SUPPORT TABLE/p' \
	    "$top/man/alcove.8" | sed '1d;$d' > manual
	atf_check -s exit:0 -o empty diff made manual
}

atf_test_case lint
lint_head()
{
	atf_set "descr" "mandoc -Tlint finds no warning in alcove(8)," \
	    "alcove(3) and alcove-protocol(5)"
	atf_set "require.progs" "mandoc"
}
lint_body()
{
	top="$(atf_get_srcdir)/../.."
	atf_check -s exit:0 -o empty -e empty \
	    mandoc -Tlint -Wwarning "$top/man/alcove.8" "$top/man/alcove.3" \
	    "$top/man/alcove-protocol.5"
}

atf_init_test_cases()
{
	atf_add_test_case support_table_current
	atf_add_test_case lint
}
