#!/usr/bin/env bash
# The fast suite: every test whose suite is not tagged `.slow` (Tests/HuisClosTestSupport/Tags.swift),
# in under a minute on 2 cores once built (`swift build --build-tests` first). Extra arguments go to
# `swift test` (e.g. `--filter ClientListingTests`).
#
# Swift 6.3's `swift test` has no tag filter on its command line (`--filter` and `--skip` are
# regular expressions over test names), so the suites tagged `.slow` are read from the sources and
# skipped by name. A suite that starts relays or processes, or takes seconds, is tagged `.slow`:
# that alone takes it out of the fast suite.
set -euo pipefail
cd "$(dirname "$0")/.."
slow=$(find Tests -name '*.swift' -not -path 'Tests/Fuzz/*' -print0 | xargs -0 awk '
    /^@Suite\(.*\.slow/ { pending = 1 }
    pending && match($0, /(struct|class|enum|actor) [A-Za-z0-9_]+/) {
        split(substr($0, RSTART, RLENGTH), words, " "); print words[2]; pending = 0
    }' | sort -u | paste -sd'|' -)
if [[ -z "$slow" ]]; then
    echo "error: no suite tagged .slow found under Tests" >&2
    exit 1
fi
exec swift test --skip-build --skip "\\.(${slow})(/|\$)" "$@"
