// Serves dist/ the way a production static host would: precompressed brotli/gzip, the right MIME types,
// long caching for hashed assets, no-cache for the rest, bound to 127.0.0.1 only.
// Usage: node tools/serve.mjs [dir=dist] [port=8080]   ·   import { serve } from './serve.mjs'
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;

export function serve(root = 'dist', port = 0) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    let file = path.join(base, rel);
    if (!file.startsWith(base + path.sep)) { res.writeHead(403).end(); return; }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      if (path.extname(rel)) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      file = path.join(base, 'index.html');
    }
    const ext = path.extname(file);
    const headers = {
      'content-type': TYPES[ext] || 'application/octet-stream',
      'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'vary': 'Accept-Encoding',
      'x-content-type-options': 'nosniff',
    };
    const accept = String(req.headers['accept-encoding'] || '');
    let body = file;
    if (/\bbr\b/.test(accept) && fs.existsSync(file + '.br')) { body = file + '.br'; headers['content-encoding'] = 'br'; }
    else if (/\bgzip\b/.test(accept) && fs.existsSync(file + '.gz')) { body = file + '.gz'; headers['content-encoding'] = 'gzip'; }
    headers['content-length'] = fs.statSync(body).size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') { res.end(); return; }
    fs.createReadStream(body).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => {
    resolve({ server, url: `http://127.0.0.1:${server.address().port}` });
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const { url } = await serve(dir, Number(port));
  console.log(`DX Check (release build, compressed) at ${url}/`);
}
