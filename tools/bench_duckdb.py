#!/usr/bin/env python3
"""The province tally's core aggregates in DuckDB, on the JSON Lines that `dxcheck generate` writes.

Usage: bench_duckdb.py RECORDS.jsonl

Prints one JSON object: `seconds` (wall clock from connecting to DuckDB to the last result fetched; the Python
start-up and `import duckdb` are not included), the DuckDB version, and the figures in the shape of
`dxcheck tally --format json` (records, drafts, counted, merged, without_tax_code, by_level, by_questionnaire,
by_province, by_month, dimensions), so that tools/bench-tally.sh can check both agree.

DuckDB does the counting only. Unlike `dxcheck tally` it does not check records against the questionnaires,
recompute scores, classify sizes, match programmes or collect barriers, and it takes any non-empty tax code as
valid (it does not check the check digit). On generated records, which are all valid, the figures must agree.
"""

import json
import sys
import time

import duckdb

# Only the fields the tally needs; DuckDB skips everything else in each line (answers included).
COLUMNS = {
    "status": "VARCHAR",
    "assessment_id": "VARCHAR",
    "completed_at": "VARCHAR",
    "exported_at": "VARCHAR",
    "questionnaire": "STRUCT(id VARCHAR)",
    "profile": "STRUCT(tax_code VARCHAR, province VARCHAR, sector VARCHAR)",
    "scores": "STRUCT(overall STRUCT(level INTEGER), "
    "dimensions STRUCT(id VARCHAR, share_permille INTEGER, level INTEGER)[])",
}

RECORDS = """
CREATE TEMP TABLE records AS
SELECT status,
       profile.tax_code                      AS tax_code,
       coalesce(completed_at, exported_at)  AS done_at,         -- RFC 3339 text sorts in time order
       assessment_id,
       questionnaire.id                      AS questionnaire,
       least(scores.overall.level, 5)        AS level,
       coalesce(profile.province, '')        AS province,
       coalesce(profile.sector, '')          AS sector,
       scores.dimensions                     AS dimensions
FROM read_json($path, format = 'newline_delimited', columns = $columns)
"""

# The counted population: the latest completed assessment of each enterprise (first 10 characters of the tax
# code, so a branch counts with its parent), plus every completed record without a tax code.
POPULATION = """
CREATE TEMP TABLE population AS
WITH completed AS (
    SELECT *, left(trim(coalesce(tax_code, '')), 10) AS tax10
    FROM records WHERE status = 'completed'
), latest AS (
    SELECT * FROM completed WHERE tax10 <> ''
    QUALIFY row_number() OVER (PARTITION BY tax10 ORDER BY done_at DESC, assessment_id DESC) = 1
)
SELECT * FROM latest
UNION ALL
SELECT * FROM completed WHERE tax10 = ''
"""

COUNTS = """
SELECT (SELECT count(*) FROM records)                                                     AS records,
       (SELECT count(*) FROM records WHERE status <> 'completed')                        AS drafts,
       (SELECT count(*) FROM population WHERE tax10 <> '')                               AS counted,
       (SELECT count(*) FROM records WHERE status = 'completed'
                                       AND trim(coalesce(tax_code, '')) <> '')            AS taxed,
       (SELECT count(*) FROM population WHERE tax10 = '')                                AS without_tax_code
"""

BY_LEVEL = "SELECT {key}, level, count(*) FROM population GROUP BY ALL"

DIMENSIONS = """
SELECT questionnaire, d.id, count(*), sum(d.share_permille)
FROM (SELECT questionnaire, unnest(dimensions) AS d FROM population)
GROUP BY ALL
ORDER BY ALL
"""


def levels_by(con, key):
    out = {}
    for k, level, n in con.execute(BY_LEVEL.format(key=key)).fetchall():
        out.setdefault(k, [0] * 6)[level] = n
    return dict(sorted(out.items()))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bench_duckdb.py RECORDS.jsonl")
    start = time.perf_counter()
    con = duckdb.connect()
    con.execute(RECORDS, {"path": sys.argv[1], "columns": COLUMNS})
    con.execute(POPULATION)
    records, drafts, counted, taxed, untaxed = con.execute(COUNTS).fetchone()
    by_level = [0] * 6
    for level, n in con.execute("SELECT level, count(*) FROM population GROUP BY level").fetchall():
        by_level[level] = n
    summary = {
        "records": records,
        "drafts": drafts,
        "counted": counted,
        "merged": taxed - counted,
        "without_tax_code": untaxed,
        "by_level": by_level,
        "by_questionnaire": levels_by(con, "questionnaire"),
        "by_province": levels_by(con, "province"),
        "by_month": levels_by(con, "left(done_at, 7)"),
        # Mean share in tenths of a percent, rounded half up as dxcheck does.
        "dimensions": [
            {"questionnaire": q, "dimension": d, "n": n, "mean_permille": (2 * s + n) // (2 * n)}
            for q, d, n, s in con.execute(DIMENSIONS).fetchall()
        ],
    }
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": round(seconds, 3), "duckdb": duckdb.__version__, **summary}))


if __name__ == "__main__":
    main()
