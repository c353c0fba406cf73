#!/usr/bin/env bash
# The deterministic simulation (issue 15; Tests/HuisClosSimulation): N devices, the relay's real
# storage and request handling, a faulty network, crashes, relay restores and clock skew in one
# process, each run driven by one seed; the invariants are checked after every run.
#   bash scripts/simulate.sh                 10,000 seeds over every core (by hand)
#   bash scripts/simulate.sh --count 200     200 seeds: what scripts/test.sh runs
#   bash scripts/simulate.sh --seed N        replay seed N exactly, printing its trace
#   bash scripts/simulate.sh --from F --count C
# A failing seed prints itself, its trace and the command that replays it; exits non-zero then.
set -euo pipefail
cd "$(dirname "$0")/.."
from=0
count=10000
seed=""
while [ $# -gt 0 ]; do
    case "$1" in
        --seed) seed=$2; shift 2 ;;
        --from) from=$2; shift 2 ;;
        --count) count=$2; shift 2 ;;
        *) echo "usage: bash scripts/simulate.sh [--seed N | --from F --count C]" >&2; exit 64 ;;
    esac
done
swift build --product HuisClosSimulation 2>&1 | grep -E 'error|warning: .*Tests/HuisClosSimulation' || true
binary=.build/debug/HuisClosSimulation
# Dictionaries and sets iterate in one order from one process to the next, so a seed replays exactly;
# the runs' folders go to memory when the machine has /dev/shm (the relay fsyncs every commit).
export SWIFT_DETERMINISTIC_HASHING=1
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
if [ -n "$seed" ]; then exec "$binary" --seed "$seed"; fi

jobs=$(nproc)
share=$(( (count + jobs - 1) / jobs ))
logs=$(mktemp -d)
pids=()
for job in $(seq 0 $((jobs - 1))); do
    start=$((from + job * share))
    size=$(( share < from + count - start ? share : from + count - start ))
    [ "$size" -gt 0 ] || continue
    "$binary" --from "$start" --count "$size" >"$logs/$job.log" 2>&1 &
    pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
cat "$logs"/*.log | grep -v -e '^simulation: ' -e '^progress: ' || true
grep -h '^simulation: ' "$logs"/*.log
rm -rf "$logs"
exit $status
