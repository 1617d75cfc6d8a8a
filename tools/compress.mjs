// Writes name.br (brotli q11) and name.gz (gzip -9) beside every text or wasm file in dist/, as a host would
// serve them, and prints nothing. Used by `make dist`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2] || 'dist';
const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|svg|json|webmanifest|txt)$/;
for (const name of fs.readdirSync(dir)) {
  const file = path.join(dir, name);
  if (!COMPRESSIBLE.test(name) || !fs.statSync(file).isFile()) continue;
  const raw = fs.readFileSync(file);
  fs.writeFileSync(file + '.br', zlib.brotliCompressSync(raw, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }));
  fs.writeFileSync(file + '.gz', zlib.gzipSync(raw, { level: 9 }));
}
