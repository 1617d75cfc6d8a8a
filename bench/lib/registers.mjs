// The office's tables at scale (issue 17): N result records with the province's registry and support register from
// `dxcheck generate N --seed 42 --registry-out … --support-out …`, the register cut to SUPPORT_ROWS rows. In a
// fresh profile, #/province is given the results, then the registry, then the support register; each step is timed
// in the page from just before the file is set until the coverage figures (#coverage-total) that it changes are
// painted. A table picked is joined to the tally the merging worker keeps; a reload merges the tally's parts kept in
// IndexedDB; a second reload, with those parts deleted, reads every file again.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, DESKTOP, OUT, indent, mb, ms, table } from './common.mjs';

export const GOAL_MS = 2000;
export const SUPPORT_ROWS = 20000;
/** The steps the goal applies to: a table picked, and a reload. */
export const GOAL_STEPS = ['registry', 'support', 'reload'];

/** The three files for n records: results, registry, support register (cut to SUPPORT_ROWS rows). */
function generate(n) {
  const base = path.join(OUT, `registers-${n}`);
  const files = { results: `${base}.jsonl`, registry: `${base}-registry.csv`, support: `${base}-support.csv` };
  const fd = fs.openSync(files.results, 'w');
  const r = spawnSync(CLI, ['generate', String(n), '--seed', '42', '--registry-out', files.registry,
    '--support-out', `${files.support}.all`], { stdio: ['ignore', fd, 'pipe'] });
  fs.closeSync(fd);
  if (r.status !== 0) throw new Error(`dxcheck generate ${n} failed: ${r.stderr}`);
  const lines = fs.readFileSync(`${files.support}.all`, 'utf8').split('\n');
  fs.writeFileSync(files.support, `${lines.slice(0, SUPPORT_ROWS + 1).join('\n')}\n`);
  fs.rmSync(`${files.support}.all`);
  const rows = (f) => fs.readFileSync(f, 'utf8').trim().split('\n').length - 1;
  return { files, registryRows: rows(files.registry), supportRows: rows(files.support) };
}

/** Installed before the app loads: when an element's text first contains what a step waits for and differs from
 * what it said before the step, painted. */
function probe() {
  const t = {};
  window.__benchRegisters = t;
  t.afterPaint = (then) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => then(performance.now());
    channel.port2.postMessage(null);
  });
  t.wait = (id, text, t0 = performance.now()) => {
    const before = document.getElementById(id)?.textContent;
    t.t0 = t0;
    t.painted = undefined;
    const check = (observer) => {
      const el = document.getElementById(id);
      if (!el || !el.textContent.includes(text) || el.textContent === before) return;
      observer?.disconnect();
      t.afterPaint((now) => { t.painted = now; });
    };
    const observer = new MutationObserver(() => check(observer));
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  };
  // A reload asked to be timed: from the navigation's start.
  const armed = sessionStorage.getItem('benchRegistersReload');
  if (armed) {
    sessionStorage.removeItem('benchRegistersReload');
    const [id, text] = JSON.parse(armed);
    t.wait(id, text, 0);
  }
}

/** Sets `file` on the input `input` and waits until #id contains `text`, painted: milliseconds, or a failure. */
async function step(page, input, file, id, text, timeoutMs) {
  await page.evaluate(([i, x]) => window.__benchRegisters.wait(i, x), [id, text]);
  await page.setInputFiles(input, file);
  const outcome = await page.waitForFunction(() => {
    const alert = document.querySelector('section.province [role="alert"]');
    return (window.__benchRegisters.painted && 'done') || (alert && `the page says: ${alert.innerText}`);
  }, null, { timeout: timeoutMs, polling: 50 }).then((h) => h.jsonValue(), () => `nothing after ${timeoutMs / 1000} s`);
  if (outcome !== 'done') return { failure: outcome };
  const t = await page.evaluate(() => window.__benchRegisters);
  return { ms: Math.round(t.painted - t.t0), tallyMs: Number(await page.locator('html').getAttribute('data-tally-ms')) };
}

