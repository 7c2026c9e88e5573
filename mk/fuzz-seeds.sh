#!/bin/sh
# Seed corpora for the fuzz targets, made from the protocol's own
# examples (alcove-protocol(5), EXAMPLES) and alcovectl(1)'s: a few valid
# inputs each target's mutations start from.
#	sh mk/fuzz-seeds.sh DIR		writes DIR/decode, DIR/term, DIR/sh
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
set -eu
dir=$1
mkdir -p "$dir/decode" "$dir/term" "$dir/sh"
n=0
seed() {	# target bytes (printf format)
	n=$((n + 1))
	printf "$2" > "$dir/$1/seed$n"
}
# decode: a selector byte, then an argument term (no version byte).
seed decode '\000\142\000\000\004\322'			# 1234
seed decode '\005\167\003abc'				# abc
seed decode '\006\167\007sigterm'			# sigterm
seed decode '\010\154\000\000\000\002\167\007o_creat\167\006o_excl\152'
seed decode '\011\154\000\000\000\002\155\000\000\000\002hi\153\000\001x\152'
seed decode '\012\155\000\000\000\004/tmp'
seed decode '\013\154\000\000\000\001\155\000\000\000\007/bin/sh\152'
seed decode '\014\155\000\000\000\020abcdefghijklmnop'
seed decode '\015\150\002\167\002ok\141\001'
# term: what the port replies, with the version byte.
seed term '\203\167\002ok'
seed term '\203\150\002\167\002ok\142\000\000\004\322'
seed term '\203\150\002\167\005error\167\006enoent'
seed term '\203\150\002\167\002ok\155\000\000\000\004/tmp'
seed term '\203\154\000\000\000\002\155\000\000\000\001a\155\000\000\000\001b\152'
seed term '\203\150\003\167\015alcove_rlimit\142\000\000\000\100\156\010\000\377\377\377\377\377\377\377\377'
seed term '\203\153\000\003abc'
# sh: the arguments of a line.
seed sh '"/tmp"'
seed sh 'rlimit_nofile {alcove_rlimit,64,64}'
seed sh '"/bin/sh" ["/bin/sh", "-c", "echo hi; exit 3"]'
seed sh '[<<"a">>, "bc", [100, <<1,2>>]] 16#ff $a -5 '"'"'Quoted'"'"' C'
