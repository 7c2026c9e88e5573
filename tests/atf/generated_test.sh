# What mk/gen-calls.sh writes from src/proto/calls.def is current, every
# call has a typed function, and the table's systems column says what the
# backends implement.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

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
	sh "$top/mk/support.sh" | awk -v systems="$(sh "$top/mk/os.sh" list)" '
	BEGIN { n = split(systems, os, " ") }
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

atf_test_case protocol_manual
protocol_manual_head()
{
	atf_set "descr" "alcove-protocol(5) describes every call of calls.def" \
	    "once, with its number and its systems"
}
protocol_manual_body()
{
	top="$(atf_get_srcdir)/../.."
	awk -F'[(,) ]+' '/^ALCOVE_CALL\(/ { print $3, $2 }' \
	    "$top/src/proto/calls.def" | sort > numbers
	sh "$top/mk/gen-calls.sh" table | awk '{ n = $1; $1 = $2 = $3 = "";
	    sub(/^ +/, ""); print n, $0 }' | sort > systems
	# Each .It line names calls as "Li name No (number)"; the entry's
	# "Systems:" line says where they exist.
	real=$(sh "$top/mk/os.sh" list | sed 's/ *generic *$//; s/ generic / /')
	awk -v real="$real" '
	/^\.It / {
		n = 0
		line = $0
		while (match(line, /Li [a-z_0-9]+ No \([0-9]+\)/)) {
			item = substr(line, RSTART + 3, RLENGTH - 3)
			split(item, f, / No \(/)
			sub(/\)$/, "", f[2])
			name[++n] = f[1]; num[n] = f[2]
			line = substr(line, RSTART + RLENGTH)
		}
	}
	/^Systems: / && n > 0 {
		s = $0
		sub(/^Systems: /, "", s); sub(/\.$/, "", s)
		if (s == "all but generic") s = real
		else if (s == "all; generic: libc") s = real " generic:libc"
		else if (s != "all") {
			gsub(/; generic: libc/, " generic:libc", s)
			gsub(/, /, " ", s)
			s = tolower(s)
		}
		for (i = 1; i <= n; i++) print name[i], num[i], s
		n = 0
	}' "$top/man/alcove-protocol.5" | sort > manual
	awk '{ print $1, $2 }' manual > manual.numbers
	atf_check -s exit:0 -o empty diff numbers manual.numbers
	awk '{ n = $1; $1 = $2 = ""; sub(/^ +/, ""); print n, $0 }' manual \
	    > manual.systems
	atf_check -s exit:0 -o empty diff systems manual.systems
}

atf_init_test_cases()
{
	atf_add_test_case protocol_manual
	atf_add_test_case generated_current
	atf_add_test_case every_call_typed
	atf_add_test_case systems_column
}
