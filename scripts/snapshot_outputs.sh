#!/bin/sh
# Writes `pmlint check` and `pmlint analyze` JSON over examples/, the test fixtures and
# ../shared/corpus into DIR, so a refactor can be checked byte for byte: run it before and
# after into two folders and `diff -r` them.
set -u
out=${1:?usage: scripts/snapshot_outputs.sh DIR}
mkdir -p "$out"
pmlint=${PMLINT:-.venv/bin/pmlint}
for dir in examples tests/fixtures ../shared/corpus; do
    [ -d "$dir" ] || continue
    name=$(echo "$dir" | tr '/.' '__')
    "$pmlint" check --no-cache --format json "$dir" >"$out/check_$name.json" 2>"$out/check_$name.err"
    echo "check $dir: exit $?" >>"$out/exits"
    "$pmlint" analyze --format json "$dir" >"$out/analyze_$name.json" 2>"$out/analyze_$name.err"
    echo "analyze $dir: exit $?" >>"$out/exits"
done
