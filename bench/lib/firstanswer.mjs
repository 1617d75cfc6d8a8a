// Time to first answer on a budget phone, for DX Check and for the same quick check as a plain SurveyJS page
// (lib/surveyjs.mjs, served by tools/serve.mjs like dist/). A person opens the page cold, taps the quick check's
// start button as soon as it shows, then taps the first field of the profile page (the enterprise name) and types a
// letter. Timed from navigation start until that field has taken the letter: its first trusted `input` event, seen
// in the page by a listener installed before the page loads (performance.now(), so relative to timeOrigin).
//
// Conditions are Lighthouse's mobile ones, through the DevTools protocol: 150 ms latency, 1.6 Mbps down, 750 kbps
// up, the HTTP cache disabled, 4× CPU slowdown, a phone screen with touch. DevTools adds the latency per request,
// not per round trip, so this is kinder than a real slow 4G link, to both pages alike. Each run is a new browser
// context: nothing cached, and service workers blocked (the one DX Check registers would precache the rest of the
// app from a target of its own, which the page's throttling does not cover). The two pages take turns, so drift on
// the machine hits both.
//
// The pre-rendered welcome page of DX Check shows its start button before the app has started. On a first visit (as
// here: a new context) the tap shows the quick check's profile page, pre-rendered too, at once, and the letter is
// typed into its native field; boot.js carries it into the app's own field when the app has started ("#boot
// removed" below, when the app can go on to the questions). A page that does nothing on a tap, or holds it until
// the app runs, is tapped again like a person would when it has not moved on within RETAP_MS. Where the time goes comes from Resource Timing (HTML, glue .js, wasm, all code)
// and from the page (#boot removed: the app runs; a held tap pressed by boot.js; start tap accepted: the route left
// the welcome page).
import { serve } from '../../tools/serve.mjs';
import { build as buildSurveyJs } from './surveyjs.mjs';
import { PHONE, indent, ms, quantile, table } from './common.mjs';

export const GOAL_MS = 2000;
export const GOAL_RATIO = 0.5;
export const GOAL_TEXT = `≤ ${(GOAL_MS / 1000).toFixed(1)} s`;
export const RATIO_GOAL_TEXT = `≤ ${GOAL_RATIO}×`;
export const MIN_RUNS = 3;
// Bytes per second, as Network.emulateNetworkConditions takes them.
const NETWORK = {
  offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
};
const SLOWDOWN = 4;
const RETAP_MS = 150;
const POLL_MS = 50;
const RUN_TIMEOUT_MS = 60000;
const LETTER = 'a';

/** The two pages: the start button of the quick check, the first field, and the route the start leads to. */
const TARGETS = {
  dxcheck: {
    name: 'DX Check', start: 'article.card[aria-labelledby="card-quick"] .btn-primary', field: '#pf-name', route: '#/q/',
    boot: true,
  },
  surveyjs: {
    name: 'SurveyJS', start: '.sd-navigation__start-btn', field: '.sd-question[data-name="name"] input', route: null,
  },
};

/** What is kept of a run, in ms from navigation start, in the order they happen. */
const STAGES = [
  ['htmlEnd', 'HTML downloaded'],
  ['glueStart', 'glue .js requested'],
  ['glueEnd', 'glue .js downloaded'],
  ['wasmStart', 'wasm requested'],
  ['wasmEnd', 'wasm downloaded'],
  ['codeEnd', 'all code (scripts, wasm) downloaded'],
  ['firstTap', 'first tap on the start button'],
  ['bootRemoved', '#boot removed (the app runs, the answer carried into it)'],
  ['replayed', 'held tap pressed again by the page'],
  ['left', 'start tap accepted (welcome page left)'],
  ['answered', 'first answer'],
];

/**
 * Installed before the page loads: when the page leaves its start screen (the route begins with `route`, or the
 * first field exists), when #boot goes, when the page itself presses a button (DX Check's boot.js replays a tap it
 * held while the app was starting), and the first trusted input into the first field.
 */
