#!/usr/bin/env bash
# Fuzzes every decoder of untrusted bytes with libFuzzer and AddressSanitizer (Tests/Fuzz).
#   bash scripts/fuzz.sh            1,000,000 executions per target (a few minutes each)
#   bash scripts/fuzz.sh --smoke    20,000 per target: what .ci/run does
#   bash scripts/fuzz.sh 5000000    any other count
#   HUISCLOS_FUZZ_TARGETS="vfsPage walFrame" bash scripts/fuzz.sh    only these targets
# Seeds come from Protocol/vectors; the corpus grows in .build-fuzz/corpus (git-ignored). A crash
# leaves its input in Tests/Fuzz/Regressions/<target>/ (commit it with the fix): every run first
# replays those files, so a fixed crash stays fixed. Exits non-zero on any crash, leak or timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=1000000
# The VFS targets open a replica through SQLite at every execution (~2 ms): their smoke run is shorter.
vfs_runs=
case "${1:-}" in
    --smoke) runs=20000; vfs_runs=4000 ;;
    "") ;;
    *) runs=$1 ;;
esac
read -r -a targets <<<"${HUISCLOS_FUZZ_TARGETS:-batch operations membership sealedKey secretStream messages keyFile rootBackup chainLink vfsPage walFrame}"

echo "fuzz: building Tests/Fuzz with -sanitize=fuzzer,address"
# -Xswiftc and -Xcc instrument the HuisClos modules too, the C VFS included (--sanitize alone covers
# only this package); the C code under UndefinedBehaviorSanitizer as well (Swift traps by itself),
# its handlers in the ASan runtime, stopping at the first report like ASan; -enable-testing lets
# the targets reach internal decoders (chain links).
swift build -c release --package-path Tests/Fuzz --scratch-path .build-fuzz --sanitize=fuzzer --sanitize=address \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xcc -fsanitize=fuzzer-no-link,address,undefined -Xcc -fno-sanitize-recover=undefined 2>&1 | tail -1
binary=.build-fuzz/release/HuisClosFuzz

# The VFS targets write their files there: in memory when the machine has /dev/shm.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi

# Seeds: the golden vectors' canonical bytes, for the targets they fit; for the others (a key file,
# a root backup, a chain link, a replica's database file and a WAL of further commits) files the
# binary generates itself.
for target in keyFile rootBackup chainLink vfsPage walFrame; do mkdir -p ".build-fuzz/corpus/$target"; done
ASAN_OPTIONS=detect_leaks=0 HUISCLOS_FUZZ_WRITE_SEEDS=.build-fuzz/corpus HUISCLOS_FUZZ_TARGET=batch "$binary" >/dev/null 2>&1 \
    || { echo "fuzz: cannot generate the seeds"; exit 1; }
python3 - <<'PY'
import json, pathlib
vectors = pathlib.Path("Protocol/vectors")
seeds = {
    "batch": [json.loads((vectors / "batch-v1.json").read_text())["hex"]],
    "membership": [r["hex"] for r in json.loads((vectors / "membership-v1.json").read_text())["records"]],
    "messages": [m["hex"] for m in json.loads((vectors / "messages-v1.json").read_text())["messages"]],
    "operations": [c["hex"] for c in json.loads((vectors / "operations-v1.json").read_text())["cases"]]
                  + [c["hex"] for c in json.loads((vectors / "operations-v1.json").read_text())["rejected"]],
}
for target, hexes in seeds.items():
    folder = pathlib.Path(".build-fuzz/corpus") / target
    folder.mkdir(parents=True, exist_ok=True)
    for index, text in enumerate(hexes):
        (folder / f"vector-{index}").write_bytes(bytes.fromhex(text))
PY

status=0
for target in "${targets[@]}"; do
    corpus=.build-fuzz/corpus/$target
    regressions=Tests/Fuzz/Regressions/$target
    mkdir -p "$corpus"
    if compgen -G "$regressions/*" >/dev/null; then
        HUISCLOS_FUZZ_TARGET=$target "$binary" "$regressions"/* >/dev/null 2>&1 || { echo "fuzz: $target: a kept crasher crashes again"; status=1; }
    fi
    mkdir -p "$regressions"
    log=.build-fuzz/$target.log
    target_runs=$runs
    case "$target" in vfsPage|walFrame) target_runs=${vfs_runs:-$runs} ;; esac
    if HUISCLOS_FUZZ_TARGET=$target "$binary" "$corpus" -runs="$target_runs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$regressions/" -print_final_stats=1 >"$log" 2>&1; then
        executions=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
        coverage=$(grep -ao 'cov: [0-9]*' "$log" | tail -1)
        echo "fuzz: $target: $executions executions, $coverage, 0 crashes"
    else
        echo "fuzz: $target: FAILED (input kept in $regressions/); the end of $log:"
        tail -30 "$log"
        status=1
    fi
done
exit $status
