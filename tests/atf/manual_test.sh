# The manual: its table of calls per system is the one the code implies,
# and mandoc finds nothing to warn about.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

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
	atf_set "descr" "mandoc -Tlint finds no warning in any page of man/"
	atf_set "require.progs" "mandoc"
}
lint_body()
{
	top="$(atf_get_srcdir)/../.."
	atf_check -s exit:0 -o empty -e empty \
	    mandoc -Tlint -Wwarning "$top"/man/*.[0-9]
}

atf_test_case names_every_function
names_every_function_head()
{
	atf_set "descr" "each page of man/ names in NAME both forms of every" \
	    "call calls.def puts on it"
}
names_every_function_body()
{
	top="$(atf_get_srcdir)/../.."
	sh "$top/mk/gen-calls.sh" mlinks > links ||
	    atf_fail "gen-calls.sh mlinks failed"
	# Every call has its alcove_<call>_t link; the page's own name is
	# not listed as a link.
	sh "$top/mk/gen-calls.sh" table | while read name page reply systems; do
		f="$top/man/alcove_$page.3"
		[ -f "$f" ] || continue
		for n in "alcove_$name" "alcove_${name}_t"; do
			grep -q "^\.Nm $n\( ,\)*\$" "$f" ||
			    echo "$f: no .Nm $n"
		done
	done > missing
	atf_check -s exit:0 -o empty cat missing
}

atf_test_case every_page_written
every_page_written_head()
{
	atf_set "descr" "every page of calls.def's page column is in man/" \
	    "(the Makefile's MANS is every page there)"
}
every_page_written_body()
{
	top="$(atf_get_srcdir)/../.."
	sh "$top/mk/gen-calls.sh" table | awk '{ print $2 }' | sort -u |
	    while read page; do
		[ -f "$top/man/alcove_$page.3" ] ||
		    echo "no man/alcove_$page.3"
	done > missing
	atf_check -s exit:0 -o empty cat missing
}

atf_init_test_cases()
{
	atf_add_test_case support_table_current
	atf_add_test_case lint
	atf_add_test_case names_every_function
	atf_add_test_case every_page_written
}
