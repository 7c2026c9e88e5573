#!/bin/sh
#
# Writes the C constant tables that src/proto/constant.c includes, from the
# list of names in src/proto/constants.txt.  Run from the top of the tree:
#
#	sh mk/gen-constants.sh src/proto/constants.txt \
#	    >src/proto/constant_tables.inc
#
# Every entry gets its own #ifdef, so one list serves every platform: a name
# the platform's headers do not define simply drops out when compiled.
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

set -eu

if [ $# -ne 1 ]; then
	echo "usage: gen-constants.sh constants.txt" >&2
	exit 100
fi

exec awk -v src="$1" '
function fail(msg) {
	print FILENAME ":" FNR ": " msg | "cat 1>&2"
	failed = 1
	exit 1
}

function end_table() {
	printf("\t{ NULL, 0 }\n};\n")
}

# A word is MACRO, or ALIAS=MACRO for an extra atom with the macro value.
function entry(word,	atom, macro, eq) {
	atom = macro = word
	eq = index(word, "=")
	if (eq > 0) {
		atom = substr(word, 1, eq - 1)
		macro = substr(word, eq + 1)
	}
	if (atom !~ /^[A-Za-z_][A-Za-z0-9_]*$/ ||
	    macro !~ /^[A-Za-z_][A-Za-z0-9_]*$/)
		fail("not a name: " word)
	if ((table, word) in seen)
		fail(word " is listed twice in table " table)
	seen[table, word] = 1
	printf("#ifdef %s\n\t{ \"%s\", (uint64_t)(%s) },\n#endif\n",
	    macro, atom, macro)
}

BEGIN {
	printf("/*\n")
	printf(" * Generated from %s by mk/gen-constants.sh: do not edit.\n",
	    src)
	printf(" * Included only by constant.c, which brings in the headers.\n")
	printf(" *\n")
	printf(" * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.\n")
	printf(" */\n")
}

/^#/ || NF == 0 {
	next
}

$1 == "table" {
	if (NF != 2 || $2 !~ /^[a-z]+$/)
		fail("expected \"table NAME\"")
	if ($2 in tables)
		fail("table " $2 " is given twice")
	if (table != "")
		end_table()
	table = $2
	tables[table] = 1
	printf("\nstatic const struct constant constant_%s[] = {\n", table)
	next
}

{
	if (table == "")
		fail("a name before the first table line")
	for (i = 1; i <= NF; i++)
		entry($i)
}

END {
	if (failed)
		exit 1
	if (table == "")
		fail("no tables")
	end_table()
}
' "$1"
