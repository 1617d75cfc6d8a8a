// Ad-hoc: what the long main-thread task during a 1k import is (not part of the bench).
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../tools/serve.mjs';
import { CHROME_PATH, CHROME_FLAGS, DIST, DESKTOP } from './lib/common.mjs';
const n = process.argv[2] || '1000';
const { server, url } = await serve(DIST, 0);
const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS });
const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
const page = await ctx.newPage();
await page.addInitScript(() => {
  const t = { longTasks: [] }; window.__t = t;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) t.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, o) => { if (t.t0 === undefined || !document.getElementById('target-figure')) return; o.disconnect(); t.shown = Math.round(performance.now()); }).observe(document, { subtree: true, childList: true });
});
await page.goto(`${url}/#/province`);
await page.locator('#prov-files').waitFor({ state: 'attached' });
await browser.startTracing(page, { path: `/tmp/lt/trace-${n}.json`, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'] });
await page.evaluate(() => { window.__t.t0 = Math.round(performance.now()); });
await page.setInputFiles('#prov-files', [`out/records-${n}.jsonl`]);
await page.waitForFunction(() => window.__t.shown, null, { timeout: 60000 });
await page.waitForTimeout(1500);
await browser.stopTracing();
console.log(JSON.stringify(await page.evaluate(() => window.__t)));
await browser.close(); server.close();
