// Prints the raw, gzip -9 and brotli q11 sizes of everything the first page load fetches (index.html and every
// asset it references), and their totals. With --budget BYTES it fails when the brotli total exceeds the budget.
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
const rows = [...refs].filter((f) => fs.existsSync(path.join(dir, f))).map((f) => {
  const raw = fs.readFileSync(path.join(dir, f));
  const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { file: f, raw: raw.length, gzip: zlib.gzipSync(raw, { level: 9 }).length, brotli: br };
});
rows.sort((a, b) => b.brotli - a.brotli);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
if (args.includes('--json')) {
  console.log(JSON.stringify({ rows, total, budget }));
} else {
  const pad = (s, n) => String(s).padStart(n);
  console.log(`${'first-load asset'.padEnd(40)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
  for (const r of rows) console.log(`${r.file.padEnd(40)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`);
  console.log(`${'total'.padEnd(40)}${pad(total.raw, 10)}${pad(total.gzip, 10)}${pad(total.brotli, 10)}`);
  if (budget) console.log(`brotli budget: ${budget} bytes (${(100 * total.brotli / budget).toFixed(1)}% used)`);
}
if (budget && total.brotli > budget) {
  console.error(`first-load brotli total ${total.brotli} B exceeds the budget of ${budget} B`);
  process.exit(1);
}
