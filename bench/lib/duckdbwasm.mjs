// The province page against DuckDB-WASM in the same Chromium (issue 18): the same N records from
// `dxcheck generate N --seed 42`, picked once on DX Check's #/province (lib/tally.mjs's importFiles) and once on a
// page that computes the same core aggregates with DuckDB-WASM (the SQL of tools/bench_duckdb.py, in
// lib/duckdb-page.mjs), each timed from just before setInputFiles until its figures are painted. The two take turns,
// DX Check then DuckDB-WASM, for RUNS pairs, each in a fresh profile, so that drift on a shared machine hits both
// alike; the file is read once into the page cache before every run. Every DuckDB-WASM run's figures are checked
// against `dxcheck tally FILE --format json --figures-only` (the fields tools/bench-tally.sh compares), and every
// DX Check run's #target-figure must show the number DuckDB-WASM counted.
//
// The page is written to bench/out/duckdb/ at bench time from bench/node_modules (DuckDB-WASM never ships in the
// app) and served by tools/serve.mjs like dist/, on a port of its own, brotli included; nothing comes from elsewhere
// (its CSP allows only its own origin, see CSP, and any request to another origin fails the run):
// - index.html: a strict CSP in a <meta>, the file input, Apache Arrow and the page's scripts;
// - page.mjs: lib/duckdb-page.mjs, DuckDB-WASM on the picked files; reader.js: lib/duckdb-reader.js, which reads them
//   (in a worker);
// - dist/: DuckDB-WASM's browser ESM entry (its `apache-arrow` import pointed at dist/arrow.mjs, which re-exports
//   Arrow's browser build, dist/arrow.js, as the page has no bundler or import map), the eh and coi bundles' wasm and
//   workers, compressed by tools/compress.mjs; dist/mvp/ the mvp bundle, which selectBundle wants listed but which
//   Chromium never takes (it has wasm exceptions), left uncompressed to save a minute of brotli. dist/ is written
//   again only when the packages' versions change.
//
// When DuckDB starts. DX Check's province page starts its tally workers, one per core up to 4, when it opens
// (use_province's first effect calls worker::prewarm), so their wasm loads and compiles while the person picks; the
// bench picks as soon as #prov-files is in the page, without waiting for them, so whatever is left of their start is
// inside DX Check's time. The DuckDB-WASM page does the same: it starts DuckDB (fetching and compiling its wasm in its
// worker, opening the database) when it loads, and the bench picks as soon as #duck-files is there; a pick before
// DuckDB is ready waits for it, inside DuckDB's time. Both are cold (fresh profile, nothing cached). How far DuckDB
// was from ready at the pick is reported beside its time ("ready").
//
// Reading the JSON. tools/bench_duckdb.py reads the file with read_json, from DuckDB's json extension, which
// DuckDB-WASM 1.32.0 does not have built in: it would fetch it from DuckDB's extension server, and no registry we can
// reach ships its wasm build, so it cannot be served from here. The page puts the same columns with the same types
// into a table either with the browser's JSON.parse and an Arrow table (DUCKDB_INGEST=js) or with DuckDB-WASM's own
// built-in JSON reader (DUCKDB_INGEST=duckdb), and runs bench_duckdb.py's SQL from there on (lib/duckdb-page.mjs).
//
// Threads. Without cross-origin isolation Chromium has no SharedArrayBuffer, so DuckDB-WASM runs its single-threaded
// eh bundle. Its coi bundle (pthreads) needs COOP/COEP headers: DUCKDB_BUNDLE=coi serves the page with them (the same
// tools/serve.mjs, the two headers added to every response) and opens it with every core.
//
// The anchor is DuckDB-WASM at its fastest here, so that the goal means something: see DEFAULT_BUNDLE and
// DEFAULT_INGEST.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tools/serve.mjs';
import { CLI, DESKTOP, OUT, ROOT, indent, mb, ms, table } from './common.mjs';
import * as tally from './tally.mjs';

