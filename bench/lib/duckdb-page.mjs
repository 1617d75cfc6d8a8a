// The script of the DuckDB-WASM comparison page (bench/out/duckdb/, written by lib/duckdbwasm.mjs; it never ships in
// the app). When JSON Lines files are picked in #duck-files it computes the province tally's core aggregates with the
// SQL of tools/bench_duckdb.py, and shows them: the counted enterprises in #duck-figure and every figure, in the shape
// bench_duckdb.py prints, in #duck-figures (added last, so that its arrival means "all shown"). The figures and the
// times are also left in `window.__duck` for the bench.
//
// DuckDB starts when the page loads, before anything is picked, as DX Check's province page starts its tally workers
// when it opens (see lib/duckdbwasm.mjs for why that is the fair match); a pick before DuckDB is ready waits for it.
// `?bundle=eh` keeps to the single-threaded bundle even when the page is cross-origin isolated; otherwise
// selectBundle takes the best the browser allows (coi, with threads, needs cross-origin isolation).
//
// Reading the records. bench_duckdb.py reads them with read_json, which lives in DuckDB's json extension, and
// DuckDB-WASM 1.32.0 does not have it built in: it fetches it from DuckDB's extension server when a query needs it, and
// no package in a registry we can reach ships the wasm build of it, so it cannot be served from here. The page
// therefore puts the same columns, with the same types (COLUMNS, in reader.js), into a table `raw_records` in one of
// two ways, and the SQL reads `FROM raw_records` where bench_duckdb.py reads `FROM read_json(...)`; everything after
// that is its SQL word for word:
// - `?ingest=js` (the default): the browser's JSON.parse, line by line, then the columns handed to DuckDB as an Arrow
//   table (built column by column, as fast as Arrow JS allows); DuckDB-WASM counts.
// - `?ingest=duckdb`: DuckDB-WASM's own JSON reader (insertJSONFromPath, built into it, no extension), which takes a
//   JSON array: the lines are joined with commas into one (a pass over the bytes), and it parses them in its worker.
// Either way the files are read in a worker of the page's own (reader.js), started with the page like DuckDB's, so
// that the page's thread stays free and reading the files and starting DuckDB do not wait for each other.
import * as duckdb from './dist/duckdb-browser.mjs';
import { SQL } from './sql.mjs';

// reader.js, loaded before as a classic script (lib/duckdb-reader.js).
const { COLUMNS } = globalThis.DuckReader;

const state = { started: performance.now() };
window.__duck = state;
const INGEST = new URLSearchParams(location.search).get('ingest') || 'js';
const reader = new Worker(new URL('reader.js', import.meta.url));

const at = (file) => new URL(`dist/${file}`, import.meta.url).href;
const BUNDLES = {
  mvp: { mainModule: at('mvp/duckdb-mvp.wasm'), mainWorker: at('mvp/duckdb-browser-mvp.worker.js') },
  eh: { mainModule: at('duckdb-eh.wasm'), mainWorker: at('duckdb-browser-eh.worker.js') },
  coi: {
    mainModule: at('duckdb-coi.wasm'), mainWorker: at('duckdb-browser-coi.worker.js'),
    pthreadWorker: at('duckdb-browser-coi.pthread.worker.js'),
  },
};

// The queries of tools/bench_duckdb.py, taken from it when the page is built (lib/duckdbwasm.mjs: sqlModule).
const { RECORDS, POPULATION, COUNTS, BY_LEVEL, DIMENSIONS } = SQL;

/** The rows of a query as arrays of plain values (counts come as numbers: castBigIntToDouble; a sum of INTEGERs is a
 * HUGEINT, which may come as a BigInt or a decimal, hence Number()). */
async function rows(conn, sql) {
  const table = await conn.query(sql);
  const columns = table.schema.fields.map((_, i) => table.getChildAt(i));
  return Array.from({ length: table.numRows }, (_, r) => columns.map((c) => {
    const v = c.get(r);
    return typeof v === 'bigint' || (v !== null && typeof v === 'object') ? Number(v) : v;
  }));
}

