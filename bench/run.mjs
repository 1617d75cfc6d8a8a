// The browser half of `make bench`, on the release build in dist/ served like a production host (tools/serve.mjs):
//   1. Lighthouse on the welcome page, mobile and desktop (lib/lighthouse.mjs);
//   2. the time an answer takes on the full DBI, without and with a 4× CPU slowdown (lib/interaction.mjs);
//   3. the province tally of 1k, 10k and 100k records in the browser (lib/tally.mjs);
//   4. the time to a first answer on a budget phone, cold, against the same quick check as a plain SurveyJS page
//      (lib/firstanswer.mjs; the page is built into bench/out/surveyjs/ by lib/surveyjs.mjs);
//   5. the office's tables at scale: 100k records, their registry and a 20k-row support register picked on
//      #/province, each until the coverage figures are painted (lib/registers.mjs);
//   6. the province page against DuckDB-WASM in the same Chromium: 100k records picked on #/province and on a page
//      computing the same core aggregates with DuckDB-WASM (lib/duckdbwasm.mjs, built into bench/out/duckdb/), in
//      interleaved pairs until the figures are painted, with the ratio and a check that both found the same figures.
// Prints a report and a summary, and writes everything to bench/out/bench.json (Lighthouse's own reports to
// bench/out/lighthouse-{mobile,desktop}.json). Goals that are missed are reported, not failed: the exit status is
// 1 when a section could not be run, 2 for bad options or a missing build, 0 otherwise.
//
// Needs `make dist cli` first. Options, as environment variables:
//   RUNS=3                 Lighthouse runs per mode, the median run is kept (default 1); cold loads per page for
//                          firstanswer (at least and by default 3)
//   ONLY=tally,lighthouse  sections to run, of lighthouse, interaction, tally, firstanswer, registers, duckdbwasm
//                          (default all); ONLY=firstanswer for the time to first answer alone
//   SIZES="1000 10000"     record counts for the tally (default 1000 10000 100000)
//   TALLY_TIMEOUT_S=60     how long an import may take before it is reported as not finishing (default 60)
//   REGISTER_RECORDS=1e5   records for the registers section (default 100000)
//   DUCKDB_RUNS=3          interleaved pairs (DX Check, DuckDB-WASM) for duckdbwasm (at least and by default 3)
//   DUCKDB_RECORDS=1e5     records for duckdbwasm (default 100000)
//   DUCKDB_BUNDLE=eh       DuckDB-WASM's bundle for duckdbwasm: eh (single-threaded) or coi (threads, the page served
//                          cross-origin isolated); the default is the faster one here (lib/duckdbwasm.mjs)
//   DUCKDB_INGEST=js       how the DuckDB-WASM page reads the JSON: js (JSON.parse, then Arrow) or duckdb (its own
//                          built-in reader); the default is the faster one here (lib/duckdbwasm.mjs)
//   CHROME_PATH            Chromium (default /usr/bin/chromium)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../tools/serve.mjs';
import { CHROME_FLAGS, CHROME_PATH, CLI, DIST, OUT, indent, kib, ms, table } from './lib/common.mjs';
import * as lighthouse from './lib/lighthouse.mjs';
import * as interaction from './lib/interaction.mjs';
import * as tally from './lib/tally.mjs';
import * as firstanswer from './lib/firstanswer.mjs';
import * as registers from './lib/registers.mjs';
import * as duckdbwasm from './lib/duckdbwasm.mjs';