export const GOAL_RATIO = 1.0;
export const MIN_RUNS = 3;
export const BUNDLES = ['eh', 'coi'];
export const INGESTS = ['js', 'duckdb'];
// Tried on 100k records (179 MB), 2 cores, Chromium 156, picked → painted (in brackets, after the pick: DuckDB ready,
// the JSON read, the SQL's own time), all with the same figures as dxcheck:
//   eh,  js      4.0 s, 5.1 s  (1.8 s, 3.0 s, 0.9 s)
//   eh,  duckdb  6.3 s         (1.7 s, its JSON reader until 5.4 s, 0.8 s)
//   coi, js      6.6 s, 7.0 s  (4.5 s, 4.8 s, 1.4 s; 2 threads)
//   coi, duckdb  11.0 s
// The coi bundle is ready much later (its pthread workers load and compile the wasm too), and its 2 threads made the
// SQL slower, not faster, on 2 cores where the reader and the page want them too. So eh, with JSON.parse: the
// fastest here. With it DuckDB is ready before the JSON is read, so whether its start is counted changes little.
export const DEFAULT_BUNDLE = 'eh';
export const DEFAULT_INGEST = 'js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.join(OUT, 'duckdb');
const MODULES = path.join(ROOT, 'bench/node_modules');
const DUCKDB = path.join(MODULES, '@duckdb/duckdb-wasm');
const ARROW = path.join(MODULES, 'apache-arrow');
const version = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
// What goes into dist/, from @duckdb/duckdb-wasm/dist/ unless said.
const VENDOR = [
  'duckdb-browser.mjs',
  'duckdb-eh.wasm', 'duckdb-browser-eh.worker.js',
  'duckdb-coi.wasm', 'duckdb-browser-coi.worker.js', 'duckdb-browser-coi.pthread.worker.js',
];
const MVP = ['duckdb-mvp.wasm', 'duckdb-browser-mvp.worker.js'];

