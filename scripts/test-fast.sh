#!/usr/bin/env bash
# The fast suite: every test whose suite is not tagged `.slow` (Tests/HuisClosTestSupport/Tags.swift),
# in under a minute on 2 cores once built (`swift build --build-tests` first).
#
# Swift 6.3's `swift test` has no tag filter on its command line (`--filter` and `--skip` are
# regular expressions over test names), so the suites tagged `.slow` are read from the sources and
# skipped by name. Tag a suite `.slow` when it takes seconds (relay processes, many devices, the
# built `huisclos`): it leaves the fast suite with no other change.
set -euo pipefail
cd "$(dirname "$0")/.."
slow=$(grep -rhzoE '@Suite\([^)]*\.slow[^)]*\)\)?[[:space:]]*(final )?(struct|class|actor|enum) [A-Za-z0-9_]+' Tests --include='*.swift' \
    | tr '\0' '\n' | sed -nE 's/.*(struct|class|actor|enum) ([A-Za-z0-9_]+)$/\2/p' | sort -u | paste -sd'|' -)
if [[ -z "$slow" ]]; then
    echo "error: no suite tagged .slow found" >&2
    exit 1
fi
exec swift test --skip-build --skip "\.(${slow})/" "$@"