const SECTIONS = ['lighthouse', 'interaction', 'tally', 'firstanswer', 'registers', 'duckdbwasm'];
const only = (process.env.ONLY || SECTIONS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
const runs = Number(process.env.RUNS || 1);
const answerRuns = Math.max(firstanswer.MIN_RUNS, runs);
const sizes = (process.env.SIZES || '1000 10000 100000').split(/[\s,]+/).filter(Boolean).map(Number);
const timeoutMs = Number(process.env.TALLY_TIMEOUT_S || 60) * 1000;
const registerRecords = Number(process.env.REGISTER_RECORDS || 100000);
const duckdbRuns = Math.max(duckdbwasm.MIN_RUNS, Number(process.env.DUCKDB_RUNS || duckdbwasm.MIN_RUNS));
const duckdbRecords = Number(process.env.DUCKDB_RECORDS || 100000);
const duckdbBundle = process.env.DUCKDB_BUNDLE || duckdbwasm.DEFAULT_BUNDLE;
const duckdbIngest = process.env.DUCKDB_INGEST || duckdbwasm.DEFAULT_INGEST;

const unknown = only.filter((s) => !SECTIONS.includes(s));
if (unknown.length || !(runs >= 1) || sizes.some((n) => !(n >= 1)) || !(timeoutMs > 0) || !(registerRecords >= 1)
  || !Number.isInteger(duckdbRuns) || !(duckdbRecords >= 1) || !duckdbwasm.BUNDLES.includes(duckdbBundle)
  || !duckdbwasm.INGESTS.includes(duckdbIngest)) {
  console.error(`bench: bad options: ONLY takes ${SECTIONS.join(', ')}; RUNS, SIZES, TALLY_TIMEOUT_S, REGISTER_RECORDS,`
    + ` DUCKDB_RUNS and DUCKDB_RECORDS take positive numbers; DUCKDB_BUNDLE takes ${duckdbwasm.BUNDLES.join(' or ')},`
    + ` DUCKDB_INGEST ${duckdbwasm.INGESTS.join(' or ')}`);
  process.exit(2);
}
for (const [file, make] of [[path.join(DIST, 'index.html'), 'make dist'], [CHROME_PATH, 'apt-get install chromium'],
  ...(['tally', 'registers', 'duckdbwasm'].some((s) => only.includes(s)) ? [[CLI, 'make cli']] : [])]) {
  if (!fs.existsSync(file)) {
    console.error(`bench: ${file} is missing (${make})`);
    process.exit(2);
  }
}
fs.mkdirSync(OUT, { recursive: true });

/** One row of the summary: what, value, goal and whether it is met (`met` undefined: no goal). */
const row = (what, value, goal = '', met = undefined) => [what, value, goal, met === undefined ? '' : met ? 'met' : 'NOT MET'];

function summary(results) {
  const rows = [['measure', 'value', 'goal', '']];
  const lh = results.lighthouse;
  if (lh) {
    for (const [c, goal] of Object.entries(lighthouse.GOALS)) {
      for (const mode of ['mobile', 'desktop']) {
        const v = lh[mode].scores[c];
        rows.push(row(`Lighthouse ${lighthouse.NAMES[c]}, ${mode}`, v, goal === 100 ? '100' : `≥ ${goal}`, v >= goal));
      }
    }
    for (const mode of ['mobile', 'desktop']) rows.push(row(`Lighthouse SEO, ${mode}`, lh[mode].scores.seo));
    const m = lh.mobile;
    rows.push(row('mobile LCP / TBT / CLS', `${m.lcpMs} ms / ${m.tbtMs} ms / ${m.cls}`));
    rows.push(row('total byte weight (welcome page)', kib(m.totalBytes)));
  }
  const ix = results.interaction;
  if (ix) {
    for (const r of [ix.unthrottled, ix.throttled]) {
      const cpu = r.slowdown === 1 ? 'no slowdown' : `${r.slowdown}× CPU`;
      rows.push(row(`answer, main-thread work p95 (${cpu})`, `${r.work.p95.toFixed(1)} ms`, `< ${interaction.GOAL_MS} ms`,
        r.work.p95 < interaction.GOAL_MS));
      rows.push(row(`answer, click → painted p95 (${cpu})`, `${r.clickToPaint.p95.toFixed(1)} ms`));
      rows.push(row(`language switch on the DBI results, median (${cpu})`, `${r.language.clickToPaint.median.toFixed(1)} ms`));
    }
  }
  for (const r of results.tally || []) {
    const a = tally.best(r);
    const n = r.records.toLocaleString('en');
    if (r.attempts[0].failure) rows.push(row(`tally ${n}, one ${(r.bytes / 1e6).toFixed(0)} MB file`, 'did not finish', '', false));
    if (!a) continue;
    const how = a.files > 1 ? ` (${a.files} files)` : '';
    rows.push(row(`tally ${n}, picked → painted${how}`, ms(a.paintedMs), r.goalMs ? `< ${ms(r.goalMs)}` : '',
      r.goalMs ? a.paintedMs < r.goalMs : undefined));
    rows.push(row(`tally ${n}, longest main-thread task`, ms(a.longestTaskMs)));
    rows.push(row(`tally ${n}, enterprise list shown`, ms(a.listedMs)));
    rows.push(row(`tally ${n}, longest task until the list`, ms(a.listLongestTaskMs)));
    rows.push(row(`tally ${n}, search key → painted (first / next)`, `${ms(a.searchMs)} / ${ms(a.searchAgainMs)}`));
    rows.push(row(`tally ${n}, sort by name → painted (first / again)`, `${ms(a.sortMs)} / ${ms(a.sortAgainMs)}`));
  }
  const fa = results.firstanswer;
  if (fa) {
    rows.push(row('time to first answer, DX Check', ms(fa.dxcheck.medianMs), firstanswer.GOAL_TEXT,
      fa.dxcheck.medianMs <= firstanswer.GOAL_MS));
    if (fa.dxcheck.runningMs !== null) {
      rows.push(row('DX Check app running, the answer carried into it', ms(fa.dxcheck.runningMs)));
    }
    rows.push(row('time to first answer, SurveyJS', ms(fa.surveyjs.medianMs)));
    rows.push(row('time to first answer, ratio to SurveyJS', firstanswer.ratioText(fa.ratio), firstanswer.RATIO_GOAL_TEXT,
      fa.ratio <= firstanswer.GOAL_RATIO));
  }
  const rg = results.registers;
  if (rg) {
    for (const [k, what] of [['registry', 'registry picked'], ['support', 'support register picked'],
      ['reload', 'all three kept, reload']]) {
      const s = rg.steps[k];
      rows.push(row(`office tables ${rg.records.toLocaleString('en')}: ${what} → coverage painted`,
        s.failure ? 'did not finish' : ms(s.ms), `< ${ms(rg.goalMs)}`, !s.failure && s.ms < rg.goalMs));
    }
  }
  if (results.duckdbwasm) rows.push(...duckdbwasm.summaryRows(results.duckdbwasm, row));
  return rows;
}

const results = {
  date: new Date().toISOString(),
  options: { only, runs, answerRuns, sizes, timeoutMs, duckdbRuns, duckdbRecords, duckdbBundle, duckdbIngest },
  errors: {},
};
const { server, url } = await serve(DIST, 0);
let browser;
try {
  browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS });
  results.environment = {
    chromium: browser.version(), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model,
    dist: fs.statSync(path.join(DIST, 'index.html')).mtime.toISOString(),
  };
  const env = results.environment;
  console.log(`DX Check · make bench, browser half · Chromium ${env.chromium} · Node ${env.node} · ${env.cpus} × ${env.cpu}`);
  console.log(`dist/ built ${env.dist} · served by tools/serve.mjs at ${url}\n`);
  const sections = {
    lighthouse: async () => lighthouse.report(results.lighthouse = await lighthouse.run(`${url}/`, { runs })),
    interaction: async () => interaction.report(results.interaction = await interaction.run(browser, url)),
    tally: async () => tally.report(results.tally = await tally.run(browser, url, { sizes, timeoutMs }), timeoutMs),
    registers: async () => registers.report(results.registers = await registers.run(browser, url, { records: registerRecords, timeoutMs })),
    firstanswer: async () => firstanswer.report(results.firstanswer = await firstanswer.run(browser, url, { runs: answerRuns })),
    duckdbwasm: async () => duckdbwasm.report(results.duckdbwasm = await duckdbwasm.run(browser, url, {
      records: duckdbRecords, runs: duckdbRuns, timeoutMs, bundle: duckdbBundle, ingest: duckdbIngest,
    })),
  };
  for (const name of only) {
    try {
      console.log(`${await sections[name]()}\n`);
    } catch (e) {
      results.errors[name] = e.stack || String(e);
      console.log(`${name}: FAILED TO RUN\n${indent(e.stack || String(e))}\n`);
    }
  }
} finally {
  await browser?.close();
  server.close();
}

results.summary = summary(results);
console.log(`Summary\n\n${indent(table(results.summary))}\n`);
fs.writeFileSync(path.join(OUT, 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
const failed = Object.keys(results.errors);
console.log(failed.length ? `bench: ${failed.join(', ')} could not be run` : 'bench: written to bench/out/bench.json');
process.exit(failed.length ? 1 : 0);