function probe({ field, route }) {
  const t = {};
  window.__benchFirst = t;
  addEventListener('pointerdown', (e) => { if (e.isTrusted) t.firstTap ??= e.timeStamp; }, true);
  const element = (e) => (e.target instanceof Element ? e.target : null);
  addEventListener('click', (e) => {
    if (!e.isTrusted && t.left === undefined && element(e)?.closest('button')) t.replayed ??= performance.now();
  }, true);
  let sawBoot = false;
  const check = () => {
    const boot = document.getElementById('boot');
    sawBoot ||= Boolean(boot);
    if (sawBoot && !boot) t.bootRemoved ??= performance.now();
    if ((route && location.hash.startsWith(route)) || document.querySelector(field)) t.left ??= performance.now();
    return t.left !== undefined && (t.bootRemoved !== undefined || !sawBoot);
  };
  addEventListener('hashchange', check);
  const watch = new MutationObserver(() => { if (check()) watch.disconnect(); });
  watch.observe(document, { childList: true, subtree: true });
  const answered = (e) => {
    if (e.isTrusted && element(e)?.matches(field) && e.target.value) t.answered ??= performance.now();
  };
  document.addEventListener('input', answered, true);
  document.addEventListener('change', answered, true);
}

/** In the page: the centre of the first element matching `selector` that a person could tap (shown, enabled),
 * scrolled into view as a person would, or null. */
function tappable(selector) {
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || !el.checkVisibility()) continue;
    el.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    const r = el.getBoundingClientRect();
    if (r.width && r.height) return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }
  return null;
}

/** In the page: the probe's times and Resource Timing, for what was fetched before the first answer. */
function timings() {
  const t = window.__benchFirst;
  // What was fetched until the first answer, or until the app took over if that came later.
  const end = Math.max(t.answered, t.bootRemoved ?? 0);
  const resources = performance.getEntriesByType('resource').filter((r) => r.startTime < end);
  const wasm = resources.find((r) => r.name.endsWith('_bg.wasm'));
  const glue = wasm && resources.find((r) => r.name === wasm.name.replace(/_bg\.wasm$/, '.js'));
  const code = resources.filter((r) => /\.(m?js|wasm)$/.test(new URL(r.name).pathname));
  return {
    ...t,
    htmlEnd: performance.getEntriesByType('navigation')[0].responseEnd,
    glueStart: glue?.startTime, glueEnd: glue?.responseEnd, wasmStart: wasm?.startTime, wasmEnd: wasm?.responseEnd,
    codeEnd: Math.max(...code.map((r) => r.responseEnd)),
  };
}

/** Slow network, no HTTP cache and a slow CPU for the page of `cdp`. */
async function throttle(cdp) {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
}

const sleep = (t) => new Promise((resolve) => setTimeout(resolve, t));

/** Whether the probe has recorded `key`. */
const recorded = (page, key) => page.evaluate((k) => window.__benchFirst[k] !== undefined, key);

/** Waits up to `timeout` ms for the probe to record `key`. */
async function awaitRecord(page, key, timeout) {
  await page.waitForFunction((k) => window.__benchFirst[k] !== undefined, key, { polling: POLL_MS, timeout })
    .catch((e) => { if (e.name !== 'TimeoutError') throw e; });
}

/**
 * Taps `selector` as soon as it can be tapped (polled every POLL_MS), then does `after`, and taps again each
 * RETAP_MS until the probe records `key`; the number of taps.
 */
async function tapUntil(page, selector, key, deadline, after = async () => {}) {
  let taps = 0;
  while (!(await recorded(page, key))) {
    if (Date.now() > deadline) throw new Error(`no ${key} after ${taps} taps on ${selector}`);
    const at = await page.evaluate(tappable, selector);
    if (!at) {
      await sleep(POLL_MS);
      continue;
    }
    await page.touchscreen.tap(at.x, at.y);
    taps++;
    await after();
    await awaitRecord(page, key, RETAP_MS);
  }
  return taps;
}

/** One cold load of `target` at `url`, from navigation to the first answer. */
async function coldRun(browser, target, url) {
  // Lighthouse's phone (a Moto G Power) has a device pixel ratio of 1.75.
  const ctx = await browser.newContext({
    viewport: PHONE, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, locale: 'vi-VN', serviceWorkers: 'block',
  });
  try {
    const page = await ctx.newPage();
    const foreign = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.hostname !== '127.0.0.1') foreign.push(u.href);
    });
    await throttle(await ctx.newCDPSession(page));
    await page.addInitScript(probe, { field: target.field, route: target.route });
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    await page.goto(url, { waitUntil: 'commit' });
    const startTaps = await tapUntil(page, target.start, 'left', deadline);
    const fieldTaps = await tapUntil(page, target.field, 'answered', deadline, () => page.keyboard.press(LETTER));
    const value = await page.locator(target.field).inputValue();
    if (!value.includes(LETTER)) {
      throw new Error(`${target.name}: ${target.field} holds “${value}” after typing “${LETTER}”`);
    }
    // DX Check: also until the app runs with the answer carried into it (after the answer, on a first visit).
    if (target.boot) {
      await awaitRecord(page, 'bootRemoved', Math.max(0, deadline - Date.now()));
      if (!(await recorded(page, 'bootRemoved'))) throw new Error(`${target.name}: the app did not start`);
      const kept = await page.locator(target.field).inputValue();
      if (kept !== value) throw new Error(`${target.name}: the app's ${target.field} holds “${kept}”, not “${value}”`);
    }
    if (foreign.length) throw new Error(`${target.name} made requests to other hosts: ${foreign.join(', ')}`);
    const t = await page.evaluate(timings);
    const kept = Object.fromEntries(STAGES.map(([k]) => [k, t[k] === undefined ? null : Math.round(t[k])]));
    return { ...kept, startTaps, fieldTaps };
  } finally {
    await ctx.close();
  }
}

