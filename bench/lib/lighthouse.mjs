// Lighthouse on the welcome page, mobile (the default config: simulated slow 4G and 4× CPU slowdown, Moto G Power
// screen) and desktop (desktop-config.js), through the programmatic API and the chrome-launcher it ships with.
import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import * as chromeLauncher from 'chrome-launcher';
import { CHROME_PATH, CHROME_FLAGS, OUT, indent, kib, table } from './common.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
export const NAMES = { performance: 'performance', accessibility: 'accessibility', 'best-practices': 'best practices', seo: 'SEO' };
// Categories whose failing audits are listed, so they can be fixed.
const LISTED = ['accessibility', 'best-practices', 'seo'];
export const GOALS = { performance: 98, accessibility: 100, 'best-practices': 100 };

/** The simulated network and CPU, and the screen, of a run. */
function conditions({ throttling: t, screenEmulation: screen }) {
  return `${screen.width}×${screen.height}, simulated ${t.rttMs} ms RTT, ${Math.round(t.throughputKbps / 100) / 10} Mbps,`
    + ` ${t.cpuSlowdownMultiplier}× CPU slowdown`;
}

/** The figures of one report. */
function summary(lhr) {
  const value = (id) => lhr.audits[id]?.numericValue;
  return {
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)])),
    fcpMs: Math.round(value('first-contentful-paint')),
    lcpMs: Math.round(value('largest-contentful-paint')),
    tbtMs: Math.round(value('total-blocking-time')),
    cls: Math.round(value('cumulative-layout-shift') * 1000) / 1000,
    totalBytes: value('total-byte-weight'),
    lcpElement: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.selector,
    conditions: conditions(lhr.configSettings),
  };
}

/** What an audit points at (at most five): elements (selector and text), URLs, or LCP phases. */
function culprits(audit) {
  const items = (audit.details?.items || []).flatMap((it) => (it.type === 'table' ? it.items : [it]));
  return items.slice(0, 5).map((it) => {
    if (it.node) return `${it.node.selector}${it.node.nodeLabel ? ` “${it.node.nodeLabel}”` : ''}`;
    if (it.phase) return `${it.phase}: ${Math.round(it.timing)} ms`;
    return it.url || it.scriptUrl || it.source?.url || JSON.stringify(it).slice(0, 120);
  });
}

/** Audits that fail (score below 1) in the listed categories, weight 0 ones included but marked. */
function failing(lhr) {
  const out = [];
  for (const c of LISTED) {
    for (const ref of lhr.categories[c].auditRefs) {
      const a = lhr.audits[ref.id];
      if (a.score === null || a.score >= 1 || ['informative', 'manual', 'notApplicable'].includes(a.scoreDisplayMode)) continue;
      out.push({ category: c, id: a.id, title: a.title, weight: ref.weight, culprits: culprits(a) });
    }
  }
  return out;
}

/** Performance audits with estimated savings, for the mobile run (what would raise its score). */
function opportunities(lhr) {
  return lhr.categories.performance.auditRefs
    .filter((ref) => ref.group !== 'metrics' && ref.group !== 'hidden')
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 0.9 && a.displayValue && !['informative', 'notApplicable'].includes(a.scoreDisplayMode))
    .map((a) => ({ id: a.id, title: a.title, value: a.displayValue, culprits: culprits(a) }));
}

/** Runs both modes `runs` times each against `url` and keeps the median run of each. */
export async function run(url, { runs }) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME_PATH,
    chromeFlags: ['--headless=new', ...CHROME_FLAGS],
    logLevel: 'silent',
  });
  const modes = {};
  try {
    for (const [mode, config] of [['mobile', undefined], ['desktop', desktopConfig]]) {
      const lhrs = [];
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(url, { port: chrome.port, logLevel: 'error', onlyCategories: CATEGORIES }, config);
        if (result?.lhr.runtimeError) throw new Error(`Lighthouse ${mode}: ${result.lhr.runtimeError.message}`);
        lhrs.push(result.lhr);
      }
      const lhr = runs > 1 ? computeMedianRun(lhrs) : lhrs[0];
      fs.writeFileSync(path.join(OUT, `lighthouse-${mode}.json`), JSON.stringify(lhr));
      modes[mode] = {
        ...summary(lhr), runs, lighthouseVersion: lhr.lighthouseVersion, warnings: lhr.runWarnings,
        failing: failing(lhr), opportunities: mode === 'mobile' ? opportunities(lhr) : undefined,
        all: runs > 1 ? lhrs.map((l) => summary(l).scores.performance) : undefined,
      };
    }
  } finally {
    chrome.kill();
  }
  return modes;
}

/** The human-readable section. */
export function report(lh) {
  const { mobile: m, desktop: d } = lh;
  const goal = (c) => (GOALS[c] === undefined ? '' : GOALS[c] === 100 ? '100' : `≥ ${GOALS[c]}`);
  const rows = [
    ['', 'mobile', 'desktop', 'goal'],
    ...CATEGORIES.map((c) => [NAMES[c], m.scores[c], d.scores[c], goal(c)]),
    ['FCP', `${m.fcpMs} ms`, `${d.fcpMs} ms`],
    ['LCP', `${m.lcpMs} ms`, `${d.lcpMs} ms`],
    ['TBT', `${m.tbtMs} ms`, `${d.tbtMs} ms`],
    ['CLS', m.cls, d.cls],
    ['total byte weight', kib(m.totalBytes), kib(d.totalBytes)],
  ];
  const lines = [
    `1. Lighthouse ${m.lighthouseVersion}, welcome page, ${m.runs === 1 ? 'one run' : `median of ${m.runs} runs`} per mode`,
    `   mobile: ${m.conditions}; desktop: ${d.conditions}`,
    '',
    indent(table(rows, [1, 2])),
    '',
    `  LCP element: mobile ${m.lcpElement || '–'}, desktop ${d.lcpElement || '–'}`,
  ];
  if (m.all) lines.push(`  performance of each run: mobile ${m.all.join(', ')}; desktop ${d.all.join(', ')}`);
  for (const w of [...new Set([...m.warnings, ...d.warnings])]) lines.push(`  warning: ${w}`);
  // One entry per failing audit, with the modes it fails in.
  const byId = new Map();
  for (const [mode, r] of Object.entries(lh)) {
    for (const f of r.failing) {
      if (!byId.has(f.id)) byId.set(f.id, { ...f, modes: [] });
      byId.get(f.id).modes.push(mode);
    }
  }
  lines.push('', `  failing audits (${LISTED.map((c) => NAMES[c]).join(', ')}): ${byId.size || 'none'}`);
  for (const f of byId.values()) {
    const weight = f.weight === 0 ? ', weight 0: not in the score' : '';
    lines.push(`  - ${f.id} (${f.category}${weight}; ${f.modes.join(', ')}): ${f.title}`);
    for (const c of f.culprits) lines.push(`      ${c}`);
  }
  lines.push('', `  performance audits below 0.9 (mobile): ${m.opportunities.length || 'none'}`);
  for (const o of m.opportunities) {
    lines.push(`  - ${o.id}: ${o.title} (${o.value})`);
    for (const c of o.culprits) lines.push(`      ${c}`);
  }
  return lines.join('\n');
}
