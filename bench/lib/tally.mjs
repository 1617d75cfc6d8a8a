// The province tally in the browser. N records made by the native CLI (`dxcheck generate N --seed 42`) are picked
// with the file input of #/province (setInputFiles) in a fresh profile, and timed in the page from just before the
// files are set until the dashboard's first figure (#target-figure) is in the DOM and then painted. The app's own
// `data-tally-ms` on <html> is the worker's part (starting the worker, sending it the files, the tally, the
// answer); the rest is reading the files, IndexedDB and rendering, on the main thread. Long main-thread tasks
// (PerformanceObserver 'longtask') during the import show whether the page stayed responsive.
//
// When one file does not go through, the failure is reported and the same records are imported again as several
// files of at most 40 MB. (The app stores each file as one string in IndexedDB, and Chromium refuses a value over
// 127 MiB once serialised: about 63 MB of text with any non-Latin-1 character, which is stored as UTF-16.)
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, DESKTOP, OUT, indent, mb, ms, table } from './common.mjs';

export const GOALS_MS = { 100000: 2000 };
const PART_BYTES = 40e6;
const LONG_TASK_MS = 50;

/** Writes `dxcheck generate n --seed 42` to out/records-n.jsonl (through a temporary name). */
export function generate(n) {
  const file = path.join(OUT, `records-${n}.jsonl`);
  const fd = fs.openSync(`${file}.tmp`, 'w');
  const r = spawnSync(CLI, ['generate', String(n), '--seed', '42'], { stdio: ['ignore', fd, 'pipe'] });
  fs.closeSync(fd);
  if (r.status !== 0) throw new Error(`dxcheck generate ${n} failed: ${r.stderr}`);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

/** Splits a JSON Lines file at line ends into parts of at most PART_BYTES. */
export function split(file) {
  const buf = fs.readFileSync(file);
  const k = Math.ceil(buf.length / PART_BYTES);
  const parts = [];
  let start = 0;
  for (let i = 1; i <= k; i++) {
    const end = i === k ? buf.length : buf.indexOf(10, Math.round((i * buf.length) / k)) + 1;
    const part = file.replace(/\.jsonl$/, `.part-${i}-of-${k}.jsonl`);
    fs.writeFileSync(part, buf.subarray(start, end));
    parts.push(part);
    start = end;
  }
  return parts;
}

/** Installed before the app loads: long tasks, aborted IndexedDB transactions, and when the dashboard shows. */
function probe() {
  const t = { longTasks: [] };
  window.__benchTally = t;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) t.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // The app waits on its IndexedDB requests, which never settle when the transaction aborts: record the abort.
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = transaction.apply(this, args);
    tx.addEventListener('abort', () => { t.idbAbort = String(tx.error); });
    return tx;
  };
  // The next paint after now: a frame, then a task queued from it.
  t.afterPaint = (then) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => then(performance.now());
    channel.port2.postMessage(null);
  });
  new MutationObserver((_, observer) => {
    if (t.t0 === undefined || !document.getElementById('target-figure')) return;
    observer.disconnect();
    t.shown = performance.now();
    t.afterPaint((now) => { t.painted = now; });
  }).observe(document, { subtree: true, childList: true });
  // The enterprise list (its search box) follows the figures.
  new MutationObserver((_, observer) => {
    if (t.t0 === undefined || !document.getElementById('prov-search')) return;
    observer.disconnect();
    t.afterPaint((now) => { t.listed = now; });
  }).observe(document, { subtree: true, childList: true });
}

/** Milliseconds from a trusted input (`act`) until the enterprise table has changed and is painted; `null` when
 * the table did not change. */
async function tableResponse(page, act) {
  const table = page.locator('.ent-table');
  const before = await table.innerText();
  await page.evaluate(() => {
    const t = window.__benchTally;
    t.acted = undefined;
    t.changed = undefined;
    const observer = new MutationObserver(() => {
      observer.disconnect();
      t.afterPaint((now) => { t.changed = now; });
    });
    observer.observe(document.querySelector('.ent-table'), { subtree: true, childList: true, characterData: true });
    for (const type of ['keydown', 'pointerdown']) {
      addEventListener(type, () => { t.acted ??= performance.now(); }, { capture: true, once: true });
    }
  });
  await act();
  await page.waitForFunction(() => window.__benchTally.changed, null, { timeout: 30000 });
  const t = await page.evaluate(() => window.__benchTally);
  if ((await table.innerText()) === before) return null;
  return Math.round(t.changed - t.acted);
}

/** Imports `files` into #/province in a fresh context; the timings, or `failure` saying why there are none. Without
 * `table`, the enterprise table is not searched and sorted (lib/duckdbwasm.mjs wants the import alone). */
