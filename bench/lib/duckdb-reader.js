// The DuckDB-WASM comparison page's reader (bench/out/duckdb/reader.js, from lib/duckdb-reader.js; see
// lib/duckdb-page.mjs): the picked JSON Lines made ready for DuckDB-WASM, off the page's thread. A classic script, as
// Apache Arrow's browser build is one (dist/arrow.js, which sets globalThis.Arrow): the page loads it too, for
// COLUMNS (globalThis.DuckReader); in a worker it also answers { files, ingest } with { buffers } (handed over, not
// copied) or { error }.
/* global Arrow, importScripts */
const inWorker = typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;
if (inWorker) importScripts('dist/arrow.js');
const { Field, Int32, List, Struct, Table, Utf8, makeData, tableToIPC, vectorFromArray } = Arrow;

// bench_duckdb.py's COLUMNS, as Arrow types.
const field = (name, type) => new Field(name, type, true);
const DIMENSION = new Struct([
  field('id', new Utf8()), field('share_permille', new Int32()), field('level', new Int32()),
]);
const COLUMNS = {
  status: new Utf8(),
  assessment_id: new Utf8(),
  completed_at: new Utf8(),
  exported_at: new Utf8(),
  questionnaire: new Struct([field('id', new Utf8())]),
  profile: new Struct([field('tax_code', new Utf8()), field('province', new Utf8()), field('sector', new Utf8())]),
  scores: new Struct([field('overall', new Struct([field('level', new Int32())])),
    field('dimensions', new List(field('item', DIMENSION)))]),
};

/** Strings as an Arrow Utf8 column: ASCII text (ids, codes, timestamps) straight from one TextEncoder pass, the rest
 * through Arrow's builder, which counts each string's UTF-8 bytes. */
function utf8(xs) {
  const n = xs.length;
  const offsets = new Int32Array(n + 1);
  const valid = new Uint8Array((n + 7) >> 3);
  const parts = [];
  let nulls = 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (typeof x === 'string') {
      valid[i >> 3] |= 1 << (i & 7);
      parts.push(x);
      at += x.length;
    } else {
      nulls += 1;
    }
    offsets[i + 1] = at;
  }
  const joined = parts.join('');
  const bytes = new TextEncoder().encode(joined);
  if (bytes.length !== joined.length) {
    return vectorFromArray(xs.map((x) => (typeof x === 'string' ? x : null)), new Utf8()).data[0];
  }
  return makeData({
    type: new Utf8(), length: n, nullCount: nulls, nullBitmap: nulls ? valid : null, valueOffsets: offsets, data: bytes,
  });
}

/** Integers (or null) as an Arrow Int32 column. */
function int32(xs) {
  const n = xs.length;
  const data = new Int32Array(n);
  const valid = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (typeof xs[i] === 'number') {
      data[i] = xs[i];
      valid[i >> 3] |= 1 << (i & 7);
    } else {
      nulls += 1;
    }
  }
  return makeData({ type: new Int32(), length: n, nullCount: nulls, nullBitmap: nulls ? valid : null, data });
}

/** A struct column of `type` from its children's columns (a record without the object reads as its fields null). */
const struct = (type, children) => makeData({ type, length: children[0].length, nullCount: 0, children });

/** ingest js: the files' lines through JSON.parse, their COLUMNS as one Arrow IPC stream (for `raw_records`). */
async function readJs(files) {
  const c = {
    status: [], assessment_id: [], completed_at: [], exported_at: [], questionnaire: [], tax_code: [], province: [],
    sector: [], level: [], dim_id: [], dim_share: [], dim_level: [],
  };
  const offsets = [0];
  for (const file of files) {
    const text = await file.text();
    for (let start = 0; start < text.length;) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = text.slice(start, end).trim();
      start = end + 1;
      if (!line) continue;
      const r = JSON.parse(line);
      c.status.push(r.status);
      c.assessment_id.push(r.assessment_id);
      c.completed_at.push(r.completed_at);
      c.exported_at.push(r.exported_at);
      c.questionnaire.push(r.questionnaire?.id);
      c.tax_code.push(r.profile?.tax_code);
      c.province.push(r.profile?.province);
      c.sector.push(r.profile?.sector);
      c.level.push(r.scores?.overall?.level);
      for (const d of r.scores?.dimensions ?? []) {
        c.dim_id.push(d.id);
        c.dim_share.push(d.share_permille);
        c.dim_level.push(d.level);
      }
      offsets.push(c.dim_id.length);
    }
  }
  const dimensions = makeData({
    type: COLUMNS.scores.children[1].type, length: offsets.length - 1, nullCount: 0,
    valueOffsets: Int32Array.from(offsets),
    child: struct(DIMENSION, [utf8(c.dim_id), int32(c.dim_share), int32(c.dim_level)]),
  });
  const table = new Table({
    status: utf8(c.status),
    assessment_id: utf8(c.assessment_id),
    completed_at: utf8(c.completed_at),
    exported_at: utf8(c.exported_at),
    questionnaire: struct(COLUMNS.questionnaire, [utf8(c.questionnaire)]),
    profile: struct(COLUMNS.profile, [utf8(c.tax_code), utf8(c.province), utf8(c.sector)]),
    scores: struct(COLUMNS.scores, [struct(COLUMNS.scores.children[0].type, [int32(c.level)]), dimensions]),
  });
  return [tableToIPC(table, 'stream')];
}

/** ingest duckdb: each file's lines joined into a JSON array, for DuckDB-WASM's own JSON reader to read into
 * `raw_records` (COLUMNS only). */
async function readDuckDb(files) {
  const arrays = [];
  for (const file of files) {
    const lines = new Uint8Array(await file.arrayBuffer());
    const array = new Uint8Array(lines.length + 2);
    array.set(lines, 1);
    array[0] = 0x5b; // [
    let end = lines.length;
    while (end > 0 && lines[end - 1] <= 0x20) end -= 1;
    // A line feed ends a record (JSON text has none inside a string); one after an empty line is blank.
    let blank = true;
    for (let j = 1; j <= end; j++) {
      const b = array[j];
      if (b === 0x0a) {
        array[j] = blank ? 0x20 : 0x2c;
        blank = true;
      } else if (b > 0x20) {
        blank = false;
      }
    }
    array.fill(0x20, end + 1, lines.length + 1);
    array[lines.length + 1] = 0x5d; // ]
    arrays.push(array);
  }
  return arrays;
}

globalThis.DuckReader = { COLUMNS };

if (inWorker) {
  self.onmessage = async (e) => {
    try {
      const { files, ingest } = e.data;
      const buffers = await (ingest === 'duckdb' ? readDuckDb : readJs)(files);
      self.postMessage({ buffers }, buffers.map((b) => b.buffer));
    } catch (err) {
      self.postMessage({ error: String(err?.stack || err) });
    }
  };
}
