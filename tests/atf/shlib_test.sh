# The shared library: it has its soname, exports only the API, and a
# program linked with it runs as one linked with the static library.

shlib_or_skip()
{
	build=$(cat "$(atf_get_srcdir)/.build")
	top="$(atf_get_srcdir)/../.."
	[ -f "$top/$build/libalcove.so.0" ] ||
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
	atf_check -s exit:0 -o save:out -e empty \
	    "$top/$build/demo-shared" "$top/$build/alcove"
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
	    readelf -d "$top/$build/libalcove.so.0.1"
	atf_check -o match:'\(NEEDED\).*\[libalcove\.so\.0\]$' \
	    readelf -d "$top/$build/demo-shared"
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
	nm -D --defined-only "$top/$build/libalcove.so.0.1" |
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