// Only this origin: scripts, workers (from our own URLs, no blob:) and fetches; the icon is an empty data: URL, so no
// favicon is fetched. The page's <meta> policy has no 'wasm-unsafe-eval': the page compiles no wasm, DuckDB's worker
// does. A worker loaded from a URL takes its policy from its own response, not from the page, so the server sends
// the same policy, with 'wasm-unsafe-eval', as a header on every response (serveDuckDb): DuckDB's workers can then
// compile its wasm and fetch from this origin only (the page gets both policies, which together are the stricter).
const policy = (wasm) => ["default-src 'none'", `script-src 'self'${wasm ? " 'wasm-unsafe-eval'" : ''}`,
  "worker-src 'self'", "connect-src 'self'", 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
const CSP = policy(false);
const WORKER_CSP = policy(true);

const INDEX = `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${CSP}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tổng hợp tỉnh · DuckDB-WASM</title>
  <link rel="icon" href="data:,">
  <script src="dist/arrow.js"></script>
  <script src="reader.js"></script>
  <script type="module" src="page.mjs"></script>
</head>
<body>
  <h1>Tổng hợp tỉnh · DuckDB-WASM</h1>
  <label for="duck-files">Tệp kết quả (JSON Lines)</label>
  <input type="file" id="duck-files" accept=".jsonl,.json" multiple>
  <div id="out"></div>
</body>
</html>
`;

const compress = (dir) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'tools/compress.mjs'), dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tools/compress.mjs ${dir} failed: ${r.stderr}`);
};

/** dist/: DuckDB-WASM and Arrow, written (and compressed) again only when their versions change. */
async function vendor() {
  const dist = path.join(DIR, 'dist');
  if (!fs.existsSync(path.join(DUCKDB, 'dist/duckdb-browser.mjs'))) {
    throw new Error(`${DUCKDB} is missing: run \`cd bench && npm ci\``);
  }
  const stamp = `@duckdb/duckdb-wasm ${version(DUCKDB)}, apache-arrow ${version(ARROW)}\n`;
  const stampFile = path.join(dist, 'STAMP');
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return;
  fs.rmSync(dist, { recursive: true, force: true });
  fs.mkdirSync(path.join(dist, 'mvp'), { recursive: true });
  for (const name of VENDOR) fs.copyFileSync(path.join(DUCKDB, 'dist', name), path.join(dist, name));
  for (const name of MVP) fs.copyFileSync(path.join(DUCKDB, 'dist', name), path.join(dist, 'mvp', name));
  // DuckDB's ESM entry imports the bare `apache-arrow`, which a browser cannot resolve without a bundler or an import
  // map (an inline script, which the CSP would have to allow): point it at a module re-exporting Arrow's browser build,
  // a classic script that sets globalThis.Arrow, with the names Arrow exports.
  const entry = path.join(dist, 'duckdb-browser.mjs');
  const code = fs.readFileSync(entry, 'utf8');
  const pointed = code.replaceAll(/from\s*"apache-arrow"/g, 'from"./arrow.mjs"');
  if (pointed === code || /(from|import)\s*\(?\s*["']apache-arrow["']/.test(pointed)) {
    throw new Error('duckdb-browser.mjs: its apache-arrow imports are not where they were; look at the file again');
  }
  fs.writeFileSync(entry, pointed);
  fs.copyFileSync(path.join(ARROW, 'Arrow.esnext.min.js'), path.join(dist, 'arrow.js'));
  const names = Object.keys(await import('apache-arrow'))
    .filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
  fs.writeFileSync(path.join(dist, 'arrow.mjs'),
    `// Apache Arrow ${version(ARROW)}'s browser build (arrow.js, loaded before) as a module, for duckdb-browser.mjs.\n`
    + `export const { ${names.join(', ')} } = globalThis.Arrow;\n`);
  compress(dist);
  fs.writeFileSync(stampFile, stamp);
}

/** The SQL of tools/bench_duckdb.py, its one source, as a module for the page: each query as the script runs it,
 * the records read from `raw_records` (which the page fills) instead of `read_json`. */
function sqlModule() {
  const script = fs.readFileSync(path.join(here, '../../tools/bench_duckdb.py'), 'utf8');
  const constant = (name) => {
    const m = script.match(new RegExp(`^${name} = (?:"""([\\s\\S]*?)"""|"([^"\\n]*)")`, 'm'));
    if (!m) throw new Error(`tools/bench_duckdb.py has no ${name}`);
    return m[1] ?? m[2];
  };
  const sql = Object.fromEntries(['RECORDS', 'POPULATION', 'COUNTS', 'BY_LEVEL', 'DIMENSIONS'].map((n) => [n, constant(n)]));
  const from = /FROM read_json\(\$path, [^)]*\)/;
  if (!from.test(sql.RECORDS)) throw new Error('tools/bench_duckdb.py reads its records in a way the page does not know');
  sql.RECORDS = sql.RECORDS.replace(from, 'FROM raw_records');
  return `// Written by lib/duckdbwasm.mjs from tools/bench_duckdb.py.\nexport const SQL = ${JSON.stringify(sql, null, 2)};\n`;
}

/** Writes the page into bench/out/duckdb/ and returns the directory. */
export async function build() {
  fs.mkdirSync(DIR, { recursive: true });
  await vendor();
  fs.writeFileSync(path.join(DIR, 'index.html'), INDEX);
  fs.copyFileSync(path.join(here, 'duckdb-page.mjs'), path.join(DIR, 'page.mjs'));
  fs.copyFileSync(path.join(here, 'duckdb-reader.js'), path.join(DIR, 'reader.js'));
  fs.writeFileSync(path.join(DIR, 'sql.mjs'), sqlModule());
  for (const name of ['index.html', 'page.mjs', 'reader.js', 'sql.mjs']) {
    for (const ext of ['.br', '.gz']) fs.rmSync(path.join(DIR, name + ext), { force: true });
  }
  compress(DIR);
  return DIR;
}

