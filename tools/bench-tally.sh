#!/usr/bin/env bash
# The province tally against DuckDB on the same JSON Lines, for `make bench` (not part of `make test`).
#
#   tools/bench-tally.sh            # 10k, 100k and 1M records
#   SIZES="10000 100000" tools/bench-tally.sh
#   RUNS=5 tools/bench-tally.sh     # pairs of runs per size (default 3; fewer only if asked for)
#   BIN=/path/to/dxcheck tools/bench-tally.sh   # that binary, and no cargo build
#
# Generates the records once (seed 42) into target/bench/ and reuses them (the 1M file is about 1.8 GB). Installs
# DuckDB from PyPI into target/bench/venv on the first run. Per size, runs RUNS interleaved pairs, dxcheck then
# DuckDB, then dxcheck again and so on, so that drift on a shared machine hits both alike; before each run it reads
# the file once (`cat FILE >/dev/null`) so that both start from the same warm page cache. It times
# `dxcheck tally FILE --format json --figures-only` (wall clock, process start to exit, output written to a file)
# and tools/bench_duckdb.py computing the same core aggregates (its own timer, from connecting to DuckDB to the last
# row fetched, so Python's start-up and `import duckdb` are left out), and checks that every dxcheck run gives the
# same figures as DuckDB. It prints per size a table with a row per pair (both times and their ratio), the medians
# with the ratio of the medians and the median of the pair ratios, whether the goal is met (dxcheck's median
# ≤ 1.0 × DuckDB's), and at the end one line per size for scripts:
#   ratio 1m: median dxcheck 7.12 s, duckdb 6.01 s, 1.18× (goal ≤ 1.0×: NOT MET) MATCH
# dxcheck also validates every record against its questionnaire, recomputes its scores, classifies its size and
# matches programmes, which DuckDB does not. Both use every core. The table also gives dxcheck's time, one run after
# the pairs, with the enterprise list in the JSON (one line per counted enterprise, which DuckDB does not make; 226 MB
# at 1M records), and checks its figures are the same. Exits non-zero when the figures differ (MISMATCH) or a step
# fails, and zero when the goal is only missed: a bench reports, it does not fail.
set -euo pipefail