/** Reloads the page and times it from the navigation's start until the coverage is painted. */
async function reload(page, timeoutMs) {
  await page.evaluate(() => sessionStorage.setItem('benchRegistersReload', JSON.stringify(['coverage-total', 'đã được hỗ trợ'])));
  await page.reload();
  const outcome = await page.waitForFunction(() => window.__benchRegisters.painted, null, { timeout: timeoutMs, polling: 50 })
    .then(() => 'done', () => `nothing after ${timeoutMs / 1000} s`);
  return outcome === 'done'
    ? { ms: Math.round(await page.evaluate(() => window.__benchRegisters.painted)),
      tallyMs: Number(await page.locator('html').getAttribute('data-tally-ms')) }
    : { failure: outcome };
}

/** In the page: deletes the tally's parts kept in IndexedDB (ui/services/idb.rs), so that the next tally reads the
 * files. */
function forgetKeptTally() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('dxcheck');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('imports', 'readwrite');
      const cursor = tx.objectStore('imports').openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return;
        if (c.value.kind === 'tally-parts') c.delete();
        c.continue();
      };
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  });
}

export async function run(browser, url, { records, timeoutMs }) {
  const made = generate(records);
  const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
  try {
    const page = await ctx.newPage();
    await page.addInitScript(probe);
    await page.goto(`${url}/#/province`);
    await page.locator('#prov-files').waitFor({ state: 'attached' });
    const { files } = made;
    const steps = {};
    steps.results = await step(page, '#prov-files', files.results, 'target-figure', 'đã đánh giá', timeoutMs);
    steps.registry = await step(page, '#sheet-registry-file', files.registry, 'coverage-total', 'đã đánh giá', timeoutMs);
    // Before the register, the total says "0 đã được hỗ trợ": the step waits for it to change.
    steps.support = await step(page, '#sheet-support-file', files.support, 'coverage-total', 'đã được hỗ trợ', timeoutMs);
    // All three kept on the device: a reload, from the navigation's start until the coverage is painted.
    steps.reload = await reload(page, timeoutMs);
    // The same reload without the tally kept on the device (as before it was kept): every file read again.
    await page.evaluate(forgetKeptTally);
    steps.reread = await reload(page, timeoutMs);
    const coverage = await page.locator('#coverage-total').innerText().catch(() => '');
    return { records, ...made, bytes: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.statSync(f).size])),
      steps, coverage, goalMs: GOAL_MS };
  } finally {
    await ctx.close();
  }
}

export function report(r) {
  const rows = [['step', 'file', 'picked → painted', 'worker (tally and join)', 'goal']];
  const what = { results: 'results picked → figures', registry: 'registry picked → coverage',
    support: 'support register picked → coverage', reload: 'all three kept, reload → coverage',
    reread: 'the same, no tally kept → coverage' };
  for (const [k, s] of Object.entries(r.steps)) {
    const goal = GOAL_STEPS.includes(k) ? `< ${ms(r.goalMs)}: ${s.ms < r.goalMs ? 'met' : 'NOT MET'}` : '';
    const size = k === 'reload' || k === 'reread' ? mb(r.bytes.results + r.bytes.registry + r.bytes.support) : mb(r.bytes[k]);
    rows.push([what[k], size, s.failure ? `did not finish: ${s.failure}` : ms(s.ms), ms(s.tallyMs), goal]);
  }
  return [
    `5. The office's tables at scale: ${r.records.toLocaleString('en')} records, a registry of`
      + ` ${r.registryRows.toLocaleString('en')} rows and a support register of ${r.supportRows.toLocaleString('en')} rows`
      + ` (\`dxcheck generate ${r.records} --seed 42 --registry-out --support-out\`), picked one after the other on`
      + ` #/province, fresh profile, ${DESKTOP.width}×${DESKTOP.height}`,
    '   each step: from setInputFiles until #coverage-total (or the first figure) has changed, painted; a table'
      + ' picked is joined in the worker that keeps the tally (the results are not read again); reload: from the'
      + ' navigation\'s start, the tables read back from IndexedDB and the tally\'s parts kept there merged (no'
      + ' result file read); no tally kept: the same reload after the kept parts are deleted, every file read again',
    '',
    indent(table(rows, [1, 2, 3])),
    '',
    `   coverage: ${r.coverage}`,
  ].join('\n');
}