/** tools/serve.mjs on `dir`, every response with WORKER_CSP; `isolated`: also with the COOP/COEP headers that make the
 * page cross-origin isolated. (Set before serve.mjs writes its own headers, which Node merges with them.) */
export async function serveDuckDb(dir, isolated) {
  const s = await serve(dir, 0);
  s.server.prependListener('request', (_, res) => {
    res.setHeader('content-security-policy', WORKER_CSP);
    if (isolated) {
      res.setHeader('cross-origin-opener-policy', 'same-origin');
      res.setHeader('cross-origin-embedder-policy', 'require-corp');
    }
  });
  return s;
}

/** The records file for n: bench/out/records-n.jsonl as lib/tally.mjs makes it, made again unless it is newer than the
 * CLI (so a run after the tally section reuses it). */
function records(n) {
  const file = path.join(OUT, `records-${n}.jsonl`);
  const fresh = fs.existsSync(file) && fs.statSync(file).mtimeMs > fs.statSync(CLI).mtimeMs;
  return fresh ? file : tally.generate(n);
}

/** `dxcheck tally FILE --format json --figures-only`, parsed. */
function cliFigures(file) {
  const r = spawnSync(CLI, ['tally', file, '--format', 'json', '--figures-only'], {
    encoding: 'utf8', maxBuffer: 256 << 20,
  });
  if (r.status !== 0) throw new Error(`dxcheck tally ${file} failed: ${r.stderr}`);
  if (r.stderr.trim()) throw new Error(`dxcheck tally rejected generated records: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout);
}

/** Reads the file once, so that every run starts from the same warm page cache (as tools/bench-tally.sh does). */
function warm(file) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(8 << 20);
  try {
    while (fs.readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    fs.closeSync(fd);
  }
}

const FIELDS = ['records', 'drafts', 'counted', 'merged', 'without_tax_code', 'by_level', 'by_questionnaire',
  'by_province', 'by_month', 'dimensions'];

/** JSON with object keys in order, so that equal figures give equal text whatever order their keys came in (as
 * Python compares dicts). */
const canonical = (x) => JSON.stringify(x, (_, v) => (v && typeof v === 'object' && !Array.isArray(v)
  ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));

/** tools/bench-tally.sh's `compare` (without its second file): DuckDB's figures against dxcheck's, field by field.
 * `null` when they agree, or the first field that differs with both values. */
export function compare(dx, db) {
  const dims = (ds) => (ds || []).map((d) => ({
    questionnaire: d.questionnaire, dimension: d.dimension, n: d.n, mean_permille: d.mean_permille,
  })).sort((a, b) => {
    const [ka, kb] = [[a.questionnaire, a.dimension], [b.questionnaire, b.dimension]].map((k) => JSON.stringify(k));
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const a = { ...dx, dimensions: dims(dx.dimensions) };
  const b = { ...db, dimensions: dims(db.dimensions) };
  const field = FIELDS.find((k) => canonical(a[k]) !== canonical(b[k]));
  if (!field) return null;
  return { field, dxcheck: canonical(a[field]).slice(0, 200), duckdb: canonical(b[field]).slice(0, 200) };
}

/** Whether a text shows the number n, written with or without thousands separators (Vietnamese uses '.'). */
export function shows(text, n) {
  const numbers = String(text).match(/\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+|\d+/g) || [];
  return numbers.some((s) => Number(s.replace(/\D/g, '')) === n);
}

/** Installed before the DuckDB-WASM page loads: when its figures are in the DOM and then painted (the probe of
 * lib/tally.mjs), and what its CSP blocked. */
function probe() {
  const t = { csp: [] };
  window.__benchDuck = t;
  addEventListener('securitypolicyviolation', (e) => t.csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
  t.afterPaint = (then) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => then(performance.now());
    channel.port2.postMessage(null);
  });
  new MutationObserver((_, observer) => {
    if (t.t0 === undefined || !document.getElementById('duck-figures')) return;
    observer.disconnect();
    t.shown = performance.now();
    t.afterPaint((now) => { t.painted = now; });
  }).observe(document, { subtree: true, childList: true });
}

/** Picks `files` on the DuckDB-WASM page in a fresh context; the timings and figures, or `failure` saying why. */
export async function duckdbFiles(browser, url, files, { bundle, ingest }, timeoutMs) {
  const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
  const origin = new URL(url).origin;
  const foreign = [];
  const errors = [];
  // Seen, not intercepted (interception would slow every request down): the page's, and its workers'.
  ctx.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u)) foreign.push(u);
  });
  try {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('crash', () => errors.push('the page crashed'));
    await page.addInitScript(probe);
    await page.goto(`${url}/?bundle=${bundle}&ingest=${ingest}`);
    await page.locator('#duck-files').waitFor({ state: 'attached' });
    await page.evaluate(() => { window.__benchDuck.t0 = performance.now(); });
    await page.setInputFiles('#duck-files', files);
    const outcome = await page.waitForFunction(() => (window.__benchDuck.painted && 'done')
      || (window.__duck?.error && `the page says: ${window.__duck.error}`), null, { timeout: timeoutMs, polling: 100 })
      .then((h) => h.jsonValue(), () => null);
    const { t, d } = await page.evaluate(() => {
      const { afterPaint, ...t } = window.__benchDuck;
      return { t, d: window.__duck || {} };
    });
    const why = [...errors, ...(outcome && outcome !== 'done' ? [outcome] : []),
      ...t.csp.map((c) => `CSP blocked ${c}`), ...foreign.map((u) => `requested another origin: ${u}`)];
    if (outcome !== 'done' || why.length) {
      return { failure: why.join('; ') || `no figures after ${timeoutMs / 1000} s` };
    }
    if (d.bundle !== bundle || d.ingest !== ingest) {
      return { failure: `asked for the ${bundle} bundle and ${ingest} ingest, the page ran ${d.bundle}, ${d.ingest}` };
    }
    return {
      paintedMs: Math.round(t.painted - t.t0),
      shownMs: Math.round(t.shown - t.t0),
      // After the pick; negative: DuckDB was ready before it.
      readyMs: Math.round(d.instantiated - t.t0),
      // After the pick: the JSON read in the page, and the table in DuckDB.
      readMs: Math.round(d.read - t.t0),
      ingestMs: Math.round(d.ingested - t.t0),
      queryMs: Math.round(d.queried - d.ingested),
      ingest: d.ingest,
      bundle: d.bundle,
      threads: Number(d.threads),
      isolated: d.isolated,
      version: d.version,
      figures: d.figures,
    };
  } finally {
    await ctx.close();
  }
}

/** The median, as Python's statistics.median (the mean of the middle two for an even count). */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : null;
}

export async function run(browser, url, {
  records: n, runs, timeoutMs, bundle = DEFAULT_BUNDLE, ingest = DEFAULT_INGEST,
}) {
  const file = records(n);
  const cli = cliFigures(file);
  const duck = await serveDuckDb(await build(), bundle === 'coi');
  const pairs = [];
  // One file, as picked; if DX Check cannot take it in one piece, the same records as parts for both, as
  // lib/tally.mjs does (and the one-file failure is reported).
  let files = [file];
  let oneFile = null;
  try {
    for (let i = 0; i < runs; i++) {
      for (const f of files) warm(f);
      const app = await tally.importFiles(browser, url, files, timeoutMs, { table: false });
      if (app.failure && files.length === 1 && i === 0) {
        oneFile = app.failure;
        files = tally.split(file);
        i -= 1;
        continue;
      }
      for (const f of files) warm(f);
      const db = await duckdbFiles(browser, duck.url, files, { bundle, ingest }, timeoutMs);
      if (!db.failure) {
        db.differs = compare(cli, db.figures);
        db.counted = db.figures.counted;
        delete db.figures;
      }
      if (!app.failure) {
        // The number DuckDB-WASM counted in this pair (dxcheck's when DuckDB-WASM did not finish).
        app.counted = db.counted ?? cli.counted;
        app.showsCounted = shows(app.figure, app.counted);
      }
      pairs.push({
        app: app.failure ? { failure: app.failure } : {
          paintedMs: app.paintedMs, tallyMs: app.tallyMs, longestTaskMs: app.longestTaskMs, figure: app.figure,
          counted: app.counted, showsCounted: app.showsCounted,
        },
        duckdb: db,
      });
    }
  } finally {
    duck.server.close();
    if (files.length > 1) for (const f of files) fs.rmSync(f, { force: true });
  }
  const done = (side) => pairs.map((p) => p[side]).filter((r) => !r.failure);
  const appMedianMs = median(done('app').map((r) => r.paintedMs));
  const duckMedianMs = median(done('duckdb').map((r) => r.paintedMs));
  const ratios = pairs.filter((p) => !p.app.failure && !p.duckdb.failure)
    .map((p) => p.app.paintedMs / p.duckdb.paintedMs);
  const first = pairs.findIndex((p) => p.duckdb.differs || (!p.app.failure && !p.app.showsCounted));
  let verdict = 'MATCH';
  if (first >= 0) {
    const p = pairs[first];
    const d = p.duckdb.differs;
    verdict = d
      ? `MISMATCH (pair ${first + 1}) ${d.field}: dxcheck ${d.dxcheck}  duckdb-wasm ${d.duckdb}`
      : `MISMATCH (pair ${first + 1}) #target-figure "${p.app.figure}" does not show the counted ${p.app.counted}`;
  } else if (done('duckdb').length === 0) {
    verdict = 'not compared (DuckDB-WASM did not finish)';
  }
  const ratio = appMedianMs !== null && duckMedianMs ? appMedianMs / duckMedianMs : null;
  const d = done('duckdb')[0];
  return {
    records: n, bytes: fs.statSync(file).size, files: files.length, oneFile, runs, bundle, ingest,
    version: d?.version ?? version(DUCKDB),
    threads: d?.threads ?? null, counted: cli.counted, pairs, appMedianMs, duckMedianMs, ratio,
    pairRatioMedian: median(ratios), complete: ratios.length === runs,
    met: ratio !== null && ratios.length === runs && ratio <= GOAL_RATIO, verdict,
  };
}

