#!/usr/bin/env bash
# Runs tests under the sanitizers (issue 15), each configuration in its own scratch path:
#   - the encrypted VFS (C) and the replica under AddressSanitizer + UndefinedBehaviorSanitizer
#     (.build-asan): HuisClosReplicaTests, which open, write, tamper with and recover replicas
#     through the VFS, and start the crash child (HuisClosReplicaCrashChild, built sanitized too).
#     Swift on Linux has no -sanitize=undefined (Swift traps on overflow and bounds by itself), so
#     UBSan instruments the C code (-Xcc -fsanitize=undefined: the VFS and the C of dependencies);
#     its handlers come with the ASan runtime. LeakSanitizer is off: the Swift runtime's
#     process-lifetime allocations would be reported at every exit.
#   - the change store, the sync driver and the relay under ThreadSanitizer (.build-tsan):
#     HuisClosStoreTests, HuisClosSyncTests, HuisClosServerTests.
# Any report fails the run: ASan aborts on its first error, UBSan is told to halt on its first,
# TSan exits non-zero when it reported anything.
#   bash scripts/sanitize.sh           both
#   bash scripts/sanitize.sh address   or: thread
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
# TSan cannot see Synchronization's Mutex: its false reports are suppressed one proven case at a
# time (scripts/tsan-suppressions.txt says why for each).
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/scripts/tsan-suppressions.txt"

timed() {
    local label=$1; shift
    local start=$SECONDS
    "$@"
    echo "sanitize: $label took $((SECONDS - start)) s"
}

# The test product and the executables the tests start, not `--build-tests`: that builds every
# target of every dependency too (swift-protobuf's protoc among them, 30 minutes here).
if [[ $which == all || $which == address ]]; then
    flags=(--sanitize=address -Xcc -fsanitize=undefined --scratch-path .build-asan)
    timed "ASan+UBSan build" swift build --product HuisClosPackageTests "${flags[@]}"
    timed "ASan+UBSan tests" swift test --skip-build "${flags[@]}" --filter 'HuisClosReplicaTests'
fi
if [[ $which == all || $which == thread ]]; then
    flags=(--sanitize=thread --scratch-path .build-tsan)
    timed "TSan build" bash -c "swift build --product HuisClosPackageTests ${flags[*]} && swift build --product huisclos-server ${flags[*]}"
    timed "TSan tests" swift test --skip-build "${flags[@]}" --filter 'HuisClosStoreTests|HuisClosSyncTests|HuisClosServerTests'
fi
