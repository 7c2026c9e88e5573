# The licence: LICENSE is ISC's, and every source file of the tree says
# whose it is and under which licence.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

atf_test_case isc
isc_head()
{
	atf_set "descr" "LICENSE holds the ISC licence"
}
isc_body()
{
	top="$(atf_get_srcdir)/../.."
	atf_check -o match:'^Copyright \(c\) 2026 The alcove authors$' \
	    head -1 "$top/LICENSE"
	atf_check -o match:'^Permission to use, copy, modify, and distribute this software for any$' \
	    cat "$top/LICENSE"
}

atf_test_case every_file
every_file_head()
{
	atf_set "descr" "every source, build, test and manual file carries" \
	    "the copyright line"
	atf_set "require.progs" "git"
}
every_file_body()
{
	top="$(atf_get_srcdir)/../.."
	cd "$top" || atf_fail "no source tree"
	git ls-files >/dev/null 2>&1 || atf_skip "not a git checkout"
	git ls-files | grep -E '\.(c|h|def|sh|erl|[1-8])$|(^|/)(Makefile|GNUmakefile)$|^\.ci/' |
	    grep -v '^pkg/pkgsrc/' | while read -r f; do
		head -n 40 "$f" | grep -q "Copyright (c) 2026 The alcove authors" ||
		    echo "$f"
	done > missing
	atf_check -o empty cat missing
}

atf_init_test_cases()
{
	atf_add_test_case isc
	atf_add_test_case every_file
}
