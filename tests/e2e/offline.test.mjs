// Offline after one visit (service worker), and the update prompt when a new version is deployed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, openPage, screenshot, readJson, ROOT, PHONE, appReady } from './helpers.mjs';
import { serve } from '../../tools/serve.mjs';

const quick = readJson('questionnaires/quick.json');
let env;
let site;
let dir;
before(async () => {
  env = await setup();
  // A copy of the release build that this test can "redeploy".
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxcheck-site-'));
  fs.cpSync(path.join(ROOT, 'dist'), dir, { recursive: true });
  site = await serve(dir, 0);
});
after(async () => {
  await env?.close();
  await new Promise((r) => site?.server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('after one visit, the app starts offline and an assessment can be completed; a new version prompts before it takes over', async () => {
  const ctx = await env.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
  const { page, assertClean } = await openPage({ ...env, url: site.url }, { context: ctx });
  await page.goto(`${site.url}/`);
  await appReady(page);
  const version = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active.scriptURL;
  });
  assert.match(version, /\/sw\.js$/);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const c = await caches.open(keys[0]);
    return { keys, count: (await c.keys()).length };
  });
  assert.equal(cached.keys.length, 1);
  assert.ok(cached.count >= 10, `every asset precached: ${cached.count}`);

  await ctx.setOffline(true);
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Doanh nghiệp của bạn đang ở mức chuyển đổi số nào?' }).waitFor();
  await page.locator('article', { hasText: quick.title.vi }).getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  for (const [i, dim] of quick.dimensions.entries()) {
    await page.getByRole('heading', { level: 1, name: dim.name.vi }).waitFor();
    for (const q of quick.questions.filter((x) => x.dimension === dim.id && !x.visible_if)) {
      await page.locator(`fieldset#q-${q.id} input`).first().check();
    }
    await page.getByRole('button', { name: i === quick.dimensions.length - 1 ? 'Xem kết quả' : 'Tiếp theo' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Kết quả tự đánh giá' }).waitFor();
  assert.equal(await page.locator('section.overall .level-badge').innerText(), 'Mức 0');
  await screenshot(page, 'offline-results-390');

  // Redeploy: a changed asset gives a new versioned cache. The running page keeps its version until asked.
  await ctx.setOffline(false);
  fs.appendFileSync(path.join(dir, 'index.html'), '\n<!-- v2 -->\n');
  for (const f of fs.readdirSync(dir).filter((f) => /\.(br|gz)$/.test(f))) fs.rmSync(path.join(dir, f));
  execFileSync('node', [path.join(ROOT, 'tools/sw.mjs'), dir]);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.getByText('Đã có phiên bản mới của DX Check.').waitFor();
  const before = await page.evaluate(() => caches.keys());
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Tải lại để dùng phiên bản mới' }).click()]);
  await page.locator('main#main').waitFor();
  await page.waitForFunction((old) => caches.keys().then((k) => k.length === 1 && k[0] !== old[0]), before);
  assert.ok(await page.locator('section.overall, h1').first().isVisible(), 'the app runs on the new version');
  assertClean();
  await ctx.close();
});
