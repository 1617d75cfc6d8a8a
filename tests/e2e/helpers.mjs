// Shared e2e set-up: the release build served on 127.0.0.1 (tools/serve.mjs), Debian's Chromium through
// playwright-core, and guards that fail a test on console errors, CSP violations or any request to another origin.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tools/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const ARTIFACTS = path.join(here, 'artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export function readJson(rel) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
}

/** Starts the server and the browser once per test file. */
export async function setup() {
  const { server, url } = await serve(path.join(ROOT, 'dist'), 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    url,
    browser,
    async close() { await browser.close(); await new Promise((r) => server.close(r)); },
  };
}

/**
 * A fresh browser profile (context) and page, with guards. `problems` collects console errors, page errors,
 * CSP violations and requests to other origins; `assertClean()` fails the test if any occurred.
 */
export async function openPage(env, { viewport = PHONE, locale = 'vi-VN', context = null } = {}) {
  const ctx = context || await env.browser.newContext({ viewport, locale });
  const page = await ctx.newPage();
  const problems = [];
  const origin = new URL(env.url).origin;
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request to another origin: ${u}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return {
    ctx, page, problems,
    assertClean() {
      if (problems.length) throw new Error(`browser problems:\n${problems.join('\n')}`);
    },
  };
}

/** Opens the app and waits until Yew has rendered. */
/** Opens the app and waits until it runs (the pre-rendered, inert welcome page in #boot has been replaced). */
export async function gotoApp(page, url, hash = '#/') {
  await page.goto(`${url}/${hash}`);
  await appReady(page);
}

export async function appReady(page) {
  await page.waitForFunction(() => !document.getElementById('boot') && document.querySelector('main#main'));
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
