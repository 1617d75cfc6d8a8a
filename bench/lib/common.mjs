// Shared by the bench sections: paths, the Chromium command line, and small statistics and formatting helpers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
// DIST=dir measures another build (an earlier commit's dist/, for a before-and-after).
export const DIST = process.env.DIST ? path.resolve(process.env.DIST) : path.join(ROOT, 'dist');
export const CLI = path.join(ROOT, 'target/release/dxcheck');
export const OUT = path.join(ROOT, 'bench/out');
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Chromium as root in a container, with nothing running in the background that could disturb a measurement. */
export const CHROME_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** The q-quantile (0…1) of numbers, nearest rank. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Median, 95th percentile and maximum, rounded to 0.1. */
export function stats(xs) {
  const r = (x) => Math.round(x * 10) / 10;
  return { n: xs.length, median: r(quantile(xs, 0.5)), p95: r(quantile(xs, 0.95)), max: r(Math.max(...xs)) };
}

export const ms = (x) => (x == null ? '–' : x >= 1000 ? `${Number((x / 1000).toFixed(2))} s` : `${Math.round(x)} ms`);
export const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
export const kib = (bytes) => `${Math.round(bytes / 1024)} KiB`;

/** A plain-text table: rows of cells, the first row the heading; `right` lists the columns to align right. */
export function table(rows, right = []) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => {
    const s = String(c ?? '');
    return right.includes(i) ? s.padStart(widths[i]) : s.padEnd(widths[i]);
  }).join('  ').trimEnd()).join('\n');
}

/** Indents every line of a block. */
export const indent = (text, by = '  ') => text.split('\n').map((l) => by + l).join('\n');