/** bench_duckdb.py's levels_by: key → counts per level 0…5, keys in order. */
async function levelsBy(conn, key) {
  const out = {};
  for (const [k, level, n] of await rows(conn, BY_LEVEL.replace('{key}', () => key))) {
    (out[k] ??= [0, 0, 0, 0, 0, 0])[level] = n;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** bench_duckdb.py's main, once `raw_records` holds the records. */
async function aggregates(conn) {
  await conn.query(RECORDS);
  await conn.query(POPULATION);
  const [[records, drafts, counted, taxed, untaxed]] = await rows(conn, COUNTS);
  const byLevel = [0, 0, 0, 0, 0, 0];
  for (const [level, n] of await rows(conn, 'SELECT level, count(*) FROM population GROUP BY level')) {
    byLevel[level] = n;
  }
  return {
    records,
    drafts,
    counted,
    merged: taxed - counted,
    without_tax_code: untaxed,
    by_level: byLevel,
    by_questionnaire: await levelsBy(conn, 'questionnaire'),
    by_province: await levelsBy(conn, 'province'),
    by_month: await levelsBy(conn, 'left(done_at, 7)'),
    // Mean share in tenths of a percent, rounded half up as dxcheck does.
    dimensions: (await rows(conn, DIMENSIONS)).map(([questionnaire, dimension, n, s]) => ({
      questionnaire, dimension, n, mean_permille: Math.floor((2 * s + n) / (2 * n)),
    })),
  };
}

/** DuckDB in its worker, instantiated and open. */
async function start() {
  const want = new URLSearchParams(location.search).get('bundle');
  const { coi: _, ...single } = BUNDLES;
  const bundle = await duckdb.selectBundle(want === 'eh' ? single : BUNDLES);
  state.bundle = bundle.pthreadWorker ? 'coi' : bundle.mainModule === BUNDLES.eh.mainModule ? 'eh' : 'mvp';
  state.isolated = globalThis.crossOriginIsolated === true;
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker));
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  // Every core, as tools/bench_duckdb.py has, with the coi bundle (the others are built without threads and refuse
  // the setting).
  await db.open({
    ...(bundle.pthreadWorker ? { maximumThreads: navigator.hardwareConcurrency || 1 } : {}),
    query: { castBigIntToDouble: true },
  });
  const conn = await db.connect();
  // Nothing fetched from elsewhere: the page brings the records itself, and DuckDB must not go looking for extensions.
  await conn.query('SET autoinstall_known_extensions = false');
  await conn.query('SET autoload_known_extensions = false');
  state.threads = (await rows(conn, "SELECT current_setting('threads')"))[0][0];
  state.version = await db.getVersion();
  await conn.close();
  state.instantiated = performance.now();
  return db;
}

const ready = start();
// A failure to start shows when something is picked (and the bench waits for that), not as an unhandled rejection.
ready.catch(() => {});

function fail(e) {
  state.error = String(e?.stack || e);
  const p = document.createElement('p');
  p.id = 'duck-error';
  p.setAttribute('role', 'alert');
  p.textContent = `DuckDB-WASM: ${e?.message || e}`;
  document.body.append(p);
}

const input = document.getElementById('duck-files');
input.addEventListener('change', async () => {
  state.picked = performance.now();
  try {
    // The files are read while DuckDB may still be starting: the two workers do not wait for each other.
    const read = new Promise((resolve, reject) => {
      reader.onmessage = (e) => (e.data.error ? reject(new Error(e.data.error)) : resolve(e.data.buffers));
      reader.onerror = (e) => reject(new Error(`reader.js: ${e.message}`));
      reader.postMessage({ files: [...input.files], ingest: INGEST });
    }).then((buffers) => {
      state.read = performance.now();
      return buffers;
    });
    const [db, buffers] = await Promise.all([ready, read]);
    const conn = await db.connect();
    if (INGEST === 'duckdb') {
      // Each file a JSON array, read by DuckDB-WASM's own JSON reader into one table.
      for (const [i, array] of buffers.entries()) {
        const name = `picked-${i}.json`;
        await db.registerFileBuffer(name, array);
        await conn.insertJSONFromPath(name, {
          name: 'raw_records', create: i === 0, shape: 'row-array', columns: COLUMNS,
        });
        await db.dropFile(name);
      }
    } else {
      // An Arrow IPC stream.
      await conn.insertArrowFromIPCStream(buffers[0], { name: 'raw_records' });
    }
    state.ingested = performance.now();
    const figures = await aggregates(conn);
    state.queried = performance.now();
    state.ingest = INGEST;
    state.figures = figures;
    const figure = document.createElement('p');
    figure.id = 'duck-figure';
    figure.textContent = `${figures.counted.toLocaleString('vi-VN')} doanh nghiệp được tính`;
    const pre = document.createElement('pre');
    pre.id = 'duck-figures';
    pre.textContent = JSON.stringify(figures, null, 1);
    document.getElementById('out').replaceChildren(figure, pre);
    // Ready for another pick, after the figures are out (the bench opens a fresh page for each run anyway).
    for (const table of ['population', 'records', 'raw_records']) await conn.query(`DROP TABLE ${table}`);
    await conn.close();
  } catch (e) {
    fail(e);
  }
});
