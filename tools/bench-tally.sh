#!/usr/bin/env bash
# The province tally against DuckDB on the same JSON Lines, for `make bench` (not part of `make test`).
#
#   tools/bench-tally.sh            # 10k, 100k and 1M records
#   SIZES="10000 100000" tools/bench-tally.sh
#   RUNS=1 tools/bench-tally.sh     # one run per tool (default: best of three)
#
# Generates the records once (seed 42) into target/bench/ and reuses them (the 1M file is about 1.8 GB). Installs
# DuckDB from PyPI into target/bench/venv on the first run. Times `dxcheck tally FILE --format json --figures-only`
# (wall clock, process start to exit, output written to a file) and tools/bench_duckdb.py computing the same core
# aggregates (its own timer, from connecting to DuckDB to the last row fetched), checks that both give the same
# figures, and prints a table with the ratio. The goal is dxcheck ≤ 1.5 × DuckDB. dxcheck also validates every
# record against its questionnaire, recomputes its scores, classifies its size and matches programmes, which DuckDB
# does not. Both use every core. The table also gives dxcheck's time with the enterprise list in the JSON (one line
# per counted enterprise, which DuckDB does not make; 226 MB at 1M records), and checks its figures are the same.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

DUCKDB_VERSION=1.5.6
SEED=42
GOAL=1.5
SIZES=${SIZES:-"10000 100000 1000000"}
RUNS=${RUNS:-3}
BENCH=target/bench
BIN=target/release/dxcheck
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

# 1. The CLI, release build.
if ! CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo build --release --quiet --no-default-features --features cli --bin dxcheck 2>"$BENCH/build.log"; then
    cat "$BENCH/build.log" >&2
    fail "cargo build failed"
fi

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

# The smaller of two numbers; an empty first one is no bound.
min_of() {
    awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'
}

# Seconds (wall clock) of the fastest of $RUNS runs of a command; its stdout goes to $out, its stderr to $err.
best_of() {
    local out=$1 err=$2 best="" t
    shift 2
    for _ in $(seq "$RUNS"); do
        cat "$WARM" >/dev/null # the page cache does not always keep a 1.8 GB file between runs
        t=$({ TIMEFORMAT=%R; time "$@" >"$out" 2>"$err"; } 2>&1) || { cat "$err" >&2; fail "$* failed"; }
        best=$(min_of "$best" "$t")
    done
    echo "$best"
}

# The fastest of $RUNS DuckDB timers (the script times itself); the summary goes to $out.
duckdb_best() {
    local out=$1 file=$2 best="" t
    for _ in $(seq "$RUNS"); do
        cat "$file" >/dev/null
        "$VENV/bin/python" tools/bench_duckdb.py "$file" >"$out" || fail "bench_duckdb.py $file failed"
        t=$(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['seconds'])" "$out")
        best=$(min_of "$best" "$t")
    done
    echo "$best"
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

rows=()
mismatch=0
for n in $SIZES; do
    name=$(label "$n")
    file="$BENCH/records-$name.jsonl"
    WARM=$file # read before each run of either tool: the same warm page cache for both
    dx_s=$(best_of "$BENCH/figures-$name.json" "$BENCH/tally-$name.err" "$BIN" tally "$file" --format json --figures-only)
    [ -s "$BENCH/tally-$name.err" ] && { head -5 "$BENCH/tally-$name.err" >&2; fail "dxcheck rejected generated records"; }
    list_s=$(best_of "$BENCH/tally-$name.json" "$BENCH/tally-$name.err" "$BIN" tally "$file" --format json)
    db_s=$(duckdb_best "$BENCH/duckdb-$name.json" "$file")
    verdict=$(compare "$BENCH/figures-$name.json" "$BENCH/duckdb-$name.json" "$BENCH/tally-$name.json")
    [ "${verdict%% *}" = MATCH ] || mismatch=1
    rows+=("$n $dx_s $db_s $list_s $verdict")
done

printf '\nprovince tally: dxcheck vs DuckDB %s on the same JSON Lines (seed %s, %s core(s), best of %s)\n\n' \
    "$DUCKDB_VERSION" "$SEED" "$(nproc)" "$RUNS"
python3 - "$GOAL" "${rows[@]}" <<'PY'
import sys
goal = float(sys.argv[1])
print(f"{'N':>10}  {'dxcheck s':>9}  {'duckdb s':>8}  {'ratio':>6}  {'goal ≤' + sys.argv[1] + '×':<10}  "
      f"{'with list s':>11}  aggregates")
for row in sys.argv[2:]:
    n, dx, db, listed, verdict = row.split(maxsplit=4)
    ratio = float(dx) / float(db) if float(db) > 0 else float("inf")
    met = "met" if ratio <= goal else "not met"
    print(f"{int(n):>10,}  {float(dx):>9.2f}  {float(db):>8.2f}  {ratio:>5.2f}×  {met:<10}  {float(listed):>11.2f}  "
          f"{verdict}")
PY
printf '\ndxcheck: wall clock of `dxcheck tally FILE --format json --figures-only`, which also checks every record,\n'
printf 'recomputes its scores and matches programmes; with list: the same with the enterprise list in the JSON (one\n'
printf 'line per counted enterprise). DuckDB: query time only (counting, deduplication, breakdowns, dimension means).\n'
printf 'aggregates compared: records, drafts, counted, merged, without_tax_code, by_level, by questionnaire,\n'
printf 'province and month, dimension means.\n'
exit "$mismatch"
