# examples/sandbox: chroot, limits and nobody's ids, checked from inside.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

atf_test_case chroot_nobody_limits
chroot_nobody_limits_head()
{
	atf_set "descr" "the sandbox example shuts a child in a directory as" \
	    "nobody with small limits: the child reports / as its cwd, the" \
	    "ids 65534, no groups, RLIMIT_NOFILE 32, no /etc/passwd, no way" \
	    "back to root, and a program inside the root runs as nobody"
	atf_set "require.user" "root"
	atf_set "require.progs" "cc"
}
chroot_nobody_limits_body()
{
	root=$(mktemp -d "${TMPDIR:-/tmp}/alcove-test-sandbox.XXXXXX")
	chmod 0755 "$root"
	mkdir -m 0755 "$root/bin"
	cat > probe.c <<'EOP'
#include <stdio.h>
#include <unistd.h>
int
main(void)
{
	char cwd[64];

	printf("probe: uid %d gid %d cwd %s\n", (int)getuid(), (int)getgid(),
	    getcwd(cwd, sizeof(cwd)) != NULL ? cwd : "?");
	return 3;
}
EOP
	cc -static -o "$root/bin/probe" probe.c 2>/dev/null ||
	    { rm -rf "$root"; atf_skip "cc cannot link a static program"; }
	atf_check -s exit:0 -o save:out -e empty \
	    "$(alcove_path sandbox)" -p "$(alcove_port)" "$root" /bin/probe
	rm -rf "$root"
	atf_check -o match:"^sandbox: child [0-9]+ in $root\$" sed -n 1p out
	atf_check -o inline:"cwd /
uid 65534 65534 65534
gid 65534 65534 65534
groups 0
nofile 32 32
/etc/passwd: No such file or directory
setuid 0: Operation not permitted
exec /bin/probe
probe: uid 65534 gid 65534 cwd /
exit status: 3
" sed -n '2,$p' out
}

atf_test_case bad_root
bad_root_head()
{
	atf_set "descr" "a root that does not exist stops the sandbox at" \
	    "chroot with one line and exit status 111"
}
bad_root_body()
{
	atf_check -s exit:111 -o match:'^sandbox: child ' \
	    -e inline:'sandbox: chroot: No such file or directory\n' \
	    "$(alcove_path sandbox)" -p "$(alcove_port)" /nonexistent/root
}

atf_init_test_cases()
{
	atf_add_test_case chroot_nobody_limits
	atf_add_test_case bad_root
}