const x = (r) => (r === null || r === undefined ? '–' : `${r.toFixed(2)}×`);
const signed = (v) => (v <= 0 ? `${ms(-v)} before` : ms(v));
const INGEST_TEXT = {
  js: 'the JSON read by the browser\'s JSON.parse into an Arrow table',
  duckdb: 'the JSON read by DuckDB-WASM\'s built-in reader (insertJSONFromPath)',
};

/** The summary lines of run.mjs for this section. */
export function summaryRows(r, row) {
  const n = r.records.toLocaleString('en');
  return [
    row(`province ${n}, DX Check picked → painted, median of ${r.runs}`, ms(r.appMedianMs)),
    row(`province ${n}, DuckDB-WASM (${r.bundle}, ${r.ingest}) picked → painted, median`, ms(r.duckMedianMs)),
    row(`province ${n}, ratio to DuckDB-WASM (of the medians)`, x(r.ratio), `≤ ${GOAL_RATIO.toFixed(1)}×`, r.met),
    row(`province ${n}, aggregates against DuckDB-WASM`, r.verdict.split(' ')[0], 'MATCH', r.verdict === 'MATCH'),
  ];
}

/** "each of the 3 DuckDB-WASM runs", or "the 2 DuckDB-WASM runs that finished". */
function every(r, side, who) {
  const n = r.pairs.filter((p) => !p[side].failure).length;
  return n === r.runs ? `each of the ${n} ${who} runs` : `the ${n} ${who} runs that finished`;
}

