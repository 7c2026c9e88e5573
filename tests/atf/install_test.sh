# make install, uninstall and clean, tried on a copy of this source tree as
# a packager would use them: a plain make, then an install to another
# PREFIX under a DESTDIR (everything that embeds a path follows it), the
# installed files against the pkgsrc PLIST, an uninstall that leaves no
# file, and a clean that leaves nothing built.  Not installed: it needs
# the source tree.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

# A copy of the source tree's files (tracked or new; none built) in ./src.
copy_tree()
{
	top="$(atf_get_srcdir)/../.."
	(cd "$top" && { git ls-files -co --exclude-standard 2>/dev/null ||
	    sh mk/dist.sh files; } | while read -r f; do
		[ -f "$f" ] && echo "$f"
	done) > files
	[ -s files ] || atf_fail "no source files found in $top"
	mkdir src
	(cd "$top" && tar cf - $(cat "$OLDPWD/files")) | (cd src && tar xf -) ||
	    atf_fail "copying the tree failed"
}

build_make()
{
	command -v bmake 2>/dev/null || echo make
}

atf_test_case prefix_plist_uninstall_clean
prefix_plist_uninstall_clean_head()
{
	atf_set "descr" "after a plain make, make PREFIX=/opt/x install puts" \
	    "/opt/x paths in alcove.pc, the library and alcovectl; the" \
	    "files are the PLIST's; uninstall removes them all; clean" \
	    "leaves no program to run"
	atf_set "require.progs" "tar"
	atf_set "timeout" "900"
}
prefix_plist_uninstall_clean_body()
{
	copy_tree
	mk=$(build_make)
	d=$(pwd)/destdir
	# -O1: _FORTIFY_SOURCE needs optimisation; less of it builds faster.
	# ERLC=: the PLIST is pkgsrc's, which leaves the Erlang suite out.
	(cd src && $mk OPT=-O1 ERLC= >../build.log 2>&1) ||
	    atf_fail "the plain make failed: $(tail -5 build.log)"
	atf_check -o match:'^port=/usr/local/libexec/alcove$' \
	    cat src/build/*/alcove.pc
	(cd src && $mk OPT=-O1 ERLC= PREFIX=/opt/x DESTDIR="$d" install \
	    >../install.log 2>&1) ||
	    atf_fail "make install failed: $(tail -5 install.log)"

	r=$d/opt/x
	atf_check -o inline:'prefix=/opt/x\nlibdir=/opt/x/lib\nincludedir=/opt/x/include\nport=/opt/x/libexec/alcove\n' \
	    sed -n '1,4p' "$r/lib/pkgconfig/alcove.pc"
	# The library's default port is the installed one, in both forms and
	# in alcovectl, which links the static library.
	for f in lib/libalcove.a lib/libalcove.so.0.1 bin/alcovectl; do
		[ -f "$r/$f" ] || continue
		atf_check -o inline:'/opt/x/libexec/alcove\n' -x \
		    "tr -c '[:print:]' '\\n' < '$r/$f' | grep /libexec/alcove | sort -u"
	done
	atf_check -o inline:'alcove ../../libexec/alcove\n' \
	    grep '^alcove ' "$r/tests/alcove/paths"

	atf_check -s exit:0 -o match:'^plist-check: the [0-9]+ installed files are the PLIST.s$' \
	    sh src/mk/plist-check.sh "$r" src/pkg/pkgsrc/sysutils/alcove/PLIST

	(cd src && $mk OPT=-O1 ERLC= PREFIX=/opt/x DESTDIR="$d" uninstall \
	    >../uninstall.log 2>&1) ||
	    atf_fail "make uninstall failed: $(tail -5 uninstall.log)"
	atf_check -o empty find "$d" ! -type d

	(cd src && $mk clean >../clean.log 2>&1) ||
	    atf_fail "make clean failed: $(tail -5 clean.log)"
	# Every file left is one of the copied sources.
	atf_check -o empty -x "cd src && find . ! -type d -newer ../files"
}

atf_init_test_cases()
{
	atf_add_test_case prefix_plist_uninstall_clean
}
