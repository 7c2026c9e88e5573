# The shared library: it has its soname, exports only the API, and a
# program linked with it runs as one linked with the static library.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

shlib_or_skip()
{
	lib=$(alcove_path libdir)
	[ -f "$lib/libalcove.so.0" ] ||
	    atf_skip "this system's compiler cannot build shared libraries"
}

atf_test_case demo_shared_runs
demo_shared_runs_head()
{
	atf_set "descr" "the demo linked with libalcove.so prints what the" \
	    "one linked with libalcove.a prints"
}
demo_shared_runs_body()
{
	shlib_or_skip
	# An installed suite may run from a DESTDIR, away from the rpath.
	LD_LIBRARY_PATH=$lib atf_check -s exit:0 -o save:out -e empty \
	    "$(alcove_path demo-shared)" "$(alcove_port)"
	atf_check -o inline:'cwd=/tmp nofile=64\nexit status: 0\n' \
	    sed -n '2,$p' out
}

atf_test_case soname
soname_head()
{
	atf_set "descr" "libalcove.so.0.1 is named libalcove.so.0 and the" \
	    "demo needs it by that name"
	atf_set "require.progs" "readelf"
}
soname_body()
{
	shlib_or_skip
	atf_check -o match:'\(SONAME\).*\[libalcove\.so\.0\]$' \
	    readelf -d "$lib/libalcove.so.0.1"
	atf_check -o match:'\(NEEDED\).*\[libalcove\.so\.0\]$' \
	    readelf -d "$(alcove_path demo-shared)"
}

atf_test_case exports_api_only
exports_api_only_head()
{
	atf_set "descr" "the shared library defines no global symbol outside" \
	    "the alcove_ name space (its codec and helpers stay internal)"
	atf_set "require.progs" "nm"
}
exports_api_only_body()
{
	shlib_or_skip
	nm -D --defined-only "$lib/libalcove.so.0.1" |
	    awk '$2 ~ /^[A-Z]$/ { print $3 }' > exported
	atf_check -o match:'^alcove_start$' cat exported
	atf_check -s exit:1 -o empty grep -v '^alcove_' exported
}

atf_init_test_cases()
{
	atf_add_test_case demo_shared_runs
	atf_add_test_case soname
	atf_add_test_case exports_api_only
}