export async function importFiles(browser, url, files, timeoutMs, { table = true } = {}) {
  const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
  const errors = [];
  try {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('crash', () => errors.push('the page crashed'));
    await page.addInitScript(probe);
    await page.goto(`${url}/#/province`);
    await page.locator('#prov-files').waitFor({ state: 'attached' });
    await page.evaluate(() => { window.__benchTally.t0 = performance.now(); });
    await page.setInputFiles('#prov-files', files);
    const outcome = await page.waitForFunction(() => {
      const t = window.__benchTally;
      const alert = document.querySelector('section.province [role="alert"]');
      return (t.painted && 'done') || (t.idbAbort && `IndexedDB aborted the transaction: ${t.idbAbort}`)
        || (alert && `the page says: ${alert.innerText}`);
    }, null, { timeout: timeoutMs, polling: 100 }).then((h) => h.jsonValue(), () => null);
    if (outcome !== 'done') {
      const progress = await page.evaluate(() => document.querySelector('#prov-progress')?.value).catch(() => undefined);
      const why = errors.join('; ') || outcome || `no dashboard after ${timeoutMs / 1000} s`;
      return { files: files.length, failure: progress === undefined ? why : `${why} (progress bar at ${progress / 10} %)` };
    }
    await page.waitForFunction(() => window.__benchTally.listed, null, { timeout: timeoutMs, polling: 100 });
    // Long-task entries arrive asynchronously: give them a moment.
    const t = await page.evaluate(() => new Promise((r) => setTimeout(() => r(window.__benchTally), 200)));
    const tallyMs = Number(await page.locator('html').getAttribute('data-tally-ms'));
    const during = t.longTasks.filter((l) => l.start >= t.t0 && l.start < t.painted);
    const untilListed = t.longTasks.filter((l) => l.start >= t.t0 && l.start < t.listed);
    let [searchMs, searchAgainMs, sortMs, sortAgainMs] = [null, null, null, null];
    if (table) {
      // The table answering a person: a letter typed in the search box, then sorting by name.
      await page.locator('#prov-search').focus();
      // The first of each makes what it compares (search text, sort keys) for the whole list; the second reuses it.
      searchMs = await tableResponse(page, () => page.keyboard.type('9'));
      searchAgainMs = await tableResponse(page, () => page.keyboard.type('8'));
      const byName = page.locator('.ent-table .sort-buttons button').nth(1);
      sortMs = await tableResponse(page, () => byName.click());
      sortAgainMs = await tableResponse(page, () => byName.click());
    }
    return {
      listedMs: Math.round(t.listed - t.t0),
      listLongestTaskMs: Math.round(Math.max(0, ...untilListed.map((l) => l.duration))),
      searchMs,
      searchAgainMs,
      sortMs,
      sortAgainMs,
      files: files.length,
      shownMs: Math.round(t.shown - t.t0),
      paintedMs: Math.round(t.painted - t.t0),
      tallyMs,
      mainThreadMs: Math.round(t.painted - t.t0 - tallyMs),
      longTasks: during.length,
      longestTaskMs: Math.round(Math.max(0, ...during.map((l) => l.duration))),
      blockingMs: Math.round(during.reduce((s, l) => s + l.duration - LONG_TASK_MS, 0)),
      figure: await page.locator('#target-figure').innerText(),
    };
  } finally {
    await ctx.close();
  }
}

export async function run(browser, url, { sizes, timeoutMs }) {
  const results = [];
  for (const n of sizes) {
    const file = generate(n);
    const attempts = [await importFiles(browser, url, [file], timeoutMs)];
    if (attempts[0].failure) {
      const parts = split(file);
      attempts.push(await importFiles(browser, url, parts, timeoutMs));
      for (const p of parts) fs.rmSync(p);
    }
    results.push({ records: n, bytes: fs.statSync(file).size, goalMs: GOALS_MS[n], attempts });
  }
  return results;
}

/** The timing that counts for a size: the first attempt that went through. */
export const best = (r) => r.attempts.find((a) => !a.failure);

export function report(tally, timeoutMs) {
  const rows = [['records', 'size', 'files', 'picked → painted', 'worker tally', 'main thread', 'longest task',
    `tasks > ${LONG_TASK_MS} ms`, 'blocking', 'goal', 'list shown', 'longest (list)', 'search key', 'again', 'sort', 'again']];
  const failures = [];
  for (const r of tally) {
    for (const a of r.attempts) {
      const files = a.files === 1 ? '1' : `${a.files} parts`;
      if (a.failure) {
        rows.push([r.records.toLocaleString('en'), mb(r.bytes), files, 'did not finish']);
        failures.push(`  ${r.records.toLocaleString('en')} records in ${files === '1' ? 'one file' : files}: ${a.failure}`);
        continue;
      }
      const goal = r.goalMs ? `< ${ms(r.goalMs)}: ${a.paintedMs < r.goalMs ? 'met' : 'NOT MET'}` : '';
      rows.push([r.records.toLocaleString('en'), mb(r.bytes), files, ms(a.paintedMs), ms(a.tallyMs), ms(a.mainThreadMs),
        ms(a.longestTaskMs), a.longTasks, ms(a.blockingMs), goal, ms(a.listedMs), ms(a.listLongestTaskMs),
        ms(a.searchMs), ms(a.searchAgainMs), ms(a.sortMs), ms(a.sortAgainMs)]);
    }
  }
  return [
    `3. Province tally in the browser: JSON Lines from \`dxcheck generate N --seed 42\` picked on #/province, fresh`
      + ` profile each, ${DESKTOP.width}×${DESKTOP.height}`,
    '   picked → painted: from setInputFiles until the first figure is painted; worker tally: the app\'s'
      + ' data-tally-ms; main thread: the rest (reading the files, IndexedDB, rendering); blocking: Σ(task − 50 ms)',
    '   list shown: until the enterprise table is painted, and the longest main-thread task until then; search key:'
      + ' a key typed in its search box → the table painted, then a second key; sort: the "name" sort button'
      + ' clicked → painted, then again (reversed). The first search and the first name order fold the whole list',
    '',
    indent(table(rows, [0, 1, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15])),
    ...(failures.length ? ['', `  did not finish (waited up to ${timeoutMs / 1000} s):`, ...failures] : []),
  ].join('\n');
}
