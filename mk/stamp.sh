#!/bin/sh
# Write TEXT to FILE only if FILE does not already hold it, so that targets
# depending on FILE rebuild exactly when TEXT changes.
#	sh mk/stamp.sh FILE TEXT
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
set -u
file=$1 text=$2
mkdir -p "$(dirname "$file")"
if [ ! -f "$file" ] || [ "$(cat "$file")" != "$text" ]; then
	printf '%s\n' "$text" > "$file"
fi
