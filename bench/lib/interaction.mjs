// How long answering a question takes, on the full DBI: every radio button and checkbox (the options of choice
// questions, the "don't know" box of number questions) is clicked in turn, by a real, trusted click on its label
// through the DevTools protocol as a person would, on every step, once without and once with a 4× CPU slowdown.
// Each click changes an answer, so the whole questionnaire is scored again.
//
// Measured in the page, from the click event's timestamp (when the input reached the page):
// - click → DOM updated: the app's change handler has run and Yew has re-rendered (Yew renders in a microtask right
//   after the handler, so both are done when the change event reaches `window` at the end of its bubbling; any DOM
//   mutation seen later, before the next frame, extends it);
// - frame work: the next frame's style, layout and paint (from its requestAnimationFrame callback until a task
//   posted there runs, which is after the frame);
// - main-thread work = the two together, what an answer costs; the goal is that it fits in a frame (< 16 ms);
// - click → next frame painted: what the person sees, which also includes waiting for the next vsync (0–16.7 ms).
import fs from 'node:fs';
import path from 'node:path';
import { PHONE, ROOT, indent, stats, table } from './common.mjs';

export const GOAL_MS = 16;
export const SLOWDOWN = 4;

const dbi = JSON.parse(fs.readFileSync(path.join(ROOT, 'questionnaires/dbi.json'), 'utf8'));

/** Installed before the app loads: times every click on an option label. */
function probe() {
  const ix = { pending: null, samples: [] };
  window.__benchIx = ix;
  addEventListener('click', (e) => {
    const label = e.target instanceof Element && e.target.closest('label.option');
    // A click on a label is followed by the browser's click on its input, with the same timestamp.
    if (!e.isTrusted || !label || ix.pending?.t0 === e.timeStamp) return;
    ix.pending = { t0: e.timeStamp, question: label.closest('fieldset')?.id, option: label.querySelector('input')?.value, mutations: 0 };
  }, true);
  new MutationObserver((records) => {
    if (ix.pending) { ix.pending.mutated = performance.now(); ix.pending.mutations += records.length; }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  addEventListener('change', () => {
    const s = ix.pending;
    if (!s) return;
    s.handled = performance.now();
    requestAnimationFrame(() => {
      s.frame = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        s.painted = performance.now();
        ix.pending = null;
        ix.samples.push(s);
      };
      channel.port2.postMessage(null);
    });
  });
}

/** Clicks one option label and returns its timings (ms). */
async function answer(page, option) {
  const n = await page.evaluate(() => window.__benchIx.samples.length);
  await option.click();
  const s = await (await page.waitForFunction((i) => window.__benchIx.samples[i], n, { timeout: 10000 })).jsonValue();
  const dom = Math.max(s.handled, s.mutated && s.mutated < s.frame ? s.mutated : 0) - s.t0;
  const frameWork = s.painted - s.frame;
  return {
    question: s.question?.replace(/^q-/, ''), option: s.option, mutations: s.mutations,
    clickToDom: dom, frameWork, work: dom + frameWork, clickToPaint: s.painted - s.t0,
  };
}

/**
 * Switches the language of the page on screen `n` times (VI → EN → VI …) by trusted clicks, and times each from the
 * click to the next frame painted: the whole page is rendered again in the other language.
 */
async function switchLanguage(page, n) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const to = i % 2 === 0 ? 'en' : 'vi';
    const button = page.locator(`.lang-switch button[lang="${to}"]`);
    await page.evaluate(() => {
      const m = { t0: null, mutated: 0 };
      window.__benchLang = m;
      addEventListener('click', (e) => { if (e.isTrusted && m.t0 === null) m.t0 = e.timeStamp; }, { capture: true, once: true });
      const obs = new MutationObserver(() => { m.mutated = performance.now(); });
      obs.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      m.obs = obs;
    });
    await button.click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, to);
    const s = await page.evaluate(() => new Promise((resolve) => {
      const m = window.__benchLang;
      requestAnimationFrame(() => {
        const frame = performance.now();
        const c = new MessageChannel();
        c.port1.onmessage = () => { m.obs.disconnect(); resolve({ t0: m.t0, mutated: m.mutated, frame, painted: performance.now() }); };
        c.port2.postMessage(null);
      });
    }));
    samples.push({ clickToDom: s.mutated - s.t0, clickToPaint: s.painted - s.t0 });
  }
  return { switches: n, clickToDom: stats(samples.map((x) => x.clickToDom)), clickToPaint: stats(samples.map((x) => x.clickToPaint)) };
}

