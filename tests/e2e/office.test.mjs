// The advisor's and office's pages come with the whole app, a second wasm loaded on demand: the page shows the
// download's progress, the whole app takes over with the same enterprise, and it works offline after one visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, screenshot, PHONE, appReady } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const OFFICE = /\/dx_office_bg\.wasm$/;
const OWNER = /\/dx_check-[0-9a-f]+_bg\.wasm$/;
const NAME = 'Hợp tác xã Nông sản Đồng Tháp';

test('an office page loads its part with progress, goes on with the same enterprise, and works offline after one visit', async () => {
  const ctx = await env.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
  const { page, assertClean } = await openPage(env, { context: ctx });
  const fetched = { owner: 0, office: 0 };
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (OWNER.test(p)) fetched.owner += 1;
    if (OFFICE.test(p)) fetched.office += 1;
  });
  await page.goto(`${env.url}/`);
  await appReady(page);
  assert.equal(fetched.office, 0, 'the owner\'s path does not fetch the office pages');
  await page.locator('article[aria-labelledby="card-quick"]').getByRole('button', { name: 'Bắt đầu' }).click();
  await page.locator('#pf-name').fill(NAME);
  await page.locator('#pf-name').press('Tab');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('dxcheck.v1.e.')));

  // The whole app's wasm is held until the progress has been seen.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(OFFICE, async (route) => { await held; await route.continue(); });
  await page.locator('footer').getByRole('link', { name: 'Bảng tổng hợp của tỉnh' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đang mở trang dành cho tư vấn viên và sở' }).waitFor();
  const bar = page.locator('main progress');
  await bar.waitFor();
  assert.equal(await bar.getAttribute('aria-labelledby'), 'office-progress');
  assert.match(await page.locator('#office-progress').innerText(), /Đang bắt đầu tải|Đã tải \d+ \/ \d+ KB/);
  await screenshot(page, 'office-loading-390');
  release();
  await page.getByRole('heading', { level: 1, name: 'Tổng hợp kết quả của tỉnh' }).waitFor();
  assert.equal(await page.locator('main progress[aria-labelledby="office-progress"]').count(), 0);
  assert.equal(await page.locator('header.topbar').count(), 1, 'one app on the page, not two');
  await page.unroute(OFFICE);
  // The same enterprise is being assessed, and its answers are there.
  await page.locator('header').getByRole('link', { name: `Đang đánh giá: ${NAME}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Doanh nghiệp trên thiết bị này' }).waitFor();
  assert.equal(await page.locator('li.ent').count(), 1);
  await page.locator('li.ent', { hasText: NAME }).getByText('Đang đánh giá', { exact: true }).waitFor();

  // Offline after this visit: the service worker has kept the whole app too.
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    const keys = await caches.keys();
    return reg.active && keys.length === 1 && (await (await caches.open(keys[0])).match('/dx_office_bg.wasm')) !== undefined;
  });
  await ctx.setOffline(true);
  await page.goto(`${env.url}/?offline#/`);
  await appReady(page);
  await page.locator('footer').getByRole('link', { name: 'Chế độ hội thảo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hội thảo' }).waitFor();
  assert.equal(fetched.owner, 2, 'the owner\'s wasm: once online, once more offline (from the service worker)');
  await ctx.setOffline(false);
  assertClean();
  await ctx.close();
});

test('when the office part cannot be loaded, the page says so and loading again works', async () => {
  const ctx = await env.browser.newContext({ viewport: PHONE, locale: 'vi-VN', serviceWorkers: 'block' });
  const { page, problems } = await openPage(env, { context: ctx });
  await page.route(OFFICE, (route) => route.abort('internetdisconnected'));
  await page.goto(`${env.url}/#/enterprises`);
  await appReady(page);
  const alert = page.getByRole('alert').filter({ hasText: 'Không tải được trang này' });
  await alert.waitFor();
  await page.getByRole('heading', { level: 1, name: 'Chưa mở được trang dành cho tư vấn viên và sở' }).waitFor();
  await screenshot(page, 'office-failed-390');
  await page.unroute(OFFICE);
  await alert.getByRole('button', { name: 'Thử tải lại' }).click();
  await page.getByRole('heading', { level: 1, name: 'Doanh nghiệp trên thiết bị này' }).waitFor();
  // The refused request is the only problem: Chromium logs it.
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(p)), []);
  await ctx.close();
});