export function report(r) {
  const rows = [['pair', 'DX Check', 'DuckDB-WASM', 'ratio', 'DX Check worker', 'DuckDB ready', 'JSON read',
    'table in', 'SQL', 'aggregates', '#target-figure']];
  r.pairs.forEach((p, i) => {
    const a = p.app;
    const d = p.duckdb;
    const dd = (v) => (d.failure ? '–' : v);
    rows.push([i + 1, a.failure ? 'did not finish' : ms(a.paintedMs), d.failure ? 'did not finish' : ms(d.paintedMs),
      a.failure || d.failure ? '–' : x(a.paintedMs / d.paintedMs), a.failure ? '–' : ms(a.tallyMs),
      dd(signed(d.readyMs)), dd(ms(d.readMs)), dd(ms(d.ingestMs)), dd(ms(d.queryMs)),
      dd(d.differs ? `MISMATCH ${d.differs.field}` : 'MATCH'),
      a.failure ? '–' : `${a.showsCounted ? 'shows' : 'DOES NOT SHOW'} ${a.counted.toLocaleString('en')}`]);
  });
  rows.push(['median', ms(r.appMedianMs), ms(r.duckMedianMs), x(r.ratio)]);
  const failures = r.pairs.flatMap((p, i) => [['DX Check', p.app], ['DuckDB-WASM', p.duckdb]]
    .filter(([, s]) => s.failure).map(([who, s]) => `  pair ${i + 1}, ${who}: ${s.failure}`));
  const threads = r.threads === null ? '' : `, ${r.threads} thread${r.threads === 1 ? '' : 's'}`;
  return [
    `6. Province tally against DuckDB-WASM ${r.version} in the same Chromium: ${r.records.toLocaleString('en')} records`
      + ` (${mb(r.bytes)}, ${r.files === 1 ? 'one file' : `${r.files} parts`}), ${r.runs} interleaved pairs,`
      + ` fresh profile each, ${DESKTOP.width}×${DESKTOP.height}; DuckDB-WASM's ${r.bundle} bundle${threads},`
      + ` ${INGEST_TEXT[r.ingest]}`
      + ' (its json extension, which read_json needs, cannot be had offline), then the SQL of tools/bench_duckdb.py',
    '   picked → painted: from setInputFiles until the figures are painted (DX Check: #target-figure on #/province;'
      + ' DuckDB-WASM: all its figures on its page). Both pages start their wasm when they open and the pick does not'
      + ' wait for it. DX Check worker: the app\'s data-tally-ms. DuckDB-WASM, after the pick: ready (instantiated and'
      + ' open, in its worker; "before" when it was ready before the pick), JSON read (in a worker of the page, while'
      + ' DuckDB starts), table in (the records in DuckDB); SQL: bench_duckdb.py\'s queries after that',
    '',
    indent(table(rows, [0, 1, 2, 3, 4, 5, 6, 7, 8])),
    '',
    `  ratio of the medians ${x(r.ratio)} · median of the pair ratios ${x(r.pairRatioMedian)}`
      + ` · goal ≤ ${GOAL_RATIO.toFixed(1)}×: ${r.met ? 'met' : 'NOT MET'}`
      + `${r.complete ? '' : ' (not every pair finished)'}`,
    `  aggregates: ${r.verdict}`
      + `${r.verdict === 'MATCH' ? ` (${every(r, 'duckdb', 'DuckDB-WASM')} against \`dxcheck tally`
      + ` --format json --figures-only\` field by field, and ${every(r, 'app', 'DX Check')} shows the`
      + ` ${r.counted.toLocaleString('en')} counted in #target-figure)` : ''}`,
    ...(r.oneFile ? [`  DX Check did not take the records as one file (${r.oneFile}): both were given the same`
      + ` ${r.files} parts`] : []),
    ...(failures.length ? ['', '  did not finish:', ...failures] : []),
  ].join('\n');
}