/** Walks the whole DBI in a fresh context, clicking every option; `slowdown` is the CPU throttling rate. */
async function walk(browser, url, slowdown) {
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
  try {
    const page = await ctx.newPage();
    if (slowdown > 1) await (await ctx.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await page.addInitScript(probe);
    await page.goto(`${url}/`);
    await page.locator('main#main').waitFor();
    await page.locator('article', { hasText: dbi.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ doanh nghiệp' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp theo' }).click();
    const samples = [];
    for (const [step, dim] of dbi.dimensions.entries()) {
      await page.getByRole('heading', { level: 1, name: dim.name.vi }).waitFor();
      const fields = page.locator('fieldset.question');
      // Counted again each time: an answer can reveal a conditional question.
      for (let i = 0; i < await fields.count(); i++) {
        const options = fields.nth(i).locator('label.option');
        const n = await options.count();
        for (let j = 0; j < n; j++) samples.push({ step: dim.id, first: j === 0, ...await answer(page, options.nth(j)) });
      }
      if (step === dbi.dimensions.length - 1) {
        await page.getByRole('button', { name: 'Xem kết quả' }).click();
        await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
        break;
      }
      // If a question is still unanswered, the first press flags it and the second moves on.
      const next = page.locator('.nav-buttons .btn-primary');
      await next.click();
      if (await page.locator('#unanswered-summary').count()) await next.click();
    }
    const language = await switchLanguage(page, 10);
    const pick = (k) => stats(samples.map((s) => s[k]));
    return {
      language,
      slowdown, answers: samples.length, steps: new Set(samples.map((s) => s.step)).size,
      clickToDom: pick('clickToDom'), frameWork: pick('frameWork'), work: pick('work'), clickToPaint: pick('clickToPaint'),
      samples,
    };
  } finally {
    await ctx.close();
  }
}

export async function run(browser, url) {
  return { unthrottled: await walk(browser, url, 1), throttled: await walk(browser, url, SLOWDOWN) };
}

export function report(ix) {
  const u = ix.unthrottled;
  const rows = [['', 'median', 'p95', 'max', '']];
  for (const r of [u, ix.throttled]) {
    rows.push([r.slowdown === 1 ? 'no CPU slowdown' : `${r.slowdown}× CPU slowdown`]);
    const line = (name, s, note = '') => rows.push([`  ${name}`, s.median.toFixed(1), s.p95.toFixed(1), s.max.toFixed(1), note]);
    line('click → DOM updated', r.clickToDom, 'change handler + Yew re-render');
    line('next frame: style, layout, paint', r.frameWork);
    line('main-thread work per answer', r.work, `goal p95 < ${GOAL_MS} ms: ${r.work.p95 < GOAL_MS ? 'met' : 'NOT MET'}`);
    line('click → next frame painted', r.clickToPaint, 'includes the wait for vsync (0–16.7 ms)');
    line(`language switch on the DBI results, click → DOM updated (${r.language.switches}×)`, r.language.clickToDom, 'the whole page again');
    line('language switch, click → next frame painted', r.language.clickToPaint);
  }
  return [
    `2. Answering the full DBI: ${u.answers} answers over ${u.steps} steps (every radio button and checkbox, by a trusted`
      + ` click on its label), ${PHONE.width}×${PHONE.height}, ms`,
    '',
    indent(table(rows, [1, 2, 3])),
  ].join('\n');
}