# A BIN given with a path is taken from the caller's directory, before the cd below.
BIN=${BIN:-}
case $BIN in
*/*) [[ $BIN == /* ]] || BIN=$PWD/$BIN ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

DUCKDB_VERSION=1.5.6
SEED=42
GOAL=1.0
SIZES=${SIZES:-"10000 100000 1000000"}
RUNS=${RUNS:-3}
BENCH=target/bench
VENV=$BENCH/venv
mkdir -p "$BENCH"

fail() {
    echo "bench-tally: $*" >&2
    exit 1
}

label() {
    case $1 in
    *000000) echo "$(($1 / 1000000))m" ;;
    *000) echo "$(($1 / 1000))k" ;;
    *) echo "$1" ;;
    esac
}

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a whole number of pairs, at least 1 (got '$RUNS')"

# 1. The CLI, release build (unless the caller gave BIN).
if [ -z "$BIN" ]; then
    BIN=target/release/dxcheck
    if ! CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo build --release --quiet --no-default-features --features cli --bin dxcheck 2>"$BENCH/build.log"; then
        cat "$BENCH/build.log" >&2
        fail "cargo build failed"
    fi
fi
command -v "$BIN" >/dev/null || fail "no dxcheck at $BIN"

# 2. DuckDB in a venv, once.
if ! "$VENV/bin/python" -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$DUCKDB_VERSION')" 2>/dev/null; then
    command -v python3 >/dev/null || fail "python3 is needed for the DuckDB comparison"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || fail "python3 -m venv failed (apt-get install python3-venv)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "duckdb==$DUCKDB_VERSION" >"$BENCH/pip.log" 2>&1 ||
        { cat "$BENCH/pip.log" >&2; fail "pip install duckdb==$DUCKDB_VERSION failed"; }
fi

# 3. The records, once per size (written to a temporary name first, so an interrupted run never leaves half a file).
for n in $SIZES; do
    file="$BENCH/records-$(label "$n").jsonl"
    if [ ! -s "$file" ]; then
        "$BIN" generate "$n" --seed "$SEED" >"$file.tmp"
        mv "$file.tmp" "$file"
    fi
done

# Seconds (wall clock) of one run of a command, after reading $file into the page cache (which does not always keep
# a 1.8 GB file between runs); its stdout goes to $out, its stderr to $err.
time_run() {
    local out=$1 err=$2 t
    shift 2
    cat "$file" >/dev/null
    t=$({ TIMEFORMAT=%R; time "$@" >"$out" 2>"$err"; } 2>&1) || { cat "$err" >&2; fail "$* failed"; }
    echo "$t"
}

# DuckDB's own timer (the script times itself) for one run on $file, after the same page-cache warming; the summary
# goes to $out.
duckdb_run() {
    local out=$1
    cat "$file" >/dev/null
    "$VENV/bin/python" tools/bench_duckdb.py "$file" >"$out" || fail "bench_duckdb.py $file failed"
    python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['seconds'])" "$out"
}

# Compares the figures of dxcheck's JSON (figures only) with DuckDB's summary, and with the figures ahead of the
# enterprise list in dxcheck's full JSON (`enterprises`, the last field, is not read). Prints MATCH, or MISMATCH and
# what differs.
compare() {
    python3 - "$1" "$2" "$3" <<'PY'
import json, sys

def dxcheck_head(path):
    # The figures come first and take well under 4 MB even for a nation; the list after them is not read.
    with open(path, encoding="utf-8") as f:
        head = f.read(4 << 20)
    cut = head.find(',"enterprises":[')
    return json.loads(head[:cut] + "}" if cut >= 0 else head)

with open(sys.argv[1], encoding="utf-8") as f:
    dx = json.load(f)
if dxcheck_head(sys.argv[3]) != dx:
    print("MISMATCH the JSON with the enterprise list has other figures")
    sys.exit()
with open(sys.argv[2], encoding="utf-8") as f:
    db = json.load(f)
dx["dimensions"] = [{k: d[k] for k in ("questionnaire", "dimension", "n", "mean_permille")} for d in dx["dimensions"]]
db["dimensions"] = sorted(db["dimensions"], key=lambda d: (d["questionnaire"], d["dimension"]))
dx["dimensions"] = sorted(dx["dimensions"], key=lambda d: (d["questionnaire"], d["dimension"]))
keys = ["records", "drafts", "counted", "merged", "without_tax_code", "by_level",
        "by_questionnaire", "by_province", "by_month", "dimensions"]
bad = [k for k in keys if dx.get(k) != db.get(k)]
if bad:
    print("MISMATCH " + ",".join(bad))
    for k in bad:
        print(f"  {k}: dxcheck {json.dumps(dx.get(k))[:200]}  duckdb {json.dumps(db.get(k))[:200]}", file=sys.stderr)
else:
    print("MATCH")
PY
}

# Prints the table of one size from its pairs of times; the last line printed is the summary line for scripts.
table() {
    python3 - "$GOAL" "$@" <<'PY'
import statistics, sys
goal, name, n, listed, verdict, *times = sys.argv[1:]
dx = [float(t) for t in times[0::2]]
db = [float(t) for t in times[1::2]]
ratio = lambda a, b: a / b if b > 0 else float("inf")
ratios = [ratio(a, b) for a, b in zip(dx, db)]
dx_m, db_m = statistics.median(dx), statistics.median(db)
r_m = ratio(dx_m, db_m)
met = "met" if r_m <= float(goal) else "NOT MET"
print(f"{name}: {int(n):,} records")
print(f"  {'pair':>6}  {'dxcheck s':>9}  {'duckdb s':>8}  {'ratio':>6}")
for i, (a, b, r) in enumerate(zip(dx, db, ratios), 1):
    print(f"  {i:>6}  {a:>9.2f}  {b:>8.2f}  {r:>5.2f}×")
print(f"  {'median':>6}  {dx_m:>9.2f}  {db_m:>8.2f}  {r_m:>5.2f}×  (ratio of the medians; "
      f"median of the pair ratios {statistics.median(ratios):.2f}×)")
print(f"  goal ≤ {goal}×: {met}")
print(f"  with list (one run): {float(listed):.2f} s")
print(f"  aggregates: {verdict}")
print(f"ratio {name}: median dxcheck {dx_m:.2f} s, duckdb {db_m:.2f} s, {r_m:.2f}× (goal ≤ {goal}×: {met}) "
      f"{verdict.split()[0]}")
PY
}

printf '\nprovince tally: dxcheck vs DuckDB %s on the same JSON Lines (seed %s, %s core(s), %s interleaved pair(s) per size)\n' \
    "$DUCKDB_VERSION" "$SEED" "$(nproc)" "$RUNS"
summaries=()
mismatch=0
for n in $SIZES; do
    name=$(label "$n")
    file="$BENCH/records-$name.jsonl" # read by time_run and duckdb_run before each run
    err="$BENCH/tally-$name.err"
    times=()
    for i in $(seq "$RUNS"); do
        times+=("$(time_run "$BENCH/figures-$name-$i.json" "$err" "$BIN" tally "$file" --format json --figures-only)")
        [ -s "$err" ] && { head -5 "$err" >&2; fail "dxcheck rejected generated records"; }
        times+=("$(duckdb_run "$BENCH/duckdb-$name-$i.json")")
    done
    list_s=$(time_run "$BENCH/tally-$name.json" "$err" "$BIN" tally "$file" --format json)
    [ -s "$err" ] && { head -5 "$err" >&2; fail "dxcheck rejected generated records"; }
    # Every dxcheck run against the DuckDB run of its pair, and the list's figures against each: so all the runs of
    # both tools have the same figures.
    verdict=""
    for i in $(seq "$RUNS"); do
        v=$(compare "$BENCH/figures-$name-$i.json" "$BENCH/duckdb-$name-$i.json" "$BENCH/tally-$name.json")
        [ "${v%% *}" = MATCH ] || { verdict="MISMATCH (pair $i) ${v#MISMATCH }"; break; }
    done
    if [ -n "$verdict" ]; then
        mismatch=1
    else
        verdict="MATCH (each of the $RUNS dxcheck runs, and the list, against DuckDB)"
    fi
    report=$(table "$name" "$n" "$list_s" "$verdict" "${times[@]}")
    printf '\n%s\n' "${report%$'\n'*}"
    summaries+=("${report##*$'\n'}")
done

cat <<'EOF'

dxcheck: wall clock of `dxcheck tally FILE --format json --figures-only`, which also checks every record,
recomputes its scores and matches programmes; with list: the same with the enterprise list in the JSON (one
line per counted enterprise). DuckDB: its own timer in tools/bench_duckdb.py, from connecting to the last row
fetched, so query time only (counting, deduplication, breakdowns, dimension means), without Python's start-up
and `import duckdb`. Each file is read once into the page cache before every run of either tool. Aggregates
compared: records, drafts, counted, merged, without_tax_code, by_level, by questionnaire, province and month,
dimension means.

EOF
printf '%s\n' "${summaries[@]}"
exit "$mismatch"
