// Prints the raw, gzip -9 and brotli q11 sizes of everything the first page load fetches (index.html and every
// asset it references: the business owner's path), and their totals; then, apart, what loads on demand: the whole
// app with the advisor's and office's pages (dx_office) and the workers. With --budget BYTES it fails when the
// first load's brotli total exceeds the budget (the on-demand parts are not in it).
// Usage: node tools/sizes.mjs [dist] [--budget 163840] [--json]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) || 'dist';
const budgetAt = args.indexOf('--budget');
const budget = budgetAt >= 0 ? Number(args[budgetAt + 1]) : null;
const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const refs = new Set(['index.html']);
// Attribute values quoted or not (the release build's HTML is minified).
for (const m of html.matchAll(/(?:href|src|data-js|data-wasm)=(?:"\/?([^"#?]+)"|\/?([^\s">#?]+))/g)) {
  const ref = m[1] || m[2];
  if (!/^https?:/.test(ref)) refs.add(ref);
}
const measure = (files) => {
  const rows = files.filter((f) => fs.existsSync(path.join(dir, f))).map((f) => {
    const raw = fs.readFileSync(path.join(dir, f));
    const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return { file: f, raw: raw.length, gzip: zlib.gzipSync(raw, { level: 9 }).length, brotli: br };
  });
  rows.sort((a, b) => b.brotli - a.brotli);
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { rows, total };
};
const { rows, total } = measure([...refs]);
// On demand: the whole app (office pages), and each worker with its loader.
const parts = [
  ['office pages (whole app, on demand)', ['dx_office.js', 'dx_office_bg.wasm']],
  ['tally worker (province page)', ['dx_worker_loader.js', 'dx_worker.js', 'dx_worker_bg.wasm']],
  ['workbook worker (XLSX)', ['dx_xlsx_loader.js', 'dx_xlsx.js', 'dx_xlsx_bg.wasm']],
  ['sheet worker (XLSX import)', ['dx_sheet_loader.js', 'dx_sheet.js', 'dx_sheet_bg.wasm']],
  ['QR worker', ['dx_qr_loader.js', 'dx_qr.js', 'dx_qr_bg.wasm']],
].map(([name, files]) => ({ name, ...measure(files) })).filter((p) => p.rows.length);
if (args.includes('--json')) {
  console.log(JSON.stringify({ rows, total, budget, parts }));
} else {
  const pad = (s, n) => String(s).padStart(n);
  const table = (title, rs, t) => {
    console.log(`${title.padEnd(40)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
    for (const r of rs) console.log(`  ${r.file.padEnd(38)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`);
    console.log(`  ${'total'.padEnd(38)}${pad(t.raw, 10)}${pad(t.gzip, 10)}${pad(t.brotli, 10)}`);
  };
  table("first load: the owner's path", rows, total);
  if (budget) console.log(`brotli budget: ${budget} bytes (${(100 * total.brotli / budget).toFixed(1)}% used)`);
  for (const p of parts) { console.log(''); table(`on demand: ${p.name}`, p.rows, p.total); }
}
if (budget && total.brotli > budget) {
  console.error(`first-load brotli total ${total.brotli} B exceeds the budget of ${budget} B`);
  process.exit(1);
}