/** Median, min and max of the first answer over the runs of a page, and the median of every stage. */
function summarise(runs) {
  const answers = runs.map((r) => r.answered);
  const median = (k) => {
    const xs = runs.map((r) => r[k]).filter((x) => x !== null);
    return xs.length ? quantile(xs, 0.5) : null;
  };
  const running = runs.map((r) => r.bootRemoved).filter((x) => x !== null);
  return {
    medianMs: quantile(answers, 0.5), minMs: Math.min(...answers), maxMs: Math.max(...answers),
    runningMs: running.length ? quantile(running, 0.5) : null,
    stages: Object.fromEntries(STAGES.map(([k]) => [k, median(k)])),
    runs,
  };
}

/** `runs` cold loads of each page, taking turns; DX Check at `url`, SurveyJS built and served here. */
export async function run(browser, url, { runs }) {
  const survey = await serve(buildSurveyJs(), 0);
  try {
    const urls = { dxcheck: `${url}/`, surveyjs: `${survey.url}/` };
    const byPage = { dxcheck: [], surveyjs: [] };
    for (let i = 0; i < runs; i++) {
      for (const [key, target] of Object.entries(TARGETS)) byPage[key].push(await coldRun(browser, target, urls[key]));
    }
    const dxcheck = summarise(byPage.dxcheck);
    const surveyjs = summarise(byPage.surveyjs);
    return {
      network: NETWORK, slowdown: SLOWDOWN, viewport: PHONE, runs, dxcheck, surveyjs,
      ratio: dxcheck.medianMs / surveyjs.medianMs,
    };
  } finally {
    survey.server.close();
  }
}

export const ratioText = (r) => `${r.toFixed(2)}×`;

export function report(fa) {
  const pages = [[TARGETS.dxcheck.name, fa.dxcheck], [TARGETS.surveyjs.name, fa.surveyjs]];
  const rows = [['', 'median', 'min', 'max', 'each run', 'taps on start', 'goal']];
  for (const [name, p] of pages) {
    const goal = p === fa.dxcheck ? `${GOAL_TEXT}: ${p.medianMs <= GOAL_MS ? 'met' : 'NOT MET'}` : '';
    rows.push([name, ms(p.medianMs), ms(p.minMs), ms(p.maxMs), p.runs.map((r) => ms(r.answered)).join(', '),
      p.runs.map((r) => r.startTaps).join(', '), goal]);
  }
  rows.push(['ratio of medians', ratioText(fa.ratio), '', '', '', '',
    `${RATIO_GOAL_TEXT}: ${fa.ratio <= GOAL_RATIO ? 'met' : 'NOT MET'}`]);
  const stages = [['where the time goes (medians)', ...pages.map(([name]) => name)],
    ...STAGES.map(([k, what]) => [`  ${what}`, ...pages.map(([, p]) => ms(p.stages[k]))])];
  const kbps = (bytesPerS) => (bytesPerS * 8) / 1024;
  const { network: n, viewport: v } = fa;
  const down = Number((kbps(n.downloadThroughput) / 1024).toFixed(2));
  return [
    `4. Time to first answer on a budget phone, DX Check and the same quick check on SurveyJS: ${fa.runs} cold loads`
      + ' per page, taking turns (new context, no HTTP cache, no service worker)',
    `   ${v.width}×${v.height} touch, ${n.latency} ms latency, ${down} Mbps down / ${kbps(n.uploadThroughput)} kbps up,`
      + ` ${fa.slowdown}× CPU slowdown`,
    '   from navigation start until the enterprise-name field has taken a typed letter; the start button of the quick'
      + ` check tapped as soon as it shows, and again every ${RETAP_MS} ms until the page moves on`,
    '',
    indent(table(rows, [1, 2, 3, 5])),
    '',
    indent(table(stages, [1, 2])),
  ].join('\n');
}
