#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 600) and prints one line per target: the
# executions libFuzzer ran and whether it crashed. Exits non-zero if any target crashed (or the build failed).
#
#   tools/fuzz.sh [SECONDS] [TARGET...]        from the repo root; `make fuzz` (600 s) and `make test` (20 s) call it
#
# Environment: FUZZ_SANITIZER=address|none (default address).
# Inputs: fuzz/seeds/<target>/ (committed) are copied into fuzz/corpus/<target>/ (generated, git-ignored), which
# grows across runs. A crash leaves its input in fuzz/artifacts/<target>/ and the full log in fuzz/logs/<target>.log;
# replay it with `RUSTC_BOOTSTRAP=1 cargo fuzz run <target> fuzz/artifacts/<target>/crash-...`, then turn it into a
# test in tests/fuzz_regressions.rs.
#
# Why RUSTC_BOOTSTRAP=1: cargo-fuzz instruments the code with rustc's `-Z` flags (`-Zsanitizer=address` and
# sanitizer-coverage passes), which rustc accepts only on a nightly toolchain. Our machines have the one stable
# toolchain (and cannot download another), so we let that stable rustc accept the `-Z` flags. It changes nothing
# outside this script (the fuzz crate builds into fuzz/target, apart from the app's target/), and the address
# sanitizer runtime ships with the stable standard library on x86_64 Linux. If it is ever missing, run with
# FUZZ_SANITIZER=none (our code has no `unsafe`; panics, overflows and hangs are still caught).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -f fuzz/Cargo.toml ]] || { echo "fuzz.sh: run from the DX Check repo (fuzz/Cargo.toml not found)" >&2; exit 2; }

seconds=${1:-600}
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || { echo "usage: tools/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2; }
shift || true
sanitizer=${FUZZ_SANITIZER:-address}
export PATH="$HOME/.cargo/bin:$PATH"

# cargo-fuzz from crates.io, once (pinned, so every machine fuzzes the same way).
CARGO_FUZZ_VERSION=0.13.2
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz $CARGO_FUZZ_VERSION from crates.io"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --quiet
fi
export RUSTC_BOOTSTRAP=1

if (($#)); then
    targets=("$@")
else
    targets=()
    for f in fuzz/fuzz_targets/*.rs; do targets+=("$(basename "$f" .rs)"); done
fi

# Largest input per target: JSON files, CSV and the questionnaire (dbi.json is 119 KB) need room; the small
# grammars do not, and short inputs fuzz them faster.
max_len() {
    case $1 in
        questionnaire) echo 262144 ;;
        result_file | bundle | records_csv | records_json) echo 65536 ;;
        result_code) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

# libFuzzer dictionaries (fuzz/dict/): the keywords and keys the mutator splices in.
dict() {
    case $1 in
        expr) echo fuzz/dict/expr.dict ;;
        records_csv) echo fuzz/dict/csv.dict ;;
        questionnaire | result_file | bundle | records_json) echo fuzz/dict/json.dict ;;
    esac
}

mkdir -p fuzz/logs
flags=(--release --debug-assertions --sanitizer "$sanitizer")
start=$(date +%s)
if ! cargo fuzz build "${flags[@]}" >fuzz/logs/build.log 2>&1; then
    tail -n 40 fuzz/logs/build.log >&2
    echo "fuzz.sh: build failed (fuzz/logs/build.log)" >&2
    exit 1
fi
echo "fuzz.sh: built in $(($(date +%s) - start)) s (sanitizer: $sanitizer); ${seconds} s per target"

failed=0
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    [[ -d fuzz/seeds/$t ]] && cp -R "fuzz/seeds/$t/." "fuzz/corpus/$t/"
    log=fuzz/logs/$t.log
    extra=()
    [[ -n $(dict "$t") ]] && extra+=(-dict="$(dict "$t")")
    set +e
    cargo fuzz run "${flags[@]}" "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "${extra[@]}" >"$log" 2>&1
    rc=$?
    set -e
    execs=$(LC_ALL=C sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    [[ -n $execs ]] || execs=$(LC_ALL=C sed -n 's/^#\([0-9][0-9]*\)[[:space:]].*/\1/p' "$log" | tail -n 1)
    corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
    if ((rc == 0)); then
        printf '%-14s %10s execs  corpus %5s  ok\n' "$t" "${execs:-?}" "$corpus"
    else
        failed=1
        artifact=$(LC_ALL=C sed -n 's/.*Test unit written to \([^ ]*\).*/\1/p' "$log" | tail -n 1)
        # The log may hold the input's raw bytes: read it as text and keep printable characters only.
        why=$(grep -a -m1 -A1 -E "panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer|ERROR: LeakSanitizer" "$log" |
            tr '\n' ' ' | LC_ALL=C tr -cd '[:print:]' | tr -s ' ' | cut -c1-160)
        printf '%-14s %10s execs  corpus %5s  CRASH %s: %s (log %s)\n' "$t" "${execs:-?}" "$corpus" \
            "${artifact:-no artifact}" "${why:-exit $rc}" "$log"
    fi
done
echo "fuzz.sh: ${#targets[@]} targets in $(($(date +%s) - start)) s"
exit "$failed"
